"""Review finding: a [[channels]] quiet_hours edit applied from chat, where the bot stores quiet hours as
``HH:MM-HH:MM``, must end the start-up warning even when the file writes the same hours another way the config
accepts (``22:00-7:00``, ``22:00 - 07:00``); and an entry recorded before, as written, is not warned about either."""

from __future__ import annotations

import tomllib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.channel_drift import log_config_drift
from bot.config import Config, parse_config
from bot.models import ChannelRef
from bot.store.channel_entries import ChannelEntries, Entry
from bot.store.channels import ChannelStore
from bot.store.db import Database

MOORLAND = ChannelRef.parse("slack-webhook:moorland")
ENTRY = '[[channels]]\nid = "slack-webhook:moorland"\nwebhook_url_env = "MOOR_HOOK"\nschedule = "every 2h"\n'
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=3)


def config_of(text: str) -> Config:
    return parse_config(tomllib.loads(text), {})


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        yield database
    finally:
        await database.close()


@pytest.mark.parametrize("written", ["22:00-7:00", "22:00 - 07:00"])
async def test_quiet_hours_set_from_chat_as_the_file_now_says_end_the_warning(db: Database, written: str) -> None:
    store = ChannelStore(db)
    await store.seed(config_of(ENTRY), now=NOW)
    edited = config_of(ENTRY + f'quiet_hours = "{written}"\n')
    await store.set_schedule(MOORLAND, now=NOW, quiet_hours="22:00-07:00")  # what chat's `quiet 22-7` stores
    created = await store.seed(edited, now=LATER)
    assert await log_config_drift(edited, store, created, now=LATER) == []


async def test_an_entry_recorded_as_written_is_not_warned_about_after_a_chat_change(db: Database) -> None:
    """An entry recorded with the file's own spelling (before quiet hours were compared by their hours), whose quiet
    hours chat changed since: the file was not edited, so nothing is said."""
    text = ENTRY + 'quiet_hours = "22:00 - 7:00"\n'
    store = ChannelStore(db)
    await store.seed(config_of(text), now=NOW)
    entries = ChannelEntries(db)
    recorded = Entry.of(config_of(text).channels[0], "UTC")
    await entries.put(MOORLAND, Entry({**recorded.values, "quiet_hours": "22:00 - 7:00"}), now=NOW)
    await store.set_schedule(MOORLAND, now=NOW, quiet_hours="23:00-06:00")  # changed from chat
    created = await store.seed(config_of(text), now=LATER)
    assert await log_config_drift(config_of(text), store, created, now=LATER) == []
