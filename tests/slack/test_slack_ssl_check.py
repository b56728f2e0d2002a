"""HTTP mode answers Slack's SSL check of the Request URL (``ssl_check=1``, sent without a signature) with 200 and
runs nothing for it: a forged command that adds ``ssl_check=1`` gets the same empty 200 and is never dispatched."""

from __future__ import annotations

import aiohttp
import pytest
from fake_slack import FakeSlack, form_body, sign, slash_payload
from slack_helpers import Running, command_dispatcher, make_adapter, run_adapter

from adapters.slack import SlackAdapter
from bot.commands.base import Invocation

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


async def post(adapter: SlackAdapter, body: str, headers: dict[str, str]) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.post(
            f"http://127.0.0.1:{adapter.http_port}/slack/events", data=body.encode(), headers=headers) as response:
        return response.status, await response.text()


@pytest.mark.parametrize("signed", [False, True])
async def test_slacks_ssl_check_gets_200(fake: FakeSlack, running: Running, signed: bool) -> None:
    seen: list[Invocation] = []
    adapter = await run_adapter(running, make_adapter(fake), command_dispatcher(seen))
    body = form_body({"ssl_check": "1", "token": "deprecated-verification-token"})
    assert await post(adapter, body, sign(body) if signed else FORM) == (200, "")
    assert seen == [] and fake.responses == []


async def test_a_forged_command_with_ssl_check_runs_nothing(fake: FakeSlack, running: Running) -> None:
    seen: list[Invocation] = []
    adapter = await run_adapter(running, make_adapter(fake), command_dispatcher(seen))
    forged = form_body({**slash_payload("subscribe harbour", response_url=fake.response_url()), "ssl_check": "1"})
    assert await post(adapter, forged, FORM) == (200, "")
    real = form_body(slash_payload("whosaid Varn", response_url=fake.response_url()))
    assert await post(adapter, real, sign(real)) == (200, "")  # a signed command is still answered
    await fake.wait_for(lambda: len(fake.responses) == 1)
    assert [i.command for i in seen] == ["whosaid"]


async def test_a_verification_token_in_the_environment_changes_nothing(fake: FakeSlack, running: Running,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # slack-bolt's own ssl_check answer reads $SLACK_VERIFICATION_TOKEN and then refuses Slack's matching check
    monkeypatch.setenv("SLACK_VERIFICATION_TOKEN", "deprecated-verification-token")
    adapter = await run_adapter(running, make_adapter(fake), command_dispatcher())
    body = form_body({"ssl_check": "1", "token": "deprecated-verification-token"})
    assert await post(adapter, body, FORM) == (200, "")
