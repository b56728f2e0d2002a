"""A PostgreSQL outage during `briefbot run` ends the session holding its run lock: stopping afterwards is clean."""

from __future__ import annotations

import logging

import pytest

from bot.store.db import Database
from bot.store.run_lock import RunLock
from tests import pg

NAME = "briefbot_test_operator_run_lock"


async def test_releasing_a_lock_whose_session_the_server_ended_is_a_warning_not_a_crash(
        caplog: pytest.LogCaptureFixture) -> None:
    url = await pg.fresh_database(NAME)
    db = await Database.open(url)
    try:
        lock = RunLock(db)
        await lock.acquire()
        assert await pg.end_sessions(NAME) >= 1  # as a server restart or a dropped connection does
        with caplog.at_level(logging.WARNING, logger="bot.store.run_lock"):
            await lock.release()
        assert "had ended; nothing to release" in caplog.text
        again = RunLock(db)  # the lock went with the session: the next bot may start
        await again.acquire()
        await again.release()
    finally:
        await db.close()
