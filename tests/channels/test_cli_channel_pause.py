"""`briefbot channels pause KEY` and `channels resume KEY`: chat's `/brief pause` and `/brief resume` from the
command line (resuming replays no slot that fell while paused, and clears a refusal or removed-entry reason)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import App
from bot.channel_removed import REMOVED_NOTE, settle_removed_channels
from bot.cli_channel_pause import pause_channel
from bot.clock import ManualClock
from bot.config import BriefingConfig, ChannelConfig, Config
from bot.models import ChannelRef
from bot.refusal_pause import PAUSE_NOTE_START, pause_reason
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.cli_run import cli

T0 = datetime(2024, 3, 4, 6, 0, tzinfo=UTC)  # before the system clock the command line runs on
CHAT, GONE = ChannelRef("console", "orchard"), ChannelRef("console", "gone")


def config(*ids: str) -> Config:
    return Config(
        briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
        channels=tuple(ChannelConfig(id=i, schedule="daily 08:00") for i in ids),
    )


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path}/store.db")
    yield database
    await database.close()


async def start(db: Database, cfg: Config, now: datetime) -> list[str]:
    """What `run` does at start with the channels: seed the new entries, then settle the removed ones."""
    store = ChannelStore(db)
    await store.seed(cfg, now=now)
    return await settle_removed_channels(cfg, store, now=now)


def test_channels_pause_and_resume_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path, toml = tmp_path / "cli.db", tmp_path / "briefbot.toml"
    toml.write_text('[[channels]]\nid = "console:keep"\n', encoding="utf-8")

    async def made() -> None:
        db = await Database.open(f"sqlite:///{db_path}")
        await ChannelStore(db).ensure(CHAT, ChannelDefaults("daily 08:00", "UTC"), now=T0)
        await db.close()

    async def stored(ref: ChannelRef) -> tuple[bool, datetime]:
        db = await Database.open(f"sqlite:///{db_path}")
        try:
            channel = await ChannelStore(db).get(ref)
            assert channel is not None
            return channel.paused, channel.slots_from
        finally:
            await db.close()

    asyncio.run(made())
    base = ("--config", str(toml), "--db", str(db_path))
    code, out, _ = cli(capsys, "channels", "pause", "console:orchard", *base)
    assert code == 0 and out.startswith("console:orchard: briefings paused")
    assert asyncio.run(stored(CHAT))[0]
    code, out, _ = cli(capsys, "channels", "pause", "console:orchard", *base)
    assert code == 0 and "already paused" in out
    code, out, _ = cli(capsys, "channels", "resume", "console:orchard", *base)
    assert code == 0 and out.startswith("console:orchard: briefings resumed") and "next" in out
    paused, slots_from = asyncio.run(stored(CHAT))
    assert not paused and slots_from > T0  # the slots that fell while paused are not replayed
    code, out, _ = cli(capsys, "channels", "resume", "console:orchard", *base)
    assert code == 0 and "were not paused" in out
    # a [[channels]] entry `run` has not made yet is made as `run` makes it, then paused
    code, out, _ = cli(capsys, "channels", "pause", "console:keep", *base)
    assert code == 0 and asyncio.run(stored(ChannelRef("console", "keep")))[0]


def test_channels_pause_of_an_unknown_channel_names_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path, toml = tmp_path / "cli.db", tmp_path / "briefbot.toml"
    toml.write_text('[[channels]]\nid = "console:keep"\n', encoding="utf-8")
    base = ("--config", str(toml), "--db", str(db_path))

    async def made() -> None:  # a store, without the channel
        await (await Database.open(f"sqlite:///{db_path}")).close()

    asyncio.run(made())
    for action in ("pause", "resume"):
        code, _, err = cli(capsys, "channels", action, "console:nowhere", *base)
        assert code == 2 and "console:nowhere" in err and "`briefbot channels`" in err
        code, _, err = cli(capsys, "channels", action, "nowhere", *base)
        assert code == 2 and "`briefbot channels`" in err
        code, _, err = cli(capsys, "channels", action, *base)
        assert code == 2 and "`briefbot channels`" in err


async def test_resume_replays_no_slot_and_clears_a_refusal_pause(db: Database, tmp_path: Path) -> None:
    store = ChannelStore(db)
    await store.ensure(CHAT, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await store.set_paused(CHAT, True, now=T0)
    await store.set_error(CHAT, f"{PAUSE_NOTE_START}3 refused in a row: channel_not_found; `resume` restarts them")
    later = T0 + timedelta(days=3)
    app = App(config(), db_url=f"sqlite:///{tmp_path}/store.db", clock=ManualClock(later))
    try:
        assert await pause_channel("console:orchard", app, paused=False) == 0
    finally:
        await app.close()
    resumed = await store.get(CHAT)
    assert resumed is not None and not resumed.paused and resumed.slots_from == later and resumed.last_error is None


async def test_pause_of_a_refusal_paused_channel_makes_it_a_persons_pause(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ChannelStore(db)
    await store.ensure(CHAT, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await store.set_paused(CHAT, True, now=T0)
    await store.set_error(CHAT, f"{PAUSE_NOTE_START}3 refused in a row: channel_not_found; `resume` restarts them")
    app = App(config(), db_url=f"sqlite:///{tmp_path}/store.db", clock=ManualClock(T0 + timedelta(days=1)))
    try:
        assert await pause_channel("console:orchard", app, paused=True) == 0
    finally:
        await app.close()
    kept = await store.get(CHAT)
    assert kept is not None and kept.paused and kept.last_error is None and pause_reason(kept) is None
    assert "stay paused" in capsys.readouterr().out


async def test_resume_of_a_channel_whose_entry_left_the_file_stays_resumed_and_says_so(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ChannelStore(db)
    await start(db, config("console:gone"), T0)
    await start(db, config(), T0 + timedelta(hours=1))
    assert (await store.get(GONE)).last_error.startswith(REMOVED_NOTE)  # type: ignore[union-attr]
    when = T0 + timedelta(hours=2)
    app = App(config(), db_url=f"sqlite:///{tmp_path}/store.db", clock=ManualClock(when))
    try:
        assert await pause_channel("console:gone", app, paused=False) == 0
    finally:
        await app.close()
    resumed = await store.get(GONE)
    assert resumed is not None and not resumed.paused and resumed.last_error is None and resumed.slots_from == when
    err = capsys.readouterr().err
    assert "console:gone" in err and "[[channels]]" in err and "stays resumed" in err
    assert await start(db, config(), T0 + timedelta(hours=3)) == []  # as chat's resume: not undone at the next start
    assert not (await store.get(GONE)).paused  # type: ignore[union-attr]


async def test_resume_before_a_start_paused_the_removed_entry_warns_the_next_start_pauses_it(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ChannelStore(db)
    await start(db, config("console:gone"), T0)
    await store.set_paused(GONE, True, now=T0)  # paused by a person, then its entry left the file: no start since
    app = App(config(), db_url=f"sqlite:///{tmp_path}/store.db", clock=ManualClock(T0 + timedelta(hours=1)))
    try:
        assert await pause_channel("console:gone", app, paused=False) == 0
    finally:
        await app.close()
    assert not (await store.get(GONE)).paused  # type: ignore[union-attr]
    err = capsys.readouterr().err
    assert "console:gone" in err and "next start" in err and "pause" in err and "[[channels]]" in err
    assert len(await start(db, config(), T0 + timedelta(hours=2))) == 1  # as it said
    assert (await store.get(GONE)).paused  # type: ignore[union-attr]
