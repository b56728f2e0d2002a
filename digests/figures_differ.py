"""Reports of one story that give different death tolls: "12 dead (Castavia Times), 14 dead (Northern Observer)"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.models import BriefingItem, SourceRef, SummarySentence
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
# A singular "dies" after a number is one death ("Father of 3 dies", "Captain who saved 40 dies"): only "1 dies" is
# a toll; "kills 1,200 jobs" counts no dead.
_NOT_PEOPLE = (r"(?!\s+(?:jobs?|posts?|roles?|positions?|bills?|deals?|plans?|projects?|flights?|routes?|stores?|shops?"
               r"|branches|services?|products?)\b)")
_TOLL = re.compile(
    rf"\b{_NUMBER}\s+{_WHO}{_STATE}(?:dead|killed|die|died|deaths)\b(?!\s+(?:heat|end|sea|ball|weight)\b)"
    rf"|\b(1)\s+{_WHO}{_STATE}dies\b"
    rf"|\bkill(?:s|ed|ing)\s+{_QUALIFIER}{_NUMBER}\b(?!,\d){_NOT_PEOPLE}"
    rf"|\bdeath toll\b\s*:?(?:\s+(?:rises|rose|risen|climbs|climbed|reaches|reached|hits|jumps|jumped|has|had|"
    rf"now|of|at|to|is|stands|stood))*"
    rf"\s+{_QUALIFIER}{_NUMBER}\b", re.IGNORECASE)
_WORD = re.compile(r"[\w,'’-]+|[^\w\s]")


def death_toll(title: str) -> int | None:
    """The number of dead a headline states ("Twelve dead ...", "... 14 killed", "death toll rises to 16"), or None."""
    words = spelled_quantities(_WORD.findall(title))  # "Twelve" -> "12", "Thirty-five" -> "35"
    m = _TOLL.search(" ".join(words))
    if m is None:
        return None
    return int(next(g for g in m.groups() if g is not None).replace(",", ""))


def _sentence_tolls(sentences: Sequence[SummarySentence]) -> dict[str, int]:
    """Article id -> the toll its text gives: its lead sentence's (the first of its text: what it reports now), else
    a "death toll" one ("The death toll has risen to 14"); a later sentence's "12 died" may be another event's."""
    tolls: dict[str, int] = {}
    for s in sorted(sentences, key=lambda s: s.sentence):
        stated = _STATED.search(s.text)
        toll = death_toll(s.text) if s.sentence == 0 else death_toll(s.text[stated.start():]) if stated else None
        if toll is not None:
            tolls.setdefault(s.article_id, toll)
    return tolls


_STATED = re.compile(r"\bdeath toll\b", re.IGNORECASE)


def item_tolls(item: BriefingItem) -> str:
    """``differing_tolls`` of a briefing item: its reports' headlines, and the lead sentences its summary and what
    is new since the channel last saw it show."""
    return differing_tolls(item.story.sources, (*item.story.summary, *item.new_since))


def shown_tolls(item: BriefingItem) -> str:
    """``item_tolls`` as a briefing shows it: a follow-up (new reports, or edits of those the channel saw) says it
    only when the figures changed since the channel last saw the story (its reports then: those not new), so an
    unchanged dispute is not told again in each of the story's follow-ups."""
    differ = item_tolls(item)
    if not (item.new or item.new_since or item.revised):
        return differ
    seen = differing_tolls([s for s in item.story.sources if s.article_id not in item.new])
    return "" if differ == seen else differ


def differing_tolls(sources: Sequence[SourceRef], sentences: Sequence[SummarySentence] = ()) -> str:
    """"12 dead (Castavia Times, Agence Meridian), 14 dead (Northern Observer)" when the outlets give different death
    tolls (a report's headline's, else its text's in ``sentences``: its lead sentence's or a "death toll" one's; each
    outlet's latest report that gives one: an outlet raising its own figure is no dispute), smallest first, outlets
    in report order; "" when fewer than two figures are given."""
    shown = shown_names(sources)  # one site under one name, as the sources line shows it
    texts = _sentence_tolls(sentences)
    latest: dict[str, tuple[bool, float, int, int]] = {}  # outlet -> (dated, when, report order, toll): the latest
    for n, ref in enumerate(sources):
        toll = death_toll(ref.title)
        if toll is None:
            toll = texts.get(ref.article_id)
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

