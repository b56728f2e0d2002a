"""A workspace that runs briefbot as ``/news`` (``[slack] command``) is told ``/news`` everywhere: the help, a
usage error, the unknown-command reply, a mention's hint and the load guard's "Still working" all name it."""

from __future__ import annotations

import asyncio
import dataclasses
import html
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from fake_slack import FakeSlack, button_click_payload, event_callback_payload, form_body, sign, slash_payload
from slack_helpers import NOW, RecordingSleep, Running, run_adapter, slack_config

from adapters.slack import SlackAdapter, build_slack_adapter
from adapters.slack.post import RetryPolicy
from bot.clock import ManualClock
from bot.commands import build_commands
from bot.commands.base import Invocation, Reply
from bot.commands.deps import CommandDeps
from bot.commands.dispatch import Dispatcher
from bot.commands.guard import CommandGuard
from bot.config import Config
from bot.store.db import Database

COMMAND = "/news"
READER, OTHER = "U0READER", "U0OTHER"


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'named.db'}")
    yield database
    await database.close()


async def post(adapter: SlackAdapter, body: str, headers: dict[str, str]) -> None:
    async with aiohttp.ClientSession() as session, session.post(
            f"http://127.0.0.1:{adapter.http_port}/slack/events", data=body.encode(), headers=headers) as response:
        assert response.status == 200


async def slash(adapter: SlackAdapter, fake: FakeSlack, text: str, user: str) -> None:
    body = form_body(slash_payload(text, response_url=fake.response_url(), user_id=user, command=COMMAND))
    await post(adapter, body, sign(body))


async def mention(adapter: SlackAdapter, text: str, ts: str) -> None:
    event = {"type": "app_mention", "user": READER, "text": text, "ts": ts, "channel": "C0CHAN", "event_ts": ts,
             "team": "T0TEAM", "client_msg_id": f"m-{ts}"}
    body = json.dumps(event_callback_payload(event, event_id=f"Ev{ts.replace('.', '')}"))
    await post(adapter, body, {**sign(body), "Content-Type": "application/json"})


async def click(adapter: SlackAdapter, fake: FakeSlack, action: str) -> None:
    message = {"channel": "C0CHAN", "ts": "1740821000.000100", "text": "a briefing", "blocks": []}
    payload = button_click_payload(message, action, response_url=fake.response_url(), user_id=OTHER)
    body = form_body({"payload": json.dumps(payload)})
    await post(adapter, body, sign(body))


async def response(fake: FakeSlack, count: int) -> str:
    """The ``count``-th response_url answer's text as read (Slack's escapes undone); each is for the caller alone."""
    await fake.wait_for(lambda: len(fake.responses) >= count)
    answer = fake.responses[count - 1]
    assert answer["response_type"] == "ephemeral"
    return html.unescape(str(answer["text"]))


async def ephemeral(fake: FakeSlack, count: int) -> dict[str, Any]:
    await fake.wait_for(lambda: len(fake.ephemerals) >= count)
    found = fake.ephemerals[count - 1]
    return {**found, "text": html.unescape(str(found["text"]))}


async def test_every_reply_names_the_configured_command(fake: FakeSlack, running: Running, db: Database) -> None:
    config, clock = Config(), ManualClock(NOW)
    entered, release = asyncio.Event(), asyncio.Event()
    production = build_commands(CommandDeps(config, db, clock))
    real_brief = next(c for c in production if c.name == "brief")

    async def held_brief(inv: Invocation) -> Reply:  # the real briefing, held "running" until released
        entered.set()
        await release.wait()
        return await real_brief.handler(inv)

    # without "track": a Track button then reaches the dispatcher as a verb it does not know, the one way an
    # unknown verb comes from Slack (typed words that are no verb are a topic for the briefing)
    commands = [dataclasses.replace(c, handler=held_brief) if c is real_brief else c
                for c in production if c.name != "track"]
    dispatch = Dispatcher(commands, guard=CommandGuard.from_config(config.commands))
    adapter = build_slack_adapter(slack_config(fake, command=COMMAND), clock=clock, sleep=RecordingSleep(),
                                  policy=RetryPolicy(attempts=3), connect_timeout=5.0)
    await run_adapter(running, adapter, dispatch)

    await slash(adapter, fake, "help", OTHER)
    help_text = await response(fake, 1)
    assert "`/news whosaid <topic> [since <when>]`" in help_text and "`/news help`" in help_text

    await slash(adapter, fake, "whosaid", OTHER)
    usage = await response(fake, 2)
    assert usage.startswith("Missing <topic>") and "Usage: `/news whosaid <topic> [since <when>]`" in usage

    await click(adapter, fake, "brief:track:s-abc")
    unknown = await response(fake, 3)
    assert unknown.startswith("Unknown command 'track'.") and "`/news story <story>`" in unknown

    await mention(adapter, "<@U0BOT> subscribe NATO", "1740821400.000001")
    refused = await ephemeral(fake, 1)
    assert refused["user"] == READER and "Type `/news subscribe …` for that." in refused["text"]
    await mention(adapter, "<@U0BOT>", "1740821400.000002")  # a bare mention gets the help
    assert "`/news whosaid <topic> [since <when>]`" in (await ephemeral(fake, 2))["text"]

    await slash(adapter, fake, "since 2d", READER)
    await asyncio.wait_for(entered.wait(), 10)
    await slash(adapter, fake, "since 2d", READER)  # the impatient retry
    assert await response(fake, 4) == "Still working on your last request (`/news since 2d`); this one was not run."
    release.set()
    await fake.wait_for(lambda: len(fake.responses) == 5)

    said = [str(r.get("text", "")) for r in fake.responses] + [str(e.get("text", "")) for e in fake.ephemerals]
    assert not [text for text in said if "/brief" in text]  # the name this workspace does not have, nowhere
