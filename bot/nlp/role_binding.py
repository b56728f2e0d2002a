"""Whether "the chancellor" can be a person the article named before: their own stated role must be that role."""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Token

from bot.nlp.quote_cues import DETERMINERS, words
from bot.nlp.role_qualifiers import contradicts

# Abbreviated titles, read as the role they stand for ("Sen. Ana Ode" ... "the senator")
ABBREVIATIONS = {
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "pm": "prime minister",
    "ceo": "chief executive", "cllr": "councillor", "supt": "superintendent", "insp": "inspector",
    "det": "detective", "sgt": "sergeant", "capt": "captain", "col": "colonel", "lt": "lieutenant",
    "maj": "major", "adm": "admiral", "cmdr": "commander", "prof": "professor", "dr": "doctor",
    "rev": "reverend", "atty": "attorney", "amb": "ambassador", "pres": "president", "sec": "secretary",
}
# One role, several words: a role holding the words on the left is also called by the one on the right
SAME_ROLES = (
    ("prime minister", "premier"), ("chief executive", "ceo"), ("spokesman", "spokesperson"),
    ("spokeswoman", "spokesperson"), ("spokesperson", "spokesman spokeswoman"), ("chairman", "chair"),
    ("chairwoman", "chair"), ("chairperson", "chair"), ("chair", "chairman chairwoman chairperson"),
    ("congressman", "lawmaker"), ("congresswoman", "lawmaker"), ("senator", "lawmaker"),
    ("representative", "congressman congresswoman lawmaker"), ("district attorney", "prosecutor"),
    ("u.s attorney", "prosecutor"), ("adviser", "advisor"), ("advisor", "adviser"),
)
# Words that say which one of a role, not what role: "the former minister" may be the minister named before
FREE_WORDS = words(
    """former then current new veteran embattled outgoing incoming longtime long-time top senior same late
    beleaguered influential powerful popular controversial"""
)
# Words that make another office of a role: "Vice President Ada Quist" is not "the president"
RANKS = words("vice deputy assistant associate under junior shadow sub acting interim")
# A candidate's campaign: "the Trump campaign" speaks for the Trump the article names
CAMPAIGNS = words("campaign")
# Words for someone who speaks for others, which an article varies for one unnamed person
VAGUE_ROLES = words(
    """official source diplomat aide adviser advisor spokesperson spokesman spokeswoman person man woman insider
    officer representative member"""
)
PLACES = ("GPE", "LOC", "NORP")  # "the Vermont senator": the place says whose seat, not which role
_SPLIT = re.compile(r"[\s\-‑–]+")
_POSSESSIVES = ("'s", "’s", "'", "’")


def role_fits(head: Token, start: int, end: int, role: str | None, canonical: str = "") -> bool:
    """Whether the role noun ``head`` (its phrase between the character offsets ``start`` and ``end``: "the
    finance minister", "the party's leader") describes a person of this stated role: the noun is one of the
    role's words, every other word that says which role (not "former", "veteran", a place) is one too ("finance
    minister" is not "Prime Minister"), a party, nation or place the phrase states is the role's own where the
    role states one of that kind ("the Republican nominee" is not the "Democratic nominee"; "the Vermont senator"
    may be "Sen. Ode"), and the role holds no rank the phrase leaves out ("Vice President" is not "the
    president"). A described person ("unnamed senior official") is read by their description, one of many
    not as "the official"; a person the article names without a role fits the role it writes as their title
    ("President Obama", "Sen. Ode"). The owner of a possessive says whose, so "the author's sources" are not the
    author; "the Trump campaign" is the campaign of the Trump the article names."""
    unnamed = canonical.startswith("unnamed ")
    own = role or (canonical[len("unnamed "):] if unnamed else "")
    said = [t for t in head.doc[head.left_edge.i : head.i] if start <= t.idx < end]
    if head.lemma_.lower() in CAMPAIGNS:
        return bool(said) and said[-1].pos_ == "PROPN" and said[-1].text in canonical.split()
    if not own:
        return _titled(head, canonical)
    held = role_words(own)
    if not ({head.lower_, head.lemma_.lower()} & held):
        return False
    if unnamed and head.tag_ == "NN" and _plain_words(own)[-1] not in (head.lower_, head.lemma_.lower()):
        return False  # "the official" is not one of "Russian officials"
    if any(t.lower_ not in held for t in said if _qualifies(t)) or contradicts(said, own, head.doc):
        return False  # "the Republican nominee" is not the "Democratic nominee"
    spoken = {t.lower_ for t in said}
    plain = _plain_words(own)
    return not any(rank in RANKS and rank not in spoken and word in (head.lower_, head.lemma_.lower())
                   for rank, word in pairwise(plain))


def loosely_fits(head: Token, start: int, end: int, canonical: str) -> bool:
    """Whether the role noun may name an unnamed person the article described otherwise ("an embassy
    spokesperson" ... "the diplomat", "the official"): a word for someone who speaks for others, not an office
    that one person holds ("the chancellor"), no name in the phrase the description lacks ("the Bat
    spokeswoman" is not "a spokesman for the regulator"), and no party, nation or place in it other than the
    description's own of that kind ("the French diplomat" is not "a German diplomat")."""
    names = [t for t in head.doc[head.left_edge.i : head.i] if start <= t.idx < end and t.pos_ == "PROPN"
             and _qualifies(t)]
    held = role_words(canonical)
    said = [t for t in head.doc[head.left_edge.i : head.i] if start <= t.idx < end]
    return (head.lemma_.lower() in VAGUE_ROLES and all(t.lower_ in held for t in names)
            and not contradicts(said, canonical, head.doc))  # "the French diplomat" is not "a German diplomat"


def _titled(head: Token, canonical: str) -> bool:
    """The person's name opens with the role noun ("The Duke of Rosmark" ... "the duke"), or the text writes it
    (or its abbreviation) as a title before their surname ("President Obama", "Sen. Ana Ode")."""
    parts = canonical.split()
    if not parts or canonical.startswith("unnamed "):
        return False
    forms = {head.lower_, head.lemma_.lower()}
    if parts[0].lower() in forms:
        return True
    forms |= {short for short, full in ABBREVIATIONS.items() if full in forms}
    title = "|".join(sorted(map(re.escape, forms)))
    names = r"(?:[A-Z][\w.'’-]*\s+){0,2}"
    return re.search(rf"(?<!\w)(?i:{title})\.?\s+{names}{re.escape(parts[-1])}(?!\w)", head.doc.text) is not None


def role_words(role: str) -> set[str]:
    """A stated role's words as a role noun may name it: lower case, hyphens split, possessives and full stops
    off, abbreviated titles in full ("Sen." -> "senator"), a singular for each plural, and the other words of
    the same role ("Prime Minister" is also "premier")."""
    out: set[str] = set()
    for word in _plain_words(role):
        out.update(ABBREVIATIONS.get(word, word).split())
    for held, also in SAME_ROLES:
        if set(held.split()) <= out:
            out.update(also.split())
    return out | {w[:-1] for w in out if w.endswith("s") and len(w) > 3}


def _plain_words(role: str) -> list[str]:
    words_: list[str] = []
    for word in _SPLIT.split(role.lower()):
        for end in _POSSESSIVES:
            word = word.removesuffix(end)
        word = word.strip(".,;:()\"'“”‘’")
        if word:
            words_.append(word)
    return words_


def _qualifies(tok: Token) -> bool:
    """A word of the phrase that says which role: not a determiner, a mark, a possessive's ending, a number, a
    word of which one (``FREE_WORDS``), a place or a common noun's possessive ("the country's")."""
    return not (tok.is_punct or tok.lower_ in DETERMINERS or tok.tag_ in ("POS", "DT", "PRP$", "CD")
                or tok.tag_.startswith("RB") or tok.text in _POSSESSIVES or tok.lower_ in FREE_WORDS
                or tok.ent_type_ in PLACES
                or (tok.dep_ == "poss" and tok.pos_ != "PROPN"))  # "the country's most senior prosecutor"


def named_before(head: Token, start: int, end: int, roles: dict[str, list[str]]) -> tuple[str, str] | None:
    """(name, role) of the person the text last named, before the phrase, with a role the phrase fits
    (``role_fits``) among every role the text gives them, and none of those roles stating another party, nation or
    place: "the chancellor" after "Chancellor Eva Lund and Prime Minister Ola Berg" is Eva Lund; "the nominee"
    after "businessman Tom Hale" and "nominee Tom Hale" is Tom Hale."""
    text = head.doc.text
    said = [t for t in head.doc[head.left_edge.i : head.i] if start <= t.idx < end]
    best: tuple[int, str, str] | None = None
    for name, held in roles.items():
        at = text.rfind(name, 0, start)
        if at < 0 or (best is not None and at <= best[0]) or contradicts(said, ", ".join(held), head.doc):
            continue  # "Democratic Sen. Ana Ode" is not "the Republican senator" by her role "Sen." alone
        role = next((r for r in held if role_fits(head, start, end, r)), None)
        if role is not None:
            best = (at, name, role)
    return best[1:] if best is not None else None
