"""Tracking a story: its follow-ups are posted in that channel as soon as new articles join it, exactly once."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.commands.base import Invocation
from bot.commands.channel_commands import commands
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.delivery import Delivery
from bot.models import Briefing, BriefingItem, ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from bot.store.migrations import MIGRATIONS
from bot.store.retention import prune
from tests import pg
from tests.channels.channel_fakes import Crash
from tests.channels.test_alerts import VOTE
from tests.channels.test_followups import (
    BERTH_D,
    DAY1,
    FIRE_A,
    FIRE_B,
    FIRE_C,
    FIRE_F,
    REF,
    CapturingAdapter,
    World,
)
from tests.old_store import upgraded

OTHER = ChannelRef("console", "other")
TRACKS_FROM = 11  # the schema version that added channel_tracks


@pytest.fixture(params=["sqlite", "postgresql"])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A store on each backend, made as it was before tracking (schema 10) with two channels, then upgraded."""
    url = (f"sqlite:///{tmp_path / 'tracks.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_tracks"))

    async def fill(old: Database) -> None:
        for ref in (REF, OTHER):
            await ChannelStore(old).ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
            await ChannelStore(old).subscribe(ref, "Valdmere", user="U1", now=DAY1)

    database = await upgraded(url, TRACKS_FROM - 1, fill)
    yield database
    await database.close()


class Chat:
    """The channel verbs as typed in REF (or another channel), on the world's clock."""

    def __init__(self, db: Database, config: Config, world: World) -> None:
        self.world = world
        self.verbs = {c.name: c for c in commands(CommandDeps(config, db, world.clock))}

    async def say(self, verb: str, text: str = "", *, manage: bool = True, ref: ChannelRef = REF) -> str:
        options = {"story": text} if text else {}
        inv = Invocation(verb, text, "U7", ref, options, can_manage=manage, now=self.world.clock())
        return (await self.verbs[verb].handler(inv)).text


def only(briefing: Briefing, story_id: str) -> BriefingItem:
    assert [i.story.id for i in briefing.items] == [story_id], [i.story.headline for i in briefing.items]
    return briefing.items[0]


async def briefed(db: Database, config: Config, tmp_path: Path, *, alerts: int = 0,
                  quiet: str = "") -> tuple[World, CapturingAdapter, Scheduler, str]:
    """REF (and OTHER, if the store has it) were given the fire story in their 08:00 briefing on day 1."""
    world = World(db, config, tmp_path)
    store = ChannelStore(db)
    await store.ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    await store.set_alerts(REF, alerts)
    if quiet:
        await store.set_schedule(REF, now=DAY1, quiet_hours=quiet)
    adapter = CapturingAdapter(clock=world.clock)
    scheduler = Scheduler(Delivery(db, config, {"console": adapter}), world.clock)
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, FIRE_B)
    assert {o.state for o in await scheduler.tick(DAY1 + timedelta(hours=8))} == {"delivered"}
    return world, adapter, scheduler, await world.story_of(FIRE_A)


async def test_a_tracked_storys_followup_is_posted_at_once_to_that_channel_only(
        any_db: Database, config: Config, tmp_path: Path) -> None:
    db = any_db
    assert await db.schema_version() == len(MIGRATIONS) >= TRACKS_FROM  # the v10 store was upgraded
    world, adapter, scheduler, fire = await briefed(db, config, tmp_path)  # alerts are off in both channels
    assert [[i.story.id for i in b.items] for b in adapter.briefings] == [[fire], [fire]]
    chat = Chat(db, config, world)
    assert (await chat.say("track", "1")).startswith(
        f"Tracking *Fire destroys grain terminal at Valdmere port* (`{fire}`): articles that join it are posted "
        "here as soon as they come")
    assert await ChannelStore(db).tracked(REF) == [fire] and await ChannelStore(db).tracked(OTHER) == []

    # 10:00: a follow-up joins the story; the next polling round posts it to REF, not to OTHER
    await world.ingest(DAY1 + timedelta(hours=10), FIRE_C)
    assert await world.story_of(FIRE_C) == fire
    outcomes = await scheduler.alert_round(DAY1 + timedelta(hours=10, minutes=5))
    assert [(o.channel, o.state) for o in outcomes] == [(REF.key, "delivered")]
    update = adapter.briefings[-1]
    assert update.title == "Updates on stories you track" and not update.more
    item = only(update, fire)
    assert item.why == "tracked in this channel" and item.story.summary == ()  # a follow-up: only what is new
    c_id = await world.article_id(FIRE_C)
    assert {s.article_id for s in item.new_since} == {c_id}
    assert any("conveyor" in s.text for s in item.new_since)
    # once: not in the next round, nor after the gap
    assert await scheduler.alert_round(DAY1 + timedelta(hours=10, minutes=6)) == []
    assert await scheduler.alert_round(DAY1 + timedelta(hours=12)) == []
    assert len(adapter.briefings) == 3

    # day 2: another follow-up before the briefings; REF's briefing has only it, OTHER's has both as usual
    await world.ingest(DAY1 + timedelta(days=1, hours=7), FIRE_F)
    f_id = await world.article_id(FIRE_F)
    outcomes = await scheduler.tick(DAY1 + timedelta(days=1, hours=8))
    assert sorted((o.channel, o.state) for o in outcomes) == [(REF.key, "delivered"), (OTHER.key, "delivered")]
    ledger = DeliveryLedger(db)
    mine_entries, other_entries = await ledger.entries(REF.key), await ledger.entries(OTHER.key)
    assert [e.kind for e in mine_entries] == ["scheduled", "alert", "scheduled"]
    assert [e.kind for e in other_entries] == ["scheduled", "scheduled"]
    assert mine_entries[1].planned is not None and mine_entries[1].planned.stories[0].new == (c_id,)
    carried = {c.story_id: c for c in mine_entries[2].planned.stories}  # type: ignore[union-attr]
    assert carried[fire].new == (f_id,)
    carried = {c.story_id: c for c in other_entries[1].planned.stories}  # type: ignore[union-attr]
    assert set(carried[fire].new) == {c_id, f_id}
    assert mine_entries[0].slot == other_entries[0].slot  # the update was no schedule slot
    assert (await ChannelStore(db).get(REF)).delivered_up_to == DAY1 + timedelta(days=1, hours=8)  # type: ignore[union-attr]


async def test_the_track_and_untrack_verbs(db: Database, config: Config, tmp_path: Path) -> None:
    world, adapter, _scheduler, fire = await briefed(db, config, tmp_path)
    chat = Chat(db, config, world)
    store = ChannelStore(db)
    assert "No story is tracked here" in await chat.say("track")
    assert "has no story number 9" in await chat.say("track", "9")
    assert "I found no story 'zebra crossing'" in await chat.say("track", "zebra crossing")
    assert await chat.say("track", "1", manage=False) == (
        "Sorry, `track <story>` changes this channel's set-up and needs the channel-management permission. "
        "Nothing was changed.")
    assert await store.tracked(REF) == []
    assert (await chat.say("track", "1")).startswith(f"Tracking *{adapter.briefings[0].items[0].story.headline}*")
    assert "already tracked here" in await chat.say("track", fire)  # by id
    assert "already tracked here" in await chat.say("track", "grain terminal")  # by headline words
    assert await chat.say("track") == (
        "Tracked stories (`untrack <number>` or `untrack <id>` stops one):\n"
        f"1. *Fire destroys grain terminal at Valdmere port* (`{fire}`)")

    assert (await chat.say("untrack", fire, manage=False)).startswith("Sorry, `untrack <story>` changes")
    assert await store.tracked(REF) == [fire]
    assert "I found no story 's-nothing'" in await chat.say("untrack", "s-nothing")
    assert await chat.say("untrack", "grain terminal") == (
        f"Stopped tracking *Fire destroys grain terminal at Valdmere port* (`{fire}`): its follow-ups come in the "
        "briefings here again, when they match this channel's topics.")
    assert "was not tracked here" in await chat.say("untrack", fire)
    assert await store.tracked(REF) == []


async def test_tracking_unmutes_and_muting_untracks(db: Database, config: Config, tmp_path: Path) -> None:
    world, adapter, scheduler, fire = await briefed(db, config, tmp_path)
    chat = Chat(db, config, world)
    store = ChannelStore(db)
    assert (await chat.say("mute", fire)).startswith("Muted")
    reply = await chat.say("track", fire)
    assert reply.endswith("It was muted here: tracking a story un-mutes it.")
    assert await store.muted(REF) == [] and await store.tracked(REF) == [fire]
    # muted again: un-tracked, said so, and the follow-up is posted neither at once nor in the briefing
    assert (await chat.say("mute", fire)).endswith(
        "It is no longer tracked here (muting a story un-tracks it).")
    assert await store.tracked(REF) == [] and await store.muted(REF) == [fire]
    await world.ingest(DAY1 + timedelta(hours=10), FIRE_C)
    assert await scheduler.alert_round(DAY1 + timedelta(hours=10, minutes=5)) == []
    assert (await chat.say("mute", fire)).endswith("was already muted.")
    # tracked again: the follow-up the mute held back is posted at the next round
    assert (await chat.say("track", fire)).endswith("It was muted here: tracking a story un-mutes it.")
    assert await store.muted(REF) == [] and await store.tracked(REF) == [fire]
    assert [o.state for o in await scheduler.alert_round(DAY1 + timedelta(hours=10, minutes=10))] == ["delivered"]
    assert {s.article_id for s in only(adapter.briefings[-1], fire).new_since} == {await world.article_id(FIRE_C)}


async def test_updates_respect_quiet_hours_and_pause_and_need_no_alerts(db: Database, config: Config,
                                                                        tmp_path: Path) -> None:
    world, adapter, scheduler, fire = await briefed(db, config, tmp_path, quiet="22:00-07:00")
    store = ChannelStore(db)
    assert (await store.get(REF)).alert_outlets == 0  # type: ignore[union-attr]
    assert await store.track(REF, fire, user="U1", now=DAY1 + timedelta(hours=9))
    await world.ingest(DAY1 + timedelta(hours=23), FIRE_C)  # 23:00: quiet hours
    assert await scheduler.alert_round(DAY1 + timedelta(hours=23, minutes=5)) == []
    await store.set_paused(REF, True, now=DAY1 + timedelta(days=1, hours=7))
    assert await scheduler.alert_round(DAY1 + timedelta(days=1, hours=7, minutes=5)) == []
    assert len(adapter.briefings) == 1
    await store.set_paused(REF, False, now=DAY1 + timedelta(days=1, hours=7, minutes=6))
    outcomes = await scheduler.alert_round(DAY1 + timedelta(days=1, hours=7, minutes=10))
    assert [o.state for o in outcomes] == ["delivered"]
    item = only(adapter.briefings[-1], fire)
    assert {s.article_id for s in item.new_since} == {await world.article_id(FIRE_C)}
    # the 08:00 briefing does not repeat it
    assert [o.state for o in await scheduler.tick(DAY1 + timedelta(days=1, hours=8))] == ["empty"]


async def test_a_tracked_story_comes_whatever_the_topics_and_shares_a_message_with_breaking_news(
        db: Database, config: Config, tmp_path: Path) -> None:
    world = World(db, config, tmp_path)
    store = ChannelStore(db)
    await store.ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    await store.subscribe(REF, "pier", user="U1", now=DAY1)  # the fire story is not on this channel's topic
    await store.set_alerts(REF, 3)
    adapter = CapturingAdapter(clock=world.clock)
    scheduler = Scheduler(Delivery(db, config, {"console": adapter}), world.clock)
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, FIRE_B, BERTH_D)
    assert [o.state for o in await scheduler.tick(DAY1 + timedelta(hours=8))] == ["empty"]
    fire = await world.story_of(FIRE_A)
    world.clock.set(DAY1 + timedelta(hours=9))
    reply = await Chat(db, config, world).say("track", fire)
    assert reply.endswith("It has not been posted here yet, so the next update shows it in full.")
    # never shown here: it comes whole, as a new story
    first = await scheduler.alert_round(DAY1 + timedelta(hours=9, minutes=5))
    assert [o.state for o in first] == ["delivered"]
    whole = only(adapter.briefings[-1], fire)
    assert whole.story.summary and not whole.new_since and len(whole.story.sources) == 2
    # a follow-up and a breaking story on the channel's topic arrive together: one message carries both,
    # after the gap (one alert message every 30 minutes, whatever it carries)
    await world.ingest(DAY1 + timedelta(hours=9, minutes=20), FIRE_C, *VOTE)
    assert await scheduler.alert_round(DAY1 + timedelta(hours=9, minutes=25)) == []  # within the gap
    both = await scheduler.alert_round(DAY1 + timedelta(hours=9, minutes=40))
    assert [o.state for o in both] == ["delivered"]
    message = adapter.briefings[-1]
    assert message.title == "Breaking: now reported by 3 or more outlets, and updates on stories you track"
    assert [i.story.id for i in message.items] == [fire, await world.story_of(VOTE[0])]
    assert message.items[0].new_since and "pier" in message.items[1].why
    assert await scheduler.alert_round(DAY1 + timedelta(hours=11)) == []
    assert len(adapter.briefings) == 2


async def test_an_update_cut_off_by_a_crash_is_posted_once_on_restart(db: Database, config: Config,
                                                                      tmp_path: Path) -> None:
    world, adapter, _first, fire = await briefed(db, config, tmp_path)
    assert await ChannelStore(db).track(REF, fire, user="U1", now=DAY1 + timedelta(hours=9))
    await world.ingest(DAY1 + timedelta(hours=10), FIRE_C)

    def crash_when_posted(point: str) -> None:
        if point == "posted":
            raise Crash(point)

    dying = Scheduler(Delivery(db, config, {"console": adapter}, checkpoint=crash_when_posted), world.clock)
    with pytest.raises(Crash):
        await dying.alert_round(DAY1 + timedelta(hours=10, minutes=5))
    assert len(adapter.posts) == 2  # the briefing, and the update reached the platform; the ledger does not know
    restarted = Scheduler(Delivery(db, config, {"console": adapter}), world.clock)
    assert await restarted.alert_round(DAY1 + timedelta(hours=10, minutes=6)) == []  # unfinished: tick's job
    assert [o.state for o in await restarted.tick(DAY1 + timedelta(hours=10, minutes=6))] == ["delivered"]
    assert adapter.deduped == 1 and len(adapter.posts) == 2  # re-posted with the same key: the platform dedupes
    assert await restarted.alert_round(DAY1 + timedelta(hours=12)) == []
    assert [o.state for o in await restarted.tick(DAY1 + timedelta(days=1, hours=8))] == ["empty"]


async def test_tracks_go_with_their_stories_when_pruned(db: Database, config: Config, tmp_path: Path) -> None:
    world = World(db, config, tmp_path)
    store = ChannelStore(db)
    await store.ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, BERTH_D)
    fire = await world.story_of(FIRE_A)
    assert await store.track(REF, fire, user="U1", now=DAY1)
    assert not await store.track(REF, fire, user="U1", now=DAY1)
    dry = await prune(db, before=DAY1 + timedelta(days=30), dry_run=True)
    report = await prune(db, before=DAY1 + timedelta(days=30))
    assert report == dry and report.channel_tracks == 1 and report.stories == 2
    assert await store.tracked(REF) == [] and await store.tracking() == set()


def test_the_channels_command_line_shows_tracked_stories(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.channels.test_channels_cli import cli

    store = str(tmp_path / "cli.db")
    ref = ChannelRef("slack", "C1")

    async def fill() -> None:
        db = await Database.open(f"sqlite:///{store}")
        try:
            channels = ChannelStore(db)
            await channels.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
            await channels.track(ref, "s-fire", user="U1", now=DAY1)
            await channels.mute(ref, "s-berth", user="U1", now=DAY1)
        finally:
            await db.close()

    asyncio.run(fill())
    code, out, _ = cli(capsys, "channels", "--db", store)
    assert code == 0 and "    tracked stories: s-fire\n    muted stories: s-berth\n" in out
    [row] = json.loads(cli(capsys, "channels", "--json", "--db", store)[1])
    assert row["tracked"] == ["s-fire"] and row["muted"] == ["s-berth"]
