"""A newer briefbot migrating the store while an older `briefbot run` answers chat commands: a command that would
write (subscribe, schedule, pause, sources add ...) reads the schema version first (at most once a minute, through
the one dispatch every adapter awaits) and, past what this briefbot knows, answers that the bot is stopping and
writes nothing; a command that only shows still answers (SQLite)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.base import Invocation
from bot.commands.deps import CommandDeps
from bot.commands.dispatch import Dispatcher
from bot.config import Config
from bot.models import ChannelRef
from bot.store.db import Database, redact_url
from bot.store.migrations import MIGRATIONS
from bot.store.schema import metadata

T0 = datetime(2031, 1, 6, 9, 0, tzinfo=UTC)
REF = ChannelRef("console", "team")


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'team.db'}")
    yield database
    await database.close()


async def newer_briefbot_migrates(db: Database) -> None:
    """What a newer briefbot's next migration leaves: a version row past this one's last."""
    async with db.begin() as conn:
        await conn.execute(sa.text("INSERT INTO schema_version (version) VALUES (:v)"), {"v": len(MIGRATIONS) + 1})


async def rows(db: Database) -> dict[str, list[tuple[object, ...]]]:
    async with db.connect() as conn:
        return {name: [tuple(r) for r in (await conn.execute(sa.text(f"SELECT * FROM {name}"))).all()]
                for name in sorted(metadata.tables)}


def typed(text: str, **options: str) -> Invocation:
    verb, _, args = text.partition(" ")
    return Invocation(verb, "" if options else args, "U1", REF, options, can_manage=True)


async def ask(dispatch: Dispatcher, text: str, **options: str) -> str:
    return (await dispatch(typed(text, **options))).text


def stopping(text: str) -> bool:
    return "upgraded by a newer briefbot" in text and "this bot is stopping" in text and "Nothing was changed" in text


@pytest.mark.parametrize(("text", "options"), [
    ("subscribe Harbour Bridge", {}),
    ("schedule weekdays 07:30", {}),
    ("schedule", {"tz": "Europe/Lisbon"}),  # Discord's typed option alone
    ("pause", {}),
    ("sources add file:///nowhere/feed.xml", {}),
    ("unsubscribe Harbour", {}),
])
async def test_a_command_that_writes_is_refused_and_writes_nothing(
    db: Database, caplog: pytest.LogCaptureFixture, text: str, options: dict[str, str],
) -> None:
    clock = ManualClock(T0)
    dispatch = build_dispatcher(CommandDeps(Config(), db, clock))
    assert "Harbour" in await ask(dispatch, "subscribe Harbour")  # the version read: as this briefbot knows it
    await newer_briefbot_migrates(db)
    clock.advance(timedelta(minutes=1))  # the next read, at most once a minute
    before = await rows(db)
    with caplog.at_level(logging.WARNING):
        answer = await ask(dispatch, text, **options)
    assert stopping(answer), answer
    assert await rows(db) == before
    [line] = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert redact_url(db.url) in line and "newer briefbot" in line


async def test_once_found_every_later_write_is_refused_and_showing_still_answers(db: Database) -> None:
    clock = ManualClock(T0)
    dispatch = build_dispatcher(CommandDeps(Config(), db, clock))
    await newer_briefbot_migrates(db)
    assert stopping(await ask(dispatch, "subscribe Harbour"))
    assert stopping(await ask(dispatch, "pause"))  # within the minute: the version is not read again, still refused
    assert not stopping(topics := await ask(dispatch, "topics")) and "Harbour" not in topics
    assert not stopping(await ask(dispatch, "sources list"))  # a read-only action of a verb that can write
    assert not stopping(await ask(dispatch, "schedule"))  # shown, not changed
    async with db.connect() as conn:
        assert (await conn.execute(sa.text("SELECT count(*) FROM channels"))).scalar_one() == 0


async def test_the_version_is_read_at_most_once_a_minute(db: Database) -> None:
    clock = ManualClock(T0)
    dispatch = build_dispatcher(CommandDeps(Config(), db, clock))
    assert not stopping(await ask(dispatch, "subscribe Harbour"))
    await newer_briefbot_migrates(db)
    clock.advance(timedelta(seconds=59))
    assert not stopping(await ask(dispatch, "subscribe Ferries"))  # read less than a minute ago: not read again
    clock.advance(timedelta(seconds=1))
    assert stopping(await ask(dispatch, "subscribe Tolls"))
