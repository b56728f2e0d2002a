"""A bare ``#2`` after a mention of the bot (``@briefbot #2``) is story 2, as typed ``/brief #2`` is."""

from __future__ import annotations

import pytest
from fake_slack import FakeSlack
from mention_store import SEED_NOW
from slack_helpers import RecordingSleep, Running, run_adapter, slack_config
from test_slack_mentions import BOT, MODES, answers, mention, send, shown

from adapters.slack import build_slack_adapter
from adapters.slack.post import RetryPolicy
from bot.commands.base import Invocation
from tests.channels.story_number_dispatch import story_number_dispatcher


@pytest.mark.parametrize("mode", MODES)
async def test_a_bare_hash_number_after_a_mention_is_that_story(fake: FakeSlack, running: Running, mode: str) -> None:
    seen: list[Invocation] = []
    adapter = build_slack_adapter(
        slack_config(fake, mode=mode),
        clock=lambda: SEED_NOW,
        sleep=RecordingSleep(),
        policy=RetryPolicy(attempts=3),
        connect_timeout=5.0,
    )
    await run_adapter(running, adapter, story_number_dispatcher(seen))
    await send(fake, adapter, mode, mention(f"{BOT} #2"))
    await fake.wait_for(lambda: len(answers(fake)) == 1)
    await send(fake, adapter, mode, mention(f"{BOT} brief #2."))
    await fake.wait_for(lambda: len(answers(fake)) == 2)
    assert [(inv.command, dict(inv.options)) for inv in seen] == [("story", {"story": "#2"})] * 2
    assert all("story:" in shown(answer) for answer in answers(fake))
