"""A bare ``#2`` is story 2 on Discord too: given as ``/brief brief``'s topic option, or after a mention of the
bot (``@briefbot #2``, ``@briefbot brief #2``), as typed ``/brief #2`` is."""

from __future__ import annotations

from typing import Any

from discord_harness import AdapterFactory, start, stop
from fake_discord import BOT_ID, FakeDiscord
from mention_messages import answering, push_message, replies

from bot.commands.base import Invocation
from tests.channels.story_number_dispatch import story_number_dispatcher


def callback_of(fake: FakeDiscord, inter_id: str) -> list[Any]:
    return [c.body for c in fake.calls("POST", rf"/interactions/{inter_id}/[^/]+/callback")]


async def test_a_bare_hash_number_as_the_brief_option_is_that_story(
    fake: FakeDiscord, make_adapter: AdapterFactory
) -> None:
    seen: list[Invocation] = []
    adapter = make_adapter()
    task = await start(adapter, fake, story_number_dispatcher(seen))
    try:
        inter = await fake.push_command("brief", {"topic": "#2"})
        await fake.wait_for(lambda: bool(callback_of(fake, inter)))
        assert [(inv.command, dict(inv.options)) for inv in seen] == [("story", {"story": "#2"})]
    finally:
        await stop(task, adapter)


async def test_a_bare_hash_number_after_a_mention_is_that_story(fake: FakeDiscord) -> None:
    seen: list[Invocation] = []
    async with answering(fake, story_number_dispatcher(seen)):
        await push_message(fake, f"<@{BOT_ID}> #2")
        await fake.wait_for(lambda: len(replies(fake)) == 1)
        await push_message(fake, f"<@{BOT_ID}> brief #2?")
        await fake.wait_for(lambda: len(replies(fake)) == 2)
    assert [(inv.command, dict(inv.options)) for inv in seen] == [("story", {"story": "#2"})] * 2
    assert all("story:" in body["content"] for body in replies(fake))
