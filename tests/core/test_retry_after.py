"""A platform's Retry-After as the delivery reads it: a number of seconds within 0 and a day, or None; never an
overflow, whatever a broken or hostile server sends."""

from __future__ import annotations

import math

import pytest

from adapters.webhooks.base import WebhookTarget
from adapters.webhooks.discord_hook import discord_refusal
from adapters.webhooks.slack_hook import retry_after_seconds
from bot.adapter import MAX_RETRY_AFTER, PostError, parse_retry_after
from bot.config import Secret
from bot.models import ChannelRef


@pytest.mark.parametrize(("given", "seconds"), [
    ("30", 30.0), ("1.5", 1.5), (2, 2.0), (0.25, 0.25), ("0", 0.0),
    ("-5", 0.0),  # a wait in the past: none
    ("inf", MAX_RETRY_AFTER), ("1e300", MAX_RETRY_AFTER), ("9" * 400, MAX_RETRY_AFTER), (float("inf"), MAX_RETRY_AFTER),
    ("nan", None), (float("nan"), None), ("soon", None), ("", None), (None, None), (True, None), ([30], None),
])
def test_parse_retry_after(given: object, seconds: float | None) -> None:
    assert parse_retry_after(given) == seconds


def test_post_error_keeps_only_a_usable_retry_after() -> None:
    ref = ChannelRef("slack-webhook", "news")
    assert PostError(ref, "retryable", "x", retry_after=float("inf")).retry_after == MAX_RETRY_AFTER
    assert PostError(ref, "retryable", "x", retry_after=-1.0).retry_after == 0.0
    nan = PostError(ref, "retryable", "x", retry_after=math.nan).retry_after
    assert nan is None


def test_the_webhook_adapters_read_a_hostile_retry_after_as_the_longest_wait() -> None:
    assert retry_after_seconds("Infinity") == MAX_RETRY_AFTER
    assert retry_after_seconds("later") is None
    target = WebhookTarget("discord-webhook:news", "channels[0]", Secret("NEWS_HOOK", "https://discord.test/h/1/t"))
    refusal = discord_refusal(429, {"retry_after": 1e308 * 10}, None, target)
    assert refusal.kind == "retryable" and refusal.retry_after == MAX_RETRY_AFTER
    assert discord_refusal(429, {"retry_after": "x"}, "12", target).retry_after == 12.0
