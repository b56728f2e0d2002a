"""Titles before names: where a title ends, whether a person's name follows it, and names without them."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.nlp.nicknames import nickname_tokens
from bot.nlp.quote_cues import AMBIGUOUS_TITLES, DETERMINERS, ORG_WORDS, TITLES, title_length, words

# Title words that also lead organisations' names ("General Electric", "Special Olympics"): no title alone.
TITLE_MODIFIERS = words("general special foreign deputy vice former acting prime chief representative")
NOT_PEOPLE = ("ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "LAW")
NAME_PARTICLES = words("de da di del della der den van von la le du bin al")


def compound_chains(doc: Doc) -> list[list[Token]]:
    """Each proper noun with the compounds right before it that hang on it or on one another ("Mayor Ines
    Vartan"), two tokens or more."""
    out: list[list[Token]] = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.dep_ == "compound":
            continue
        left = tok.i
        while left > 0 and doc[left - 1].dep_ == "compound" and left - 1 < doc[left - 1].head.i <= tok.i:
            left -= 1
        if left < tok.i:
            out.append(list(doc[left : tok.i + 1]))
    return out


def clean_name(ent: Span, *, titles: bool = True) -> str:
    """The entity without leading determiners, possessive marks, a nickname in quotation marks (`Ada "Addie"
    Brun` is Ada Brun) and (unless ``titles`` is false) titles."""
    nickname = nickname_tokens(list(ent))
    toks = [t for t in ent if t.dep_ != "case" and t.text not in ("’s", "'s") and t.i not in nickname]
    while toks and toks[0].lower_ in DETERMINERS:
        toks = toks[1:]
    if titles and (len(toks) > 1 or (toks and toks[0].lower_ not in AMBIGUOUS_TITLES)):
        # "Prince" or "King" alone is a name ("King said"), "Mayor" alone a bare title
        toks = toks[title_length([t.text for t in toks]):]
    while toks and toks[0].lower_ in DETERMINERS:
        toks = toks[1:]
    return " ".join(t.text for t in toks).strip(" ,.")


def title_end(toks: list[Token]) -> tuple[int, bool]:
    """Where the leading title ends ("Deputy Mayor", "Chief Engineer", "Secretary of State") and whether one or two
    capitalised words qualify it ("Police Chief", "New York Mayor", "U.S. Attorney General")."""
    texts = [t.text for t in toks]
    n = title_length(texts)
    if n:
        return n, False
    for q in (1, 2):
        if len(toks) > q and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in TITLES
                                 for t in toks[:q]):
            m = title_length(texts[q:])
            if m:
                return q + m, True
    return 0, False


def org_word(tok: Token) -> bool:
    """A word that names an organisation or a place ("League", "Hotels"), not a person."""
    low = tok.lower_
    return low in ORG_WORDS or (low.endswith("s") and low[:-1] in ORG_WORDS)


def name_word(tok: Token, last: bool) -> bool:
    """A word of a person's name: a capitalised proper noun that names no organisation or place and is no title
    (a surname may be one: "Larry King"), or a particle inside it ("Bill de Blasio")."""
    if tok.lower_ in NAME_PARTICLES and not last:
        return True
    return (tok.pos_ == "PROPN" and tok.text[:1].isupper() and not org_word(tok)
            and (last or tok.lower_ not in TITLES))


def titled_person(toks: list[Token], known: dict[str, str]) -> tuple[str, str] | None:
    """(title, name) when the tokens are titles then a person's name ("Deputy Mayor Kari Holm", "Councillor
    Tove Aune", "mayor Ines Vartan"), whatever NER tagged them: the rest capitalised proper nouns, no
    organisation's or place's word ("Major League Baseball", "Justice Department"), no possessive
    ("President's Choice"), not a modifier alone before one word ("General Electric"); one word alone only
    after a title that seldom leads other names ("Mayor Vasquez", not "Captain America") or when the article
    names that surname in full."""
    nickname = nickname_tokens(toks)
    toks = [t for t in toks if t.i not in nickname]
    while toks and toks[0].lower_ in DETERMINERS:
        toks = toks[1:]
    n, qualified = title_end(toks)
    title, rest = toks[:n], toks[n:]
    if not title or not rest or len(rest) > 4 or (qualified and len(rest) < 2):
        return None
    if not all(name_word(t, i == len(rest) - 1) for i, t in enumerate(rest)):
        return None
    head = title[-1].lower_
    if len(rest) < 2 and rest[-1].lower_ not in known and (
            head in AMBIGUOUS_TITLES or head in TITLE_MODIFIERS or rest[-1].ent_type_ in NOT_PEOPLE):
        return None
    return " ".join(t.text for t in title), " ".join(t.text for t in rest).strip(" ,.")


def title_split(toks: list[Token]) -> tuple[str, list[Token]]:
    """Leading titles apart from the name: "Mayor Ines Vartan" -> ("Mayor", [Ines, Vartan])."""
    toks = [t for t in toks if t.dep_ != "case" and t.text not in ("’s", "'s")]
    while toks and toks[0].lower_ in DETERMINERS:
        toks = toks[1:]
    n = title_length([t.text for t in toks])
    if n >= len(toks):
        return "", toks  # "the King": a title alone is no title of a name
    return " ".join(t.text for t in toks[:n]), toks[n:]
