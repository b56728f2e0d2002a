"""An outlet edits an article a channel was shown: the edit that matters comes back once as a follow-up ("Updated:"),
in the next briefing or at once for a tracked story; a typo fix does not; /brief story and JSON list the edits."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

import pytest
from aiohttp import web

from bot.clock import ManualClock
from bot.config import Config, IngestConfig
from bot.delivery import Delivery
from bot.followups import REVISION_NOTES, unseen_revisions
from bot.ingest.fetch import Fetcher
from bot.models import Briefing, BriefingItem, ChannelRef, RevisionNote, Story
from bot.nlp.summarise import default_summariser
from bot.pipeline import Pipeline
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from bot.store.revisions import RevisionStore
from digests.render_discord import render_discord
from digests.render_json import briefing_to_dict
from digests.render_slack import render_briefing
from digests.render_text import render_markdown, render_text
from tests import pg
from tests.channels.channel_fakes import Crash
from tests.channels.test_followups import CapturingAdapter
from tests.channels.test_tracks import Chat

DAY1 = datetime(2031, 11, 20, 0, 0, tzinfo=UTC)  # a Thursday, far from the wall clock
REF = ChannelRef("console", "main")
DESK = ChannelRef("console", "desk")

# Texts written for this test: one outlet's report of a crane collapse, then its versions.
CRANE_V1 = ("A harbour crane collapsed onto the ferry terminal at Morrow on Thursday morning. 11 people were injured, "
            "two of them seriously, the harbour authority said. The terminal was evacuated and crossings to Lisk "
            "were suspended for the rest of the day. Engineers from the port operator began inspecting the remaining "
            "cranes in the afternoon.")
CRANE_NUMBER = CRANE_V1.replace("11 people were injured", "14 people were injured")
CRANE_TYPO = CRANE_V1.replace("remaining cranes", "remaning cranes")
CRANE_QUOTE = CRANE_NUMBER + (" “We will not reopen the terminal until every crane has been checked,” said Vera "
                              "Lind, the harbour master.")
TITLE = "Crane collapse injures people at Morrow ferry terminal"


@dataclass
class Outlet:
    """Harbour Daily's RSS feed on 127.0.0.1, serving whatever version of its one item it is given."""

    text: str = CRANE_V1
    title: str = TITLE
    requests: int = 0
    _runner: web.AppRunner | None = None
    port: int = 0
    published: datetime = field(default=DAY1 + timedelta(hours=5))

    async def start(self) -> Outlet:
        async def feed(_request: web.Request) -> web.Response:
            self.requests += 1
            item = (f"<item><title>{escape(self.title)}</title><link>http://127.0.0.1:{self.port}/crane</link>"
                    f"<guid isPermaLink=\"false\">hd-crane-1</guid>"
                    f"<pubDate>{format_datetime(self.published, usegmt=True)}</pubDate>"
                    f"<description>{escape(self.text)}</description></item>")
            body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbour Daily</title>'
                    f"<link>http://127.0.0.1:{self.port}/</link><description>news</description>{item}</channel></rss>")
            return web.Response(body=body.encode(), content_type="application/rss+xml")

        app = web.Application()
        app.router.add_get("/feed.xml", feed)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/feed.xml"

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


@dataclass
class Newsroom:
    """The real pipeline reading the outlet's feed over HTTP, a daily 08:00 channel, and its scheduler."""

    db: Database
    config: Config
    outlet: Outlet
    fetcher: Fetcher
    clock: ManualClock
    pipeline: Pipeline
    adapter: CapturingAdapter
    scheduler: Scheduler

    async def read_feed(self, at: datetime, text: str | None = None) -> None:
        if text is not None:
            self.outlet.text = text
        self.clock.set(at)
        report = await self.pipeline.ingest([self.outlet.url], self.fetcher)
        assert not report.problems, report.lines

    async def tick(self, at: datetime) -> list[str]:
        self.clock.set(at)
        return [o.state for o in await self.scheduler.tick(at)]

    async def article_id(self) -> str:
        """The id of the outlet's one article."""
        (story,) = await self.scheduler.delivery.feed.changed_since(None)
        return story.sources[0].article_id


@asynccontextmanager
async def open_newsroom(db: Database, config: Config) -> AsyncIterator[Newsroom]:
    config = replace(config, ingest=IngestConfig(allow_private_networks=True, timeout_seconds=5.0))
    outlet = await Outlet().start()
    fetcher = await Fetcher(config.ingest).__aenter__()
    clock = ManualClock(DAY1)
    await ChannelStore(db).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    adapter = CapturingAdapter(clock=clock)
    scheduler = Scheduler(Delivery(db, config, {"console": adapter}), clock)
    try:
        yield Newsroom(db, config, outlet, fetcher, clock, Pipeline(db, config, clock, default_summariser()),
                       adapter, scheduler)
    finally:
        await fetcher.close()
        await outlet.close()


@pytest.fixture
async def newsroom(db: Database, config: Config) -> AsyncIterator[Newsroom]:
    async with open_newsroom(db, config) as room:
        yield room


def note(article: str, hour: int, why: str, others: int = 0) -> RevisionNote:
    return RevisionNote(article, "Harbour Daily", DAY1 + timedelta(hours=hour), why, "before", "after", others)


def test_a_channel_is_told_of_the_edits_since_it_last_saw_the_story_one_note_per_article() -> None:
    story = Story("s1", "Crane collapse", (), (), revisions=(
        note("a1", 9, "wording"), note("a1", 11, "number", others=1), note("a1", 12, "wording"),
        note("a2", 13, "added"), note("a3", 14, "correction"), note("a4", 15, "quote")))
    shown_at = DAY1 + timedelta(hours=10)
    assert unseen_revisions(story, {"a1", "a2", "a3", "a4"}, None) == ()  # never shown the story
    found = unseen_revisions(story, {"a1", "a2", "a3"}, shown_at)  # a4 it never saw: it is new to it, not edited
    assert len(found) == REVISION_NOTES == 2
    assert [(n.article_id, n.why) for n in found] == [("a1", "number"), ("a3", "correction")]  # a fact first
    assert found[0].others == 2  # the 12:00 edit and the other change of the 11:00 one; 09:00 was seen
    assert unseen_revisions(story, {"a1"}, DAY1 + timedelta(hours=12)) == ()


def test_a_short_briefing_shows_one_edit_and_a_headlines_one_none() -> None:
    item = BriefingItem(Story("s1", "Crane collapse", (), ()), 1.0,
                        revised=(note("a1", 11, "number"), note("a2", 12, "quote")))
    briefing = Briefing("Briefing", DAY1, (item,), length="short")
    assert render_text(briefing).count("Updated: Harbour Daily changed its article: “before” → “after”") == 1
    assert "Updated:" not in render_text(replace(briefing, length="headlines"))
    assert render_text(replace(briefing, length="full")).count("Updated:") == 2


def only(briefing: Briefing) -> BriefingItem:
    assert len(briefing.items) == 1 and not briefing.more, [i.story.headline for i in briefing.items]
    return briefing.items[0]


async def briefed(room: Newsroom) -> str:
    """Day 1: version 1 is read at 06:00 and shown in the 08:00 briefing; the story's id."""
    await room.read_feed(DAY1 + timedelta(hours=6))
    assert await room.tick(DAY1 + timedelta(hours=8)) == ["delivered"]
    first = only(room.adapter.briefings[0])
    assert first.story.summary and first.revised == ()
    return first.story.id


async def test_an_edit_that_matters_comes_back_once_in_the_next_briefing(newsroom: Newsroom) -> None:
    room = newsroom
    story_id = await briefed(room)
    await room.read_feed(DAY1 + timedelta(hours=14, minutes=5), CRANE_NUMBER)  # the outlet corrects its figure
    assert room.outlet.requests == 2

    assert await room.tick(DAY1 + timedelta(days=1, hours=8)) == ["delivered"]
    item = only(room.adapter.briefings[1])
    assert item.story.id == story_id and item.story.summary == () and item.new_since == ()  # a follow-up
    (note,) = item.revised
    assert (note.outlet, note.why, note.others) == ("Harbour Daily", "number", 0)
    assert note.seen_at == DAY1 + timedelta(hours=14, minutes=5)
    assert note.before.startswith("11 people were injured") and note.after.startswith("14 people were injured")
    line = ("Updated: Harbour Daily changed its article: “11 people were injured, two…” → “14 people were "
            "injured, two…”")
    assert line in render_text(room.adapter.briefings[1])
    assert "_Updated:_ Harbour Daily changed its article" in render_markdown(room.adapter.briefings[1])
    assert "_Updated:_ Harbour Daily changed its article" in json.dumps(
        [m.blocks for m in render_briefing(room.adapter.briefings[1])], ensure_ascii=False)
    assert "**Updated:** Harbour Daily changed its article" in json.dumps(
        render_discord(room.adapter.briefings[1]), default=str, ensure_ascii=False)
    data = briefing_to_dict(room.adapter.briefings[1])["stories"][0]
    assert [r["why"] for r in data["revised"]] == ["number"]
    assert [[r["before"][:2] for r in s["revisions"]] for s in data["sources"]] == [["11"]]

    # told once: the day after brings nothing, and a typo fix of the same article brings nothing either
    assert await room.tick(DAY1 + timedelta(days=2, hours=8)) == ["empty"]
    await room.read_feed(DAY1 + timedelta(days=2, hours=10), CRANE_NUMBER.replace("remaining", "remaning"))
    assert len(await RevisionStore(room.db).for_article(note.article_id)) == 2  # kept, but it does not matter
    assert await room.tick(DAY1 + timedelta(days=3, hours=8)) == ["empty"]
    assert len(room.adapter.briefings) == 2


async def test_a_typo_fix_brings_no_followup(newsroom: Newsroom) -> None:
    room = newsroom
    await briefed(room)
    await room.read_feed(DAY1 + timedelta(hours=15), CRANE_TYPO)
    (row,) = await RevisionStore(room.db).for_article(await room.article_id())
    assert not row.substantive
    assert await room.tick(DAY1 + timedelta(days=1, hours=8)) == ["empty"]
    assert len(room.adapter.briefings) == 1


async def test_a_channel_that_saw_only_the_edited_version_gets_no_revision_note(newsroom: Newsroom) -> None:
    room = newsroom
    await briefed(room)
    await room.read_feed(DAY1 + timedelta(hours=14), CRANE_NUMBER)
    await ChannelStore(room.db).ensure(DESK, ChannelDefaults("daily 08:00", "UTC"), now=DAY1 + timedelta(hours=15))
    assert sorted(await room.tick(DAY1 + timedelta(days=1, hours=8))) == ["delivered", "delivered"]
    by_channel = {p.channel: b for p, b in zip(room.adapter.posts, room.adapter.briefings, strict=True)}
    desk = only(by_channel[DESK.key])
    assert desk.revised == () and desk.story.summary  # a new story to it, as the outlet has it now
    assert any("14 people" in s.text for s in desk.story.summary)
    assert [n.why for n in only(by_channel[REF.key]).revised] == ["number"]


async def test_a_correction_of_a_story_too_old_to_be_news_still_reaches_the_channel_that_was_shown_it(
        newsroom: Newsroom) -> None:
    room = newsroom
    story_id = await briefed(room)
    for day in (1, 2, 3, 4):  # the story's article (published day 1, 05:00) is long past publication_grace (48 h)
        assert await room.tick(DAY1 + timedelta(days=day, hours=8)) == ["empty"]
    await ChannelStore(room.db).ensure(DESK, ChannelDefaults("daily 08:00", "UTC"), now=DAY1 + timedelta(days=4))
    await room.read_feed(DAY1 + timedelta(days=4, hours=14), CRANE_NUMBER)  # the outlet corrects its figure

    assert sorted(await room.tick(DAY1 + timedelta(days=5, hours=8))) == ["delivered", "empty"]
    (post,) = room.adapter.posts[1:]
    assert post.channel == REF.key  # the desk was never shown the story: an old story is not news to it
    item = only(room.adapter.briefings[1])
    assert item.story.id == story_id and item.story.summary == () and item.new_since == ()  # the edit alone
    assert [n.why for n in item.revised] == ["number"]
    assert "Updated: Harbour Daily changed its article" in render_text(room.adapter.briefings[1])
    assert sorted(await room.tick(DAY1 + timedelta(days=6, hours=8))) == ["empty", "empty"]  # told once


async def test_a_quote_added_after_a_number_change_is_folded_into_one_note(newsroom: Newsroom) -> None:
    room = newsroom
    await briefed(room)
    await room.read_feed(DAY1 + timedelta(hours=12), CRANE_NUMBER)
    await room.read_feed(DAY1 + timedelta(hours=13), CRANE_QUOTE)
    assert await room.tick(DAY1 + timedelta(days=1, hours=8)) == ["delivered"]
    (note,) = only(room.adapter.briefings[1]).revised  # one note per article: its most important change
    assert note.why == "number" and note.others == 1
    assert "(and 1 more change)" in render_text(room.adapter.briefings[1])


async def test_the_slot_claimed_with_an_edit_reposts_it_after_a_crash(newsroom: Newsroom) -> None:
    room = newsroom
    await briefed(room)
    await room.read_feed(DAY1 + timedelta(hours=14), CRANE_NUMBER)
    slot = DAY1 + timedelta(days=1, hours=8)

    def die(point: str) -> None:
        if point == "planned":
            raise Crash(point)

    channel = await ChannelStore(room.db).get(REF)
    assert channel is not None
    with pytest.raises(Crash):
        await Delivery(room.db, room.config, {"console": room.adapter}, checkpoint=die).deliver_due(channel, slot)
    entry = await DeliveryLedger(room.db).get(REF.key, slot)
    assert entry is not None and entry.planned is not None
    (carried,) = entry.planned.stories
    assert carried.new == () and [n.why for n in carried.revised] == ["number"]
    # while the bot is down the outlet adds a quote: the restart posts what was claimed; the quote comes next
    await room.read_feed(slot + timedelta(minutes=20), CRANE_QUOTE)
    assert await room.tick(slot + timedelta(minutes=30)) == ["delivered"]
    assert [n.why for n in only(room.adapter.briefings[1]).revised] == ["number"]
    assert await room.tick(slot + timedelta(days=1)) == ["delivered"]
    later = only(room.adapter.briefings[2])
    assert [n.why for n in later.revised] == ["quote"] and later.revised[0].after.startswith("“We will not reopen")


async def test_a_tracked_story_gets_its_edit_at_once_and_the_briefing_does_not_repeat_it(newsroom: Newsroom) -> None:
    room = newsroom
    story_id = await briefed(room)
    assert await ChannelStore(room.db).track(REF, story_id, user="U1", now=DAY1 + timedelta(hours=9))
    assert await room.scheduler.alert_round(DAY1 + timedelta(hours=9, minutes=5)) == []  # nothing new yet
    await room.read_feed(DAY1 + timedelta(hours=14), CRANE_NUMBER)
    outcomes = await room.scheduler.alert_round(DAY1 + timedelta(hours=14, minutes=5))
    assert [o.state for o in outcomes] == ["delivered"]
    update = room.adapter.briefings[-1]
    assert update.title == "Updates on stories you track"
    item = only(update)
    assert item.why == "tracked in this channel" and [n.why for n in item.revised] == ["number"]
    assert await room.scheduler.alert_round(DAY1 + timedelta(hours=16)) == []  # once
    assert await room.tick(DAY1 + timedelta(days=1, hours=8)) == ["empty"]  # the briefing does not repeat it


async def test_the_story_view_lists_the_edits_under_the_outlets_line(newsroom: Newsroom) -> None:
    room = newsroom
    story_id = await briefed(room)
    await room.read_feed(DAY1 + timedelta(hours=14, minutes=5), CRANE_NUMBER)
    room.outlet.title = "Crane collapse injures 14 at Morrow ferry terminal"
    await room.read_feed(DAY1 + timedelta(hours=15))
    await room.read_feed(DAY1 + timedelta(hours=16), CRANE_NUMBER.replace("remaining", "remaning"))  # minor
    chat = Chat(room.db, room.config, room)  # type: ignore[arg-type]
    text = await chat.say("story", story_id, manage=False)
    lines = text.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("• Thu 20 Nov 05:00: Harbour Daily"))
    assert lines[at + 1:at + 3] == [
        "   edited Thu 20 Nov 14:05: “11 people were injured, two…” → “14 people were injured, two…”",
        "   edited Thu 20 Nov 15:00: headline “Crane collapse injures people at Morrow ferry terminal” → “Crane "
        "collapse injures 14 at Morrow ferry terminal”",
    ]
    assert len(await RevisionStore(room.db).for_article(await room.article_id())) == 3
    assert "typo" not in text and "remaning" not in text


async def test_at_most_two_edits_are_listed_per_article_and_the_rest_counted(newsroom: Newsroom) -> None:
    room = newsroom
    story_id = await briefed(room)
    for n, figure in enumerate(("12", "13", "14", "15")):
        await room.read_feed(DAY1 + timedelta(hours=10 + n), CRANE_V1.replace("11 people", f"{figure} people"))
    chat = Chat(room.db, room.config, room)  # type: ignore[arg-type]
    lines = (await chat.say("story", story_id, manage=False)).splitlines()
    edits = [line for line in lines if line.startswith("   edited") or line.startswith("   … and")]
    assert edits == [
        "   edited Thu 20 Nov 12:00: “13 people were injured, two…” → “14 people were injured, two…”",
        "   edited Thu 20 Nov 13:00: “14 people were injured, two…” → “15 people were injured, two…”",
        "   … and 2 earlier edits",
    ]


async def test_the_followup_on_postgresql(config: Config) -> None:
    database = await Database.open(await pg.fresh_database("briefbot_test_revisions_channels"))
    try:
        async with open_newsroom(database, config) as room:
            story_id = await briefed(room)
            await room.read_feed(DAY1 + timedelta(hours=14), CRANE_NUMBER)
            assert await room.tick(DAY1 + timedelta(days=1, hours=8)) == ["delivered"]
            item = only(room.adapter.briefings[1])
            assert item.story.id == story_id and [n.why for n in item.revised] == ["number"]
            assert await room.tick(DAY1 + timedelta(days=2, hours=8)) == ["empty"]
    finally:
        await database.close()
