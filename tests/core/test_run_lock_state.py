"""What the run lock tells the health endpoint (held, being taken again, taken by another run, not held), on SQLite
and PostgreSQL, and that a lock file whose chmod fails is closed, not leaked."""

from __future__ import annotations

import builtins
import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import pytest

import bot.store.run_lock as run_lock
from bot.clock import ManualClock
from bot.store.db import Database, StoreError
from bot.store.run_lock import RunLock, RunLockState, RunLockTaken
from tests import pg

T0 = datetime(2099, 5, 4, 9, 0, tzinfo=UTC)
HELD = RunLockState("held", None, 0)
NOT_HELD = RunLockState("not_held", None, 0)


@pytest.fixture(params=["sqlite", "postgresql"])
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'lock.db'}"
    else:
        yield await pg.fresh_database("briefbot_test_run_lock_state")


def _refused(*args: object, **kwargs: object) -> None:
    raise PermissionError(1, "Operation not permitted")


def _recording_open(opened: list[IO[Any]]) -> Any:
    def recording(*args: Any, **kwargs: Any) -> IO[Any]:
        handle = builtins.open(*args, **kwargs)  # noqa: SIM115 - handed to the lock, as open() would be
        opened.append(handle)
        return handle
    return recording


async def test_held_from_acquire_to_release_and_a_second_run_never_held(url: str) -> None:
    db, other_db = await Database.open(url), await Database.open(url)
    try:
        lock, other = RunLock(db, ManualClock(T0)), RunLock(other_db, ManualClock(T0))
        assert lock.status() == NOT_HELD
        await lock.acquire()
        assert await lock.keep() is False and lock.status() == HELD
        with pytest.raises(StoreError):
            await other.acquire()
        assert other.status() == NOT_HELD  # refused: never this run's
        await lock.release()
        assert lock.status() == NOT_HELD
    finally:
        await db.close()
        await other_db.close()


async def test_a_lock_lost_and_taken_again_counts_once_on_postgresql() -> None:
    db = await Database.open(await pg.fresh_database("briefbot_test_run_lock_state"))
    try:
        lock = RunLock(db, ManualClock(T0))
        await lock.acquire()
        assert lock._pid is not None
        await pg.end_session(lock._pid)
        assert await lock.keep() is True
        assert lock.status() == RunLockState("held", None, 1)
        await lock.release()
    finally:
        await db.close()


async def test_a_deleted_lock_file_is_retaking_from_when_it_was_found_until_taken_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = ManualClock(T0)
    db = await Database.open(str(tmp_path / "lock.db"))
    try:
        lock = RunLock(db, clock)
        await lock.acquire()
        (tmp_path / "lock.db.run.lock").unlink()
        clock.advance(timedelta(seconds=30))
        monkeypatch.setattr(os, "chmod", _refused)  # the new file is not ours to chmod (say, a shared directory)
        opened: list[IO[Any]] = []
        monkeypatch.setattr(run_lock, "open", _recording_open(opened), raising=False)
        with pytest.raises(PermissionError):
            await lock.keep()
        clock.advance(timedelta(seconds=30))
        with pytest.raises(PermissionError):
            await lock.keep()  # still lost: found at the first check, not this one
        monkeypatch.undo()
        assert len(opened) == 2 and all(handle.closed for handle in opened)  # each new handle closed, not leaked
        assert lock.status() == RunLockState("retaking", T0 + timedelta(seconds=30), 0)
        assert lock._file is not None and not lock._file.closed  # the old handle is kept meanwhile
        assert await lock.keep() is True
        assert lock.status() == RunLockState("held", None, 1)
        await lock.release()
    finally:
        await db.close()


async def test_a_lock_file_another_run_holds_after_it_was_deleted_is_taken(tmp_path: Path) -> None:
    clock = ManualClock(T0)
    db, other_db = await Database.open(str(tmp_path / "lock.db")), await Database.open(str(tmp_path / "lock.db"))
    try:
        lock = RunLock(db, clock)
        await lock.acquire()
        (tmp_path / "lock.db.run.lock").unlink()
        other = RunLock(other_db, clock)
        await other.acquire()  # a second run started meanwhile (kept: its handle holds the lock)
        clock.advance(timedelta(minutes=1))
        with pytest.raises(RunLockTaken):
            await lock.keep()
        assert lock.status() == RunLockState("taken", T0 + timedelta(minutes=1), 0)
        assert other.status() == HELD
        await lock.release()
        await other.release()
        assert lock.status() == NOT_HELD
    finally:
        await db.close()
        await other_db.close()


async def test_a_chmod_that_fails_at_start_closes_the_new_lock_file_and_takes_no_lock(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db, other_db = await Database.open(str(tmp_path / "lock.db")), await Database.open(str(tmp_path / "lock.db"))
    try:
        lock = RunLock(db, ManualClock(T0))
        opened: list[IO[Any]] = []
        monkeypatch.setattr(run_lock, "open", _recording_open(opened), raising=False)
        monkeypatch.setattr(os, "chmod", _refused)
        with pytest.raises(PermissionError):
            await lock.acquire()
        monkeypatch.undo()
        assert len(opened) == 1 and opened[0].closed
        assert lock.status() == NOT_HELD and lock._file is None
        other = RunLock(other_db, ManualClock(T0))
        await other.acquire()  # nothing was left holding the lock
        await other.release()
    finally:
        await db.close()
        await other_db.close()
