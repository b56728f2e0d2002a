"""Channels with no recorded [[channels]] entry are compared as before, once; `briefbot run` names the line."""

from __future__ import annotations

import logging
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.channel_drift import log_config_drift
from bot.cli import main
from bot.config import Config, parse_config
from bot.models import ChannelRef
from bot.store.channel_entries import ChannelEntries, Entry
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from bot.store.schema import channel_entries
from tests import pg
from tests.old_store import ENTRIES_FROM, upgraded

DESK, OPS = ChannelRef.parse("console:desk"), ChannelRef.parse("console:ops")
FILE = ('[[channels]]\nid = "console:desk"\ntopics = ["harbour"]\nschedule = "every 1h"\nalerts = 2\n\n'
        '[[channels]]\nid = "console:ops"\ntopics = ["quarry"]\n')
NOW = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=3)


def config_of(text: str) -> Config:
    return parse_config(tomllib.loads(text), {})


async def started(config: Config, db: Database) -> list[str]:
    store = ChannelStore(db)
    created = await store.seed(config, now=LATER)
    return await log_config_drift(config, store, created, now=LATER)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_a_v17_store_compares_as_before_once_then_warns_of_edits_only(backend: str, tmp_path: Path) -> None:
    url = (f"sqlite:///{tmp_path / 'v17.db'}" if backend == "sqlite"
           else await pg.fresh_database("briefbot_test_channel_entries_v17"))

    async def fill(old: Database) -> None:
        store = ChannelStore(old)
        assert await store.seed(config_of(FILE), now=NOW) == [DESK, OPS]  # as the v17 code did: no entry kept
        await store.set_schedule(DESK, now=NOW, schedule="every 4h")  # from chat, the file left as it was
        async with old.connect() as conn:
            assert not await conn.run_sync(lambda c: sa.inspect(c).has_table("channel_entries"))

    db = await upgraded(url, ENTRIES_FROM - 1, fill)
    try:
        assert await db.schema_version() == len(MIGRATIONS) >= ENTRIES_FROM
        edited = config_of(FILE + 'length = "short"\n')  # ops edited in the file before the upgrade
        desk, ops = await started(edited, db)
        assert desk.startswith('channels[0] console:desk: the config file\'s schedule "every 1h" (the store has '
                               '"every 4h") is not applied')
        assert ops.startswith('channels[1] console:ops: the config file\'s length "short" (the store has "full")')
        assert "said once" in desk and "only later edits of it are warned about" in ops
        assert await ChannelEntries(db).get(DESK) == Entry.of(edited.channels[0], "UTC")
        assert await started(edited, db) == []  # said once; the chat's every 4h is the channel's own now
        [warning] = await started(config_of(FILE.replace("alerts = 2", "alerts = 4") + 'length = "short"\n'), db)
        assert warning.startswith('channels[0] console:desk: the config file\'s alerts "4" (the entry said "2"; '
                                  'the store has "2") is not applied')
        reopened = await Database.open(db.url)
        try:
            assert await reopened.migrate() == len(MIGRATIONS)  # nothing re-applied
            assert await ChannelEntries(reopened).get(OPS) is not None
        finally:
            await reopened.close()
    finally:
        await db.close()


async def test_a_channel_made_from_chat_before_its_entry_is_compared_once(tmp_path: Path) -> None:
    db = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        await ChannelStore(db).ensure(OPS, ChannelDefaults("daily 08:00", "UTC"), now=NOW)
        config = config_of('[[channels]]\nid = "console:ops"\nschedule = "every 6h"\n')
        [warning] = await started(config, db)  # the entry never made the channel: not applied, said once
        assert 'schedule "every 6h" (the store has "daily 08:00")' in warning and "said once" in warning
        assert await started(config, db) == []
    finally:
        await db.close()


async def test_a_recorded_entry_that_does_not_match_its_hash_is_taken_as_none(tmp_path: Path) -> None:
    db = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        config = config_of(FILE)
        await ChannelStore(db).seed(config, now=NOW)
        async with db.begin() as conn:
            await conn.execute(channel_entries.update().where(channel_entries.c.channel == OPS.key).values(
                entry='{"length":"headlines"'))
        assert await ChannelEntries(db).get(OPS) is None and await ChannelEntries(db).get(DESK) is not None
        assert await started(config, db) == []  # compared as before (it agrees), and recorded again
        assert await ChannelEntries(db).get(OPS) == Entry.of(config.channels[1], "UTC")
    finally:
        await db.close()


def test_run_names_the_file_and_line_of_an_edited_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         caplog: pytest.LogCaptureFixture) -> None:
    config, store = tmp_path / "briefbot.toml", str(tmp_path / "run.db")
    config.write_text(FILE, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="bot.channel_drift"):
        assert main(["run", "--once", "--config", str(config), "--db", store]) == 0
        assert main(["run", "--once", "--config", str(config), "--db", store]) == 0
        assert "channel_drift" not in caplog.text  # made from the file, then the file unchanged
        config.write_text(FILE.replace('["quarry"]', '["quarry", "viaduct"]'), encoding="utf-8")
        assert main(["run", "--once", "--config", str(config), "--db", store]) == 0
    capsys.readouterr()
    [record] = [r for r in caplog.records if r.name == "bot.channel_drift"]
    assert record.getMessage().startswith(
        f'channels[1] console:ops ({config}, line 7): the config file\'s topics "quarry, viaduct" (the entry said '
        f'"quarry"; the store has "quarry") is not applied')
