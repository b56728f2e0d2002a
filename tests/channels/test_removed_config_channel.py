"""A channel made from a [[channels]] entry that is no longer in the config file is paused at start (its history
kept) with a WARNING saying how to bring it back or delete it; putting the entry back resumes it; a channel made
in chat is not touched; `briefbot channels remove` deletes a stored channel for good."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.channel_removed import settle_removed_channels
from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.config import BriefingConfig, ChannelConfig, Config, SchedulerConfig
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from tests.channels.channel_fakes import RecordingAdapter, add_story
from tests.cli_run import cli

T0 = datetime(2031, 1, 6, 0, 0, tzinfo=UTC)
KEEP, GONE, CHAT = ChannelRef("console", "keep"), ChannelRef("console", "gone"), ChannelRef("console", "chat")


def config(*ids: str) -> Config:
    return Config(
        briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
        scheduler=SchedulerConfig(catch_up_grace="6h"),
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


async def test_a_channel_whose_entry_was_removed_is_paused_with_a_warning_and_resumes_when_it_is_back(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    store = ChannelStore(db)
    await start(db, config("console:keep", "console:gone"), T0)
    await store.ensure(CHAT, ChannelDefaults("daily 08:00", "UTC"), now=T0)  # made in chat, never in the file
    with caplog.at_level(logging.WARNING):
        said = await start(db, config("console:keep"), T0 + timedelta(hours=1))
    assert len(said) == 1 and "console:gone" in said[0] and "paused" in said[0]
    assert "briefbot channels remove console:gone" in said[0] and "[[channels]]" in said[0]
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == said
    gone = await store.get(GONE)
    assert gone is not None and gone.paused and gone.last_error is not None and "[[channels]]" in gone.last_error
    assert not (await store.get(KEEP)).paused and not (await store.get(CHAT)).paused  # type: ignore[union-attr]

    await add_story(
        db, "s1", text="The Tarnby bridge opened. Cyclists cheered.", title="Bridge", now=T0 + timedelta(hours=2)
    )
    clock = ManualClock(T0 + timedelta(hours=8))
    adapter = RecordingAdapter(clock=clock)
    out = await Scheduler(Delivery(db, config("console:keep"), {"console": adapter}), clock).tick()
    assert sorted((o.channel, o.state) for o in out) == [("console:chat", "delivered"), ("console:keep", "delivered")]

    # said again at the next start while it stays so; nothing else changes
    assert [s for s in await start(db, config("console:keep"), T0 + timedelta(hours=9)) if "console:gone" in s]
    # the entry put back: resumed, and briefed at its next slot with what it missed
    assert await start(db, config("console:keep", "console:gone"), T0 + timedelta(hours=10)) == []
    back = await store.get(GONE)
    assert back is not None and not back.paused and back.last_error is None
    clock.set(T0 + timedelta(days=1, hours=8))
    out = await Scheduler(Delivery(db, config("console:keep", "console:gone"), {"console": adapter}), clock).tick()
    assert ("console:gone", "delivered") in [(o.channel, o.state) for o in out]


async def test_a_removed_channel_resumed_by_hand_stays_resumed(db: Database) -> None:
    store = ChannelStore(db)
    await start(db, config("console:keep", "console:gone"), T0)
    assert len(await start(db, config("console:keep"), T0 + timedelta(hours=1))) == 1
    await store.set_paused(GONE, False, now=T0 + timedelta(hours=2))  # `/brief resume` in the channel
    await store.set_error(GONE, None)
    assert await start(db, config("console:keep"), T0 + timedelta(hours=3)) == []
    assert not (await store.get(GONE)).paused  # type: ignore[union-attr]


def test_channels_remove_deletes_a_stored_channel_and_refuses_a_config_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "cli.db"
    toml = tmp_path / "briefbot.toml"
    toml.write_text('[[channels]]\nid = "console:keep"\n', encoding="utf-8")

    async def made() -> None:
        db = await Database.open(f"sqlite:///{db_path}")
        store = ChannelStore(db)
        await store.ensure(GONE, ChannelDefaults("daily 08:00", "UTC"), now=T0)
        await store.subscribe(GONE, "bridges", user="U1", now=T0)
        await DeliveryLedger(db).plan(GONE.key, T0, kind="manual", cutoff=T0, story_ids=[], now=T0)
        await db.close()

    asyncio.run(made())
    base = ("--config", str(toml), "--db", str(db_path))
    code, _, err = cli(capsys, "channels", "remove", "console:keep", *base)
    assert code == 2 and "[[channels]]" in err
    code, _, err = cli(capsys, "channels", "remove", "console:nowhere", *base)
    assert code == 2 and "console:nowhere" in err
    code, out, _ = cli(capsys, "channels", "remove", "console:gone", *base)
    assert code == 0 and out.startswith("console:gone: removed")

    async def left() -> tuple[object, list[object]]:
        db = await Database.open(f"sqlite:///{db_path}")
        try:
            return await ChannelStore(db).get(GONE), list(await DeliveryLedger(db).entries(GONE.key))
        finally:
            await db.close()

    assert asyncio.run(left()) == (None, [])
    code, out, _ = cli(capsys, "channels", "--json", *base)
    assert code == 0 and "console:gone" not in out


def test_run_once_pauses_a_channel_whose_entry_left_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    db_path, toml = tmp_path / "run.db", tmp_path / "briefbot.toml"
    both = '[[channels]]\nid = "console:keep"\n\n[[channels]]\nid = "console:gone"\n'
    toml.write_text(both, encoding="utf-8")
    base = ("--config", str(toml), "--db", str(db_path))
    assert cli(capsys, "run", "--once", *base)[0] == 0
    toml.write_text('[[channels]]\nid = "console:keep"\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert cli(capsys, "run", "--once", *base)[0] == 0
    said = [r.getMessage() for r in caplog.records if "console:gone" in r.getMessage()]
    assert len(said) == 1 and "briefbot.toml" in said[0] and "paused" in said[0]
    code, out, _ = cli(capsys, "channels", "--json", *base)
    assert code == 0 and '"console:gone"' in out and "[[channels]] entry is no longer in the config file" in out


async def test_a_chat_resume_of_a_removed_channel_clears_its_removed_note(db: Database) -> None:
    """`/brief resume` in the channel: `briefbot channels` no longer shows "removed from the config" as its error."""
    store = ChannelStore(db)
    await start(db, config("console:keep", "console:gone"), T0)
    await start(db, config("console:keep"), T0 + timedelta(hours=1))
    assert "[[channels]]" in ((await store.get(GONE)).last_error or "")  # type: ignore[union-attr]
    when = T0 + timedelta(hours=2)
    dispatcher = build_dispatcher(CommandDeps(config("console:keep"), db, ManualClock(when), None))
    inv = dispatcher.from_text("resume", user="U0ALICE", channel=GONE, can_manage=True, now=when)
    assert (await dispatcher(inv)).text.startswith("Briefings resumed.")
    resumed = await store.get(GONE)
    assert resumed is not None and not resumed.paused and resumed.last_error is None
