"""Each channel chooses how long its briefings are (`length full | short | headlines`): stored per channel, applied
to scheduled briefings, `/brief`, breaking alerts and tracked-story updates; "Full story" always shows all."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from adapters.console import ConsoleAdapter
from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.base import Reply
from bot.commands.deps import CommandDeps
from bot.config import Config, ConfigError, parse_config
from bot.delivery import Delivery
from bot.models import Briefing, ChannelRef, Story
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from digests.render_json import briefing_to_dict
from digests.render_text import render_text
from tests import pg
from tests.channels.channel_fakes import add_story
from tests.channels.test_alerts import VOTE
from tests.channels.test_followups import DAY1, FIRE_A, FIRE_B, FIRE_C, REF, World
from tests.channels.test_tracks import briefed
from tests.old_store import upgraded

DESK = ChannelRef("console", "desk")  # a second channel: full briefings
LENGTH_FROM = 12  # the schema version that added channels.length


@pytest.fixture(params=["sqlite", "postgresql"])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A store on each backend as briefbot left it at schema 11 (two channels, no length column), upgraded."""
    url = (f"sqlite:///{tmp_path / 'length.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_length"))

    async def fill(old: Database) -> None:
        for ref in (REF, DESK):
            await ChannelStore(old).ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
        async with old.begin() as conn:  # this code's v2 made the column; the v11 code's did not
            await conn.execute(sa.text("ALTER TABLE channels DROP COLUMN length"))
            columns = await conn.run_sync(lambda c: {col["name"] for col in sa.inspect(c).get_columns("channels")})
        assert "length" not in columns and "alert_outlets" in columns

    database = await upgraded(url, LENGTH_FROM - 1, fill)
    yield database
    await database.close()


class Chat:
    """``/brief ...`` typed in a channel, through the real dispatcher, on a manual clock."""

    def __init__(self, db: Database, config: Config, clock: ManualClock) -> None:
        self.db, self.clock = db, clock
        self.dispatcher = build_dispatcher(CommandDeps(config, db, clock))

    async def say(self, text: str, *, manager: bool = True, ref: ChannelRef = REF) -> Reply:
        inv = self.dispatcher.from_text(text, user="U1", channel=ref, can_manage=manager, now=self.clock())
        return await self.dispatcher(inv)


def section(output: str, ref: ChannelRef) -> str:
    """What the console adapter printed for one channel's briefing."""
    return output.split(f"===== {ref.key} =====\n", 1)[1].split("=====", 1)[0]


async def test_an_old_store_is_upgraded_and_the_length_survives_a_restart(any_db: Database) -> None:
    db = any_db
    assert await db.schema_version() == len(MIGRATIONS) >= LENGTH_FROM
    store = ChannelStore(db)
    assert [(c.key, c.length) for c in await store.all()] == [(DESK.key, "full"), (REF.key, "full")]
    await store.set_length(REF, "short")
    created = await store.ensure(ChannelRef("slack", "C9"), ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    assert created.length == "full"  # a channel made after the upgrade starts full too
    await store.set_length(created.ref, "headlines")
    reopened = await Database.open(db.url)
    try:
        assert await reopened.migrate() == len(MIGRATIONS)  # nothing re-applied
        lengths = {c.key: c.length for c in await ChannelStore(reopened).all()}
        assert lengths == {DESK.key: "full", REF.key: "short", "slack:C9": "headlines"}
    finally:
        await reopened.close()


async def test_the_length_verb(db: Database, config: Config) -> None:
    chat = Chat(db, config, ManualClock(DAY1))
    shown = await chat.say("length", manager=False)
    assert not shown.error and shown.ephemeral and shown.text.startswith(
        "Briefings here are *full*: each story's summary, key quote and sources. *Full story* under a story")
    assert await ChannelStore(db).all() == []  # showing creates no channel

    refused = await chat.say("length short", manager=False)
    assert refused.error and refused.ephemeral
    assert refused.text == ("Sorry, `length <full|short|headlines>` changes this channel's set-up and needs the "
                            "channel-management permission. Nothing was changed.")
    assert await ChannelStore(db).all() == []

    bad = await chat.say("length long")
    assert bad.error and bad.ephemeral
    assert bad.text == "I could not use that length: expected full, short or headlines, got 'long'."
    assert await ChannelStore(db).all() == []

    done = await chat.say("length Short")
    assert not done.error and done.text.startswith(
        "Briefings here are now *short*: one summary sentence per story (no key quote) and its sources on one line. "
        "This holds for scheduled briefings, `brief`, breaking alerts and updates on tracked stories")
    assert (await ChannelStore(db).get(REF)).length == "short"  # type: ignore[union-attr]
    assert (await chat.say("length", manager=False)).text.startswith("Briefings here are *short*")
    assert "Length: short (`length` changes it)." in (await chat.say("schedule", manager=False)).text
    assert (await chat.say("length headlines")).text.startswith("Briefings here are now *headlines*")
    assert (await chat.say("length", ref=DESK, manager=False)).text.startswith("Briefings here are *full*")
    helped = (await chat.say("help")).text
    assert "`/brief length [full | short | headlines]` — Show or set how much of each story" in helped


async def test_brief_and_preview_follow_the_channels_length(db: Database, config: Config) -> None:
    chat = Chat(db, config, ManualClock(DAY1 + timedelta(hours=9)))
    await add_story(db, "pier", text="The Korsholt council voted to close the old ferry pier. Ferries will use the "
                    "new terminal from next month. Repairs would have cost more than the terminal.",
                    title="Korsholt closes its old ferry pier", now=DAY1 + timedelta(hours=8))
    await chat.say("length short")
    brief = await chat.say("brief")
    assert brief.briefing is not None and brief.briefing.length == "short"
    assert len(brief.briefing.items[0].story.summary) == 2  # the data stays whole; renderers show one
    text = render_text(brief.briefing)
    assert "The Korsholt council voted to close the old ferry pier." in text and "new terminal" not in text
    preview = await chat.say("preview")
    assert preview.briefing is not None and preview.briefing.length == "short"
    elsewhere = await chat.say("brief", ref=DESK)  # a channel not set up: full
    assert elsewhere.briefing is not None and elsewhere.briefing.length == "full"
    assert "new terminal" in render_text(elsewhere.briefing)


async def test_brief_on_demand_keeps_the_channels_story_cap(db: Database, config: Config) -> None:
    chat = Chat(db, config, ManualClock(DAY1 + timedelta(hours=9)))
    for n, place in enumerate(("pier", "tunnel", "market")):
        await add_story(db, place, text=f"The Korsholt council voted to rebuild the old {place}. Work starts in "
                        "spring and ends next year. The council said the cost was covered.",
                        title=f"Korsholt rebuilds its {place}", now=DAY1 + timedelta(hours=8, minutes=n))
    await chat.say("schedule max 2")
    capped = await chat.say("brief")
    assert capped.briefing is not None
    assert len(capped.briefing.items) == 2 and len(capped.briefing.more) == 1  # the third listed as "and 1 more"
    elsewhere = await chat.say("brief", ref=DESK)  # a channel not set up: the configured cap (10)
    assert elsewhere.briefing is not None and len(elsewhere.briefing.items) == 3


async def test_a_short_and_a_full_channel_get_the_same_stories_each_at_its_length(
        db: Database, config: Config, tmp_path: Path) -> None:
    world = World(db, config, tmp_path)
    store = ChannelStore(db)
    for ref in (REF, DESK):
        await store.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    await store.set_length(REF, "short")
    out = io.StringIO()
    delivery = Delivery(db, config, {"console": ConsoleAdapter(stdout=out)})
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, FIRE_B)
    outcomes = await Scheduler(delivery, world.clock).tick(DAY1 + timedelta(hours=8))
    assert sorted((o.channel, o.state) for o in outcomes) == [(DESK.key, "delivered"), (REF.key, "delivered")]
    [story] = await delivery.feed.by_ids([await world.story_of(FIRE_A)])
    summary = [s.text for s in story.summary]
    assert len(summary) >= 2 and len(story.sources) == 2
    full, short = section(out.getvalue(), DESK), section(out.getvalue(), REF)
    assert story.headline in full and story.headline in short
    assert all(s in full for s in summary)
    assert summary[0] in short and not any(s in short for s in summary[1:])
    assert "     Harbour Gazette: https://gazette.test/valdmere-fire" in full  # full: a link a line
    assert "   Sources: " + " · ".join(f"{s.name} <{s.url}>" for s in story.sources) + "\n" in short  # one line
    assert "https://gazette.test/valdmere-fire" in short and "https://coastal.test/valdmere-terminal-blaze" in short

    # the short channel's "story 1" and "Full story" (`story <id>`) show every summary sentence
    chat = Chat(db, config, world.clock)
    for asked in ("story 1", f"story {story.id}"):
        answer = (await chat.say(asked, manager=False)).text
        assert all(s in answer for s in summary), asked


async def test_alerts_and_tracked_updates_follow_the_channels_length(
        db: Database, config: Config, tmp_path: Path) -> None:
    # REF was given the fire story at 08:00 in full; it tracks it, takes breaking alerts and turns short
    world, adapter, scheduler, fire = await briefed(db, config, tmp_path, alerts=3)
    chat = Chat(db, config, world.clock)
    assert (await chat.say("track 1")).text.startswith("Tracking")
    await chat.say("length short")
    await world.ingest(DAY1 + timedelta(hours=10), FIRE_C, *VOTE)
    assert [(o.channel, o.state) for o in await scheduler.alert_round(DAY1 + timedelta(hours=10, minutes=5))] == [
        (REF.key, "delivered")]
    message: Briefing = adapter.briefings[-1]
    assert message.length == "short" and message.title.startswith("Breaking")
    update, breaking = message.items
    assert update.story.id == fire and update.new_since
    text = render_text(message)
    assert "New since you last saw it: " + update.new_since[0].text in text
    assert not any(s.text in text for s in update.new_since[1:])
    vote: Story = breaking.story
    assert len(vote.summary) >= 2 and vote.summary[0].text in text
    assert not any(s.text in text for s in vote.summary[1:])
    assert briefing_to_dict(message)["length"] == "short"
    assert len(briefing_to_dict(message)["stories"][1]["summary"]) == len(vote.summary)  # JSON: whole


async def test_the_length_comes_from_the_config_when_a_channel_is_seeded(db: Database) -> None:
    config = parse_config({"channels": [{"id": "slack:C1", "length": "headlines"}, {"id": "slack:C2"}]}, {})
    await ChannelStore(db).seed(config, now=DAY1)
    assert {c.key: c.length for c in await ChannelStore(db).all()} == {"slack:C1": "headlines", "slack:C2": "full"}
    with pytest.raises(ConfigError, match=r"^channels\[0\]\.length: expected full, short or headlines, got 'long'$"):
        parse_config({"channels": [{"id": "slack:C1", "length": "long"}]}, {})


def test_the_length_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.channels.test_channels_cli import cli

    store = str(tmp_path / "cli.db")
    assert cli(capsys, "length", "slack:C1", "--db", store)[0] == 3  # only shows: no store is made for it
    assert cli(capsys, "length", "slack:C1", "short", "--db", store)[:2] == (
        0, "slack:C1: short (one summary sentence per story (no key quote) and its sources on one line)\n")
    assert cli(capsys, "length", "slack:C2", "--db", store)[:2] == (
        0, "slack:C2: full (each story's summary, key quote and sources); the channel is not set up yet\n")
    code, _, err = cli(capsys, "length", "slack:C1", "brief", "--db", store)
    assert code == 2 and "length: expected full, short or headlines, got 'brief'" in err
    assert cli(capsys, "length", "slack:C1", "--db", store)[1].startswith("slack:C1: short (")
    code, out, _ = cli(capsys, "channels", "--db", store)
    assert code == 0 and "    length: short\n" in out
    [row] = json.loads(cli(capsys, "channels", "--json", "--db", store)[1])
    assert row["length"] == "short"
    code, out, _ = cli(capsys, "brief", "--length", "headlines", "--format", "json", "--db", store)
    assert code == 0 and json.loads(out)["length"] == "headlines"
