"""Topic channels sharing one ``Delivery`` plan what each screening on its own plans, and the later ones read no
story's sentences the first one read, until a story changes or a topic nobody had comes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import pytest

from bot import channel_evidence
from bot.config import Config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.store.channels import Channel, ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import Planned
from bot.store.story_texts import sentence_texts
from tests.channels.channel_fakes import add_story

NOW = datetime.fromisoformat("2026-05-04T09:00:00+00:00")
STORIES = {  # written for this test
    "ferry": ("Ferry crossings resume", "The harbour ferry runs again from Monday. Crossings take forty minutes."),
    "ferries": ("Two ferries added", "Ferries will call at the island twice a day. The council pays for fuel."),
    "lamp": ("Lighthouse lamp replaced", "The lighthouse on the north mole has a new lamp. Keepers tested it."),
    "both": ("Ferry passes the lighthouse", "The night ferry now passes the lighthouse at ten. Its lamp guides it."),
    "road": ("Road works on the coast road", "The coast road closes for resurfacing. Buses take the inland route."),
    "nato": ("NATO ministers meet", "Ministers of NATO met in the capital. They spoke of the coast guard."),
}


async def channel(db: Database, name: str, *topics: str) -> Channel:
    ref, store = ChannelRef("console", name), ChannelStore(db)
    await store.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=NOW - timedelta(days=1))
    for topic in topics:
        await store.subscribe(ref, topic, user="U1", now=NOW - timedelta(days=1))
    got = await store.get(ref)
    assert got is not None
    return got


def planned(plan: Planned) -> list[tuple[str, str, float, bool]]:
    return [(c.story_id, c.why, c.score, c.more) for c in plan.stories]


async def test_channels_share_the_screens_reading_and_plan_as_each_alone(
        db: Database, config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    for i, (story_id, (title, text)) in enumerate(STORIES.items()):
        await add_story(db, story_id, title=title, text=text, now=NOW - timedelta(hours=5, minutes=i))
    read: list[str] = []
    async def counted(db: Database, ids: Sequence[str]) -> dict[str, str]:
        read.extend(ids)
        return await sentence_texts(db, ids)

    monkeypatch.setattr(channel_evidence, "sentence_texts", counted)
    ferry, lamp = await channel(db, "ferry", "ferry"), await channel(db, "lamp", "lighthouse -ferry")
    shared, alone = Delivery(db, config, {}), Delivery(db, config, {})
    alone.screens = None
    want = {c.key: planned(await alone.plan_for(c, NOW)) for c in (ferry, lamp)}
    assert {s for s, *_ in want[ferry.key]} == {"ferry", "ferries", "both"}
    assert {s for s, *_ in want[lamp.key]} == {"lamp"}
    assert len(read) == 2 * len(STORIES)  # each channel read every story
    read.clear()

    assert planned(await shared.plan_for(ferry, NOW)) == want[ferry.key]
    assert sorted(read) == sorted(STORIES)
    read.clear()
    assert planned(await shared.plan_for(lamp, NOW)) == want[lamp.key]
    assert read == []  # its topic was learned with the first channel's: nothing read again

    # a story changes: read again, that one alone
    await add_story(db, "road", title="Ferry replaces the coast road bus", now=NOW - timedelta(hours=1),
                    text="A ferry stands in for the bus while the coast road is closed.")
    assert {s for s, *_ in planned(await shared.plan_for(ferry, NOW))} == {"ferry", "ferries", "both", "road"}
    assert read == ["road"]
    read.clear()

    # a topic nobody had: every story read again, for it and the others
    nato = await channel(db, "nato", "NATO")
    assert {s for s, *_ in planned(await shared.plan_for(nato, NOW))} == {"nato"}
    assert sorted(read) == sorted(STORIES)
    read.clear()
    assert planned(await shared.plan_for(lamp, NOW)) == want[lamp.key]
    assert read == []
