"""Reports of one story whose headlines give different death tolls: "12 dead (Castavia Times), 14 dead (...)"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.models import SourceRef
from bot.nlp.spelled_numbers import spelled_quantities
from digests.source_sites import shown_names

DIFFER = "Reports differ:"  # what the line naming each outlet's figure starts with
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)"
_QUALIFIER = r"(?:(?:at least|more than|over|nearly|almost|some|about|around|up to)\s+)?"
_WHO = r"(?:(?:people|persons|passengers|migrants|workers|miners|children|civilians|soldiers|others|more)\s+)?"
_STATE = r"(?:(?:are|were|now|feared|confirmed|reported|believed)\s+)*"
# "12 dead", "14 killed", "35 people feared dead", "killing 9", "kills at least 1,200", "leaves 12 dead", "death
# toll rises to 16": the number of dead a headline gives (not of injured, missing or aboard; "2031 dead heat" and
# "dead end" are no toll)
_TOLL = re.compile(
    rf"\b{_NUMBER}\s+{_WHO}{_STATE}(?:dead|killed|die|dies|died|deaths)\b(?!\s+(?:heat|end|sea|ball|weight)\b)"
    rf"|\bkill(?:s|ed|ing)\s+{_QUALIFIER}{_NUMBER}\b"
    rf"|\bdeath toll\b\s*:?(?:\s+(?:rises|rose|climbs|climbed|reaches|reached|hits|jumps|now|of|at|to|is))*"
    rf"\s+{_QUALIFIER}{_NUMBER}\b", re.IGNORECASE)
_WORD = re.compile(r"[\w,'’-]+|[^\w\s]")


def death_toll(title: str) -> int | None:
    """The number of dead a headline states ("Twelve dead ...", "... 14 killed", "death toll rises to 16"), or None."""
    words = spelled_quantities(_WORD.findall(title))  # "Twelve" -> "12", "Thirty-five" -> "35"
    m = _TOLL.search(" ".join(words))
    if m is None:
        return None
    return int(next(g for g in m.groups() if g is not None).replace(",", ""))


def differing_tolls(sources: Sequence[SourceRef]) -> str:
    """"12 dead (Castavia Times, Agence Meridian), 14 dead (Northern Observer)" when the outlets' headlines give
    different death tolls (each outlet's latest headline that gives one: an outlet raising its own figure is no
    dispute), smallest first, outlets in report order; "" when fewer than two figures are given."""
    shown = shown_names(sources)  # one site under one name, as the sources line shows it
    latest: dict[str, tuple[bool, float, int, int]] = {}  # outlet -> (dated, when, report order, toll): the latest
    for n, ref in enumerate(sources):
        toll = death_toll(ref.title)
        if toll is not None:
            key = shown[ref.article_id]
            seen = (ref.published is not None, ref.published.timestamp() if ref.published else 0.0, n, toll)
            latest[key] = max(latest.get(key, seen), seen)
    figures = sorted({v[3] for v in latest.values()})
    if len(figures) < 2:
        return ""
    order = {name: n for n, name in enumerate(dict.fromkeys(shown[ref.article_id] for ref in sources))}
    return ", ".join(
        f"{toll} dead ({', '.join(sorted((k for k, v in latest.items() if v[3] == toll), key=order.__getitem__))})"
        for toll in figures)

