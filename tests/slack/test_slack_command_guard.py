"""A double-submitted ``/brief`` through the real Slack adapter: the second is answered "Still working" at once,
privately, and not run; ``/metrics`` then counts both."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from fake_slack import FakeSlack, form_body, sign, slash_payload
from slack_helpers import NOW, Running, make_adapter, run_adapter

from adapters.slack import SlackAdapter
from bot.clock import ManualClock
from bot.command_stats import CommandStats
from bot.commands import build_commands
from bot.commands.base import Invocation, Reply
from bot.commands.deps import CommandDeps
from bot.commands.dispatch import Dispatcher
from bot.commands.guard import CommandGuard
from bot.config import Config
from bot.delivery import Delivery
from bot.health import HealthCheck, HealthServer
from bot.scheduler import Scheduler
from bot.store.db import Database
from tests.prometheus_format import parse


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'guard.db'}")
    yield database
    await database.close()


async def slash(adapter: SlackAdapter, fake: FakeSlack, text: str, user: str) -> None:
    body = form_body(slash_payload(text, response_url=fake.response_url(), user_id=user))
    async with aiohttp.ClientSession() as session, session.post(
            f"http://127.0.0.1:{adapter.http_port}/slack/events", data=body.encode(), headers=sign(body)) as response:
        assert response.status == 200


async def test_a_double_submitted_brief_is_not_run_twice_and_shows_on_metrics(
        fake: FakeSlack, running: Running, db: Database) -> None:
    config, clock, monotonic = Config(), ManualClock(NOW), FakeMonotonic()
    entered, release = asyncio.Event(), asyncio.Event()
    runs: list[str] = []
    production = build_commands(CommandDeps(config, db, clock))
    real_brief = next(c for c in production if c.name == "brief")

    async def held_brief(inv: Invocation) -> Reply:  # the real briefing, held "running" until released
        runs.append(inv.args)
        entered.set()
        await release.wait()
        monotonic.now += 3.2
        return await real_brief.handler(inv)

    commands = [dataclasses.replace(c, handler=held_brief) if c is real_brief else c for c in production]
    stats = CommandStats(monotonic)
    dispatch = Dispatcher(commands, guard=CommandGuard.from_config(config.commands), stats=stats)
    adapter = await run_adapter(running, make_adapter(fake), dispatch)
    health = HealthServer(HealthCheck.for_store(db, Scheduler(Delivery(db, config, {}), clock), [adapter], clock),
                          "127.0.0.1", 0, commands=stats)
    await health.start()
    try:
        await slash(adapter, fake, "since 2d", "U0READER")
        await asyncio.wait_for(entered.wait(), 10)
        await slash(adapter, fake, "since 2d", "U0READER")  # the impatient retry
        await fake.wait_for(lambda: len(fake.responses) == 1)
        retry = fake.responses[0]
        assert retry["response_type"] == "ephemeral"
        assert retry["text"] == "Still working on your last request (`/brief since 2d`); this one was not run."
        await slash(adapter, fake, "help", "U0READER")  # a light command is not held back
        await fake.wait_for(lambda: len(fake.responses) == 2)
        assert "Commands:" in fake.responses[1]["text"]
        release.set()
        await fake.wait_for(lambda: len(fake.responses) == 3)
        assert fake.responses[2]["text"].startswith("No stories since")  # the first one's real answer
        assert runs == ["since 2d"]  # run once
        async with aiohttp.ClientSession() as session, session.get(
                f"http://127.0.0.1:{health.port}/metrics") as response:
            assert response.status == 200
            metrics = await response.text()
    finally:
        await health.stop()
    families = parse(metrics)
    total = families["briefbot_commands_total"]
    assert total.value("briefbot_commands_total", verb="brief", outcome="ok") == 1
    assert total.value("briefbot_commands_total", verb="brief", outcome="busy") == 1
    assert total.value("briefbot_commands_total", verb="help", outcome="ok") == 1
    seconds = families["briefbot_command_seconds"]
    assert seconds.value("briefbot_command_seconds_count", verb="brief") == 2
    assert seconds.value("briefbot_command_seconds_sum", verb="brief") == pytest.approx(3.2)
    assert seconds.value("briefbot_command_seconds_bucket", verb="brief", le="2.5") == 1  # the refusal, at once
    assert seconds.value("briefbot_command_seconds_bucket", verb="brief", le="5") == 2
    assert "U0READER" not in metrics and "since 2d" not in metrics  # no user ids or message text
