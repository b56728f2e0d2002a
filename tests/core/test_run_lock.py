"""One `briefbot run` per store: a second bot on the same store is refused, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.store.db import Database, StoreError
from bot.store.run_lock import RunLock
from tests import pg


@pytest.fixture(params=["sqlite", "postgresql"])
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bot.db'}"
    else:
        yield await pg.fresh_database("briefbot_test_run_lock")


async def test_a_second_bot_on_the_same_store_is_refused_until_the_first_stops(url: str) -> None:
    first_db, second_db = await Database.open(url), await Database.open(url)
    try:
        first, second = RunLock(first_db), RunLock(second_db)
        await first.acquire()
        with pytest.raises(StoreError, match=r"another `briefbot run` is already using"):
            await second.acquire()
        await first.release()
        await second.acquire()  # the first bot stopped: the next one may start
        await second.release()
    finally:
        await first_db.close()
        await second_db.close()


async def test_bots_on_different_stores_do_not_block_each_other(tmp_path: Path) -> None:
    a_db = await Database.open(f"sqlite:///{tmp_path / 'a.db'}")
    b_db = await Database.open(str(tmp_path / "b.db"))  # a plain path is a SQLite store too
    try:
        a, b = RunLock(a_db), RunLock(b_db)
        await a.acquire()
        await b.acquire()
        assert (tmp_path / "a.db.run.lock").is_file() and (tmp_path / "b.db.run.lock").is_file()
        await a.release()
        await b.release()
    finally:
        await a_db.close()
        await b_db.close()


async def test_briefbot_run_refuses_a_store_another_bot_is_running_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import _run, parse_args

    store = tmp_path / "team.db"
    running_db = await Database.open(str(store))
    running = RunLock(running_db)
    await running.acquire()  # the bot already serving this store
    try:
        code = await _run(parse_args(["run", "--once", "--db", str(store)]))
        assert code == 3
        assert "another `briefbot run` is already using the store" in capsys.readouterr().err
    finally:
        await running.release()
        await running_db.close()
    assert await _run(parse_args(["run", "--once", "--db", str(store)])) == 0  # free again: it runs


async def test_the_same_key_held_in_another_database_on_the_server_is_not_this_stores_lock() -> None:
    staging_db = await Database.open(await pg.fresh_database("briefbot_test_run_lock_staging"))
    prod_db = await Database.open(await pg.fresh_database("briefbot_test_run_lock_prod"))
    try:
        staging, prod = RunLock(staging_db), RunLock(prod_db)
        await staging.acquire()
        await prod.acquire()  # advisory locks are per database: both deployments run
        held_by = (staging._conn, prod._conn)
        for _check in range(3):  # each sees its own session holding the lock: nothing to take again
            assert await staging.keep() is False and await prod.keep() is False
        assert (staging._conn, prod._conn) == held_by
        assert staging._pid is not None
        await pg.end_session(staging._pid)  # staging's session drops; prod's lock on the same key stays
        assert await staging.keep() is True  # prod's session is not taken for staging's old one, nor for a thief
        assert await prod.keep() is False
        await staging.release()
        await prod.release()
    finally:
        await staging_db.close()
        await prod_db.close()


async def test_a_lock_let_go_between_the_failed_try_and_the_holder_query_is_tried_again_not_lost(
        monkeypatch: pytest.MonkeyPatch) -> None:
    db = await Database.open(await pg.fresh_database("briefbot_test_run_lock"))
    try:
        lock = RunLock(db)
        await lock.acquire()
        assert lock._pid is not None
        await pg.end_session(lock._pid)
        taking_again = lock._acquire_advisory

        async def refused_by_a_session_that_then_ends() -> None:
            raise StoreError("another `briefbot run` is already using this PostgreSQL store")

        monkeypatch.setattr(lock, "_acquire_advisory", refused_by_a_session_that_then_ends)
        assert await lock.keep() is False  # nobody holds it now: no RunLockTaken, the next check takes it
        monkeypatch.setattr(lock, "_acquire_advisory", taking_again)
        assert await lock.keep() is True
        await lock.release()
    finally:
        await db.close()


async def test_a_cancellation_while_taking_the_lock_does_not_leave_a_session_holding_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    from sqlalchemy.ext.asyncio import AsyncConnection

    url = await pg.fresh_database("briefbot_test_run_lock")
    db, other_db = await Database.open(url), await Database.open(url)

    async def cancelled_after_the_lock_was_granted(self: AsyncConnection) -> None:
        raise asyncio.CancelledError

    try:
        monkeypatch.setattr(AsyncConnection, "commit", cancelled_after_the_lock_was_granted)
        with pytest.raises(asyncio.CancelledError):
            await RunLock(db).acquire()
        monkeypatch.undo()
        other = RunLock(other_db)
        await other.acquire()  # the cancelled attempt's session let go of the lock
        await other.release()
    finally:
        await db.close()
        await other_db.close()


async def test_a_lock_file_that_cannot_be_opened_again_is_kept_and_retried(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.store.run_lock as run_lock

    store = tmp_path / "team.db"
    db, other_db = await Database.open(str(store)), await Database.open(str(store))
    try:
        lock = RunLock(db)
        await lock.acquire()
        (tmp_path / "team.db.run.lock").unlink()

        def disk_full(*args: object, **kwargs: object) -> object:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(run_lock, "open", disk_full, raising=False)
        with pytest.raises(OSError, match="No space left"):
            await lock.keep()  # the store's own error: the next check tries again
        monkeypatch.delattr(run_lock, "open")
        assert await lock.keep() is True  # still this run's lock: taken again
        with pytest.raises(StoreError, match="another `briefbot run` is already using"):
            await RunLock(other_db).acquire()
        await lock.release()
    finally:
        await db.close()
        await other_db.close()
