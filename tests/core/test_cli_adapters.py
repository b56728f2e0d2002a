"""`briefbot run` stops, with the reason, when a chat adapter cannot run (its token unset or refused), instead of
going on polling and posting deaf to chat; the console's end of input stops nothing."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import pytest

from bot.adapter import Adapter, PlatformLost
from bot.cli_adapters import AdapterTasks
from bot.commands.base import Dispatch


class Failing:
    """An adapter whose run fails as the Slack one does with no app-level token."""

    name = "slack"

    async def run(self, dispatch: Dispatch) -> None:
        raise RuntimeError('slack.mode is "socket" but $SLACK_APP_TOKEN is empty')


class Finishing:
    """An adapter whose run returns, as the console does at the end of its input."""

    name = "console"

    async def run(self, dispatch: Dispatch) -> None:
        return None


class Waiting:
    """An adapter that runs until cancelled, as a connected one does."""

    name = "discord"

    def __init__(self) -> None:
        self.cancelled = False

    async def run(self, dispatch: Dispatch) -> None:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            self.cancelled = True
            raise


async def _no_dispatch(_invocation: object) -> object:
    return None


def _tasks(adapters: Sequence[object], stop: asyncio.Event) -> AdapterTasks:
    fakes: Sequence[Adapter] = adapters  # type: ignore[assignment]  # run and name are all these fakes need
    return AdapterTasks(fakes, _no_dispatch, stop)  # type: ignore[arg-type]


def test_an_adapter_that_raises_stops_the_run_with_its_reason(caplog: pytest.LogCaptureFixture) -> None:
    waiting = Waiting()

    async def scenario() -> str:
        stop = asyncio.Event()
        running = _tasks([waiting, Failing()], stop)
        await stop.wait()  # set by the failing adapter, as SIGTERM would set it
        await running.cancel()
        return running.failure

    with caplog.at_level(logging.ERROR, logger="bot.cli_adapters"):
        failure = asyncio.run(scenario())
    assert failure == 'slack: slack.mode is "socket" but $SLACK_APP_TOKEN is empty'
    assert waiting.cancelled  # the others are stopped too
    [line] = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert line == 'the slack adapter stopped: slack.mode is "socket" but $SLACK_APP_TOKEN is empty; briefbot stops'


def test_an_adapter_that_returns_or_is_cancelled_stops_nothing() -> None:
    async def scenario() -> tuple[bool, str]:
        stop = asyncio.Event()
        waiting = Waiting()
        running = _tasks([Finishing(), waiting], stop)
        await running.tasks[0]  # the console's input ended: its task is done, without an error
        finished_stop = stop.is_set()
        await running.cancel()  # SIGTERM: the waiting one is cancelled, which is no failure either
        return finished_stop or stop.is_set(), running.failure

    assert asyncio.run(scenario()) == (False, "")


class Lost:
    """An adapter whose platform refused it, as Discord's does once its token was reset."""

    name = "discord"

    async def run(self, dispatch: Dispatch) -> None:
        raise PlatformLost("Discord refused the bot token from $DISCORD_TOKEN at the gateway (close 4004)")


class WaitingSlack(Waiting):
    name = "slack"


def test_a_platform_lost_leaves_the_other_adapters_running(caplog: pytest.LogCaptureFixture) -> None:
    slack = WaitingSlack()

    async def scenario() -> tuple[bool, str, bool]:
        stop = asyncio.Event()
        running = _tasks([slack, Lost()], stop)
        await asyncio.wait([running.tasks[1]])
        stopped, alive = stop.is_set(), not running.tasks[0].done()
        await running.cancel()  # SIGTERM later
        return stopped, running.failure, alive

    with caplog.at_level(logging.ERROR, logger="bot.cli_adapters"):
        stopped, failure, alive = asyncio.run(scenario())
    assert (stopped, failure, alive) == (False, "", True)
    [line] = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert line == (
        "the discord adapter stopped: Discord refused the bot token from $DISCORD_TOKEN at the gateway "
        "(close 4004); briefbot goes on with slack"
    )


def test_a_platform_lost_with_no_other_adapter_stops_the_run(caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> str:
        stop = asyncio.Event()
        running = _tasks([Lost()], stop)
        await stop.wait()
        await running.cancel()
        return running.failure

    with caplog.at_level(logging.ERROR, logger="bot.cli_adapters"):
        failure = asyncio.run(scenario())
    assert failure.startswith("discord: Discord refused the bot token from $DISCORD_TOKEN")
    [line] = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert line.endswith("(close 4004); briefbot stops")
