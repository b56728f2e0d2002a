"""On-demand briefings in a channel (`/brief`, `/brief <topic>`) leave out the stories muted there, as its scheduled
briefings do; explicit questions (`story`, `ask what's new on X`) still show them; the numbers of an on-demand list
are said to be its own."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.models import Briefing
from bot.scheduler import Scheduler
from bot.store.channels import ChannelStore
from bot.store.db import Database
from tests.channels.channel_fakes import add_story
from tests.channels.test_briefing_length import DESK, Chat
from tests.channels.test_followups import DAY1, REF, CapturingAdapter
from tests.channels.test_preview_numbers import say
from tests.channels.test_preview_numbers import three_stories as preview_three

PLACES = ("pier", "tunnel", "market")
OWN_NUMBERS = "The numbers in this list are its own"


async def three_stories(db: Database) -> None:
    for n, place in enumerate(PLACES):
        await add_story(db, place, text=f"The Korsholt council voted to rebuild the old {place}. Work starts in "
                        "spring and ends next year. The council said the cost was covered.",
                        title=f"Korsholt rebuilds its {place}", now=DAY1 + timedelta(hours=8, minutes=n))


def ids(briefing: Briefing | None) -> set[str]:
    assert briefing is not None
    return {i.story.id for i in (*briefing.items, *briefing.more)}


async def test_brief_here_leaves_out_the_stories_muted_here(db: Database, config: Config) -> None:
    await three_stories(db)
    chat = Chat(db, config, ManualClock(DAY1 + timedelta(hours=9)))
    assert not (await chat.say("schedule daily 08:00 max 2")).error
    assert (await chat.say("mute tunnel")).text.startswith("Muted *Korsholt rebuilds its tunnel* (`tunnel`)")
    assert "(`tunnel`)" in (await chat.say("mute", manager=False)).text  # listed as muted

    brief = await chat.say("brief", manager=False)
    assert ids(brief.briefing) == {"pier", "market"}
    assert brief.briefing is not None and len(brief.briefing.items) == 2  # the muted story takes no place of the cap
    assert ids((await chat.say("brief Korsholt", manager=False)).briefing) == {"pier", "market"}
    # only here: a channel that did not mute it gets it
    assert ids((await chat.say("brief", ref=DESK, manager=False)).briefing) == set(PLACES)
    # asked for explicitly, a muted story is still shown, as a story of another language is (explicit questions)
    assert "Korsholt rebuilds its tunnel" in (await chat.say("story tunnel", manager=False)).text
    assert "tunnel" in ids((await chat.say("ask what's new on Korsholt", manager=False)).briefing)
    # unmuted, it is back
    assert (await chat.say("unmute tunnel")).text.startswith("Unmuted")
    assert ids((await chat.say("brief", manager=False)).briefing) == set(PLACES)


async def test_a_topic_briefing_of_only_muted_stories_says_none(db: Database, config: Config) -> None:
    await three_stories(db)
    chat = Chat(db, config, ManualClock(DAY1 + timedelta(hours=9)))
    assert not (await chat.say("mute tunnel")).error
    assert await ChannelStore(db).muted(REF) == ["tunnel"]
    none = await chat.say("brief tunnel", manager=False)
    assert none.briefing is None and none.text.startswith("No stories on tunnel since")


async def test_an_on_demand_list_says_its_numbers_are_not_the_ones_story_and_mute_count(
        db: Database, config: Config) -> None:
    await three_stories(db)
    chat = Chat(db, config, ManualClock(DAY1 + timedelta(hours=9)))
    preview = (await chat.say("preview", manager=False)).briefing
    assert preview is not None and len(preview.items) == 3
    second = preview.items[1].story.id  # number 2 of the next briefing, which `story 2` counts (none posted yet)
    topic = await chat.say(f"brief {second}", manager=False)  # its only story: number 1 here
    assert topic.briefing is not None and [i.story.id for i in topic.briefing.items] == [second]
    assert topic.text.endswith(topic.briefing.title)  # the console strips the title
    # its example is its own first number that `story <n>` would not find (here its only one), not always 2
    assert topic.text.startswith(f"{OWN_NUMBERS}: `story 1`, `why 1`, `mute 1` and `track 1` count the next "
                                 "briefing here (`preview`); name a story of this list by words of its headline "
                                 "(`story <headline words>`, `mute <headline words>`).\n"), topic.text
    asked = await chat.say(f"ask what's new on {second}", manager=False)
    assert asked.briefing is not None and asked.text.startswith(OWN_NUMBERS)


async def test_an_on_demand_list_numbered_as_story_counts_has_no_note(db: Database, config: Config) -> None:
    await three_stories(db)
    chat = Chat(db, config, ManualClock(DAY1 + timedelta(hours=9)))
    preview = (await chat.say("preview", manager=False)).briefing
    brief = await chat.say("brief", manager=False)
    assert preview is not None and brief.briefing is not None
    assert [i.story.id for i in brief.briefing.items] == [i.story.id for i in preview.items]
    assert brief.text == brief.briefing.title  # every number is the one `story <n>` counts: nothing to warn of
    first = preview.items[0].story.id
    one = await chat.say(f"brief {first}", manager=False)  # one story, number 1 in both lists
    assert one.briefing is not None and one.text == one.briefing.title
    assert not (await chat.say(f"mute {preview.items[1].story.id}")).error
    muted = await chat.say("brief", manager=False)  # the muted story is left out of both lists alike
    assert muted.briefing is not None and len(muted.briefing.items) == 2  # no note on its numbers, only the mute:
    assert muted.text == f"1 muted story left out (`unmute 1` brings it back).\n{muted.briefing.title}"


async def test_story_by_number_still_shows_a_story_muted_since_it_was_posted(
        db: Database, config: Config, tmp_path: Path) -> None:
    world, _ids = await preview_three(db, config, tmp_path)
    adapter = CapturingAdapter(clock=world.clock)
    briefed = DAY1 + timedelta(hours=8)
    assert [o.state for o in await Scheduler(Delivery(db, config, {"console": adapter}), world.clock).tick(
        briefed)] == ["delivered"]
    first = adapter.briefings[0].items[0].story
    world.clock.set(briefed + timedelta(minutes=1))
    assert f"(`{first.id}`)" in await say(db, config, world, "mute 1")
    shown = await say(db, config, world, "story 1")  # an explicit request: the posted briefing's number 1, muted
    assert first.headline in shown
    brief = await Chat(db, config, world.clock).say("brief", manager=False)
    assert brief.briefing is not None and first.id not in ids(brief.briefing)
    assert "count the briefing last posted here" in brief.text
