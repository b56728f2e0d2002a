"""A channel stored with a fixed-offset timezone ("EST", "GMT": set in chat before chat refused them, or made from an
entry that wrote one) keeps it: ``briefbot check`` and ``briefbot run``'s start-up log warn about each such channel,
naming it and the place's zone to set instead; a channel on a place's zone is not named."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from check_harness import lines

from bot.cli import main
from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.cli_run import cli

NOW = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
HARBOUR, QUARRY, MILL = (ChannelRef.parse(f"console:{n}") for n in ("harbour", "quarry", "mill"))


def _store(path: Path) -> str:
    """A store whose channels were set up in chat: harbour on EST, quarry on GMT, mill on a place's zone."""

    async def made() -> None:
        db = await Database.open(f"sqlite:///{path}")
        try:
            store = ChannelStore(db)
            for ref, zone in ((HARBOUR, "EST"), (QUARRY, "GMT"), (MILL, "Europe/Lisbon")):
                await store.ensure(ref, ChannelDefaults("daily 07:00", "UTC"), now=NOW)
                await store.set_schedule(ref, now=NOW, timezone=zone)
        finally:
            await db.close()

    asyncio.run(made())
    return str(path)


def test_check_warns_about_each_stored_fixed_offset_zone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _store(tmp_path / "briefbot.db")
    code, out, _err = cli(capsys, "check", "--offline", "--db", db)
    found = lines(out)
    assert code == 0, out
    status, detail = found["channel console:harbour"]
    assert status == "warn" and '"EST"' in detail and "summer time" in detail, detail
    assert "tz America/New_York" in detail and "--tz America/New_York" in detail, detail
    status, detail = found["channel console:quarry"]
    assert status == "warn" and '"GMT"' in detail and "Europe/London" in detail, detail
    assert "channel console:mill" not in found, out


def test_run_logs_them_at_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    db = _store(tmp_path / "briefbot.db")
    with caplog.at_level(logging.WARNING, logger="bot.stored_zones"):
        assert main(["run", "--once", "--db", db]) == 0
    capsys.readouterr()
    said = [r.getMessage() for r in caplog.records if r.name == "bot.stored_zones"]
    assert len(said) == 2 and said[0].startswith("console:harbour: ") and said[1].startswith("console:quarry: "), said
    assert "America/New_York" in said[0] and "Europe/London" in said[1], said
