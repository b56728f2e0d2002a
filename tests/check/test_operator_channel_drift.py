"""A [[channels]] entry edited after its channel was made from it is warned about until applied; chat edits are not."""

from __future__ import annotations

import hashlib
import json
import logging
import tomllib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.channel_drift import config_drift, log_config_drift
from bot.config import Config, parse_config
from bot.models import ChannelRef
from bot.store.channel_entries import ChannelEntries, Entry
from bot.store.channels import ChannelStore
from bot.store.db import Database
from bot.store.schema import channel_entries
from tests import pg

DESK = ChannelRef.parse("slack-webhook:desk")
FIRST = '[[channels]]\nid = "slack-webhook:desk"\nwebhook_url_env = "DESK_HOOK"\ntopics = ["harbour"]\n' \
        'schedule = "every 1h"\n'
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=2)


def config_of(text: str) -> Config:
    return parse_config(tomllib.loads(text), {})


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'store.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_channel_drift"))
    database = await Database.open(url)
    try:
        yield database
    finally:
        await database.close()


async def started(config: Config, store: ChannelStore, path: Path | None = None) -> list[str]:
    """What a start logs: seed, then the drift check."""
    created = await store.seed(config, now=LATER)
    return await log_config_drift(config, store, created, now=LATER, path=path)


async def test_an_edited_entry_is_named_with_where_it_is_what_it_said_and_what_the_store_keeps(
        db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = ChannelStore(db)
    first = config_of(FIRST)
    created = await store.seed(first, now=NOW)
    assert await log_config_drift(first, store, created, now=NOW) == []  # just made from the file: nothing to say
    assert await started(first, store) == []  # the next start, file unchanged
    text = '[[sources]]\nurl = "https://example.org/feed"\n\n' + FIRST.replace("every 1h", "every 5m") + \
        'length = "short"\n'
    file = tmp_path / "config.toml"
    file.write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="bot.channel_drift"):
        [warning] = await started(config_of(text), store, file)
    assert warning in caplog.text
    assert warning.startswith(
        f'channels[0] slack-webhook:desk ({file}, line 4): the config file\'s schedule "every 5m" (the entry said '
        f'"every 1h"; the store has "every 1h"); length "short" (the entry said "full"; the store has "full") is '
        f'not applied')
    assert "briefbot schedule/subscribe/alerts/length/languages slack-webhook:desk ..." in warning
    assert await started(config_of(text), store, file) == [warning]  # again at the next start: nothing was done


async def test_the_warning_ends_once_the_store_has_the_edit_or_the_file_is_set_back(db: Database) -> None:
    store = ChannelStore(db)
    await store.seed(config_of(FIRST), now=NOW)
    edited = config_of(FIRST.replace("every 1h", "every 5m") + 'length = "short"\n')
    await store.set_length(DESK, "short")  # applied from chat: only the schedule is left
    [warning] = await started(edited, store)
    assert 'length "short"' not in warning and 'schedule "every 5m"' in warning
    assert await started(config_of(FIRST + 'length = "short"\n'), store) == []  # the schedule's edit set back
    await store.set_schedule(DESK, now=LATER, schedule="every 5m")
    assert await started(edited, store) == []
    recorded = await ChannelEntries(db).get(DESK)
    assert recorded is not None and recorded == Entry.of(edited.channels[0], "UTC")  # the store took the file's
    await store.set_schedule(DESK, now=LATER, schedule="every 2h")  # changed from chat after that: not the file's
    assert await started(edited, store) == []


async def test_a_key_the_entry_writes_changed_from_chat_is_no_drift(db: Database) -> None:
    """The false alarm of comparing with the store: the file still says "every 1h", the channel was changed from
    chat to every 4h, with three outlets for alerts and another topic; the file is not edited, so nothing is said."""
    store = ChannelStore(db)
    config = config_of(FIRST + "alerts = 2\n")
    await store.seed(config, now=NOW)
    await store.set_schedule(DESK, now=NOW, schedule="every 4h")
    await store.set_alerts(DESK, 3)
    await store.subscribe(DESK, "ferries", user="u1", now=NOW)
    await store.unsubscribe(DESK, "harbour")
    assert await started(config, store) == []
    assert await started(config, store) == []


async def test_an_edit_back_to_a_default_and_a_new_briefing_timezone_are_drift(db: Database) -> None:
    store = ChannelStore(db)
    base = '[briefing]\ntimezone = "Europe/Lisbon"\n\n' + FIRST
    await store.seed(config_of(base + 'length = "headlines"\n'), now=NOW)
    [warning] = await started(config_of(base), store)  # length left out now: its default, full
    assert 'length "full" (the entry said "headlines"; the store has "headlines")' in warning
    moved = config_of(base.replace("Europe/Lisbon", "Atlantic/Azores") + 'length = "headlines"\n')
    [warning] = await started(moved, store)  # the entry has no timezone: [briefing] timezone is its own
    assert 'timezone "Atlantic/Azores" (the entry said "Europe/Lisbon"; the store has "Europe/Lisbon")' in warning


async def test_topics_edited_in_the_file_are_taken_once_the_channel_has_the_change(db: Database) -> None:
    store = ChannelStore(db)
    await store.seed(config_of(FIRST.replace('["harbour"]', '["harbour", "lighthouse"]')), now=NOW)
    await store.subscribe(DESK, "ferries", user="u1", now=NOW)  # from chat: never the file's business
    edited = config_of(FIRST.replace('["harbour"]', '["harbour", "tides"]'))
    [warning] = await started(edited, store)
    assert ('topics "harbour, tides" (the entry said "harbour, lighthouse"; the store has "ferries, harbour, '
            'lighthouse")') in warning
    await store.subscribe(DESK, "tides", user="cli", now=LATER)
    [warning] = await started(edited, store)  # lighthouse, which the file dropped, is still there
    assert 'topics "harbour, tides"' in warning
    await store.unsubscribe(DESK, "lighthouse")
    assert await started(edited, store) == []


async def test_the_same_set_up_written_differently_is_no_drift(db: Database) -> None:
    store = ChannelStore(db)
    await store.seed(config_of(FIRST + 'languages = ["fr", "de"]\n'), now=NOW)
    same = config_of(FIRST.replace('"every 1h"', '"Every  1h"').replace('["harbour"]', '["harbour", "harbour"]')
                     + 'languages = ["de", "fr"]\n')
    assert await started(same, store) == []


async def test_the_entry_is_recorded_as_canonical_json_with_its_hash(db: Database) -> None:
    await ChannelStore(db).seed(config_of(FIRST + 'quiet_hours = "22:00-06:00"\n'), now=NOW)
    async with db.connect() as conn:
        row = (await conn.execute(sa.select(channel_entries))).one()
    assert row.channel == DESK.key and row.digest == hashlib.sha256(row.entry.encode()).hexdigest()
    assert json.loads(row.entry) == {
        "alerts": 0, "languages": [], "length": "full", "max_stories": 0, "quiet_hours": "22:00-06:00",
        "schedule": "every 1h", "timezone": "UTC", "topics": ["harbour"]}
    assert row.entry.startswith('{"alerts":0,"languages":[],"length":"full",')  # sorted keys, no spaces


async def test_a_key_the_recorded_entry_lacks_is_recorded_silently(db: Database) -> None:
    """An entry recorded by a briefbot that had fewer keys: a key it lacks is no edit."""
    store = ChannelStore(db)
    config = config_of(FIRST + 'languages = ["it"]\n')
    await store.seed(config, now=NOW)
    full = Entry.of(config.channels[0], "UTC")
    await ChannelEntries(db).put(DESK, Entry({k: v for k, v in full.values.items() if k != "languages"}), now=NOW)
    assert await started(config, store) == []
    assert await ChannelEntries(db).get(DESK) == full


def test_config_drift_compares_the_keys_the_entry_writes() -> None:
    """The comparison a channel with no recorded entry gets, once."""
    from bot.store.channels import Channel

    stored = Channel(ref=DESK, schedule="every 1h", timezone="UTC", quiet_hours="", max_stories=0, paused=False,
                     created_at=NOW, slots_from=NOW, delivered_up_to=None, last_error=None, topics=("harbour",),
                     sources=())
    same = config_of(FIRST.replace('"every 1h"', '"Every  1h"').replace('["harbour"]', '["harbour", "harbour"]'))
    assert config_drift(same.channels[0], stored, "UTC") == []
    assert config_drift(same.channels[0], stored, "Europe/Brussels") == []  # the entry writes no timezone
    zoned = config_of(FIRST + 'timezone = "Europe/Brussels"\n')
    assert config_drift(zoned.channels[0], stored, "UTC") == ['timezone "Europe/Brussels" (the store has "UTC")']
