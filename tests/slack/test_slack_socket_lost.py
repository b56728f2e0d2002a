"""Socket Mode whose reconnection Slack refuses (the app-level token revoked) is not ready, with the reason naming
$SLACK_APP_TOKEN in one log line and in /readyz; once it connects again it is ready again. Driven by the local
Slack's disconnect message (slack-sdk reconnects at once); nothing sleeps."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from fake_slack import Failure, FakeSlack, slash_payload
from slack_helpers import NOW, Running, command_dispatcher, make_adapter, run_adapter

from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.health import HealthCheck
from bot.metrics import prometheus_text
from bot.scheduler import Scheduler
from bot.store.db import Database


@pytest.mark.parametrize("error", ["invalid_auth", "token_revoked"])
async def test_a_refused_reconnection_is_not_ready_until_it_connects_again(
    fake: FakeSlack, running: Running, tmp_path: Path, caplog: pytest.LogCaptureFixture, error: str
) -> None:
    caplog.set_level(logging.INFO)
    adapter = make_adapter(fake, mode="socket")
    changes: asyncio.Queue[str | None] = asyncio.Queue()
    heard = adapter._socket_changed

    def socket_changed(problem: str | None) -> None:
        heard(problem)
        changes.put_nowait(problem)

    adapter._socket_changed = socket_changed  # type: ignore[method-assign]
    db = await Database.open(f"sqlite:///{tmp_path / 'socket.db'}")
    clock = ManualClock(NOW)
    check = HealthCheck.for_store(db, Scheduler(Delivery(db, Config(), {}), clock), [adapter], clock)
    try:
        await run_adapter(running, adapter, command_dispatcher())
        fake.fail_next("apps.connections.open", Failure(error=error))
        await fake.send_disconnect()  # Slack rotates its servers: a new URL is asked for, and refused
        problem = await asyncio.wait_for(changes.get(), 5)
        _, lost = await check.readiness()
        await fake.send_disconnect()  # asked again: the token works again
        assert await asyncio.wait_for(changes.get(), 5) is None
        _, back = await check.readiness()
        envelope = await fake.push_slash_command(slash_payload("whosaid Velmora", response_url=fake.response_url()))
        await fake.wait_for(lambda: any(a["envelope_id"] == envelope for a in fake.socket_acks))
    finally:
        await db.close()
    assert problem is not None and f"(apps.connections.open: {error})" in problem
    assert "$SLACK_APP_TOKEN" in problem and "restart briefbot" in problem
    told = [r.getMessage() for r in caplog.records if "$SLACK_APP_TOKEN" in r.getMessage()]
    assert told == [f"slack: {problem}"]
    assert lost["adapters"] == {"slack": "not_ready"} and f"slack: {problem}" in lost["reasons"]
    assert 'briefbot_adapter_state{adapter="slack",state="not_ready"} 1' in prometheus_text(False, lost)
    assert back["adapters"] == {"slack": "ready"} and not any(r.startswith("slack:") for r in back["reasons"])
    assert adapter.ready.is_set() and adapter.problem is None
