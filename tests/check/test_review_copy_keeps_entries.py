"""Review check: `briefbot store copy` carries channel_entries (schema v18), so a start on the copy does not take
every channel for one with no recorded entry (which compares it as before and may warn once)."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path

from bot.config import parse_config
from bot.models import ChannelRef
from bot.store.channel_entries import ChannelEntries, Entry
from bot.store.channels import ChannelStore
from bot.store.copy import copy_store
from bot.store.db import Database

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ENTRY = '[[channels]]\nid = "slack-webhook:fenwick"\nwebhook_url_env = "FEN_HOOK"\nquiet_hours = "22:00-06:30"\n'


async def test_a_copied_store_keeps_each_channels_recorded_entry(tmp_path: Path) -> None:
    config = parse_config(tomllib.loads(ENTRY), {})
    source = await Database.open(f"sqlite:///{tmp_path / 'from.db'}")
    target = await Database.open(f"sqlite:///{tmp_path / 'to.db'}")
    try:
        await ChannelStore(source).seed(config, now=NOW)
        report = await copy_store(source, target)
        assert report.mismatches == []
        assert "channel_entries" in [t.table for t in report.tables]
        copied = await ChannelEntries(target).get(ChannelRef.parse("slack-webhook:fenwick"))
        assert copied == Entry.of(config.channels[0], config.briefing.timezone)
    finally:
        await source.close()
        await target.close()
