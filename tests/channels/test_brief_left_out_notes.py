"""What an on-demand briefing left out is said: the muted stories that matched (``brief <topic>`` finding only muted
ones, ``brief since 3d`` leaving one out) with how to unmute them, older stories on a topic with no news in the
default window, and that briefings are paused under ``preview``."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock
from bot.config import Config
from bot.store.channels import ChannelStore
from bot.store.db import Database
from tests.channels.channel_fakes import add_story
from tests.channels.test_briefing_length import Chat
from tests.channels.test_followups import DAY1, REF
from tests.channels.test_on_demand_mutes import three_stories

LATER = DAY1 + timedelta(hours=9)


async def test_a_topic_of_only_muted_stories_says_they_are_muted_and_how_to_unmute(db: Database,
                                                                                   config: Config) -> None:
    await three_stories(db)
    chat = Chat(db, config, ManualClock(LATER))
    assert not (await chat.say("mute pier")).error
    assert not (await chat.say("mute tunnel")).error
    one = await chat.say("brief tunnel", manager=False)
    assert one.briefing is None and one.text.startswith("No stories on tunnel since Sun 02 Mar 2031 09:00 UTC but "
                                                        "1 muted here (`unmute 2` brings it back)."), one.text
    both = await chat.say("brief Korsholt -market", manager=False)
    assert both.briefing is None and "but 2 muted here (`mute` lists them; `unmute <number>` brings one back)." \
        in both.text
    assert (await chat.say("brief harbour", manager=False)).text.startswith(
        "No stories on harbour since Sun 02 Mar 2031 09:00 UTC.")  # nothing muted matches: nothing said of it


async def test_a_briefing_says_how_many_muted_stories_it_left_out(db: Database, config: Config) -> None:
    await three_stories(db)
    chat = Chat(db, config, ManualClock(LATER))
    assert not (await chat.say("mute tunnel")).error
    reply = await chat.say("brief since 3d", manager=False)
    assert reply.briefing is not None and len(reply.briefing.items) == 2
    assert "1 muted story left out (`unmute 1` brings it back)." in reply.text.splitlines()
    assert reply.text.endswith(reply.briefing.title)  # the title still last: the console strips it
    topic = await chat.say("brief pier", manager=False)  # the muted one does not match: nothing said of it
    assert topic.briefing is not None and "muted" not in topic.text


async def test_a_topic_with_older_stories_only_says_how_to_reach_them(db: Database, config: Config) -> None:
    await three_stories(db)
    chat = Chat(db, config, ManualClock(DAY1 + timedelta(days=3)))
    reply = await chat.say("brief Korsholt", manager=False)
    assert reply.briefing is None and reply.text.startswith("No stories on Korsholt since Wed 05 Mar")
    assert "try `brief Korsholt since 7d`" in reply.text and "searched as a topic" not in reply.text
    older = await chat.say("brief Korsholt since 7d", manager=False)
    assert older.briefing is not None and len(older.briefing.items) == 3
    none = await chat.say("brief Lumenfield", manager=False)  # in no story at all: the plain answer
    assert "try `brief" not in none.text and "was searched as a topic" in none.text
    timed = await chat.say("brief Korsholt since 1d", manager=False)  # a time typed: taken as meant
    assert "try `brief" not in timed.text


async def test_preview_while_paused_says_briefings_are_paused(db: Database, config: Config) -> None:
    await add_story(db, "pier", text="The Korsholt council voted to rebuild the old pier. Work starts in spring.",
                    title="Korsholt rebuilds its pier", now=DAY1 + timedelta(hours=8))
    chat = Chat(db, config, ManualClock(LATER))
    assert (await chat.say("preview")).text == "Preview: Briefing"
    assert not (await chat.say("pause")).error
    paused = await chat.say("preview")
    assert paused.briefing is not None and paused.text == (
        "Briefings are paused here: this is what the next one would hold once `resume` restarts them.\n"
        "Preview: Briefing")
    assert paused.intro() == ("Briefings are paused here: this is what the next one would hold once `resume` "
                              "restarts them.\nPreview:")


async def test_unmute_reads_as_one_sentence_after_the_colon(db: Database, config: Config) -> None:
    await three_stories(db)
    chat = Chat(db, config, ManualClock(LATER))
    assert not (await chat.say("mute tunnel")).error
    assert (await chat.say("unmute 1")).text == ("Unmuted *Korsholt rebuilds its tunnel* (`tunnel`): articles that "
                                                 "join it from now on come back in the briefings here.")
    crabs = await chat.say("subscribe 🦀 crabs")
    assert not crabs.error and crabs.text.startswith("Subscribed to `crabs`."), crabs.text
    quiet = await chat.say("schedule quiet 22:00-22:00")
    assert quiet.error and "the start and the end must differ" in quiet.text


async def test_only_a_muted_story_the_cap_would_have_shown_is_counted(db: Database, config: Config) -> None:
    await three_stories(db)
    chat = Chat(db, config, ManualClock(LATER))
    assert not (await chat.say("schedule daily 08:00 max 2")).error
    whole = (await chat.say("brief since 3d", manager=False)).briefing
    assert whole is not None and len(whole.items) == 2 and len(whole.more) == 1
    dropped, first = whole.more[0].story.id, whole.items[0].story.id
    assert not (await chat.say(f"mute {dropped}")).error
    reply = await chat.say("brief since 3d", manager=False)  # the cap left it out anyway: no muted note
    assert reply.briefing is not None and len(reply.briefing.items) == 2 and "muted" not in reply.text, reply.text
    assert not (await chat.say(f"mute {first}")).error
    reply = await chat.say("brief since 3d", manager=False)  # one of the two it would have shown: counted alone
    assert reply.briefing is not None and [i.story.id for i in reply.briefing.items] == [whole.items[1].story.id]
    number = (await ChannelStore(db).muted(REF)).index(first) + 1  # the note names the one it counted
    assert f"1 muted story left out (`unmute {number}` brings it back)." in reply.text.splitlines(), reply.text


async def test_the_older_stories_hint_keeps_to_the_channel_languages(db: Database, config: Config) -> None:
    from tests.channels.test_channel_languages import ENGLISH, FRENCH, add_reports

    await add_reports(db, "french", FRENCH, now=DAY1)
    await add_reports(db, "english", ENGLISH, now=DAY1 + timedelta(minutes=1))
    chat = Chat(db, config, ManualClock(DAY1 + timedelta(days=3)))
    assert not (await chat.say("languages en")).error
    french = await chat.say("brief Valdmère", manager=False)
    assert french.briefing is None and "try `brief Valdmère since 7d`" not in french.text, french.text
    assert french.text.endswith(" Older stories match in other languages only: `languages all` takes every "
                                "language here, then `brief Valdmère since 7d` finds them."), french.text
    assert (await chat.say("brief Valdmère since 7d", manager=False)).briefing is None  # as the hint says
    english = await chat.say("brief Korsholt", manager=False)  # one in the channel's language: the plain hint
    assert english.text.endswith(" Older stories match: try `brief Korsholt since 7d`."), english.text
    assert (await chat.say("brief Korsholt since 7d", manager=False)).briefing is not None
