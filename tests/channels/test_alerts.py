"""Breaking alerts: a new story is posted at once when enough outlets carry it, once, and never lost or repeated."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.alerts import outlet_count
from bot.commands.base import Invocation
from bot.commands.channel_commands import commands
from bot.commands.deps import CommandDeps
from bot.config import Config, ConfigError, parse_config
from bot.delivery import Delivery
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from bot.store.retention import prune
from digests.render_json import briefing_to_dict
from digests.render_text import render_text
from tests import pg
from tests.channels.channel_fakes import Crash
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
from tests.old_store import upgraded

# Written for this test: a second event, reported by three outlets each in its own words (not one text three
# times: that would be one report, bot/outlets.py), and a one-outlet story.
VOTE = [{"title": f"Korsholt council votes to close the old ferry pier ({name})", "outlet": name,
         "url": f"https://{slug}.test/korsholt-pier-vote", "text": text}
        for name, slug, text in (
            ("Harbour Gazette", "gazette",
             "The Korsholt town council voted on Monday to close the old ferry pier, ending ninety years of "
             "crossings from the town centre. The pier shuts at the end of the month and ferries will then use "
             "the new terminal instead. Councillors said the repairs the pier needs would cost more than a new "
             "terminal."),
            ("Coastal Times", "coastal",
             "Korsholt's old ferry pier is to close after engineers found its timber piles rotten, councillors "
             "decided on Monday. Ferry services move to the new terminal once the pier is shut at the end of "
             "this month. Mending the pier, the council argued, would be dearer than building a terminal."),
            ("Valley Courier", "courier",
             "By eleven votes to four, after a long debate, Korsholt council on Monday backed closing the town's "
             "old ferry pier. From the end of the month, ferries will sail from the new terminal. According to "
             "councillors, fixing the ageing pier would cost the town more than the new terminal did."))]
# Written for this test: one agency report of a power cut, the same text republished by a second site (new
# headline, a dateline, a follow line), and a third site's own report of the event.
GRID_TEXT = (
    "Power returned to most of Valdmere on Tuesday evening after a fault at the Lindholm substation left about "
    "twelve thousand homes without electricity for five hours, the grid operator said. Engineers traced the fault "
    "to a cable that roadworks on the ring road had damaged in the morning. Traffic lights across the town "
    "centre were out during the afternoon rush, and two schools sent pupils home early. The operator said a few "
    "streets near the substation would stay on generators overnight while the cable is replaced.")
GRID_WIRE = {"title": "Valdmere power cut: electricity back after five hours", "outlet": "Coast Wire",
             "url": "https://coastwire.co.uk/valdmere-power-cut", "text": GRID_TEXT}
GRID_COPY = {"title": "Thousands without power as substation fails", "outlet": "Harbour Gazette",
             "url": "https://news.gazette.test/valdmere-substation",
             "text": f"VALDMERE (Coast Wire) - {GRID_TEXT} Follow the Gazette for more news from the town."}
GRID_OWN = {"title": "Roadworks blamed for Valdmere blackout", "outlet": "Valley Courier",
            "url": "https://courier.test/valdmere-blackout", "text": (
                "A digger working on the Valdmere ring road cut through a power cable on Tuesday morning and "
                "plunged twelve thousand homes into darkness until the evening. Shopkeepers in the town centre "
                "closed early as the traffic lights failed, and parents were called to collect their children "
                "from two schools. The grid operator promised to replace the cable by Wednesday and said the "
                "Lindholm substation itself was undamaged.")}
LIBRARY = {"title": "Valdmere library extends its weekend hours", "outlet": "Valley Courier",
           "url": "https://courier.test/valdmere-library-hours", "text": (
               "The Valdmere public library will open on Sundays from next month, the town's culture office "
               "said on Monday. Volunteers will staff the reading rooms in the afternoons. The children's "
               "section will also stay open until seven in the evening on Saturdays.")}


async def _world(db: Database, config: Config, tmp: Path, *, alerts: int = 3, topics: tuple[str, ...] = (),
                 quiet: str = "") -> tuple[World, CapturingAdapter, Scheduler]:
    world = World(db, config, tmp)
    store = ChannelStore(db)
    await store.ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    await store.set_alerts(REF, alerts)
    if quiet:
        await store.set_schedule(REF, now=DAY1, quiet_hours=quiet)
    for topic in topics:
        await store.subscribe(REF, topic, user="U1", now=DAY1)
    adapter = CapturingAdapter(clock=world.clock)
    return world, adapter, Scheduler(Delivery(db, config, {"console": adapter}), world.clock)


@pytest.fixture(params=["sqlite", "postgresql"])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A store on each backend, opened first as it was before alerts (migration 7) and then upgraded."""
    url = (f"sqlite:///{tmp_path / 'alerts.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_alerts"))
    database = await upgraded(url, 6, lambda old: ChannelStore(old).ensure(
        REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1))
    yield database
    await database.close()


async def test_an_alert_comes_at_the_third_outlet_once_and_the_next_briefing_neither_repeats_nor_loses(
        any_db: Database, config: Config, tmp_path: Path) -> None:
    db = any_db
    assert (await ChannelStore(db).get(REF)).alert_outlets == 0  # type: ignore[union-attr]  # upgraded store
    world, adapter, scheduler = await _world(db, config, tmp_path)
    await world.ingest(DAY1 + timedelta(hours=7, minutes=30), BERTH_D)
    assert [o.state for o in await scheduler.tick(DAY1 + timedelta(hours=8))] == ["delivered"]
    await world.ingest(DAY1 + timedelta(hours=9), FIRE_A, FIRE_B)
    await world.ingest(DAY1 + timedelta(hours=9, minutes=30), LIBRARY)
    assert await scheduler.alert_round(DAY1 + timedelta(hours=9, minutes=35)) == []  # two outlets only
    await world.ingest(DAY1 + timedelta(hours=10), FIRE_E)
    fire = await world.story_of(FIRE_A)
    outcomes = await scheduler.alert_round(DAY1 + timedelta(hours=10, minutes=5))
    assert [o.state for o in outcomes] == ["delivered"]
    alert = adapter.briefings[-1]
    assert alert.title == "Breaking: now reported by 3 or more outlets"
    assert [i.story.id for i in alert.items] == [fire] and not alert.more
    assert len(alert.items[0].story.sources) == 3
    # once: not again in the next rounds, nor after the gap
    assert await scheduler.alert_round(DAY1 + timedelta(hours=10, minutes=6)) == []
    assert await scheduler.alert_round(DAY1 + timedelta(hours=12)) == []
    assert len(adapter.briefings) == 2
    # the alert is not a schedule slot and does not move the watermark: the next briefing is still due at
    # 08:00 and carries the library story from before the alert, without the fire story
    await world.ingest(DAY1 + timedelta(days=1, hours=6), FIRE_C)
    assert [o.state for o in await scheduler.tick(DAY1 + timedelta(days=1, hours=8))] == ["delivered"]
    briefing = adapter.briefings[-1]
    by_id = {i.story.id: i for i in briefing.items}
    assert await world.story_of(LIBRARY) in by_id
    assert await world.story_of(BERTH_D) not in by_id
    # the fire story comes back only as a follow-up with the article the alert did not show
    assert {s.article_id for s in by_id[fire].new_since} == {await world.article_id(FIRE_C)}
    ledger = DeliveryLedger(db)
    assert [e.kind for e in await ledger.entries(REF.key)] == ["scheduled", "alert", "scheduled"]
    assert (await ledger.last_delivered(REF.key)).kind == "scheduled"  # type: ignore[union-attr]


async def test_one_wire_story_on_two_sites_is_one_report_and_a_second_newsroom_makes_two(
        any_db: Database, config: Config, tmp_path: Path) -> None:
    db = any_db
    world, adapter, scheduler = await _world(db, config, tmp_path, alerts=2)
    assert [o.state for o in await scheduler.tick(DAY1 + timedelta(hours=8))] == ["empty"]  # the briefing is not due
    await world.ingest(DAY1 + timedelta(hours=9), GRID_WIRE, GRID_COPY)
    grid = await world.story_of(GRID_WIRE)
    assert await world.story_of(GRID_COPY) == grid  # one story: two sites, two names, one text
    assert await scheduler.alert_round(DAY1 + timedelta(hours=9, minutes=5)) == []  # one report, not two
    await world.ingest(DAY1 + timedelta(hours=9, minutes=30), GRID_OWN)
    assert await world.story_of(GRID_OWN) == grid
    assert [o.state for o in await scheduler.alert_round(DAY1 + timedelta(hours=9, minutes=35))] == ["delivered"]
    alert = adapter.briefings[-1]
    assert alert.title == "Breaking: now reported by 2 or more outlets"
    [item] = alert.items
    wire, copy = await world.article_id(GRID_WIRE), await world.article_id(GRID_COPY)
    assert {s.article_id: s.copy_of for s in item.story.sources} == {
        wire: None, copy: wire, await world.article_id(GRID_OWN): None}
    assert outlet_count(item.story) == 2
    data = briefing_to_dict(alert)["stories"][0]
    assert data["outlets"] == 2
    assert {s["name"]: (s["copy_of"], s["site"]) for s in data["sources"]} == {
        "Coast Wire": (None, "coastwire.co.uk"), "Harbour Gazette": (wire, "gazette.test"),
        "Valley Courier": (None, "courier.test")}
    assert "Coast Wire (republished by Harbour Gazette), Valley Courier" in render_text(alert)
    # the full story says which article is a copy, and counts the outlets the same way
    verbs = {c.name: c for c in commands(CommandDeps(config, db, world.clock))}
    inv = Invocation("story", grid, "U1", REF, {"story": grid}, now=DAY1 + timedelta(hours=10))
    view = (await verbs["story"].handler(inv)).text
    assert view.startswith(f"*{GRID_WIRE['title']}* (`{grid}`): 2 outlets, 1 republished copy, first reported")
    assert "Harbour Gazette — same text as Coast Wire, “Thousands without power as substation fails”" in view
    assert view.index("• Mon 03 Mar 09:00: Coast Wire") < view.index("Harbour Gazette — same")  # original first
    assert "Follow the Gazette" not in view  # what the copy adds to the wire's text is not news of its own


async def test_alerts_follow_topics_quiet_hours_pause_and_the_gap(db: Database, config: Config,
                                                                  tmp_path: Path) -> None:
    world, adapter, scheduler = await _world(db, config, tmp_path, topics=("pier",), quiet="22:00-07:00")
    await world.ingest(DAY1 + timedelta(hours=6), *VOTE)  # 06:00: quiet hours
    assert await scheduler.alert_round(DAY1 + timedelta(hours=6, minutes=5)) == []
    await world.ingest(DAY1 + timedelta(hours=7), FIRE_A, FIRE_B, FIRE_E)  # three outlets, not on the topic
    store = ChannelStore(db)
    await store.set_paused(REF, True, now=DAY1 + timedelta(hours=7))
    assert await scheduler.alert_round(DAY1 + timedelta(hours=7, minutes=5)) == []
    await store.set_paused(REF, False, now=DAY1 + timedelta(hours=7, minutes=6))
    outcomes = await scheduler.alert_round(DAY1 + timedelta(hours=7, minutes=10))
    assert [o.state for o in outcomes] == ["delivered"]
    assert [i.story.id for i in adapter.briefings[-1].items] == [await world.story_of(VOTE[0])]
    assert "pier" in adapter.briefings[-1].items[0].why
    # with no topics every story matches; the next one waits for the 30-minute gap
    await store.unsubscribe(REF, "pier")
    assert await scheduler.alert_round(DAY1 + timedelta(hours=7, minutes=20)) == []
    late = await scheduler.alert_round(DAY1 + timedelta(hours=7, minutes=41))
    assert [o.state for o in late] == ["delivered"]
    assert [i.story.id for i in adapter.briefings[-1].items] == [await world.story_of(FIRE_A)]
    assert len(adapter.briefings) == 2


async def test_no_alert_while_the_briefing_is_due_and_none_for_old_stories(db: Database, config: Config,
                                                                           tmp_path: Path) -> None:
    world, adapter, scheduler = await _world(db, config, tmp_path)
    await world.ingest(DAY1 + timedelta(hours=7, minutes=50), *VOTE)
    # 08:00 has passed and its slot is not delivered yet: the briefing comes first, and carries the story
    assert await scheduler.alert_round(DAY1 + timedelta(hours=8, minutes=1)) == []
    assert [o.state for o in await scheduler.tick(DAY1 + timedelta(hours=8, minutes=1))] == ["delivered"]
    assert await scheduler.alert_round(DAY1 + timedelta(hours=8, minutes=2)) == []
    assert len(adapter.briefings) == 1
    # a story whose first article is two days old is a running story, not breaking news
    world.clock.set(DAY1 + timedelta(days=2, hours=9))
    path = tmp_path / "old.json"
    old = (DAY1 + timedelta(hours=9)).isoformat()
    path.write_text(json.dumps([{**r, "published": old} for r in (FIRE_A, FIRE_B, FIRE_E)]))
    await world.pipeline.ingest([str(path)], None)
    assert await scheduler.alert_round(DAY1 + timedelta(days=2, hours=9, minutes=5)) == []


async def test_an_alert_cut_off_by_a_crash_is_posted_once_on_restart(db: Database, config: Config,
                                                                     tmp_path: Path) -> None:
    world, adapter, first = await _world(db, config, tmp_path)
    assert [o.state for o in await first.tick(DAY1 + timedelta(hours=8))] == ["empty"]
    await world.ingest(DAY1 + timedelta(hours=9), *VOTE)

    def crash_when_posted(point: str) -> None:
        if point == "posted":
            raise Crash(point)

    dying = Scheduler(Delivery(db, config, {"console": adapter}, checkpoint=crash_when_posted), world.clock)
    with pytest.raises(Crash):
        await dying.alert_round(DAY1 + timedelta(hours=9, minutes=5))
    assert len(adapter.posts) == 1  # it reached the platform, the ledger does not know yet
    restarted = Scheduler(Delivery(db, config, {"console": adapter}), world.clock)
    assert await restarted.alert_round(DAY1 + timedelta(hours=9, minutes=6)) == []  # unfinished: tick's job
    assert [o.state for o in await restarted.tick(DAY1 + timedelta(hours=9, minutes=6))] == ["delivered"]
    assert adapter.deduped == 1 and len(adapter.posts) == 1  # re-posted with the same key: the platform dedupes
    assert await restarted.alert_round(DAY1 + timedelta(hours=11)) == []


async def test_the_alerts_verb_and_its_config_key(db: Database, config: Config) -> None:
    verbs = {c.name: c for c in commands(CommandDeps(config, db, lambda: DAY1))}

    async def say(text: str, *, manage: bool = True) -> str:
        inv = Invocation("alerts", text, "U1", REF, {"outlets": text} if text else {}, can_manage=manage, now=DAY1)
        return (await verbs["alerts"].handler(inv)).text

    assert "off here" in await say("")
    assert "at least" not in await say("3") and "as soon as 3 outlets" in await say("3")
    assert "a republished copy of another's text not at all" in await say("3")
    assert "when 3 outlets carry it" in await say("")
    assert "could not use" in await say("1") and "could not use" in await say("many")
    assert "alerts <outlets>" in await say("5", manage=False)  # refused without the permission
    assert (await ChannelStore(db).get(REF)).alert_outlets == 3  # type: ignore[union-attr]
    assert "off" in await say("off")
    assert (await ChannelStore(db).get(REF)).alert_outlets == 0  # type: ignore[union-attr]
    parsed = parse_config({"channels": [{"id": "slack:C1", "alerts": 4}]}, {})
    assert parsed.channels[0].alerts == 4
    with pytest.raises(ConfigError, match=r"channels\[0\].alerts"):
        parse_config({"channels": [{"id": "slack:C1", "alerts": 1}]}, {})


async def test_retention_keeps_the_newest_schedule_slot_however_many_alerts_follow(
        db: Database, config: Config, tmp_path: Path) -> None:
    world, _adapter, scheduler = await _world(db, config, tmp_path)
    await scheduler.tick(DAY1 + timedelta(hours=8))
    await world.ingest(DAY1 + timedelta(hours=9), *VOTE)
    assert [o.state for o in await scheduler.alert_round(DAY1 + timedelta(hours=9, minutes=5))] == ["delivered"]
    ledger = DeliveryLedger(db)
    newest = await ledger.last_slot(REF.key)
    assert newest == DAY1 + timedelta(hours=8)  # the alert is newer but is not a schedule slot
    # a month later, with everything older than a week pruned, the schedule still counts from 08:00 day 1
    await prune(db, before=DAY1 + timedelta(days=30))
    assert await ledger.last_slot(REF.key) == newest
    assert [e.kind for e in await ledger.entries(REF.key)] == ["scheduled", "alert"]


async def test_a_manual_post_in_the_same_second_as_an_alert_is_its_own_slot(
        db: Database, config: Config, tmp_path: Path) -> None:
    world, adapter, scheduler = await _world(db, config, tmp_path)
    await scheduler.tick(DAY1 + timedelta(hours=8))
    await world.ingest(DAY1 + timedelta(hours=9), *VOTE, LIBRARY)
    at = DAY1 + timedelta(hours=9, minutes=5)
    assert [o.state for o in await scheduler.alert_round(at)] == ["delivered"]
    channel = await ChannelStore(db).get(REF)
    assert channel is not None
    manual = await scheduler.delivery.post_now(channel, at)
    assert manual.state == "delivered" and manual.slot == at + timedelta(seconds=1)
    assert [i.story.id for i in adapter.briefings[-1].items] == [await world.story_of(LIBRARY)]


def test_the_alerts_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.channels.test_channels_cli import cli

    store = str(tmp_path / "cli.db")
    assert cli(capsys, "alerts", "slack:C1", "3", "--db", store)[:2] == (0, "slack:C1: breaking alerts at 3 outlets\n")
    code, _, err = cli(capsys, "alerts", "slack:C1", "11", "--db", store)
    assert code == 2 and "alerts: expected 2 to 10 outlets or off, got '11'" in err
    code, out, _ = cli(capsys, "channels", "--db", store)
    assert code == 0 and "breaking alerts: at 3 outlets" in out
    [row] = json.loads(cli(capsys, "channels", "--json", "--db", store)[1])
    assert row["alert_outlets"] == 3 and row["muted"] == []
    assert cli(capsys, "alerts", "slack:C1", "off", "--db", store)[1] == "slack:C1: breaking alerts off\n"


async def test_no_alert_is_tried_on_a_platform_whose_token_run_once_found_unset(
        tmp_path: Path, config: Config) -> None:
    db = await Database.open(f"sqlite:///{tmp_path / 'unset.db'}")
    try:
        world, adapter, scheduler = await _world(db, config, tmp_path)
        assert [o.state for o in await scheduler.tick(DAY1 + timedelta(hours=8))] == ["empty"]  # not due after this
        scheduler.delivery.unposted = {"console": "$BRIEFBOT_TEST_UNSET is not set or empty"}  # as `run --once` sets
        await world.ingest(DAY1 + timedelta(hours=9), FIRE_A, FIRE_B, FIRE_E)
        assert await scheduler.alert_round(DAY1 + timedelta(hours=9, minutes=5)) == []
        entries = await DeliveryLedger(db).entries(REF.key)
        assert adapter.briefings == [] and [e.kind for e in entries] == ["scheduled"]  # no alert claimed
        scheduler.delivery.unposted = {}  # the next run, with the token set, posts it
        assert [o.state for o in await scheduler.alert_round(DAY1 + timedelta(hours=9, minutes=10))] == ["delivered"]
    finally:
        await db.close()
