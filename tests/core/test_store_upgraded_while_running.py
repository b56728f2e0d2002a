"""A newer briefbot migrating the store while an older `briefbot run` runs: the running bot notices at its next job
(the schema version read at most once a minute), stops with one line (exit 3) and writes nothing more."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.clock import ManualClock
from bot.config import BriefingConfig, Config, SchedulerConfig
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database, redact_url
from bot.store.migrations import MIGRATIONS
from bot.store.schema import metadata
from bot.store.schema_watch import SchemaWatch, StoreUpgraded
from tests import pg
from tests.channels.channel_fakes import RecordingAdapter

T0 = datetime(2031, 1, 6, 0, 0, tzinfo=UTC)
MAIN = ChannelRef("console", "main")
CONFIG = Config(briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
                scheduler=SchedulerConfig(catch_up_grace="6h"))


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'team.db'}"
    else:
        url = await pg.fresh_database("briefbot_test_store_upgraded")
    database = await Database.open(url)
    yield database
    await database.close()


async def newer_briefbot_migrates(db: Database) -> None:
    """What a newer briefbot's next migration leaves: a version row past this one's last."""
    async with db.begin() as conn:
        await conn.execute(sa.text("INSERT INTO schema_version (version) VALUES (:v)"), {"v": len(MIGRATIONS) + 1})


async def row_counts(db: Database) -> dict[str, int]:
    async with db.connect() as conn:
        return {name: int((await conn.execute(sa.text(f"SELECT count(*) FROM {name}"))).scalar_one())
                for name in sorted(metadata.tables)}


async def test_the_schema_version_is_read_at_most_once_a_minute(db: Database) -> None:
    clock = ManualClock(T0)
    watch = SchemaWatch(db, clock)
    assert await watch.upgraded() is None
    await newer_briefbot_migrates(db)
    clock.advance(timedelta(seconds=59))
    assert await watch.upgraded() is None  # read less than a minute ago: not read again
    clock.advance(timedelta(seconds=1))
    found = await watch.upgraded()
    assert isinstance(found, StoreUpgraded)
    assert f"(schema version {len(MIGRATIONS) + 1}; this briefbot knows up to {len(MIGRATIONS)})" in str(found)


async def test_a_running_bot_stops_at_its_next_job_without_writing_again(db: Database) -> None:
    from bot.cli_run_bot import _serve

    clock = ManualClock(T0)
    await ChannelStore(db).ensure(MAIN, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    polls: list[datetime] = []
    prunes: list[datetime] = []

    async def poll(now: datetime) -> None:
        polls.append(now)

    async def prune(now: datetime) -> None:
        prunes.append(now)

    scheduler = Scheduler(Delivery(db, CONFIG, {"console": RecordingAdapter()}), clock, poll=poll, prune=prune,
                          schema=SchemaWatch(db, clock))
    clock.set(T0 + timedelta(hours=8))
    # the store as this bot knows it: the slot is delivered (no stories yet: an empty briefing, in the ledger)
    assert [outcome.state for outcome in await scheduler.tick()] == ["empty"]
    await scheduler.poll_job()
    await scheduler.prune_once()
    assert len(polls) == 1 and len(prunes) == 1 and not scheduler.stopping.is_set()
    await newer_briefbot_migrates(db)
    before = await row_counts(db)
    clock.set(T0 + timedelta(days=1, hours=8))  # the next day's slot is due
    await scheduler.sweep_job()
    assert scheduler.stopping.is_set() and isinstance(scheduler.stop_reason, StoreUpgraded)
    assert "was upgraded by a newer briefbot while this one ran" in str(scheduler.stop_reason)
    assert redact_url(db.url) in str(scheduler.stop_reason)
    await scheduler.poll_job()  # jobs already scheduled do nothing
    await scheduler.prune_once()
    assert await scheduler.tick_channel(MAIN) == []
    assert await scheduler.alert_round() == []
    assert (len(polls), len(prunes)) == (1, 1)
    assert await row_counts(db) == before  # the next day's slot not delivered, not even as an empty briefing
    with pytest.raises(StoreUpgraded):  # raised once its adapters stopped: the CLI's one line, exit 3 (cli.py)
        await _serve(scheduler, [], None)
    await scheduler.shutdown()


def test_run_once_stops_with_one_line_and_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """`briefbot run --once` whose store a newer briefbot migrates just before its first job (its poll)."""
    from bot import cli_run_bot
    from tests.cli_run import cli

    seen: dict[str, int] = {}

    class MigratedMeanwhile(SchemaWatch):
        async def upgraded(self) -> StoreUpgraded | None:
            if not seen:
                seen.update(await row_counts(self.db))
                await newer_briefbot_migrates(self.db)
            return await super().upgraded()

    monkeypatch.setattr(cli_run_bot, "SchemaWatch", MigratedMeanwhile)
    config = tmp_path / "briefbot.toml"
    config.write_text('[[channels]]\nid = "console:ops"\nschedule = "every 4h"\n', encoding="utf-8")
    store = tmp_path / "run.db"
    code, out, err = cli(capsys, "run", "--once", "--config", str(config), "--db", str(store))
    assert code == 3 and out == ""
    [line] = err.splitlines()
    assert line.startswith(f"briefbot: the store at {store} was upgraded by a newer briefbot while this one ran")

    async def after() -> dict[str, int]:
        with pytest.MonkeyPatch.context() as patch:  # today's code opens it as the newer one would
            patch.setattr("bot.store.db.MIGRATIONS", (*MIGRATIONS, MIGRATIONS[-1]))
            db = await Database.open(str(store))
        try:
            return await row_counts(db)
        finally:
            await db.close()

    assert seen["channels"] == 1 and asyncio.run(after()) == {**seen, "schema_version": seen["schema_version"] + 1}
