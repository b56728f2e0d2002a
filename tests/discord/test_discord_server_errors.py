"""Discord's 5xx answers, which discord.py retries on its own (5 tries, waiting 1, 3, 5, 7 and 9 s): each is logged
as a WARNING naming the channel, the status and the try, as it comes, not only once the post gave up."""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace

import discord
import pytest
from discord_harness import AdapterFactory
from fake_discord import CHANNEL_ID, FakeDiscord

from adapters.discord.server_errors import what
from bot.adapter import PostError
from bot.models import ChannelRef

MESSAGES = rf"/channels/{CHANNEL_ID}/messages"


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """discord.py's own waits between its tries, recorded instead of slept."""
    seen: list[float] = []
    real_sleep = asyncio.sleep

    async def sleep(seconds: float, result: object = None) -> object:
        if seconds:  # its rate-limit bookkeeping yields with sleep(0)
            seen.append(seconds)
        await real_sleep(0)
        return result

    proxy = SimpleNamespace(**{k: getattr(asyncio, k) for k in dir(asyncio) if not k.startswith("__")})
    proxy.sleep = sleep
    monkeypatch.setattr(discord.http, "asyncio", proxy)
    return seen


def retry_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith("adapters.discord")
        and r.levelno == logging.WARNING
        and " from Discord for " in r.getMessage()
    ]


async def test_each_retried_server_error_is_logged_with_the_channel(
    fake: FakeDiscord, make_adapter: AdapterFactory, waits: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    adapter = make_adapter()
    fake.fail("POST", MESSAGES, 502, count=2)
    await adapter.notify(ChannelRef("discord", CHANNEL_ID), "The Velmora tram strike ended at noon.")
    assert len(fake.calls("POST", MESSAGES)) == 3 and waits == [1, 3]
    first, second = retry_lines(caplog)
    assert f"channel {CHANNEL_ID}" in first and "HTTP 502" in first and "try 1 of 5" in first
    assert "trying again in 1 s" in first
    assert "try 2 of 5" in second and "trying again in 3 s" in second


async def test_the_last_server_error_says_discord_py_gives_up(
    fake: FakeDiscord, make_adapter: AdapterFactory, waits: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    adapter = make_adapter()
    fake.fail("POST", MESSAGES, 500, count=50)
    with pytest.raises(PostError) as failed:
        await adapter.notify(ChannelRef("discord", CHANNEL_ID), "The Orrin ferry is late again.")
    assert failed.value.kind == "retryable"
    assert len(fake.calls("POST", MESSAGES)) == 5 and waits == [1, 3, 5, 7, 9]
    lines = retry_lines(caplog)
    assert len(lines) == 5 and "try 5 of 5" in lines[-1] and "gives up after waiting 9 s" in lines[-1]


def test_a_request_is_named_by_its_channel_and_never_by_its_token() -> None:
    assert what("POST", f"http://127.0.0.1:1/api/v10/channels/{CHANNEL_ID}/messages") == (
        f"POST to channel {CHANNEL_ID}"
    )
    named = what("PATCH", "http://127.0.0.1:1/api/v10/webhooks/77/aSecretInteractionToken/messages/@original")
    assert named == "PATCH /api/v10/webhooks/77/…/messages/@original"
    assert what("POST", "http://127.0.0.1:1/api/v10/interactions/5/tok5/callback") == (
        "POST /api/v10/interactions/5/…/callback"
    )
