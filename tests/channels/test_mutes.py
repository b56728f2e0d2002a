"""Muting a story: no more of it or its follow-ups in that channel (nor alerts), other channels unaffected."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.commands.base import Invocation
from bot.commands.channel_commands import commands
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.retention import prune
from tests.channels.test_alerts import VOTE
from tests.channels.test_followups import (
    BERTH_D,
    DAY1,
    FIRE_A,
    FIRE_B,
    FIRE_C,
    FIRE_E,
    REF,
    CapturingAdapter,
    World,
)

OTHER = ChannelRef("console", "other")


async def test_a_muted_story_and_its_followups_stay_out_of_that_channel_only(
        db: Database, config: Config, tmp_path: Path) -> None:
    world = World(db, config, tmp_path)
    store = ChannelStore(db)
    for ref in (REF, OTHER):
        await store.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    adapter = CapturingAdapter()
    scheduler = Scheduler(Delivery(db, config, {"console": adapter}), world.clock)
    verbs = {c.name: c for c in commands(CommandDeps(config, db, world.clock))}

    async def say(verb: str, text: str = "", *, manage: bool = True) -> str:
        options = {"story": text} if text else {}
        inv = Invocation(verb, text, "U7", REF, options, can_manage=manage, now=world.clock())
        return (await verbs[verb].handler(inv)).text

    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, FIRE_B, BERTH_D)
    fire = await world.story_of(FIRE_A)
    assert [o.state for o in await scheduler.tick(DAY1 + timedelta(hours=8))] == ["delivered", "delivered"]
    posted = {b.items[0].story.id for b in adapter.briefings}
    assert fire in posted
    number = [i.story.id for i in adapter.briefings[0].items].index(fire) + 1

    assert "No story is muted here" in await say("mute")
    assert "mute <story>" in await say("mute", str(number), manage=False)  # refused
    assert "has no story number 9" in await say("mute", "9")
    assert "I found no story 'zebra crossing'" in await say("mute", "zebra crossing")
    reply = await say("mute", str(number))
    assert reply.startswith("Muted *Fire destroys grain terminal at Valdmere port*") and fire in reply
    assert "already muted" in await say("mute", "grain terminal")  # by headline words too
    assert f"(`{fire}`)" in await say("mute")  # the list

    # day 2: a follow-up joins the fire story; this channel does not hear of it, the other one does
    await world.ingest(DAY1 + timedelta(days=1, hours=6), FIRE_C)
    before = len(adapter.briefings)
    outcomes = {o.channel: o.state for o in await scheduler.tick(DAY1 + timedelta(days=1, hours=8))}
    assert outcomes == {REF.key: "empty", OTHER.key: "delivered"}
    assert [i.story.id for i in adapter.briefings[before].items] == [fire]

    # nor does a breaking alert bring it back
    await store.set_alerts(REF, 3)
    await world.ingest(DAY1 + timedelta(days=1, hours=9), FIRE_E, *VOTE)
    await scheduler.alert_round(DAY1 + timedelta(days=1, hours=9, minutes=5))
    alert = adapter.briefings[-1]
    assert alert.title.startswith("Breaking") and fire not in [i.story.id for i in alert.items]

    assert "I found no story 's-nothing'" in await say("unmute", "s-nothing")
    assert "was not muted here" in await say("unmute", await world.story_of(BERTH_D))
    assert await say("unmute", fire) == (
        f"Unmuted *Fire destroys grain terminal at Valdmere port* (`{fire}`): articles that join it from now on come "
        f"back in the briefings here. 2 articles joined it while it was muted (`story {fire}` shows it in full).")
    assert await store.muted(REF) == []


async def test_mutes_go_with_their_stories_when_pruned(db: Database, config: Config, tmp_path: Path) -> None:
    world = World(db, config, tmp_path)
    store = ChannelStore(db)
    await store.ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, BERTH_D)
    fire = await world.story_of(FIRE_A)
    assert await store.mute(REF, fire, user="U1", now=DAY1)
    report = await prune(db, before=DAY1 + timedelta(days=30))
    assert report.channel_mutes == 1 and report.stories == 2
    assert await store.muted(REF) == []
