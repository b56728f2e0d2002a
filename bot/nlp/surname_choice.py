"""Which of several full names sharing a surname a title means: "Mr. Quist" the man, "President Quist" the president."""

from __future__ import annotations

from spacy.tokens import Span

from bot.nlp.quote_cues import HONORIFICS, ROLE_NOUNS, TITLES, words
from bot.nlp.role_binding import role_words

# words that say a person's sex: titles before a name, and nouns describing the person ("the first lady, ...")
_MALE = words("""mr mr. sir lord king prince duke earl baron husband son father brother widower spokesman chairman
    congressman councilman assemblyman alderman businessman actor boyfriend grandfather uncle nephew""")
_FEMALE = words("""mrs mrs. ms ms. miss dame lady queen princess duchess countess baroness wife daughter mother sister
    widow spokeswoman chairwoman congresswoman councilwoman assemblywoman alderwoman businesswoman actress
    girlfriend grandmother aunt niece""")


# words that say what a person is, not who: roles, titles, family ("first lady", "wife"); no honorific or "former"
_ROLE_WORDS = (ROLE_NOUNS | TITLES | _MALE | _FEMALE) - HONORIFICS - words("mr mr. mrs mrs. ms ms. miss former acting")


def described_words(ent: Span) -> set[str]:
    """The lower-cased words that title or describe the person ``ent`` names where it stands: its own titles, the
    words of its noun phrase before it ("President Pavel Quist"), and a noun phrase in apposition to it ("the first
    lady, Nora Quist", "Nora Quist, his wife,"), each only up to its noun."""
    doc = ent.doc
    root = ent.root
    out = {t.lower_ for t in ent} | {t.lower_ for t in doc[root.left_edge.i : ent.start]}
    if root.dep_ == "appos" and root.head.i < ent.start:
        out |= {t.lower_ for t in doc[root.head.left_edge.i : root.head.i + 1]}
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            out |= {t.lower_ for t in doc[child.left_edge.i : child.i + 1]}
    return out


def sex_of(found: set[str]) -> str | None:
    """"m" or "f" when the words say one sex and not the other, else None."""
    male, female = bool(found & _MALE), bool(found & _FEMALE)
    return "m" if male and not female else "f" if female and not male else None


def choose(candidates: list[str], title: str, described: dict[str, set[str]]) -> str | None:
    """The one of ``candidates`` (full names sharing a surname) that ``title`` ("Mr.", "President") means: a title
    that says the sex picks the only one of that sex, or the only one whose sex the text does not tell when none is
    of that sex, else none (""); a role picks the only one the text gives that role. None when the title says
    nothing either way (no sex, no role any candidate holds)."""
    said = {w.lower() for w in title.split()}
    candidates, described = _people(candidates, described)
    sex = sex_of(said)
    if sex is not None:
        known = {c: sex_of(described.get(c, set())) for c in candidates}
        match = [c for c in candidates if known[c] == sex] or [c for c in candidates if known[c] is None]
        return match[0] if len(match) == 1 else ""
    role = role_words(title) & _ROLE_WORDS  # "Gen." is a general
    if not role:
        return None
    held = {c: role_words(" ".join(sorted(described[c]))) & _ROLE_WORDS for c in candidates}
    holders = [c for c in candidates if role & held[c]]
    if holders:
        return holders[0] if len(holders) == 1 else None
    # "President Obama" is not "the first lady, Michelle Obama": one the text gives another role is no holder
    free = [c for c in candidates if not held[c]]
    if len(free) < len(candidates):
        return free[0] if len(free) == 1 else ""
    return None


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
        same = next((p for p in merged if tail(key(name), key(p)) or tail(key(p), key(name))), None)
        merged.setdefault(same or name, set()).update(described.get(name, set()))
    return list(merged), merged
