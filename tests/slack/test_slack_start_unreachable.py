"""Slack out of reach at start: auth.test or apps.connections.open held without an answer (given up at the Web API
client's bound, made tiny here), or apps.connections.open answering 503, stops the start with one sentence saying
what was asked, the bound or status, and what to check, not a bare "TimeoutError()" or a token said to be refused.
Driven by the local Slack holding or failing the request; nothing sleeps."""

from __future__ import annotations

import pytest
from fake_slack import HANG, SERVER_ERROR, Failure, FakeSlack
from slack_helpers import NOW, RecordingSleep, Running, command_dispatcher, run_adapter, slack_config

from adapters.slack import SlackStartupError, build_slack_adapter
from adapters.slack.post import RetryPolicy

CHECK = "check the network, a proxy, or https://slack-status.com, then start briefbot again"


@pytest.mark.parametrize(("method", "failure", "why"), [
    ("apps.connections.open", HANG, "no answer within 0.05 s"),
    ("apps.connections.open", Failure(status=503), "HTTP 503"),
    ("apps.connections.open", SERVER_ERROR, "HTTP 500"),
    ("auth.test", HANG, "no answer within 0.05 s"),
    ("auth.test", Failure(status=503), "HTTP 503"),
])
async def test_slack_out_of_reach_at_start_is_one_clear_sentence(
    fake: FakeSlack, running: Running, method: str, failure: Failure, why: str
) -> None:
    adapter = build_slack_adapter(slack_config(fake, mode="socket"), clock=lambda: NOW, sleep=RecordingSleep(),
                                  policy=RetryPolicy(attempts=4), connect_timeout=5.0)
    adapter.client.timeout = 0.05  # type: ignore[assignment]  # REQUEST_TIMEOUT_SECONDS (15 s) in a run
    fake.fail_next(method, failure)
    with pytest.raises(SlackStartupError) as error:
        await run_adapter(running, adapter, command_dispatcher())
    asked = ("open a Socket Mode connection" if method == "apps.connections.open" else "check the bot token")
    assert str(error.value) == f"could not reach Slack to {asked} ({method}: {why}); {CHECK}"
    assert fake.socket_connections == 0
