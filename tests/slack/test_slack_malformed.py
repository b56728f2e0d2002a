"""Signed requests whose payload is not what Slack sends (a ``payload`` that is not JSON, ``actions`` not a list or
empty, a slash command without its channel) are answered 400 or with a clear reply, and logged in one line; no
bolt ERROR, no HTTP 500, and no command runs without a channel."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

import aiohttp
import pytest
from fake_slack import FakeSlack, form_body, sign, slash_payload
from slack_helpers import Running, command_dispatcher, make_adapter, run_adapter

from adapters.slack import SlackAdapter
from adapters.slack.malformed import NO_ACTIONS, NO_CHANNEL
from bot.commands.base import Invocation


async def post(adapter: SlackAdapter, body: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"http://127.0.0.1:{adapter.http_port}/slack/events", data=body.encode(), headers=sign(body)
        ) as answer,
    ):
        return answer.status, await answer.text()


def click(actions: object, fake: FakeSlack) -> str:
    return form_body(
        {
            "payload": json.dumps(
                {
                    "type": "block_actions",
                    "actions": actions,
                    "user": {"id": "U0USER"},
                    "channel": {"id": "C0CHAN"},
                    "response_url": fake.response_url(),
                }
            )
        }
    )


BODIES: dict[str, tuple[Callable[[FakeSlack], str], str]] = {
    "payload not JSON": (lambda fake: form_body({"payload": "{the Velmora ferry"}), "payload is not a JSON object"),
    "payload a JSON list": (lambda fake: form_body({"payload": "[1, 2]"}), "payload is not a JSON object"),
    "actions not a list": (lambda fake: click("press", fake), "block_actions without a list of actions"),
    "actions empty": (lambda fake: click([], fake), "block_actions without a list of actions"),
    "action not an object": (lambda fake: click(["brief:story:s1"], fake), "block_actions without a list of actions"),
}


def problems(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("case", list(BODIES))
async def test_a_malformed_signed_payload_gets_400_and_one_line(
    fake: FakeSlack, running: Running, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    caplog.set_level(logging.INFO)
    seen: list[Invocation] = []
    adapter = await run_adapter(running, make_adapter(fake), command_dispatcher(seen))
    build, logged = BODIES[case]
    status, _ = await post(adapter, build(fake))
    assert status == 400
    assert problems(caplog) == []
    lines = [r for r in caplog.records if r.name.startswith("adapters.slack") and logged in r.getMessage()]
    assert len(lines) == 1 and lines[0].levelno == logging.WARNING
    assert seen == [] and fake.responses == []


@pytest.mark.parametrize("case", ["payload not JSON", "actions empty"])
async def test_a_malformed_unsigned_payload_is_still_refused_401(fake: FakeSlack, running: Running, case: str) -> None:
    adapter = await run_adapter(running, make_adapter(fake), command_dispatcher([]))
    body = BODIES[case][0](fake)
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"http://127.0.0.1:{adapter.http_port}/slack/events",
            data=body.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ) as answer,
    ):
        assert answer.status == 401


async def test_a_slash_command_without_its_channel_runs_nothing_and_says_so(
    fake: FakeSlack, running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    seen: list[Invocation] = []
    adapter = await run_adapter(running, make_adapter(fake), command_dispatcher(seen))
    fields = {
        k: v for k, v in slash_payload("whosaid Velmora", response_url=fake.response_url()).items() if k != "channel_id"
    }
    status, answer = await post(adapter, form_body(fields))
    assert status == 200  # acknowledged with the reply as text (only the caller sees a slash command's ack)
    assert answer.startswith("Slack did not say which channel")
    assert seen == [] and fake.responses == []
    lines = [r for r in caplog.records if r.name.startswith("adapters.slack") and "without a channel" in r.getMessage()]
    assert len(lines) == 1 and lines[0].levelno == logging.WARNING and "U0USER" in lines[0].getMessage()
    assert problems(caplog) == []


@pytest.mark.parametrize("actions", ["press", []])
async def test_over_socket_mode_a_malformed_click_is_acknowledged_and_logged_once(
    fake: FakeSlack, running: Running, caplog: pytest.LogCaptureFixture, actions: object
) -> None:
    caplog.set_level(logging.INFO)
    seen: list[Invocation] = []
    await run_adapter(running, make_adapter(fake, mode="socket"), command_dispatcher(seen))
    envelope = await fake.push_interactive(
        {
            "type": "block_actions",
            "actions": actions,
            "user": {"id": "U0USER"},
            "channel": {"id": "C0CHAN"},
            "response_url": fake.response_url(),
        }
    )
    await fake.wait_for(lambda: any(a["envelope_id"] == envelope for a in fake.socket_acks))
    lines = [r for r in caplog.records if r.name.startswith("adapters.slack") and NO_ACTIONS in r.getMessage()]
    assert len(lines) == 1 and "U0USER" in lines[0].getMessage()
    assert problems(caplog) == [] and seen == [] and fake.responses == []


async def test_a_slash_command_without_its_channel_over_socket_mode_runs_nothing(
    fake: FakeSlack, running: Running
) -> None:
    seen: list[Invocation] = []
    await run_adapter(running, make_adapter(fake, mode="socket"), command_dispatcher(seen))
    fields = {
        k: v for k, v in slash_payload("whosaid Velmora", response_url=fake.response_url()).items() if k != "channel_id"
    }
    envelope = await fake.push_slash_command(fields)
    await fake.wait_for(lambda: any(a["envelope_id"] == envelope for a in fake.socket_acks))
    [ack] = [a for a in fake.socket_acks if a["envelope_id"] == envelope]
    assert ack["payload"]["text"] == NO_CHANNEL
    assert seen == [] and fake.responses == []
