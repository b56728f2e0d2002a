"""`briefbot run` stops, with the reason, when a chat adapter cannot run (its token unset or refused), instead of
going on polling and posting deaf to chat; the console's end of input stops nothing."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import pytest

from bot.adapter import Adapter
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
