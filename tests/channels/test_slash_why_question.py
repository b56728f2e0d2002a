"""``/brief why`` then a question (``why did the bridge close?``) is asked, as a mention or ``ask`` with the same
words is; ``why`` then a story (``#2``, ``2``, headline words) is still the ``why`` verb. Command stats count each as
the command that answered it."""

from __future__ import annotations

import pytest

from bot.command_stats import CommandStats
from bot.commands.base import Invocation
from bot.commands.mention import answer_mention
from tests.channels.story_number_dispatch import story_number_dispatcher
from tests.channels.test_followups import REF

ASKED = "ask: {'question': 'why did the bridge close'}"


class Ticks:
    def __init__(self) -> None:
        self.now = 10.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("typed", ["why did the bridge close?", "Why did the bridge close", "why isn't the bridge open",
                                   "brief why is the bridge closed?"])
async def test_typed_why_then_a_question_is_asked(typed: str) -> None:
    seen: list[Invocation] = []
    dispatcher = story_number_dispatcher(seen)
    reply = await dispatcher(dispatcher.from_text(typed, user="U7", channel=REF, now=None))
    assert reply.text.startswith("ask: {'question': ") and seen[0].command == "ask", reply.text
    assert seen[0].options["question"].casefold().startswith("why ")


async def test_slash_mention_and_ask_answer_a_why_question_alike() -> None:
    seen: list[Invocation] = []
    dispatcher = story_number_dispatcher(seen)
    typed = await dispatcher(dispatcher.from_text("why did the bridge close?", user="U7", channel=REF, now=None))
    given = await dispatcher(Invocation(command="why", args="did the bridge close?", user="U7", channel=REF,
                                        options={"story": "did the bridge close?"}))  # Discord's options
    mentioned = await answer_mention(dispatcher, "why did the bridge close?", user="U7", channel=REF, now=None)
    asked = await dispatcher(dispatcher.from_text("ask why did the bridge close?", user="U7", channel=REF, now=None))
    assert [typed.text, given.text, mentioned.text, asked.text] == [ASKED] * 4


@pytest.mark.parametrize(("typed", "story"), [("why #2", "#2"), ("why 2", "2"), ("why 2?", "2"),
                                              ("why harbour fire", "harbour fire"), ("why s-1a2b", "s-1a2b")])
async def test_why_then_a_story_is_still_the_why_verb(typed: str, story: str) -> None:
    seen: list[Invocation] = []
    dispatcher = story_number_dispatcher(seen)
    reply = await dispatcher(dispatcher.from_text(typed, user="U7", channel=REF, now=None))
    assert reply.text == f"why: {{'story': '{story}'}}"


async def test_stats_count_the_command_that_answered() -> None:
    stats = CommandStats(Ticks())
    dispatcher = story_number_dispatcher([], stats=stats)
    for typed in ("#2", "brief #2", "why did the bridge close?", "why 2", "harbour fire"):
        await dispatcher(dispatcher.from_text(typed, user="U7", channel=REF, now=None))
    await dispatcher(Invocation(command="brief", args="#2", user="U7", channel=REF, options={"topic": "#2"}))
    assert stats.snapshot().answers == {("ask", "ok"): 1, ("brief", "ok"): 1, ("story", "ok"): 3, ("why", "ok"): 1}
