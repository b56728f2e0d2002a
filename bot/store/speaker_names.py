"""Whether a stored speaker's name agrees with an asked one: same surname, same first name when both have one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from bot.nlp.quote_cues import HONORIFICS, TITLES, name_suffix, words

Agreement = Literal["exact", "bare"]
_TITLE_WORDS = frozenset(w.rstrip(".") for w in HONORIFICS | TITLES)
_LEADING = frozenset(("the", "a", "an"))  # "the farmers' union" asked for "farmers' union"
# lower-case words inside a person's name: bot/nlp/name_particles.py's PARTICLES (a test keeps them equal), written
# again here so the store's speaker lookup loads no spaCy
PARTICLES = words("da das de del della der den di do dos du la le van von ter ten zu bin ibn al el")


def name_parts(words: Sequence[str]) -> tuple[list[str], str]:
    """A name's given names and surname, lower case, without leading titles, "the" or trailing suffixes: (["clive"],
    "woodward") of "Sir Clive Woodward", ([], "blair") of "Mr Blair", (["martin", "luther"], "okafor") of "Martin
    Luther Okafor Jr."."""
    parts = [p for p in (w.lower().strip("'’\",") for w in words) if p]  # "farmers'" as the question's "farmers"
    while len(parts) > 1 and name_suffix(parts[-1]):
        parts.pop()
    while len(parts) > 1 and (parts[0].rstrip(".") in _TITLE_WORDS or parts[0] in _LEADING):
        parts.pop(0)
    if not parts:
        return [], ""
    return parts[:-1], parts[-1]


def full_name(canonical: str) -> bool:
    """Whether a stored speaker reads as one name a one-word speaker may stand for: capitalised words, perhaps with
    particles between them ("Mark Rutte", "Charles de Gaulle"), not a description that ends in that word ("sources
    within NATO", "unnamed NATO leaders", "Russian embassy in Belgium") nor a joint speaker ("Ada Quist and Tomas
    Brell")."""
    parts = canonical.split()
    return len(parts) >= 2 and parts[0][:1].isupper() and parts[-1][:1].isupper() and all(
        p[:1].isupper() or p in PARTICLES for p in parts)


def agreement(speaker: str, given: Sequence[str], last: str) -> Agreement | None:
    """How a one-person ``speaker`` agrees with an asked name (``given`` names, surname ``last``): "exact" when the
    surnames and first names agree (an initial agrees with a name it starts), "bare" when the speaker has no first
    name ("Blair", "Mr Blair"), None when the surnames differ or the first names do."""
    own, own_last = name_parts(speaker.split())
    if own_last != last.lower():
        return None
    if not own:
        return "bare"
    if not given:
        return "exact"
    mine, theirs = own[0].rstrip("."), given[0].lower().rstrip(".")
    if mine == theirs or (min(len(mine), len(theirs)) == 1 and mine[:1] == theirs[:1]):
        return "exact"
    return None
