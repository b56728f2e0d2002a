"""Test helper: open stores as an older briefbot left them (its migrations only), while today's code writes
the rows that schema already had (reads of tables added later are answered as the older code would have)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store import articles as articles_module
from bot.store import channels as channels_module
from bot.store import db as db_module
from bot.store import quotes as quotes_module
from bot.store import revisions as revisions_module
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS

PRUNED_IDS_FROM = 10  # the schema version that added pruned_articles, which every article save reads
REVISIONS_FROM = 13  # the schema version that added article_revisions, which an edit writes and a story load reads
ENTRIES_FROM = 18  # the schema version that added channel_entries, which seeding a channel from the file writes
ID_SCOPES_FROM = 21  # the schema version that added sources.id_scope, which every article save reads
CUE_PARTICLES_FROM = 25  # the schema version that added attributions.cue_particle, which quotes write and read
_REAL_PRUNED_IDS = articles_module._pruned_ids
_REAL_RECORD = revisions_module.record_revision
_REAL_WITH_REVISIONS = revisions_module.RevisionStore.with_revisions
_REAL_RECORD_ENTRY = channels_module.record_entry
_REAL_IN_ID_SCOPE = articles_module._in_id_scope
_REAL_WRITE_ROWS = quotes_module.QuoteStore.write_rows
_REAL_ATTRIBUTION_COLUMNS = quotes_module._ATTRIBUTION_COLUMNS
# the columns an older store has, "" standing in for the particle it never kept
_OLD_ATTRIBUTION_COLUMNS = (*_REAL_ATTRIBUTION_COLUMNS[:-1], sa.literal("").label("cue_particle"))


async def _write_old_rows(self: quotes_module.QuoteStore, conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        row.pop("cue_particle", None)
    await _REAL_WRITE_ROWS(self, conn, rows)


async def _none_pruned(_conn: object, _ids: object) -> set[str]:
    return set()


async def _own_ids(_conn: object, chunk: object) -> object:
    return chunk


async def _no_record(*_args: object) -> None:
    return None


async def _no_entry(*_args: object, **_kwargs: object) -> None:
    return None


async def _no_revisions(_self: object, stories: list[object]) -> list[object]:
    return stories


def as_of(patch: pytest.MonkeyPatch, version: int) -> None:
    """Until changed again, Database.open migrates stores to ``version`` (len(MIGRATIONS): today's)."""
    patch.setattr(db_module, "MIGRATIONS", MIGRATIONS[:version])
    patch.setattr(articles_module, "_pruned_ids", _REAL_PRUNED_IDS if version >= PRUNED_IDS_FROM else _none_pruned)
    patch.setattr(revisions_module, "record_revision", _REAL_RECORD if version >= REVISIONS_FROM else _no_record)
    patch.setattr(revisions_module.RevisionStore, "with_revisions",
                  _REAL_WITH_REVISIONS if version >= REVISIONS_FROM else _no_revisions)
    patch.setattr(channels_module, "record_entry", _REAL_RECORD_ENTRY if version >= ENTRIES_FROM else _no_entry)
    patch.setattr(articles_module, "_in_id_scope", _REAL_IN_ID_SCOPE if version >= ID_SCOPES_FROM else _own_ids)
    kept = version >= CUE_PARTICLES_FROM
    patch.setattr(quotes_module.QuoteStore, "write_rows", _REAL_WRITE_ROWS if kept else _write_old_rows)
    patch.setattr(quotes_module, "_ATTRIBUTION_COLUMNS",
                  _REAL_ATTRIBUTION_COLUMNS if kept else _OLD_ATTRIBUTION_COLUMNS)


async def upgraded(url: str, version: int, fill: Callable[[Database], Awaitable[object]]) -> Database:
    """The store at ``url`` made as briefbot left it at schema ``version``, filled by ``fill``, then opened (and
    so migrated) by today's code."""
    with pytest.MonkeyPatch.context() as patch:
        as_of(patch, version)
        old = await Database.open(url)
        try:
            assert await old.schema_version() == version
            await fill(old)
        finally:
            await old.close()
    return await Database.open(url)
