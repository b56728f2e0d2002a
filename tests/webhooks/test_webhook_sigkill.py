"""Real process kills mid-briefing on a webhook channel: SIGKILL after part 1 of 3 is out, restart, each part once."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fake_discord import CHANNEL_ID, FakeDiscord
from fake_slack import FakeSlack
from webhook_helpers import (
    DISCORD_KEY,
    DISCORD_VAR,
    SLACK_CHANNEL,
    SLACK_KEY,
    SLACK_VAR,
    SLOT,
    seed,
    shown,
    slack_posts,
    webhook_config,
)

from adapters.webhooks import build_webhook_adapters
from bot.clock import ManualClock
from bot.delivery import Delivery
from bot.scheduler import Scheduler
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger

REPO = Path(__file__).resolve().parents[2]
# stories that make a three-message briefing on each platform (Slack's messages hold more of them)
STORIES = {"slack-webhook": 26, "discord-webhook": 12}
KEYS = {"slack-webhook": SLACK_KEY, "discord-webhook": DISCORD_KEY}


async def run_worker(url: str, platform: str, point: str, env: dict[str, str]) -> tuple[int | None, bytes]:
    """The killed process; awaited without blocking, so the fake platforms in this loop keep answering it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.webhooks.webhook_kill_worker", url, platform, str(STORIES[platform]), point,
        SLOT.isoformat(), cwd=REPO, env={**os.environ, **env}, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    _, err = await asyncio.wait_for(process.communicate(), timeout=120)
    return process.returncode, err


def slack_parts(slack: FakeSlack) -> list[str]:
    """Each Slack message's "part N of M" footer, in the order they arrived."""
    out = []
    for message in slack_posts(slack):
        found = re.search(r"part \d+ of \d+", shown(message["blocks"][-1]))
        out.append(found.group(0) if found else "?")
    return out


def discord_numbers(messages: list[dict[str, Any]]) -> list[list[int]]:
    """The story numbers each Discord message carries, in the order they arrived."""
    return [[int(e["title"].split(".")[0]) for e in m["embeds"] if re.match(r"\d+\. ", e["title"])]
            for m in messages]


async def restart(url: str, env: dict[str, str], platform: str, clock: ManualClock) -> list[tuple[str, str]]:
    """A new process on the same database: what the killed one committed is all it knows."""
    db = await Database.open(url)
    config = webhook_config(env, max_stories=STORIES[platform])
    adapters = {a.name: a for a in build_webhook_adapters(config, clock=clock) if a.name == platform}
    try:
        return [(o.channel, o.state) for o in await Scheduler(Delivery(db, config, adapters), clock).tick(clock())]
    finally:
        for adapter in adapters.values():
            await adapter.close()
        await db.close()


@pytest.mark.parametrize("platform", ["slack-webhook", "discord-webhook"])
async def test_killed_after_part_one_is_recorded_the_restart_posts_parts_two_and_three_once(
        tmp_path: Path, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord, platform: str) -> None:
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    env = {SLACK_VAR: slack.add_webhook(SLACK_CHANNEL), DISCORD_VAR: discord_fake.add_webhook()}
    db = await Database.open(url)
    await seed(db, webhook_config(env, max_stories=STORIES[platform]), STORIES[platform])
    await db.close()

    code, err = await run_worker(url, platform, "recorded1", env)
    assert code == -signal.SIGKILL, err.decode()[-2000:]
    if platform == "slack-webhook":
        assert slack_parts(slack) == ["part 1 of 3"]
    else:
        assert len(discord_fake.messages[CHANNEL_ID]) == 1
    db = await Database.open(url)
    entry = await DeliveryLedger(db).get(KEYS[platform], SLOT)
    await db.close()
    assert entry is not None and entry.state == "posting" and len(entry.message_ids) == 1  # part 1, in the ledger

    clock.set(SLOT + timedelta(minutes=1))
    assert await restart(url, env, platform, clock) == [(KEYS[platform], "delivered")]
    clock.set(SLOT + timedelta(hours=1))
    assert await restart(url, env, platform, clock) == []  # nothing left to do

    if platform == "slack-webhook":
        assert slack_parts(slack) == ["part 1 of 3", "part 2 of 3", "part 3 of 3"]  # each part once, in order
        assert CHANNEL_ID not in discord_fake.messages
    else:
        sent = discord_fake.messages[CHANNEL_ID]
        numbers = discord_numbers(sent)
        assert len(sent) == 3 and [n for part in numbers for n in part] == list(range(1, 13))  # each story once
        assert slack_posts(slack) == []
    db = await Database.open(url)
    [entry] = await DeliveryLedger(db).entries(KEYS[platform])
    await db.close()
    assert entry.state == "delivered" and len(entry.message_ids) == 3
    if platform == "discord-webhook":
        assert list(entry.message_ids) == [m["id"] for m in discord_fake.messages[CHANNEL_ID]]


async def test_killed_between_a_part_going_out_and_its_ledger_write_that_one_part_comes_twice(
        tmp_path: Path, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    """The window left (docs/RELIABILITY.md): part 1's POST returned, the process died before recording it. The
    restart cannot know it is out, posts it again, then the rest once."""
    platform = "discord-webhook"
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    env = {SLACK_VAR: slack.add_webhook(SLACK_CHANNEL), DISCORD_VAR: discord_fake.add_webhook()}
    db = await Database.open(url)
    await seed(db, webhook_config(env, max_stories=STORIES[platform]), STORIES[platform])
    await db.close()

    code, err = await run_worker(url, platform, "sent1", env)
    assert code == -signal.SIGKILL, err.decode()[-2000:]
    first = discord_numbers(discord_fake.messages[CHANNEL_ID])
    assert len(first) == 1

    clock.set(SLOT + timedelta(minutes=1))
    assert await restart(url, env, platform, clock) == [(DISCORD_KEY, "delivered")]
    numbers = discord_numbers(discord_fake.messages[CHANNEL_ID])
    assert len(numbers) == 4 and numbers[0] == numbers[1] == first[0]  # part 1 twice, then parts 2 and 3
    assert [n for part in numbers[1:] for n in part] == list(range(1, 13))
