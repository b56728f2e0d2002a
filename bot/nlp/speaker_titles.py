"""Titles before names: where a title ends, whether a person's name follows it, and names without them."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from bot.nlp.nicknames import nickname_tokens
from bot.nlp.quote_cues import (
    AMBIGUOUS_TITLES,
    DETERMINERS,
    OF_TITLES,
    ORG_WORDS,
    TITLE_TAILS,
    TITLES,
    name_suffix,
    royal_name,
    title_length,
    words,
)

# Title words that also lead organisations' names ("General Electric", "Special Olympics"): no title alone.
TITLE_MODIFIERS = words("general special foreign deputy vice former acting prime chief representative")
VP_FORMS = frozenset({"VP", "V.P."})  # "VP Ada Quist": the title, as written in capitals (not "vp" in a word)
VICE_PRESIDENT = "Vice President"
NOT_PEOPLE = ("ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "LAW")
NAME_PARTICLES = words("de da di del della der den van von la le du bin al")
PLACE_PREPOSITIONS = words("in at from near of")  # "officials in King Salmon": a royal title in a place's name
# Nouns of what a person does, sends or undergoes: "from"/"of" after them names a person ("a visit from King Charles",
# "the coronation of King Charles"), not a place, whatever NER tagged the name ("tour" is none: "a tour of King
# Island" is a place toured).
PERSON_ACTS = words(
    """visit letter message call speech address greeting statement remarks gift coronation wedding funeral death
    birth birthday reign abdication portrait statue jubilee appeal plea decree blessing audience invitation
    telegram note apology reply request interview tribute condolence condolences thanks praise"""
)


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
    Brun` is Ada Brun), a title's place NER took in (``place_in_name``) and (unless ``titles`` is false) titles."""
    nickname = nickname_tokens(list(ent))
    toks = [t for t in ent if t.text not in ("’s", "'s") and t.i not in nickname]
    toks = toks[place_in_name(ent):]  # "Special Envoy for Haiti Daniel Foote" with "Haiti Daniel Foote" tagged
    while toks and toks[0].lower_ in DETERMINERS:
        toks = toks[1:]
    if titles and (len(toks) > 1 or (toks and toks[0].lower_ not in AMBIGUOUS_TITLES)):
        # "Prince" or "King" alone is a name ("King said"), "Mayor" alone a bare title
        toks = toks[vp_length(toks) or title_length([t.text for t in toks]):]
    while toks and toks[0].lower_ in DETERMINERS:
        toks = toks[1:]
    return tidy_name(_joined(toks))


def _joined(toks: list[Token]) -> str:
    """The tokens' text, a plural possessive's lone apostrophe kept on its word ("Transport Workers' Union")."""
    words: list[str] = []
    for t in toks:
        if t.text in ("'", "’") and t.tag_ == "POS" and words and words[-1].endswith("s"):
            words[-1] += t.text
        elif t.dep_ != "case":
            words.append(t.text)
    return " ".join(words)


def vp_length(toks: list[Token]) -> int:
    """1 when the tokens open with "VP" (written so) before more of a name ("VP Ada Quist"), else 0."""
    return 1 if len(toks) > 1 and toks[0].text in VP_FORMS else 0


def full_title(role: str) -> str:
    """A role with its abbreviation "VP" written out ("VP" -> "Vice President"); any other as it is."""
    return " ".join(VICE_PRESIDENT if w in VP_FORMS else w for w in role.split()) if role else role


def tidy_name(text: str) -> str:
    """A name without the punctuation around it, keeping the full stop of a suffix ("Okafor Jr.")."""
    text = text.strip(" ,")
    parts = text.split()
    if parts and parts[-1].endswith(".") and name_suffix(parts[-1]):
        return text
    return text.strip(" ,.")


def surname(parts: list[str], *, full: bool = True) -> str:
    """The surname among a name's words: the last before any suffixes ("Okafor" of "Martin Luther Okafor Jr.",
    "Charles" of "King Charles III"); when ``full``, "" unless two words come before the suffixes."""
    core = list(parts)
    while len(core) > 1 and name_suffix(core[-1]):
        core.pop()
    return core[-1] if core and (len(core) >= 2 or not full) else ""


def suffixed_person(toks: list[Token]) -> str | None:
    """A person's name ending in "Jr." or "Sr.", whatever NER tagged it ("Walt Pemberly Jr." as an organisation):
    two name words or more before the suffix, no title; else None."""
    toks = [t for t in toks if t.lower_ not in DETERMINERS]
    if len(toks) < 3 or toks[-1].text.rstrip(".").lower() not in ("jr", "sr"):
        return None
    if not all(name_word(t, last=False) for t in toks[:-1]):
        return None
    return tidy_name(" ".join(t.text for t in toks))


def royal_person(toks: list[Token]) -> str | None:
    """The name when the tokens are a royal or noble title that is part of it: one name after it, perhaps with a
    regnal number ("Prince William", "Pope Leo XIV", "Lord Brell"), or "of" and a place ("The Duke of Rosmark");
    else None ("Prince Tomas Brell", "Prince Olav County", "President Vance")."""
    toks = [t for t in toks if t.dep_ != "case" and t.text not in ("’s", "'s")]
    while toks and toks[0].lower_ in DETERMINERS:
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if len(toks) < 2 or not toks[0].text[:1].isupper():
        return None
    rest = toks[1:]
    if toks[0].lower_ in OF_TITLES and rest[0].lower_ == "of" and 2 <= len(rest) <= 3:
        place = rest[1:]
        if all(t.pos_ == "PROPN" and t.text[:1].isupper() and not org_word(t) for t in place):
            return " ".join(t.text for t in toks)
        return None
    if not royal_name([t.text for t in toks]) or not name_word(rest[0], True):
        return None
    if not person_act(toks) and (rest[0].ent_type_ in NOT_PEOPLE or royal_place(toks)):
        return None  # "a visit from King Charles" tagged a place is still the king
    return tidy_name(" ".join(t.text for t in toks))


def person_act(toks: list[Token]) -> bool:
    """Whether the words are the object of "from" or "of" after a noun of what a person does or sends ("a visit
    from King Charles", "the coronation of King Charles": `PERSON_ACTS`), not a modifier of a noun after them ("a
    visit from King Salmon officials")."""
    if not toks or toks[0].i == 0:
        return False
    prep = toks[0].doc[toks[0].i - 1]
    names = {t.i for t in toks}
    return (prep.lower_ in ("from", "of") and prep.head.i < prep.i and prep.head.lower_ in PERSON_ACTS
            and all(t.head.i in names or (t.head.i == prep.i and t.dep_ == "pobj") for t in toks))


def royal_place(toks: list[Token]) -> bool:
    """A royal title and one word that name a place: right after "in", "at", "from", "near" or "of" ("officials
    in King Salmon", "the council of King Cove"), not in the possessive ("in King Charles's speech") and not
    tagged by NER as anything but a place ("a letter from King Charles", "a message from Queen Margrethe")."""
    if len(toks) != 2 or toks[0].i == 0 or toks[1].i != toks[0].i + 1:
        return False
    doc = toks[0].doc
    if doc[toks[0].i - 1].lower_ not in PLACE_PREPOSITIONS:
        return False
    after = doc[toks[1].i + 1].text if toks[1].i + 1 < len(doc) else ""
    if after in ("’s", "'s", "’", "'"):
        return False
    # a name NER tags as anything but a place ("from Queen Margrethe": WORK_OF_ART; "from Prince Frederik": PERSON)
    return toks[1].ent_type_ in ("", "GPE", "LOC", "FAC", "ORG")


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
    return " ".join(t.text for t in title), tidy_name(" ".join(t.text for t in rest))


def title_split(toks: list[Token]) -> tuple[str, list[Token]]:
    """Leading titles apart from the name: "Mayor Ines Vartan" -> ("Mayor", [Ines, Vartan])."""
    toks = [t for t in toks if t.dep_ != "case" and t.text not in ("’s", "'s")]
    while toks and toks[0].lower_ in DETERMINERS:
        toks = toks[1:]
    n = vp_length(toks) or title_length([t.text for t in toks])
    if n >= len(toks):
        return "", toks  # "the King": a title alone is no title of a name
    return written_title(toks[:n]), toks[n:]


def written_title(toks: list[Token]) -> str:
    """Title words as a role, "VP" written out (``full_title``)."""
    return full_title(" ".join(t.text for t in toks))


TITLE_PLACE_PREPOSITIONS = words("for of to")  # "Special Envoy for Haiti", "Secretary of State", "Envoy to Haiti"
PLACE_LABELS = ("GPE", "LOC", "ORG", "FAC", "NORP")  # what a title is of: "Envoy to Haiti", "to the United Nations"


def place_in_name(ent: Span) -> int:
    """How many of the entity's first words are the place of a capitalised title before it, NER having taken
    the place into the name: one, in "Special Envoy for Haiti Daniel Foote" with "Haiti Daniel Foote" tagged;
    0 when two name words would not be left or no title stands before "for", "of" or "to" ("a spokesman for Ana
    Ruiz Lopez": a lower-case title, the person it speaks for)."""
    doc = ent.doc
    if len(ent) < 3 or ent.start < 2 or doc[ent.start - 1].lower_ not in TITLE_PLACE_PREPOSITIONS:
        return 0
    title = doc[ent.start - 2]
    if not (title.text[:1].isupper() and (title.lower_ in TITLES or title.lower_ in TITLE_TAILS)):
        return 0
    return 1 if all(name_word(t, k == len(ent) - 2) for k, t in enumerate(ent[1:])) else 0


def place_titled(toks: list[Token], head: int) -> tuple[str, str] | None:
    """(title, name) when a capitalised title, "for", "of" or "to", a place and a person's name of two to four
    words make the phrase: the place is the title's ("U.S. Special Envoy for Haiti"), the rest the name ("Daniel
    Foote"). With the title the phrase's head ``head`` the parser hangs place and name on the preposition ("U.S.
    Special Envoy for Haiti Daniel Foote", "Special Envoy to Haiti Hanna Lind") and the place is what comes
    before a person NER tags at the end, else a place NER tags, else one word; with the head in the name the
    place is what comes before the person NER tags ("Secretary of Homeland Security Ada Moss"), else a place NER
    tags ("Ambassador to France Ana Ruiz"). Else None."""
    while toks and toks[0].lower_ in DETERMINERS:
        toks = toks[1:]
    if any(b.i != a.i + 1 for a, b in pairwise(toks)):
        return None
    at = next((k for k, t in enumerate(toks) if t.lower_ in TITLE_PLACE_PREPOSITIONS), -1)
    if at < 1 or len(toks) < at + 4 or not toks[at - 1].text[:1].isupper() or title_end(toks[:at])[0] != at:
        return None
    prep, after = toks[at], toks[at + 1:]
    if toks[at - 1].i == head:
        inside = {t.i for t in after}
        if prep.head.i != head or not all(t.head.i == prep.i or t.head.i in inside for t in after):
            return None
        n = _place_length(after, guess=True)
    elif any(t.i == head for t in after):
        n = _place_length(after, guess=False)
    else:
        return None
    rest = after[n:]
    if not n or not 2 <= len(rest) <= 4:
        return None
    if not all(name_word(t, k == len(rest) - 1) for k, t in enumerate(rest)):
        return None
    return " ".join(t.text for t in toks[: at + 1 + n]), tidy_name(" ".join(t.text for t in rest))


def _person_start(after: list[Token]) -> int:
    """How many of the words come before a person NER tags at their end (0 when none does, or it takes them
    all)."""
    first, last = after[0], after[-1]
    if last.ent_type_ != "PERSON" or not (first.text[:1].isupper() or first.lower_ == "the"):
        return 0
    start = next(e.start for e in last.doc.ents if e.start <= last.i < e.end)
    return max(0, start - first.i)


def _place_length(after: list[Token], *, guess: bool) -> int:
    """How many of the words after a title's preposition name its place: those before a person NER tags at
    the end, else a place or body NER tags at the start that leaves two words ("the United Nations"), else (when
    ``guess``) one capitalised word."""
    first = after[0]
    if _person_start(after):
        return _person_start(after)
    if first.ent_type_ in PLACE_LABELS and first.ent_iob_ == "B":
        n = next(e.end for e in first.doc.ents if e.start == first.i) - first.i
        if n <= len(after) - 2:
            return n
    return 1 if guess and first.text[:1].isupper() else 0


def titled_in(span: Span, head: int, known: dict[str, str]) -> tuple[str, str] | None:
    """(title, name) of a person named behind a title in the speaker's phrase: through a place after the title
    (``place_titled``), else in the words up to the phrase's head (``titled_person``)."""
    return place_titled(list(span), head) or titled_person([t for t in span if t.i <= head], known)
