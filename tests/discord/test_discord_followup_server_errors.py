"""An interaction's follow-up (and its other webhook calls) goes through discord.py's webhook client, which retries any
5xx, 503 included, five times (waiting 1, 3, 5, 7 and 9 s): each try is logged as a WARNING as it comes, like the 5xx
of the bot's own requests, with the interaction's token left out."""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace

import discord.webhook.async_
import pytest
from discord_harness import AdapterFactory, start, stop
from fake_discord import APP_ID, FakeDiscord

from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.dispatch import Dispatcher
from tests.log_watch import Heard

FOLLOW_UP = r"/webhooks/\d+/tok\d+"


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The webhook client's own waits between its tries, recorded instead of slept."""
    seen: list[float] = []
    real_sleep = asyncio.sleep

    async def sleep(seconds: float, result: object = None) -> object:
        seen.append(seconds)
        await real_sleep(0)
        return result

    proxy = SimpleNamespace(**{k: getattr(asyncio, k) for k in dir(asyncio) if not k.startswith("__")})
    proxy.sleep = sleep
    monkeypatch.setattr(discord.webhook.async_, "asyncio", proxy)
    return seen


def slow_story() -> Dispatcher:
    async def story(inv: Invocation) -> Reply:
        return Reply(f"the story {inv.options['story']}", ephemeral=True)

    return Dispatcher([Command("story", "One story in full.", story,
                               (Option("story", "which story", required=True, rest=True),), slow=True, private=True)])


def retry_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name.startswith("adapters.discord") and r.levelno == logging.WARNING
            and " from Discord for " in r.getMessage()]


async def test_each_follow_up_server_error_is_logged_as_it_is_retried(
        fake: FakeDiscord, make_adapter: AdapterFactory, waits: list[float], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    fake.fail("POST", FOLLOW_UP, 503, count=2)
    adapter = make_adapter()
    task = await start(adapter, fake, slow_story())
    try:
        await fake.push_command("story", {"story": "2"})
        await fake.wait_for(lambda: len(fake.calls("POST", FOLLOW_UP)) == 3)
    finally:
        await stop(task, adapter)
    assert waits == [1, 3]
    assert retry_lines(caplog) == [
        f"discord: HTTP 503 from Discord for POST /api/v10/webhooks/{APP_ID}/… (try 1 of 5); "
        "discord.py is trying again in 1 s",
        f"discord: HTTP 503 from Discord for POST /api/v10/webhooks/{APP_ID}/… (try 2 of 5); "
        "discord.py is trying again in 3 s",
    ]
    assert not any("/tok" in r.getMessage() for r in caplog.records if r.name.startswith("adapters.discord"))


async def test_a_follow_up_that_keeps_failing_says_discord_py_gives_up(
        fake: FakeDiscord, make_adapter: AdapterFactory, waits: list[float], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    fake.fail("POST", FOLLOW_UP, 503, count=50)
    adapter = make_adapter()
    given_up = Heard("could not answer", logging.ERROR)
    logging.getLogger("adapters.discord").addHandler(given_up)
    task = await start(adapter, fake, slow_story())
    try:
        await fake.push_command("story", {"story": "2"})
        await asyncio.wait_for(given_up.event.wait(), 5)
    finally:
        logging.getLogger("adapters.discord").removeHandler(given_up)
        await stop(task, adapter)
    assert len(fake.calls("POST", FOLLOW_UP)) == 5 and waits == [1, 3, 5, 7, 9]
    lines = retry_lines(caplog)
    assert len(lines) == 5 and "try 5 of 5" in lines[-1] and "gives up after waiting 9 s" in lines[-1]
    assert "(HTTP 503" in given_up.messages[0]


async def test_a_server_error_answering_the_interaction_itself_is_logged_too(
        fake: FakeDiscord, make_adapter: AdapterFactory, waits: list[float], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    callback = r"/interactions/\d+/[^/]+/callback"
    fake.fail("POST", callback, 503, count=1)
    adapter = make_adapter()
    task = await start(adapter, fake, quick_story())
    try:
        await fake.push_command("story", {"story": "3"})
        await fake.wait_for(lambda: len(fake.calls("POST", callback)) == 2)
    finally:
        await stop(task, adapter)
    assert waits == [1]
    [line] = retry_lines(caplog)
    assert line.startswith("discord: HTTP 503 from Discord for POST /api/v10/interactions/")
    assert line.endswith("/…/callback (try 1 of 5); discord.py is trying again in 1 s")


def quick_story() -> Dispatcher:
    async def story(inv: Invocation) -> Reply:
        return Reply(f"the story {inv.options['story']}")

    return Dispatcher([Command("story", "One story in full.", story,
                               (Option("story", "which story", required=True, rest=True),))])
