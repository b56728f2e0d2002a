"""Which of several full names sharing a surname a title means: "Mr. Quist" the man, "President Quist" the president."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span

from bot.nlp.quote_cues import HONORIFICS, ROLE_NOUNS, ROYAL_TITLES, TITLES, words
from bot.nlp.role_binding import role_words

# words that say a person's sex: titles before a name, and nouns describing the person ("the first lady, ...")
_MALE = words("""mr mr. sir lord king prince duke earl baron husband son father brother widower spokesman chairman
    congressman councilman assemblyman alderman businessman actor boyfriend grandfather uncle nephew""")
_FEMALE = words("""mrs mrs. ms ms. miss dame lady queen princess duchess countess baroness wife daughter mother sister
    widow spokeswoman chairwoman congresswoman councilwoman assemblywoman alderwoman businesswoman actress
    girlfriend grandmother aunt niece""")


# words that say what a person is, not who: roles, titles, family ("first lady", "wife"); no honorific or "former"
_ROLE_WORDS = (ROLE_NOUNS | TITLES | _MALE | _FEMALE) - HONORIFICS - words("mr mr. mrs mrs. ms ms. miss former acting")


_SEX_TITLES = words("""mr mr. mrs mrs. ms ms. miss sir dame lord lady king queen prince princess duke duchess earl
    countess baron baroness""")


def described_words(ent: Span) -> set[str]:
    """The lower-cased words that title or describe the person ``ent`` names where it stands: its own titles, the
    words of its noun phrase before it ("President Pavel Quist"), and a noun phrase in apposition to it ("the first
    lady, Nora Quist", "Nora Quist, his wife,"), each only up to its noun."""
    doc = ent.doc
    root = ent.root
    toks = [*ent, *doc[root.left_edge.i : ent.start]]
    if root.dep_ == "appos" and root.head.i < ent.start:
        toks += doc[root.head.left_edge.i : root.head.i + 1]
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            toks += doc[child.left_edge.i : child.i + 1]
    # a family word capitalised is a name's ("ex-Big Brother star"), not the person's sex; a title is capitalised
    return {t.lower_ for t in toks if t.text.islower() or t.lower_ in _SEX_TITLES or not sex_of({t.lower_})}


def sex_of(found: set[str]) -> str | None:
    """"m" or "f" when the words say one sex and not the other, else None."""
    male, female = bool(found & _MALE), bool(found & _FEMALE)
    return "m" if male and not female else "f" if female and not male else None


def choose(candidates: list[str], title: str, described: dict[str, set[str]],
           told: Callable[[str], str | None] = lambda _: None) -> str | None:
    """The one of ``candidates`` (full names sharing a surname) that ``title`` ("Mr.", "President") means: a title
    that says the sex picks the first one the text gives that sex (its words, else ``told``: "m", "f" or None for
    a full name, from its own mentions; an honorific is no royal's: "Mr Mohammed" is not "King Mohammed VI"),
    else, when the text gives another one the other sex, the only one whose sex it does not tell, or none (""),
    and when it tells no one's sex, the first one; a role picks the only one the text gives that role (not a name
    made of a title, "Commodore Lambert"). None when the title tells nothing the text tells of them (the first full
    name then stands, as without a title)."""
    said = {w.lower() for w in title.split()}
    candidates, described = _people(candidates, described)
    sex = sex_of(said)
    if sex is not None:
        if said & HONORIFICS:  # "Mr Mohammed" is no "King Mohammed VI"
            candidates = [c for c in candidates if c.split()[0].lower() not in ROYAL_TITLES] or candidates
        known = {c: sex_of(described.get(c, set())) or told(c) for c in candidates}
        match = [c for c in candidates if known[c] == sex]
        if match:
            return match[0]
        if all(k is None for k in known.values()):
            return candidates[0] if candidates else None  # no one's sex told: the first full name
        unknown = [c for c in candidates if known[c] is None]  # "Mr. Obama": not "the first lady, Michelle Obama"
        return unknown[0] if len(unknown) == 1 else ""
    role = role_words(title) & _ROLE_WORDS  # "Gen." is a general
    if not role:
        return None
    named = [c for c in candidates if c.split()[0].lower().rstrip(".") not in role | _ROLE_WORDS]
    holders = [c for c in named if role & role_words(" ".join(sorted(described[c])))]
    return holders[0] if len(holders) == 1 else None


def _people(candidates: list[str], described: dict[str, set[str]]) -> tuple[list[str], dict[str, set[str]]]:
    """The candidates that are different people, each as the text first names them: a name written again with
    other spacing ("Holtz - Eakin", "Holtz Eakin"), shorter ("Van Voorhis" after "Chandler Van Voorhis") or longer
    ("Crooked Hillary Clinton" after "Hillary Clinton") is the one named first, its words added to it."""
    def key(name: str) -> tuple[str, ...]:
        return tuple(w.lower() for w in name.replace("-", " ").split())

    def tail(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
        return len(short) <= len(long) and long[len(long) - len(short):] == short

    merged: dict[str, set[str]] = {}
    for name in candidates:
        same = next((p for p in merged if tail(key(name), key(p)) or tail(key(p), key(name))
                     or (key(p)[0], key(p)[-1]) == (key(name)[0], key(name)[-1])), None)  # "Ana B. Roy"
        merged.setdefault(same or name, set()).update(described.get(name, set()))
    return list(merged), merged
