"""A Slack channel refusing a briefing part-way (not_in_channel, channel_not_found, is_archived after parts 1 and 2
of several): the stories of the parts that went out are not posted again as new, the others come next time, and a
story that went out still comes back as a follow-up when an article new to the channel joins it."""

from __future__ import annotations

import re
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

# the Slack test helpers are plain modules beside their tests (their conftest does the same)
_path = str(Path(__file__).parents[1] / "slack")
if _path not in sys.path:
    sys.path.insert(0, _path)

from fake_slack import Failure, FakeSlack  # noqa: E402
from slack_helpers import slack_config  # noqa: E402

from adapters.slack import build_slack_adapter  # noqa: E402
from bot.config import BriefingConfig, Config, SchedulerConfig  # noqa: E402
from bot.delivery import Delivery  # noqa: E402
from bot.models import ChannelRef, SummarySentence  # noqa: E402
from bot.store.articles import ArticleStore  # noqa: E402
from bot.store.channels import ChannelDefaults, ChannelStore  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.store.ledger import DeliveryLedger  # noqa: E402
from bot.store.stories import StoryStore  # noqa: E402
from digests.story_actions import parse_action_id  # noqa: E402
from tests import pg  # noqa: E402
from tests.channels.channel_fakes import add_story, make_article  # noqa: E402

T0 = datetime(2026, 5, 4, 0, 0, tzinfo=UTC)
REF = ChannelRef("slack", "C0HARBOUR")
STORIES = 40  # at the channel's cap of 40: a briefing of four Slack messages
TOWNS = ("Brackwater", "Selmoor", "Ottery Reach", "Quillan", "Fendale", "Harrowgate Spit", "Norrow", "Calder Ford")


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'part_way.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_part_way_slack"))
    database = await Database.open(url)
    yield database
    await database.close()


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    server = FakeSlack(clock=lambda: T0.timestamp())
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


def story_text(n: int) -> str:
    town = TOWNS[n % len(TOWNS)]
    return (f"The ferry council of {town} approved timetable number {n} for the winter crossings. Its clerk, "
            f"Moira Tell, said the {n}th sailing would leave at dawn. Islanders asked for a later boat on market days.")


async def hourly_channel(db: Database) -> None:
    store = ChannelStore(db)
    await store.ensure(REF, ChannelDefaults("every 1h", "UTC"), now=T0)
    await store.subscribe(REF, "ferry", user="U0ALICE", now=T0)  # told of the failure by DM


async def ferry_briefing(db: Database, slack: FakeSlack) -> Config:
    """The hourly channel with its cap of ferry stories waiting for the 01:00 slot; the config to deliver with."""
    config = Config(briefing=BriefingConfig(max_stories=STORIES, timezone="UTC", default_since="24h"),
                    scheduler=SchedulerConfig(catch_up_grace="6h"), slack=slack_config(slack))
    await hourly_channel(db)
    for n in range(STORIES):
        await add_story(db, f"ferry{n}", text=story_text(n), title=f"Winter ferry timetable {n} approved",
                        now=T0 + timedelta(minutes=30, seconds=n))
    return config


async def deliver(db: Database, config: Config, slack: FakeSlack, now: datetime) -> str:
    """One scheduler pass over the channel with a fresh Slack adapter; the slot's outcome."""
    adapter = build_slack_adapter(config.slack, clock=lambda: now)
    try:
        channel = await ChannelStore(db).get(REF)
        assert channel is not None
        [outcome] = await Delivery(db, config, {"slack": adapter}).deliver_due(channel, now)
        return outcome.state
    finally:
        await adapter.close()


def channel_messages(slack: FakeSlack) -> list[dict[str, Any]]:
    return [m for m in slack.messages if m["channel"] == REF.id]


def shown(message: dict[str, Any]) -> list[str]:
    """The stories a posted message shows, read from the value its story buttons carry back."""
    ids = []
    for block in message.get("blocks") or []:
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            parsed = parse_action_id(str(element.get("action_id", "")))
            if parsed is not None and parsed[0] == "story":
                ids.append(parsed[1])
    return ids


def parts_in(message: dict[str, Any]) -> int:
    found = re.search(r"part 1 of (\d+)", str(message.get("text", "")) + str(message.get("blocks", "")))
    return int(found.group(1)) if found else 1


async def join_story(db: Database, story_id: str, *, text: str, title: str, now: datetime) -> str:
    """A second outlet's article joins a story the channel was given: the story's new article."""
    article = make_article(text, title=title, outlet="Isle Courier", url=f"https://courier.test/{story_id}",
                           source="https://feeds.test/courier.xml", published=now)
    saved = await ArticleStore(db).save(article, now=now)
    await ArticleStore(db).set_story(saved.article_id, story_id)
    stories = StoryStore(db)
    await stories.save_profile(story_id, "", first_seen=now, updated=now)
    summary = [SummarySentence(s.text, article.id, s.index, s.start, s.end) for s in article.sentences[:2]]
    await stories.save_summary(story_id, headline=title, url=article.url, summary=summary, size=2,
                               changed_at=now, updated=now)
    return saved.article_id


@pytest.mark.parametrize("refusal", ["not_in_channel", "channel_not_found", "is_archived"])
async def test_stories_of_the_parts_that_went_out_are_not_posted_again(
        db: Database, slack: FakeSlack, refusal: str) -> None:
    config = await ferry_briefing(db, slack)
    slack.fail_next("chat.postMessage", Failure(error=refusal), after=2)  # parts 1 and 2 out, then refused

    assert await deliver(db, config, slack, T0 + timedelta(hours=1)) == "failed"
    first = channel_messages(slack)
    assert len(first) == 2 and parts_in(first[0]) >= 3  # a briefing of more parts than went out
    went_out = [s for m in first for s in shown(m)]
    assert went_out and len(set(went_out)) == len(went_out)
    ledger = DeliveryLedger(db)
    [failed] = await ledger.entries(REF.key)
    assert failed.state == "failed" and failed.message_ids == tuple(m["ts"] for m in first)
    not_out = [s for s in failed.story_ids if s not in went_out]
    assert not_out  # the refused parts held stories too

    # the bot is let back in; one of the stories that went out gains an article new to the channel, one new story
    follow_up = went_out[0]
    article = await join_story(db, follow_up, title="Ferry council adds a market-day sailing",
                               text="The ferry council of Brackwater added a noon sailing on market days. The mayor, "
                                    "Tomas Greer, said the extra crew would be hired from the island school's "
                                    "graduates. A second pier will be built next year.",
                               now=T0 + timedelta(hours=1, minutes=20))
    await add_story(db, "ferry-new", text=story_text(99), title="Night ferry trial announced",
                    now=T0 + timedelta(hours=1, minutes=30))
    assert await deliver(db, config, slack, T0 + timedelta(hours=2)) == "delivered"
    delivered = [e for e in await ledger.entries(REF.key) if e.state == "delivered"]
    assert len(delivered) == 1 and delivered[0].planned is not None
    carried = {c.story_id: c for c in delivered[0].planned.stories}
    # no story of parts 1 and 2 again as new; the follow-up comes with only its new article; nothing is lost
    assert set(carried) == {*not_out, "ferry-new", follow_up}
    assert carried[follow_up].new == (article,) and carried[follow_up].new_since
    second = [s for m in channel_messages(slack)[2:] for s in shown(m)]
    assert sorted(second) == sorted({*not_out, "ferry-new", follow_up})
    assert await ledger.delivered_story_ids(REF.key) == {f"ferry{n}" for n in range(STORIES)} | {"ferry-new"}


async def test_the_notice_says_the_rest_comes_next_time(db: Database, slack: FakeSlack) -> None:
    config = await ferry_briefing(db, slack)
    slack.fail_next("chat.postMessage", Failure(error="not_in_channel"), after=1)
    assert await deliver(db, config, slack, T0 + timedelta(hours=1)) == "failed"
    [notice] = [m["text"] for m in slack.messages if m["channel"] == slack.dms.get("U0ALICE")]
    assert notice == ("I could not post the briefing for slack:C0HARBOUR (1 part of it went out first): "
                      "not_in_channel. The stories those parts did not show will come in the next briefing once "
                      "this is fixed.")
