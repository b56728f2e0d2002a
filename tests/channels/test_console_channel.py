"""`briefbot run` with no chat platform makes console:main only when no channel exists at all, and says so once."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import ChannelConfig, Config
from bot.console_channel import ensure_console_channel
from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database

MAIN = ChannelRef("console", "main")
T0 = datetime(2031, 1, 6, 0, 0, tzinfo=UTC)


def channels(capsys: pytest.CaptureFixture[str], config: Path, db: Path) -> list[str]:
    capsys.readouterr()
    assert main(["channels", "--json", "--config", str(config), "--db", str(db)]) == 0
    return [row["channel"] for row in json.loads(capsys.readouterr().out)]


def test_run_once_with_a_config_naming_channels_makes_no_console_channel(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "briefbot.toml"
    config.write_text('[[channels]]\nid = "slack:C0PIER"\ntopics = ["ferry"]\n', encoding="utf-8")
    assert main(["run", "--once", "--config", str(config), "--db", str(tmp_path / "a.db")]) == 0
    assert channels(capsys, config, tmp_path / "a.db") == ["slack:C0PIER"]


def test_run_once_with_no_channel_anywhere_makes_console_main_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    config = tmp_path / "briefbot.toml"
    config.write_text("", encoding="utf-8")
    caplog.set_level(logging.INFO)
    assert main(["run", "--once", "--config", str(config), "--db", str(tmp_path / "a.db")]) == 0
    assert channels(capsys, config, tmp_path / "a.db") == ["console:main"]
    said = [r.getMessage() for r in caplog.records if r.name == "bot.console_channel"]
    assert said == ["no channels configured or stored: created console:main (daily 08:00, UTC; no topics, so every "
                    "stored story); `briefbot subscribe` and `briefbot schedule` change it"]


def test_the_console_channel_is_made_once(tmp_path: Path) -> None:
    async def run() -> tuple[bool, bool, list[str]]:
        db = await Database.open(str(tmp_path / "a.db"))
        try:
            first = await ensure_console_channel(Config(), db, MAIN, T0)  # nothing anywhere: made
            again = await ensure_console_channel(Config(), db, MAIN, T0)  # now the store has one: nothing more
            return first, again, [c.key for c in await ChannelStore(db).all()]
        finally:
            await db.close()

    assert asyncio.run(run()) == (True, False, ["console:main"])


def test_a_channel_subscribed_before_keeps_the_console_from_making_its_own(tmp_path: Path) -> None:
    async def run() -> tuple[bool, list[str]]:
        db = await Database.open(str(tmp_path / "a.db"))
        try:
            await ChannelStore(db).ensure(ChannelRef("slack", "C0DOCKS"), ChannelDefaults("daily 07:00", "UTC"),
                                          now=T0)
            made = await ensure_console_channel(Config(), db, MAIN, T0)
            return made, [c.key for c in await ChannelStore(db).all()]
        finally:
            await db.close()

    assert asyncio.run(run()) == (False, ["slack:C0DOCKS"])
    assert ChannelConfig(id="console:main").schedule == "daily 08:00"  # the default the INFO line names
