"""A slow command whose answer is always private (``Command.private``: story, why, preview) is deferred privately:
the channel never sees "<user> used /brief story ... briefbot is thinking..."."""

from __future__ import annotations

import asyncio

from discord_harness import AdapterFactory, start, stop
from fake_discord import FakeDiscord

from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.dispatch import Dispatcher

CALLBACK = r"/interactions/\d+/[^/]+/callback"
EPHEMERAL = 1 << 6
DEFERRED_WITH_SOURCE = 5


class SlowStory:
    """A ``story`` verb that answers privately once the test releases it."""

    def __init__(self, *, private: bool) -> None:
        self.release = asyncio.Event()
        self.dispatcher = Dispatcher([Command("story", "One story in full.", self._story,
                                              (Option("story", "which story", required=True, rest=True),),
                                              slow=True, private=private)])

    async def _story(self, inv: Invocation) -> Reply:
        await self.release.wait()
        return Reply(f"the story {inv.options['story']}", ephemeral=True)


async def test_a_private_slow_answer_is_deferred_privately_and_followed_up_in_its_place(
        fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    story = SlowStory(private=True)
    adapter = make_adapter()
    task = await start(adapter, fake, story.dispatcher)
    try:
        await fake.push_command("story", {"story": "2"})
        await fake.wait_for(lambda: bool(fake.calls("POST", CALLBACK)))
        [deferred] = fake.calls("POST", CALLBACK)
        assert deferred.body["type"] == DEFERRED_WITH_SOURCE
        assert deferred.body["data"]["flags"] & EPHEMERAL  # "thinking..." for the asker alone
        story.release.set()
        await fake.wait_for(lambda: bool(fake.calls("POST", r"/webhooks/\d+/tok\d+")))
        [follow_up] = fake.calls("POST", r"/webhooks/\d+/tok\d+")
        assert follow_up.body["content"] == "the story 2" and follow_up.body["flags"] & EPHEMERAL
        assert fake.calls("DELETE", r"/webhooks/.*") == []  # nothing public to take down
    finally:
        await stop(task, adapter)


async def test_a_slow_command_not_known_to_be_private_is_still_deferred_publicly(
        fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    story = SlowStory(private=False)
    adapter = make_adapter()
    task = await start(adapter, fake, story.dispatcher)
    try:
        await fake.push_command("story", {"story": "2"})
        await fake.wait_for(lambda: bool(fake.calls("POST", CALLBACK)))
        [deferred] = fake.calls("POST", CALLBACK)
        assert not (deferred.body.get("data") or {}).get("flags", 0) & EPHEMERAL
        story.release.set()
        await fake.wait_for(lambda: bool(fake.calls("DELETE", r"/webhooks/.*")))  # its private answer replaces it
    finally:
        await stop(task, adapter)
