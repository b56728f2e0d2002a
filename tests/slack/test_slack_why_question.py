"""``/brief why did the bridge close?`` typed as Slack's slash command is asked (as a mention with those words is);
``/brief why #2`` and ``/brief why 2`` stay the ``why`` verb."""

from __future__ import annotations

import aiohttp
import pytest
from fake_slack import FakeSlack, form_body, sign, slash_payload
from slack_helpers import Running, make_adapter, run_adapter
from test_slack_mentions import MODES

from bot.commands.base import Invocation
from tests.channels.story_number_dispatch import story_number_dispatcher


@pytest.mark.parametrize("mode", MODES)
async def test_a_slash_why_question_is_asked_and_a_why_story_is_not(fake: FakeSlack, running: Running,
                                                                     mode: str) -> None:
    seen: list[Invocation] = []
    adapter = await run_adapter(running, make_adapter(fake, mode=mode), story_number_dispatcher(seen))
    for n, text in enumerate(("why did the bridge close?", "why #2", "why 2"), 1):
        payload = slash_payload(text, response_url=fake.response_url())
        if mode == "socket":
            await fake.push_slash_command(payload)
        else:
            body = form_body(payload)
            async with aiohttp.ClientSession() as session, session.post(
                    f"http://127.0.0.1:{adapter.http_port}/slack/events", data=body.encode(),
                    headers=sign(body)) as response:
                assert response.status == 200
        await fake.wait_for(lambda n=n: len(fake.responses) == n)  # type: ignore[misc]
    assert [(inv.command, dict(inv.options)) for inv in seen] == [
        ("ask", {"question": "why did the bridge close"}), ("why", {"story": "#2"}), ("why", {"story": "2"})]
    assert fake.responses[0]["text"].startswith("ask:")
