"""Scheduled delivery through the real adapters: the schedule posts each briefing once to the local Slack
and the local Discord, within their limits; a 429 burst delays a briefing without losing or doubling it."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

# the Slack and Discord test helpers are plain modules beside their tests (their conftests do the same)
for _folder in ("slack", "discord"):
    _path = str(Path(__file__).parents[1] / _folder)
    if _path not in sys.path:
        sys.path.insert(0, _path)

from discord_harness import discord_config  # noqa: E402
from discord_limits import embed_problems  # noqa: E402
from fake_discord import CHANNEL_ID, FakeDiscord, running_fake_discord  # noqa: E402
from fake_slack import RATE_LIMITED, FakeSlack, validate_blocks  # noqa: E402
from slack_helpers import RecordingSleep, slack_config  # noqa: E402

from adapters.registry import build_adapters  # noqa: E402
from adapters.slack import build_slack_adapter  # noqa: E402
from adapters.slack.post import RetryPolicy  # noqa: E402
from bot.adapter import Adapter  # noqa: E402
from bot.app import App, make_pipeline  # noqa: E402
from bot.clock import ManualClock  # noqa: E402
from bot.config import BriefingConfig, ChannelConfig, Config, SchedulerConfig  # noqa: E402
from bot.delivery import Delivery  # noqa: E402
from bot.models import ChannelRef  # noqa: E402
from bot.scheduler import Scheduler  # noqa: E402
from bot.store.channels import ChannelStore  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.store.ledger import DeliveryLedger  # noqa: E402
from bot.store.stories import StoryStore  # noqa: E402

SEEDS = Path(__file__).parents[2] / ".." / "shared" / "seeds"
T0 = datetime(2031, 6, 2, 0, 0, tzinfo=UTC)  # a Monday, far ahead of the wall clock
SLACK_CHANNEL = ChannelRef("slack", "C0BRIEFS")
DISCORD_CHANNEL = ChannelRef("discord", CHANNEL_ID)
SLACK_SLOT = T0 + timedelta(hours=6)  # daily 08:00 Europe/Brussels (CEST) = 06:00 UTC
DISCORD_SLOT = T0 + timedelta(hours=11, minutes=30)  # weekdays 07:30 America/New_York (EDT) = 11:30 UTC


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
async def slack(clock: ManualClock) -> AsyncIterator[FakeSlack]:
    server = FakeSlack(clock=lambda: clock().timestamp())  # message ts on the test's clock, like Slack's
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def discord_fake() -> AsyncIterator[FakeDiscord]:
    async with running_fake_discord() as server:
        yield server


def make_config(slack: FakeSlack, discord_server: FakeDiscord) -> Config:
    return Config(
        briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
        scheduler=SchedulerConfig(catch_up_grace="6h"),
        slack=slack_config(slack), discord=discord_config(discord_server),
        channels=(ChannelConfig(id=SLACK_CHANNEL.key, schedule="daily 08:00", timezone="Europe/Brussels"),
                  ChannelConfig(id=DISCORD_CHANNEL.key, schedule="weekdays 07:30", timezone="America/New_York")))


async def seeded_store(tmp_path: Path, config: Config, clock: ManualClock, *, quotes: bool) -> Database:
    """A store with the seed articles ingested by the real pipeline, and the config's channels."""
    if not SEEDS.is_dir() or not any(SEEDS.iterdir()):
        pytest.skip(f"seed articles not found at {SEEDS}")
    app = App(config, db_url=f"sqlite:///{tmp_path / 'briefbot.db'}", clock=clock)
    db = await app.db()
    await ChannelStore(db).seed(config, now=clock())
    clock.set(T0 + timedelta(hours=1))
    report = await (await make_pipeline(app, with_quotes=quotes)).ingest([str(SEEDS)], None)
    assert report.added >= 1 and not report.problems
    return db


def slack_posts(server: FakeSlack, channel: ChannelRef) -> list[dict[str, Any]]:
    return [m for m in server.messages if m.get("channel") == channel.id]


def check_slack_message(message: dict[str, Any]) -> None:
    blocks = message["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    assert validate_blocks(blocks) is None
    assert message["text"] and len(message["text"]) <= 40_000  # the notification fallback
    assert "<!channel>" not in json.dumps(blocks) and "<!here>" not in json.dumps(blocks)


async def test_the_schedule_posts_each_briefing_once_to_slack_and_discord(
        tmp_path: Path, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    config = make_config(slack, discord_fake)
    adapters: dict[str, Adapter] = {a.name: a for a in build_adapters(config)}  # the composition root's factory
    assert set(adapters) == {"slack", "discord"}
    db = await seeded_store(tmp_path, config, clock, quotes=True)
    try:
        scheduler = Scheduler(Delivery(db, config, adapters), clock)
        stories = await StoryStore(db).changed_since(None)
        assert stories
        assert await scheduler.tick(SLACK_SLOT - timedelta(minutes=1)) == []  # nothing is due yet
        assert slack.messages == [] and discord_fake.messages == {}

        clock.set(SLACK_SLOT + timedelta(minutes=1))
        outcomes = await scheduler.tick(clock())
        assert [(o.channel, o.state) for o in outcomes] == [(SLACK_CHANNEL.key, "delivered")]
        posted = slack_posts(slack, SLACK_CHANNEL)
        assert posted
        for message in posted:
            check_slack_message(message)
        slack_text = json.dumps([m["blocks"] for m in posted], ensure_ascii=False)
        for story in stories:
            assert story.headline.split()[0] in slack_text
        entry = (await DeliveryLedger(db).entries(SLACK_CHANNEL.key))[-1]
        assert entry.state == "delivered" and entry.slot == SLACK_SLOT
        assert set(entry.story_ids) == {s.id for s in stories}
        assert list(entry.message_ids) == [m["ts"] for m in posted]

        clock.set(DISCORD_SLOT + timedelta(seconds=30))
        outcomes = await scheduler.tick(clock())
        assert [(o.channel, o.state) for o in outcomes] == [(DISCORD_CHANNEL.key, "delivered")]
        sent = discord_fake.messages[CHANNEL_ID]
        assert sent
        for request in discord_fake.calls("POST", rf"/channels/{CHANNEL_ID}/messages"):
            assert embed_problems(request.body) == []
            assert request.body["allowed_mentions"] == {"parse": []} and request.body["nonce"]
        titles = [e["title"] for m in sent for e in m["embeds"]]
        for story in stories:
            assert any(story.headline.split()[0] in t for t in titles)
        entry = (await DeliveryLedger(db).entries(DISCORD_CHANNEL.key))[-1]
        assert entry.state == "delivered" and list(entry.message_ids) == [m["id"] for m in sent]

        # later ticks post nothing more, on either platform
        counts = (len(slack.messages), len(sent))
        for minutes in (1, 30, 120):
            assert await scheduler.tick(DISCORD_SLOT + timedelta(minutes=minutes)) == []
        assert (len(slack.messages), len(discord_fake.messages[CHANNEL_ID])) == counts
        assert [m for m, _ in slack.calls].count("chat.postMessage") == len(posted)
    finally:
        for adapter in adapters.values():
            await adapter.close()
        await db.close()


async def test_a_429_burst_at_the_slot_delays_the_slack_briefing_without_loss_or_duplicates(
        tmp_path: Path, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    config = make_config(slack, discord_fake)
    sleep = RecordingSleep()
    adapter = build_slack_adapter(config.slack, clock=clock, sleep=sleep, policy=RetryPolicy(attempts=3))
    db = await seeded_store(tmp_path, config, clock, quotes=False)
    try:
        scheduler = Scheduler(Delivery(db, config, {"slack": adapter}), clock)
        slack.fail_next("chat.postMessage", *[RATE_LIMITED] * 4)  # more than one attempt's worth of tries

        outcomes = await scheduler.tick(SLACK_SLOT)
        assert [(o.channel, o.state) for o in outcomes] == [(SLACK_CHANNEL.key, "retry")]
        assert slack_posts(slack, SLACK_CHANNEL) == [] and sleep.delays and min(sleep.delays) >= 1.0
        entry = await DeliveryLedger(db).get(SLACK_CHANNEL.key, SLACK_SLOT)
        assert entry is not None and entry.state == "posting" and entry.retry_at is not None

        assert [o.state for o in await scheduler.tick(entry.retry_at - timedelta(seconds=10))] == ["waiting"]
        assert slack_posts(slack, SLACK_CHANNEL) == []

        outcomes = await scheduler.tick(entry.retry_at + timedelta(seconds=1))  # the burst is over by now
        assert [(o.channel, o.state) for o in outcomes] == [(SLACK_CHANNEL.key, "delivered")]
        posted = slack_posts(slack, SLACK_CHANNEL)
        assert posted
        for message in posted:
            check_slack_message(message)
        done = await DeliveryLedger(db).get(SLACK_CHANNEL.key, SLACK_SLOT)
        assert done is not None and done.state == "delivered" and done.attempts == 2
        assert list(done.message_ids) == [m["ts"] for m in posted]
        assert len(slack.rejected) == 4  # every 429 was met, none lost a message

        for hours in (1, 5):
            assert await scheduler.tick(SLACK_SLOT + timedelta(hours=hours)) == []
        assert slack_posts(slack, SLACK_CHANNEL) == posted
        assert len({json.dumps(m["blocks"]) for m in posted}) == len(posted)  # no part posted twice
    finally:
        await adapter.close()
        await db.close()


async def test_a_breaking_alert_reaches_slack_and_discord_once(
        tmp_path: Path, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    from tests.channels.test_alerts import VOTE  # three outlets, one event: written for the alert tests

    base = make_config(slack, discord_fake)
    config = Config(briefing=base.briefing, scheduler=base.scheduler, slack=base.slack, discord=base.discord,
                    channels=tuple(ChannelConfig(id=c.id, schedule=c.schedule, timezone=c.timezone, alerts=3)
                                   for c in base.channels))
    adapters: dict[str, Adapter] = {a.name: a for a in build_adapters(config)}
    app = App(config, db_url=f"sqlite:///{tmp_path / 'alerts.db'}", clock=clock)
    db = await app.db()
    try:
        await ChannelStore(db).seed(config, now=clock())
        scheduler = Scheduler(Delivery(db, config, adapters), clock)
        clock.set(SLACK_SLOT + timedelta(minutes=1))
        assert [o.state for o in await scheduler.tick(clock())] == ["empty"]  # Slack's 08:00 slot, no news yet
        clock.set(SLACK_SLOT + timedelta(hours=1))
        batch = tmp_path / "vote.json"
        batch.write_text(json.dumps([{**r, "published": clock().isoformat()} for r in VOTE]))
        assert (await (await make_pipeline(app, with_quotes=False)).ingest([str(batch)], None)).added == 3
        outcomes = await scheduler.alert_round(clock() + timedelta(minutes=1))
        assert sorted((o.channel, o.state) for o in outcomes) == [(DISCORD_CHANNEL.key, "delivered"),
                                                                  (SLACK_CHANNEL.key, "delivered")]
        posted = slack_posts(slack, SLACK_CHANNEL)
        assert len(posted) == 1
        check_slack_message(posted[0])
        assert "Breaking: now reported by 3 or more outlets" in json.dumps(posted[0]["blocks"])
        assert "Korsholt council votes to close the old ferry pier" in json.dumps(posted[0]["blocks"])
        sent = discord_fake.messages[CHANNEL_ID]
        assert len(sent) == 1 and "Breaking: now reported by 3 or more outlets" in json.dumps(sent[0])
        for request in discord_fake.calls("POST", rf"/channels/{CHANNEL_ID}/messages"):
            assert embed_problems(request.body) == []
        # nothing more: not in the next rounds, and Discord's 07:30 briefing leaves the story out
        assert await scheduler.alert_round(clock() + timedelta(hours=2)) == []
        assert [o.state for o in await scheduler.tick(DISCORD_SLOT + timedelta(minutes=1))] == ["empty"]
        assert (len(slack_posts(slack, SLACK_CHANNEL)), len(discord_fake.messages[CHANNEL_ID])) == (1, 1)
    finally:
        for adapter in adapters.values():
            await adapter.close()
        await db.close()


async def test_an_update_on_a_tracked_story_reaches_slack_and_discord_once(
        tmp_path: Path, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    from tests.channels.test_followups import FIRE_A, FIRE_B, FIRE_C  # one event, then its follow-up

    config = make_config(slack, discord_fake)  # breaking alerts off in both channels
    adapters: dict[str, Adapter] = {a.name: a for a in build_adapters(config)}
    app = App(config, db_url=f"sqlite:///{tmp_path / 'tracks.db'}", clock=clock)
    db = await app.db()
    pipeline = await make_pipeline(app, with_quotes=False)

    async def ingest(name: str, *records: dict[str, str]) -> None:
        batch = tmp_path / f"{name}.json"
        batch.write_text(json.dumps([{**r, "published": clock().isoformat()} for r in records]))
        assert (await pipeline.ingest([str(batch)], None)).added == len(records)

    try:
        store = ChannelStore(db)
        await store.seed(config, now=clock())
        scheduler = Scheduler(Delivery(db, config, adapters), clock)
        clock.set(T0 + timedelta(hours=1))
        await ingest("fire", FIRE_A, FIRE_B)
        for slot in (SLACK_SLOT, DISCORD_SLOT):  # each channel's briefing shows the fire story
            clock.set(slot + timedelta(minutes=1))
            assert [o.state for o in await scheduler.tick(clock())] == ["delivered"]
        [fire] = [s.id for s in await StoryStore(db).changed_since(None)]
        for ref in (SLACK_CHANNEL, DISCORD_CHANNEL):
            assert await store.track(ref, fire, user="U1", now=clock())
        counts = (len(slack_posts(slack, SLACK_CHANNEL)), len(discord_fake.messages[CHANNEL_ID]))

        clock.set(DISCORD_SLOT + timedelta(hours=1))
        await ingest("cause", FIRE_C)
        outcomes = await scheduler.alert_round(clock() + timedelta(minutes=1))
        assert sorted((o.channel, o.state) for o in outcomes) == [(DISCORD_CHANNEL.key, "delivered"),
                                                                  (SLACK_CHANNEL.key, "delivered")]
        posted = slack_posts(slack, SLACK_CHANNEL)[counts[0]:]
        assert len(posted) == 1
        check_slack_message(posted[0])
        blocks = json.dumps(posted[0]["blocks"], ensure_ascii=False)
        assert "Updates on stories you track" in blocks and re.search(r"_New:_ [^\"]*conveyor", blocks)
        sent = discord_fake.messages[CHANNEL_ID][counts[1]:]
        assert len(sent) == 1
        embeds = json.dumps(sent[0], ensure_ascii=False)
        assert "Updates on stories you track" in embeds and re.search(r"\*\*New:\*\* [^\"]*conveyor", embeds)
        for request in discord_fake.calls("POST", rf"/channels/{CHANNEL_ID}/messages"):
            assert embed_problems(request.body) == []
        # nothing more: not in later rounds
        assert await scheduler.alert_round(clock() + timedelta(hours=2)) == []
        assert (len(slack_posts(slack, SLACK_CHANNEL)), len(discord_fake.messages[CHANNEL_ID])) == (
            counts[0] + 1, counts[1] + 1)
    finally:
        for adapter in adapters.values():
            await adapter.close()
        await db.close()
