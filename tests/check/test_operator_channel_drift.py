"""A [[channels]] entry edited after the channel was made is not applied; `briefbot run` says so, once per entry."""

from __future__ import annotations

import logging
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.channel_drift import config_drift, log_config_drift
from bot.config import parse_config
from bot.store.channels import ChannelStore
from bot.store.db import Database

FIRST = '[[channels]]\nid = "slack-webhook:desk"\nwebhook_url_env = "DESK_HOOK"\ntopics = ["harbour"]\n' \
        'schedule = "every 1h"\n'
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


async def test_an_edited_entry_is_named_with_what_the_store_keeps(tmp_path: Path,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    db = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        store = ChannelStore(db)
        first = parse_config(tomllib.loads(FIRST), {})
        created = await store.seed(first, now=NOW)
        assert await log_config_drift(first, store, created) == []  # just made from the file: nothing to say
        assert await log_config_drift(first, store, []) == []  # the next start, file unchanged
        edited = parse_config(tomllib.loads(FIRST.replace("every 1h", "every 5m") + 'length = "short"\n'), {})
        assert await store.seed(edited, now=NOW) == []  # the file only creates
        with caplog.at_level(logging.WARNING, logger="bot.channel_drift"):
            warnings = await log_config_drift(edited, store, [])
        assert len(warnings) == 1 and warnings[0] in caplog.text
        assert warnings[0].startswith('channels[0] slack-webhook:desk: the config file\'s schedule "every 5m" (the '
                                      'store has "every 1h"); length "short" (the store has "full") is not applied')
        assert "briefbot schedule/subscribe/alerts/length/languages slack-webhook:desk" in warnings[0]
    finally:
        await db.close()


async def test_the_same_set_up_written_differently_is_no_drift(tmp_path: Path) -> None:
    db = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        store = ChannelStore(db)
        config = parse_config(tomllib.loads(FIRST), {})
        await store.seed(config, now=NOW)
        stored = await store.get(next(iter(await store.all())).ref)
        assert stored is not None
        same = parse_config(tomllib.loads(FIRST.replace('"every 1h"', '"Every  1h"')
                                          .replace('["harbour"]', '["harbour", "harbour"]')), {})
        assert config_drift(same.channels[0], stored, "UTC") == []
        assert config_drift(same.channels[0], stored, "Europe/Brussels") == []  # the entry writes no timezone
        zoned = parse_config(tomllib.loads(FIRST + 'timezone = "Europe/Brussels"\n'), {})
        assert config_drift(zoned.channels[0], stored, "UTC") == ['timezone "Europe/Brussels" (the store has "UTC")']
    finally:
        await db.close()


async def test_a_channel_changed_from_chat_is_no_drift_while_the_file_is_unchanged(tmp_path: Path) -> None:
    """Keys the entry does not write (left at their defaults) and topics added from chat are not the file's."""
    db = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        store = ChannelStore(db)
        config = parse_config(tomllib.loads('[[channels]]\nid = "console:main"\ntopics = ["harbour"]\n'), {})
        [ref] = await store.seed(config, now=NOW)
        await store.set_schedule(ref, now=NOW, schedule="every 4h")
        await store.set_alerts(ref, 3)
        await store.subscribe(ref, "ferries", user="u1", now=NOW)
        assert await log_config_drift(config, store, []) == []
        edited = parse_config(tomllib.loads('[[channels]]\nid = "console:main"\ntopics = ["harbour", "tides"]\n'), {})
        [warning] = await log_config_drift(edited, store, [])
        assert 'topics "harbour, tides" (the store has "harbour")' in warning
    finally:
        await db.close()
