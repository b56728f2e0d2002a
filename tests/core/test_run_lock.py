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
