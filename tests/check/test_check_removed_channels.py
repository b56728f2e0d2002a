"""``briefbot check`` warns about a channel made from a [[channels]] entry the config file no longer has: one that
``run`` paused for it (still paused) and one that ``run`` will pause at its next start, with how to bring it back or
delete it; a channel made in chat, or one resumed by hand, is not warned about."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from check_harness import lines

from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.cli_run import cli

BOTH = '[[channels]]\nid = "console:keep"\n\n[[channels]]\nid = "console:gone"\n'
KEEP = '[[channels]]\nid = "console:keep"\n'
T0 = datetime(2031, 1, 6, tzinfo=UTC)


def _check(capsys: pytest.CaptureFixture[str], base: tuple[str, ...]) -> tuple[int, dict[str, tuple[str, str]]]:
    code, out, _err = cli(capsys, "check", "--offline", *base)
    return code, lines(out)


def test_a_channel_whose_entry_left_the_file_is_warned_about_before_and_after_run_pauses_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path, toml = tmp_path / "check.db", tmp_path / "briefbot.toml"
    base = ("--config", str(toml), "--db", str(db_path))
    toml.write_text(BOTH, encoding="utf-8")
    assert cli(capsys, "run", "--once", *base)[0] == 0

    async def made_in_chat() -> None:
        db = await Database.open(f"sqlite:///{db_path}")
        await ChannelStore(db).ensure(ChannelRef("console", "chat"), ChannelDefaults("daily 08:00", "UTC"), now=T0)
        await db.close()

    asyncio.run(made_in_chat())
    code, found = _check(capsys, base)
    assert code == 0 and "channel console:gone" not in found and "channel console:chat" not in found, found

    toml.write_text(KEEP, encoding="utf-8")
    code, found = _check(capsys, base)
    status, detail = found["channel console:gone"]
    assert code == 0 and status == "warn", found
    assert "no longer in the config file (briefbot.toml)" in detail and "next start" in detail, detail
    assert "briefbot channels remove console:gone" in detail, detail
    assert "channel console:chat" not in found and "channel console:keep" not in found, found

    assert cli(capsys, "run", "--once", *base)[0] == 0  # paused now
    code, found = _check(capsys, base)
    status, detail = found["channel console:gone"]
    assert code == 0 and status == "warn", found
    assert "still paused" in detail and "briefbot channels remove console:gone" in detail, detail
    assert "channel console:chat" not in found, found

    async def resumed_in_chat() -> None:  # as /brief resume leaves it
        db = await Database.open(f"sqlite:///{db_path}")
        store = ChannelStore(db)
        await store.set_paused(ChannelRef("console", "gone"), False, now=T0)
        await store.set_error(ChannelRef("console", "gone"), None)
        await db.close()

    asyncio.run(resumed_in_chat())
    code, found = _check(capsys, base)
    assert code == 0 and "channel console:gone" not in found, found
