"""Fixtures: a local Slack (Web API, response_url, Socket Mode) and the real adapter pointed at it."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

# the helpers beside this file are plain modules; pytest's importlib mode does not put this folder on the path
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from fake_slack import FakeSlack
from slack_helpers import Running


@pytest.fixture(autouse=True)
def _no_slack_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # slack-bolt falls back to these when a value is missing: tests must only use what they pass in
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CLIENT_ID",
                 "SLACK_CLIENT_SECRET", "SLACK_VERIFICATION_TOKEN"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = FakeSlack()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def running() -> AsyncIterator[Running]:
    """Adapters started with ``run_adapter``; closed and awaited at teardown."""
    started: Running = []
    yield started
    for adapter, task in started:
        await adapter.close()
        await asyncio.wait_for(task, 5)
