"""Story numbers while no briefing was posted in a channel count the next briefing as `preview` shows it now: a
`mute` by number says the stories after it moved up one, and `track`, `unmute`, `untrack` say where they counted."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.commands import build_dispatcher
from bot.commands.base import Invocation
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.delivery import Delivery
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.channels.test_followups import BERTH_D, DAY1, FIRE_A, FIRE_B, REF, CapturingAdapter, World

FERRY = {"title": "Island ferry adds a late sailing on Fridays", "outlet": "Skerry Post",
         "url": "https://skerry.test/late-ferry", "text": (
             "The island ferry will add a sailing at eleven at night on Fridays from next month, the operator said "
             "on Thursday. Islanders had asked for a later crossing for two years. The extra sailing will run until "
             "the end of the summer and then be reviewed.")}
MOVED_UP = "the stories after it move up one (`preview` shows the new numbers)"
NOT_POSTED = "No briefing has been posted here yet, so story numbers count the next briefing as `preview` shows it now"


# `config` and `db` (SQLite) come from tests/channels/conftest.py


async def three_stories(db: Database, config: Config, tmp_path: Path) -> tuple[World, list[str]]:
    world = World(db, config, tmp_path)
    await ChannelStore(db).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, FIRE_B, BERTH_D, FERRY)
    ids = await preview_ids(db, config, world)
    assert len(set(ids)) == 3
    return world, ids


async def preview_ids(db: Database, config: Config, world: World) -> list[str]:
    channel = await ChannelStore(db).get(REF)
    assert channel is not None
    return [i.story.id for i in (await Delivery(db, config, {}).preview(channel, world.clock())).items]


async def say(db: Database, config: Config, world: World, text: str) -> str:
    verb, _, args = text.partition(" ")
    dispatcher = build_dispatcher(CommandDeps(config, db, world.clock))
    return (await dispatcher(Invocation(verb, args, "U7", REF, can_manage=True, now=world.clock()))).text


async def test_a_mute_by_number_says_the_numbers_moved_and_track_says_where_it_counted(
        db: Database, config: Config, tmp_path: Path) -> None:
    world, (first, second, third) = await three_stories(db, config, tmp_path)
    muted = await say(db, config, world, "mute 1")
    assert f"(`{first}`)" in muted and f"{NOT_POSTED} (this was its number 1): {MOVED_UP}." in muted
    assert await preview_ids(db, config, world) == [second, third]  # what the reply announced
    tracked = await say(db, config, world, "track 1")  # the new number 1
    assert tracked.startswith("Tracking *") and f"(`{second}`)" in tracked and first not in tracked
    assert tracked.endswith(f"{NOT_POSTED} (this was its number 1).")
    assert await ChannelStore(db).tracked(REF) == [second]
    # a number past the `mute` list, counted in the next briefing, names the story it found there
    refused = await say(db, config, world, "unmute 2")
    assert refused.startswith("The `mute` list has only number 1, and number 2 of the next briefing (`preview`) is *")
    assert refused.endswith(f"* (`{third}`), which is not muted here.")
    assert await ChannelStore(db).muted(REF) == [first]
    refused = await say(db, config, world, "untrack 2")
    assert refused.startswith("The `track` list has only number 1, and number 2 of the next briefing") and (
        refused.endswith(f"(`{third}`), which is not tracked here."))
    assert await ChannelStore(db).tracked(REF) == [second]
    assert (await say(db, config, world, "unmute 1")).startswith("Unmuted *")  # the list's number, no note
    assert await ChannelStore(db).muted(REF) == []


async def test_numbers_of_a_posted_briefing_need_no_note(db: Database, config: Config, tmp_path: Path) -> None:
    world, _ids = await three_stories(db, config, tmp_path)
    adapter = CapturingAdapter(clock=world.clock)
    briefed = DAY1 + timedelta(hours=8)
    assert [o.state for o in await Scheduler(Delivery(db, config, {"console": adapter}), world.clock).tick(
        briefed)] == ["delivered"]
    posted = [i.story.id for i in adapter.briefings[0].items]
    world.clock.set(briefed + timedelta(minutes=1))
    muted = await say(db, config, world, "mute 1")
    assert f"(`{posted[0]}`)" in muted and "No briefing has been posted" not in muted
    tracked = await say(db, config, world, "track 2")  # still the posted briefing's number 2
    assert f"(`{posted[1]}`)" in tracked and "No briefing has been posted" not in tracked
