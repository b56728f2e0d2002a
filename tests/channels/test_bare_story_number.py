"""A bare ``#N`` typed after /brief (``/brief #2``, ``/brief brief #2``) is ``story N``, as the README says; a
``#name`` is still refused as a channel mention."""

from __future__ import annotations

from pathlib import Path

from bot.commands import build_dispatcher
from bot.commands.base import Invocation
from bot.commands.deps import CommandDeps
from bot.commands.mention import answer_mention
from bot.config import Config
from bot.store.db import Database
from tests.channels.story_number_dispatch import story_number_dispatcher
from tests.channels.test_followups import REF
from tests.channels.test_preview_numbers import say, three_stories


async def test_a_bare_hash_number_is_that_story(db: Database, config: Config, tmp_path: Path) -> None:
    world, _ids = await three_stories(db, config, tmp_path)
    dispatcher = build_dispatcher(CommandDeps(config, db, world.clock))
    story_two = await say(db, config, world, "story 2")
    assert story_two.startswith("*"), story_two
    for typed in ("#2", "#2?", "brief #2"):
        inv = dispatcher.from_text(typed, user="U7", channel=REF, can_manage=False, now=world.clock())
        assert inv.command == "story", typed
        reply = await dispatcher(inv)
        assert not reply.error and reply.text == story_two, (typed, reply.text)
    inv = dispatcher.from_text("#harbour", user="U7", channel=REF, can_manage=False, now=world.clock())
    assert inv.command == "brief"


async def test_a_bare_hash_number_given_as_the_brief_option_or_in_a_mention_is_that_story() -> None:
    seen: list[Invocation] = []
    dispatcher = story_number_dispatcher(seen)
    given = Invocation(command="brief", args="#2", user="U7", channel=REF, options={"topic": "#2"})
    assert (await dispatcher(given)).text == "story: {'story': '#2'}"
    for typed in ("#2", "#2?", "brief #2", "/brief #2"):
        reply = await answer_mention(dispatcher, typed, user="U7", channel=REF, now=None)
        assert reply.text == "story: {'story': '#2'}", typed
    assert [inv.command for inv in seen] == ["story"] * 5
    with_since = Invocation(
        command="brief", args="#2 since 3d", user="U7", channel=REF, options={"topic": "#2", "since": "3d"}
    )
    assert (await dispatcher(with_since)).text.startswith("brief:")  # a topic with more to it stays a briefing
    assert (await answer_mention(dispatcher, "#harbour", user="U7", channel=REF, now=None)).text.startswith("ask:")
