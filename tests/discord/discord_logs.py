"""Shared pieces of the Discord interaction tests: a log watch that waits with no sleep, the channel's texts."""

from __future__ import annotations

from fake_discord import CHANNEL_ID, FakeDiscord

from tests.log_watch import Heard

FOLLOW_UP = r"/webhooks/\d+/tok\d+"
CALLBACK = r"/interactions/\d+/[^/]+/callback"


class Seen(Heard):
    """Sets ``event`` once a record whose message holds ``text`` is logged (a wait with no sleep)."""


def contents(fake: FakeDiscord) -> list[str]:
    """The texts posted in the test channel, oldest first."""
    return [m["content"] for m in fake.messages.get(CHANNEL_ID, [])]
