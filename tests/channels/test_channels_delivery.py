"""Delivery: each slot once, only new stories, catch-up coalescing and grace, retries, failures, crashes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.adapter import PostError
from bot.config import Config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from bot.store.stories import StoryStore
from tests.channels.channel_fakes import Crash, RecordingAdapter, add_story

T0 = datetime(2026, 5, 4, 0, 0, tzinfo=UTC)  # a Monday
REF = ChannelRef("console", "main")


def text(n: int, topic: str = "harbour") -> str:
    return (f"The {topic} council met on day {n} to discuss repairs to the old quay. "
            f"Officials said work on the {topic} would start next month. Residents asked for more parking.")


async def make_channel(db: Database, schedule: str, tz: str = "UTC", *, at: datetime = T0,
                       topics: tuple[str, ...] = ()) -> None:
    store = ChannelStore(db)
    await store.ensure(REF, ChannelDefaults(schedule, tz), now=at)
    for t in topics:
        await store.subscribe(REF, t, user="test", now=at)


async def deliver(db: Database, config: Config, adapter: RecordingAdapter, now: datetime,
                  **kwargs: object) -> list[str]:
    channel = await ChannelStore(db).get(REF)
    assert channel is not None
    outcomes = await Delivery(db, config, {"console": adapter}, **kwargs).deliver_due(channel, now)  # type: ignore[arg-type]
    return [o.state for o in outcomes]


async def test_each_slot_once_with_only_new_stories(db: Database, config: Config) -> None:
    await make_channel(db, "daily 08:00")
    adapter = RecordingAdapter()
    await add_story(db, "s1", text=text(1), title="Quay repairs", now=T0 + timedelta(hours=7))
    await add_story(db, "s2", text=text(2, "bridge"), title="Bridge repairs", now=T0 + timedelta(hours=7, minutes=5))
    assert await deliver(db, config, adapter, T0 + timedelta(hours=7, minutes=59)) == []
    assert await deliver(db, config, adapter, T0 + timedelta(hours=8)) == ["delivered"]
    assert await deliver(db, config, adapter, T0 + timedelta(hours=8, minutes=1)) == []  # same slot: nothing
    await add_story(db, "s3", text=text(3, "market"), title="Market hall", now=T0 + timedelta(hours=9))
    assert await deliver(db, config, adapter, T0 + timedelta(days=1, hours=8)) == ["delivered"]
    assert [set(p.story_ids) for p in adapter.posts] == [{"s1", "s2"}, {"s3"}]
    assert adapter.posts[0].key == "console:main|2026-05-04T08:00:00+00:00"
    # a slot with nothing new is recorded as empty and posts nothing
    assert await deliver(db, config, adapter, T0 + timedelta(days=2, hours=8)) == ["empty"]
    assert len(adapter.posts) == 2
    states = [e.state for e in await DeliveryLedger(db).entries(REF.key)]
    assert states == ["delivered", "delivered", "empty"]


async def test_missed_slots_coalesce_into_one_briefing_within_grace(db: Database, config: Config) -> None:
    await make_channel(db, "every 1h")
    adapter = RecordingAdapter()
    await add_story(db, "a", text=text(1), title="A", now=T0 + timedelta(hours=9, minutes=30))
    assert await deliver(db, config, adapter, T0 + timedelta(hours=10)) == ["delivered"]
    # down from 10:00 to 13:30; stories arrive meanwhile
    await add_story(db, "b", text=text(2, "bridge"), title="B", now=T0 + timedelta(hours=11, minutes=10))
    await add_story(db, "c", text=text(3, "market"), title="C", now=T0 + timedelta(hours=12, minutes=40))
    assert await deliver(db, config, adapter, T0 + timedelta(hours=13, minutes=30)) == ["delivered"]
    assert len(adapter.posts) == 2 and set(adapter.posts[1].story_ids) == {"b", "c"}
    entry = (await DeliveryLedger(db).entries(REF.key))[-1]
    assert entry.slot == T0 + timedelta(hours=13) and entry.kind == "catch-up"
    assert entry.covers == (T0 + timedelta(hours=11), T0 + timedelta(hours=12))


async def test_slots_older_than_grace_are_skipped_not_flooded(db: Database, config: Config) -> None:
    await make_channel(db, "every 1h")
    adapter = RecordingAdapter()
    assert await deliver(db, config, adapter, T0 + timedelta(hours=1)) == ["empty"]
    await add_story(db, "x", text=text(1), title="X", now=T0 + timedelta(hours=2))
    # down for 20 hours: slots 02:00..21:00 missed; grace 6h keeps 15:00..21:00 as one briefing
    assert await deliver(db, config, adapter, T0 + timedelta(hours=21, minutes=5)) == ["delivered"]
    assert len(adapter.posts) == 1 and adapter.posts[0].story_ids == ("x",)
    entries = await DeliveryLedger(db).entries(REF.key)
    skipped = [e for e in entries if e.state == "skipped"]
    assert len(skipped) == 1 and skipped[0].slot == T0 + timedelta(hours=15)
    assert skipped[0].covers[0] == T0 + timedelta(hours=2) and len(skipped[0].covers) == 14
    done = [e for e in entries if e.state == "delivered"]
    assert done[0].slot == T0 + timedelta(hours=21) and len(done[0].covers) == 5  # 16:00..20:00


async def test_everything_past_grace_is_skipped_and_stories_wait_for_the_next_slot(
        db: Database, config: Config) -> None:
    await make_channel(db, "daily 08:00")
    adapter = RecordingAdapter()
    await add_story(db, "y", text=text(1), title="Y", now=T0 + timedelta(hours=7))
    assert await deliver(db, config, adapter, T0 + timedelta(hours=20)) == ["skipped"]
    assert adapter.posts == []
    assert await deliver(db, config, adapter, T0 + timedelta(days=1, hours=8)) == ["delivered"]
    assert adapter.posts[0].story_ids == ("y",)


async def test_retryable_error_retries_later_then_posts_once(db: Database, config: Config) -> None:
    await make_channel(db, "daily 08:00")
    adapter = RecordingAdapter(errors=[PostError(REF, "retryable", "429 rate limited")])
    await add_story(db, "r", text=text(1), title="R", now=T0 + timedelta(hours=7))
    assert await deliver(db, config, adapter, T0 + timedelta(hours=8)) == ["retry"]
    assert await deliver(db, config, adapter, T0 + timedelta(hours=8, seconds=30)) == ["waiting"]
    assert await deliver(db, config, adapter, T0 + timedelta(hours=8, minutes=5)) == ["delivered"]
    assert [p.story_ids for p in adapter.posts] == [("r",)]
    assert await deliver(db, config, adapter, T0 + timedelta(hours=9)) == []


async def test_permanent_error_tells_the_configurer_and_keeps_the_stories(db: Database, config: Config) -> None:
    await make_channel(db, "daily 08:00")
    adapter = RecordingAdapter(errors=[PostError(REF, "permanent", "not_in_channel")])
    await add_story(db, "p", text=text(1), title="P", now=T0 + timedelta(hours=7))
    assert await deliver(db, config, adapter, T0 + timedelta(hours=8)) == ["failed"]
    assert adapter.notices and "not_in_channel" in adapter.notices[0][1]
    channel = await ChannelStore(db).get(REF)
    assert channel is not None and channel.last_error == "not_in_channel"
    assert await deliver(db, config, adapter, T0 + timedelta(days=1, hours=8)) == ["delivered"]
    assert [p.story_ids for p in adapter.posts] == [("p",)]
    channel = await ChannelStore(db).get(REF)
    assert channel is not None and channel.last_error is None


@pytest.mark.parametrize("point", ["planned", "posting", "mid-post", "posted", "delivered"])
async def test_crash_at_any_step_then_restart_posts_once(db: Database, config: Config, point: str) -> None:
    await make_channel(db, "daily 08:00")
    adapter = RecordingAdapter(parts=2)  # a two-message briefing
    await add_story(db, "k", text=text(1), title="K", now=T0 + timedelta(hours=7))
    now = T0 + timedelta(hours=8)

    def crash(at: str) -> None:
        if at == point:
            raise Crash(at)

    if point == "mid-post":
        adapter.crash_after_part = 1
    with pytest.raises(Crash):
        await deliver(db, config, adapter, now, checkpoint=crash)
    # restart: a fresh Delivery on a fresh handle to the same file
    fresh = await Database.open(db.url)
    try:
        await deliver(fresh, config, adapter, now + timedelta(minutes=1))
        await deliver(fresh, config, adapter, now + timedelta(minutes=2))
        entries = await DeliveryLedger(fresh).entries(REF.key)
    finally:
        await fresh.close()
    assert sorted((p.key, p.part) for p in adapter.posts) == [
        ("console:main|2026-05-04T08:00:00+00:00", 0), ("console:main|2026-05-04T08:00:00+00:00", 1)]
    assert [e.state for e in entries] == ["delivered"]
    assert await DeliveryLedger(db).delivered_story_ids(REF.key) == {"k"}


async def test_pending_slot_past_grace_at_restart_is_skipped_and_its_stories_kept(
        db: Database, config: Config) -> None:
    await make_channel(db, "daily 08:00")
    adapter = RecordingAdapter()
    await add_story(db, "q", text=text(1), title="Q", now=T0 + timedelta(hours=7))

    def crash(at: str) -> None:
        if at == "planned":
            raise Crash(at)

    with pytest.raises(Crash):
        await deliver(db, config, adapter, T0 + timedelta(hours=8), checkpoint=crash)
    # the bot stays down for two days
    states = await deliver(db, config, adapter, T0 + timedelta(days=2, hours=9))
    assert states[0] == "skipped" and states[-1] == "delivered"
    assert [p.story_ids for p in adapter.posts] == [("q",)]


async def test_paused_channel_gets_nothing_and_resuming_does_not_replay(db: Database, config: Config) -> None:
    await make_channel(db, "daily 08:00")
    adapter = RecordingAdapter()
    store = ChannelStore(db)
    await store.set_paused(REF, True, now=T0)
    await add_story(db, "z", text=text(1), title="Z", now=T0 + timedelta(hours=7))
    assert await deliver(db, config, adapter, T0 + timedelta(hours=8)) == []
    await store.set_paused(REF, False, now=T0 + timedelta(hours=9))
    assert await deliver(db, config, adapter, T0 + timedelta(hours=9, minutes=1)) == []
    assert await deliver(db, config, adapter, T0 + timedelta(days=1, hours=8)) == ["delivered"]
    assert [p.story_ids for p in adapter.posts] == [("z",)]


async def test_channel_without_topics_gets_only_the_sources_it_follows(db: Database, config: Config) -> None:
    await make_channel(db, "daily 08:00")
    await ChannelStore(db).follow(REF, "https://feeds.test/a.xml", now=T0)
    adapter = RecordingAdapter()
    await add_story(db, "from-a", text=text(1), title="A", now=T0 + timedelta(hours=1), source="https://feeds.test/a.xml")
    await add_story(db, "from-b", text=text(2, "bridge"), title="B", now=T0 + timedelta(hours=1),
                    source="https://feeds.test/b.xml")
    assert await deliver(db, config, adapter, T0 + timedelta(hours=8)) == ["delivered"]
    assert adapter.posts[0].story_ids == ("from-a",)


async def test_topics_cut_across_sources(db: Database, config: Config) -> None:
    await make_channel(db, "daily 08:00", topics=("harbour -parking",))
    adapter = RecordingAdapter()
    await add_story(db, "h1", text="The harbour will get a new crane, the port authority said.", title="Crane",
                    now=T0 + timedelta(hours=1), source="https://feeds.test/a.xml")
    await add_story(db, "h2", text="The harbour crane arrived by sea on Tuesday morning.", title="Crane arrives",
                    now=T0 + timedelta(hours=1), source="https://feeds.test/b.xml")
    await add_story(db, "h3", text=text(3), title="Quay", now=T0 + timedelta(hours=1))  # mentions parking
    await add_story(db, "m", text="The market hall reopened.", title="Market", now=T0 + timedelta(hours=1))
    assert await deliver(db, config, adapter, T0 + timedelta(hours=8)) == ["delivered"]
    assert set(adapter.posts[0].story_ids) == {"h1", "h2"}


async def test_manual_post_uses_the_ledger_and_does_not_repeat(db: Database, config: Config) -> None:
    await make_channel(db, "daily 08:00")
    adapter = RecordingAdapter()
    await add_story(db, "n", text=text(1), title="N", now=T0 + timedelta(hours=5))
    channel = await ChannelStore(db).get(REF)
    assert channel is not None
    outcome = await Delivery(db, config, {"console": adapter}).post_now(channel, T0 + timedelta(hours=6))
    assert outcome.state == "delivered"
    assert await deliver(db, config, adapter, T0 + timedelta(hours=8)) == ["empty"]
    assert [p.story_ids for p in adapter.posts] == [("n",)]
    assert (await DeliveryLedger(db).entries(REF.key))[0].kind == "manual"


async def test_a_story_updated_after_delivery_is_not_posted_again(db: Database, config: Config) -> None:
    """A feed that re-dates or re-GUIDs an old item only touches a story the channel already had."""
    from bot.store.stories import StoryStore

    await make_channel(db, "daily 08:00")
    adapter = RecordingAdapter()
    await add_story(db, "old", text=text(1), title="Old item", now=T0 + timedelta(hours=7))
    assert await deliver(db, config, adapter, T0 + timedelta(hours=8)) == ["delivered"]
    row = await StoryStore(db).get("old")
    assert row is not None
    await StoryStore(db).save_summary("old", headline=row.headline, url=row.url, summary=row.summary, size=2,
                                      changed_at=T0 + timedelta(hours=20), updated=T0 + timedelta(hours=20))
    assert await deliver(db, config, adapter, T0 + timedelta(days=1, hours=8)) == ["empty"]
    assert [p.story_ids for p in adapter.posts] == [("old",)]


async def test_permanent_error_also_reaches_whoever_set_the_channel_up(db: Database, config: Config) -> None:
    await make_channel(db, "daily 08:00")
    store = ChannelStore(db)
    await store.subscribe(REF, "harbour", user="U0ALICE", now=T0)
    await store.subscribe(REF, "bridge", user="cli", now=T0)  # the operator's terminal has no inbox
    adapter = RecordingAdapter(errors=[PostError(REF, "permanent", "not_in_channel")])
    await add_story(db, "h", text=text(1), title="Harbour", now=T0 + timedelta(hours=7))
    assert await deliver(db, config, adapter, T0 + timedelta(hours=8)) == ["failed"]
    assert [to for to, _ in adapter.notices] == [REF.key, f"{REF.platform}:U0ALICE"]
    assert all("not_in_channel" in note for _, note in adapter.notices)


async def test_an_old_article_stored_today_is_not_posted_as_news(db: Database, config: Config) -> None:
    await make_channel(db, "daily 08:00")
    adapter = RecordingAdapter()
    stored = T0 + timedelta(hours=7)  # a feed added this morning brings its back catalogue with it
    await add_story(db, "archive", text=text(1, "lighthouse"), title="Lighthouse restored", now=stored,
                    published=T0 - timedelta(days=200))
    await add_story(db, "late", text=text(2, "ferry"), title="Ferry timetable", now=stored,
                    published=T0 - timedelta(hours=30))  # a day old when the feed carried it: still news
    await add_story(db, "fresh", text=text(3, "bridge"), title="Bridge repairs", now=stored,
                    published=T0 + timedelta(hours=6))
    assert await deliver(db, config, adapter, T0 + timedelta(hours=8)) == ["delivered"]
    assert [set(p.story_ids) for p in adapter.posts] == [{"late", "fresh"}]
    assert await StoryStore(db).get("archive") is not None  # stored and searchable, never posted as news
    assert await deliver(db, config, adapter, T0 + timedelta(days=1, hours=8)) == ["empty"]
