"""An ingest a store outage stopped, in one line: the store and why, what was saved, and that the same ingest again
completes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.plurals import counted
from bot.store.db import StoreError
from bot.store.sqlite_path import sqlite_file
from bot.store.unusable import unusable_store_line
from bot.store_outage import is_store_unreachable

if TYPE_CHECKING:
    from bot.pipeline import IngestReport


def ingest_stopped(exc: BaseException, url: str, report: IngestReport) -> StoreError | None:
    """The StoreError (exit 3) for ``exc`` when it is a store outage that stopped an ingest (``report``: what it had
    saved by then); None for any other error."""
    if not is_store_unreachable(exc) or isinstance(exc, OSError):  # an OSError is a file's or a page's, not the store's
        return None
    return StoreError(f"{unusable_store_line(exc, url, sqlite_file(url))}; {saved_words(report)}")


def saved_words(report: IngestReport) -> str:
    """``ingest stopped: 5 new articles saved from SOURCE; ...``: each transaction that committed stays saved (and
    its source recorded), and the same ingest again skips what is stored and builds the stories it left."""
    parts = [counted(report.saved_new, "new article")] if report.saved_new else []
    if report.saved_edited:
        parts.append(counted(report.saved_edited, "edited article"))
    again = "run the same ingest again to complete it (what is saved is not stored twice)"
    if not parts:
        return f"ingest stopped before saving any article: {again}"
    return (
        f"ingest stopped: {' and '.join(parts)} saved from {', '.join(report.saved_from)}; their stories are "
        f"not all built yet: {again}"
    )
