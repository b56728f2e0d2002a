"""What a quote search hands back: the attributions table's columns, a row as an Attribution, QuoteHit, ordering."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from bot.ingest.local_paths import shown_file_name
from bot.models import Attribution
from bot.store.articles import utc

# The attributions table as migrations 3 and 25 left it (the v1 Table object stays as v1 created it).
attr = sa.table(
    "attributions",
    *(sa.column(n) for n in ("id", "article_id", "speaker", "speaker_as_written", "cue", "content", "kind",
                             "sentence", "char_start", "char_end", "role", "topic_text", "cue_particle")),
)


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """An attribution with the article it came from, for answers that cite their source."""

    attribution: Attribution
    outlet: str
    title: str
    url: str
    published: datetime | None
    # whether its topic text holds every word of the topic searched for; False for a quote found because its story
    # (or article) matches the topic as a whole (``QuoteStore.search``)
    mentions: bool = True
    # the other articles that carried the same words by the same speaker (a wire copy, another outlet's report):
    # never filled by the store, only by an answer that shows such a quote once (bot/answer/repeats.py)
    also: tuple[QuoteHit, ...] = ()
    # the local file's name when the article was read from one and has no link (bot/ingest/local_paths.py)
    file: str = ""


_ATTRIBUTION_COLUMNS = tuple(attr.c[n] for n in ("article_id", "speaker", "speaker_as_written", "cue", "content",
                                                 "kind", "sentence", "char_start", "char_end", "role",
                                                 "cue_particle"))


def _row_to_attribution(r: Any) -> Attribution:
    return Attribution(
        article_id=r.article_id, speaker=r.speaker, speaker_as_written=r.speaker_as_written, cue=r.cue,
        content=r.content, kind=r.kind, sentence=int(r.sentence), start=int(r.char_start),
        end=int(r.char_end), role=r.role, cue_particle=str(r.cue_particle or ""),
    )


def _instant(value: datetime | str | None) -> float:
    """A row's time as seconds (naive values are UTC, as SQLite hands them back), for ordering."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    moment = utc(value)
    return moment.timestamp() if moment is not None else float("-inf")


def ordered(rows: Sequence[Any], held: set[int], said: dict[int, int]) -> list[Any]:
    """The rows in ``QuoteStore.search``'s order: those holding every term (``held``) first, then those whose topic
    text holds more of its words (``said``), newer first, then the lower id."""
    return sorted(rows, key=lambda r: (r.id not in held, 0 if r.id in held else -said.get(int(r.id), 0),
                                       -_instant(r.when), int(r.id)))


def quote_hit(row: Any, held: set[int]) -> QuoteHit:
    return QuoteHit(_row_to_attribution(row), row.outlet, row.title, row.url, utc(row.published), int(row.id) in held,
                    file=shown_file_name(str(row.source or ""), str(row.url or "")))
