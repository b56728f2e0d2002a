"""A feed that answered but none of whose entries could be read (a feed cut off mid-item, every item without text)
is a failed read, named by the feed and why: one verdict for `ingest`, polling, `briefbot sources` and `check`."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.config import IngestConfig
from bot.ingest.fetch import FetchResult
from bot.ingest.sources import SourceResult, _parse_fetched

SHOWN_ENTRIES = 3  # entries named in the error; the rest are counted


def unreadable_feed(result: SourceResult) -> SourceResult:
    """``result`` as an error when it is a feed read whole (not 304) that gave no article while some of its entries
    failed; unchanged otherwise (an empty feed, one with nothing in it yet, is no error)."""
    if result.error or result.not_modified or result.kind != "feed" or result.articles:
        return result
    failed = [p for p in result.problems if not p.kept]
    if not failed:
        return result
    named = f"feed {result.name!r}" if result.name else "the feed"
    notes = [p.reason for p in result.problems if p.kept]
    entries = [_entry_line(result.source, p.input, p.reason) for p in failed[:SHOWN_ENTRIES]]
    if len(failed) > SHOWN_ENTRIES:
        entries.append(f"and {len(failed) - SHOWN_ENTRIES} more")
    reason = f"{named} has no readable entry: " + "; ".join([*notes, *entries])
    return replace(result, error=f"{result.source}: {reason}")


def _entry_line(source: str, where: str, reason: str) -> str:
    """``entry 2 (Title): no article text found``; a feed's only entry is named by the feed alone: ``its entry:``."""
    label = where.removeprefix(source).strip()
    return f"{label or 'its entry'}: {reason}"


def fetched_refusal(url: str, fetched: FetchResult, config: IngestConfig, now: datetime) -> str:
    """Why a fetched feed (or JSON) would be a failed read for ``ingest`` and polling, without the URL; "" when it
    reads (chat's ``sources add`` refuses what ``briefbot sources add`` refuses: bot/ingest/discover.py)."""
    result = unreadable_feed(_parse_fetched(url, fetched, config, now))
    return (result.error or "").removeprefix(f"{result.source}: ")
