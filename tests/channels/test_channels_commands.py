"""Channel commands through the real dispatcher: set-up changes, permission refusals, preview, why, sources."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web

from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.base import Reply
from bot.commands.deps import CommandDeps
from bot.commands.dispatch import Dispatcher
from bot.config import Config, IngestConfig
from bot.models import ChannelRef
from bot.store.channels import ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from bot.store.sources import SourceStore
from tests.channels.channel_fakes import add_story

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
CHAN = ChannelRef("slack", "C0123")
OPML = ('<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>'
        '<outline text="News"><outline text="Wire" xmlUrl="https://feeds.test/wire.xml"/>'
        '<outline text="Port" xmlUrl="https://feeds.test/port.xml"/></outline>'
        '<outline text="no feed" htmlUrl="https://feeds.test/"/></body></opml>')


class Bot:
    def __init__(self, db: Database, config: Config) -> None:
        self.db = db
        self.clock = ManualClock(NOW)
        self.changed: list[str] = []
        self.dispatcher: Dispatcher = build_dispatcher(CommandDeps(config, db, self.clock, self._changed))

    async def _changed(self, ref: ChannelRef) -> None:
        self.changed.append(ref.key)

    async def say(self, text: str, *, manager: bool = True) -> Reply:
        inv = self.dispatcher.from_text(text, user="U1", channel=CHAN, can_manage=manager, now=self.clock())
        return await self.dispatcher(inv)

    async def snapshot(self) -> object:
        return (await ChannelStore(self.db).all(), await SourceStore(self.db).list(),
                await DeliveryLedger(self.db).entries(CHAN.key))


@pytest.fixture
def bot(db: Database, config: Config) -> Bot:
    return Bot(db, config)


async def test_subscribe_topics_unsubscribe(bot: Bot) -> None:
    reply = await bot.say("subscribe NATO -sport")
    assert not reply.error and reply.text.startswith("Subscribed to `NATO -sport`. Next briefing: Tue 02 Jun 08:00")
    assert bot.changed == [CHAN.key]
    assert (await bot.say("subscribe   NATO  -sport")).text.startswith("This channel already follows")
    assert "`NATO -sport`" in (await bot.say("topics", manager=False)).text
    bad = await bot.say('subscribe "Mark Rutte')
    assert bad.error and "closing quote" in bad.text
    assert (await bot.say("unsubscribe NATO -sport")).text == "Unsubscribed from `NATO -sport`."
    assert (await bot.say("unsubscribe NATO")).error


async def test_topics_as_typed_in_chat_commas_common_words_case_and_curly_quotes(bot: Bot) -> None:
    both = await bot.say("subscribe Valdoria, Merrin")
    assert both.text.startswith("Subscribed to `Valdoria` and `Merrin`. Next briefing:"), both.text
    curly = await bot.say("subscribe “Harbour Bridge”, Merrin.")
    assert curly.text.startswith('Subscribed to `"Harbour Bridge"` (it already followed `Merrin`).'), curly.text
    for common in ("the", "of the"):
        refused = await bot.say(f"subscribe {common}")
        assert refused.error and f"`{common}` has only common words" in refused.text
    assert not (await bot.say("subscribe US")).error  # an acronym, not "us"
    assert (await bot.say("unsubscribe harbour bridge")).text == 'Unsubscribed from `"Harbour Bridge"`.'
    missing = await bot.say("unsubscribe Lisport")
    assert missing.error and missing.text == ("This channel has no topic `Lisport`; its topics: `Merrin`, `US`, "
                                              "`Valdoria`.")
    channel = await ChannelStore(bot.db).get(CHAN)
    assert channel is not None and sorted(channel.topics) == ["Merrin", "US", "Valdoria"]


async def test_schedules_and_zones_as_people_write_them(bot: Bot) -> None:
    for typed, spec in [("Weekdays 7am", "weekdays 07:00"), ("every weekday at 7:30", "weekdays 07:30"),
                        ("mon-fri 06:45", "weekdays 06:45"), ("at 8:00", "daily 08:00"), ("daily 7.30", "daily 07:30"),
                        ("every monday at 9:00", "weekly mon 09:00"), ("7pm", "daily 19:00")]:
        reply = await bot.say(f"schedule {typed}")
        assert reply.text.startswith(f"Schedule set: `{spec}`"), (typed, reply.text)
    zone = await bot.say("schedule tz europe/bucharest")
    assert zone.text.startswith("Schedule set: `daily 19:00` (Europe/Bucharest)."), zone.text
    assert (await bot.say("schedule quiet 10pm-7am")).text.startswith(
        "Schedule set: `daily 19:00` (Europe/Bucharest, quiet 22:00-07:00). Next briefing:")
    assert "(Europe/Bucharest, quiet 22:00-07:00)" in (await bot.say("schedule", manager=False)).text
    for typed, said in [("at 25:00", '"25:00" is not a time of day'), ("13pm", "with am/pm the hour is 1 to 12"),
                        ("tz UTC+2", '"UTC+2" is a fixed offset; write the place\'s zone'),
                        ("every 0m", '"every" takes 5 minutes to 24 hours')]:
        refused = await bot.say(f"schedule {typed}")
        assert refused.error and said in refused.text, (typed, refused.text)
    assert "or Etc/GMT-2 to keep UTC+2 all year" in (await bot.say("schedule tz UTC+2")).text
    channel = await ChannelStore(bot.db).get(CHAN)
    assert channel is not None and (channel.schedule, channel.timezone) == ("daily 19:00", "Europe/Bucharest")


async def test_schedule_show_and_set_with_timezone_quiet_hours_and_cap(bot: Bot) -> None:
    assert "no schedule yet" in (await bot.say("schedule", manager=False)).text
    reply = await bot.say("schedule weekdays 07:30 tz Europe/Brussels quiet 22:00-07:00 max 5")
    assert not reply.error, reply.text
    assert reply.text.startswith("Schedule set: `weekdays 07:30` (Europe/Brussels, quiet 22:00-07:00), at most 5 "
                                 "stories a briefing. Next briefing: Tue 02 Jun 07:30"), reply.text
    channel = await ChannelStore(bot.db).get(CHAN)
    assert channel is not None and (channel.quiet_hours, channel.max_stories) == ("22:00-07:00", 5)
    shown = await bot.say("schedule", manager=False)
    assert "`weekdays 07:30` (Europe/Brussels, quiet 22:00-07:00)" in shown.text
    bad = await bot.say("schedule daily 7")
    assert bad.error and 'expected "daily HH:MM", got "daily 7"' in bad.text
    assert "unknown timezone" in (await bot.say("schedule tz Mars/Base")).text
    assert (await bot.say("schedule quiet off")).text.startswith("Schedule set")
    channel = await ChannelStore(bot.db).get(CHAN)
    assert channel is not None and channel.quiet_hours == "" and channel.schedule == "weekdays 07:30"


@pytest.mark.parametrize("command", [
    "subscribe Bucharest", "unsubscribe NATO", "schedule daily 09:00", "schedule tz Asia/Kolkata", "pause",
    "resume", "sources add https://feeds.test/new.xml", "sources remove https://feeds.test/wire.xml",
    f"sources import {OPML}",
])
async def test_without_permission_nothing_changes(bot: Bot, command: str) -> None:
    await bot.say("subscribe NATO")
    await bot.say("sources add https://feeds.test/wire.xml")
    before, changes = await bot.snapshot(), list(bot.changed)
    reply = await bot.say(command, manager=False)
    assert reply.error and reply.ephemeral and "needs the channel-management permission" in reply.text
    assert "Nothing was changed" in reply.text
    assert await bot.snapshot() == before and bot.changed == changes


async def test_read_only_verbs_do_not_create_a_channel(bot: Bot) -> None:
    for text in ("topics", "schedule", "preview", "sources list", "sources export"):
        reply = await bot.say(text, manager=False)
        assert not reply.error, (text, reply.text)
    assert await ChannelStore(bot.db).all() == []


async def test_pause_and_resume(bot: Bot) -> None:
    assert (await bot.say("pause")).text == "Briefings paused."
    assert "paused" in (await bot.say("schedule", manager=False)).text
    assert (await bot.say("resume")).text.startswith("Briefings resumed. Next briefing:")
    again = await bot.say("resume")
    assert again.ephemeral and again.text.startswith("Briefings were not paused. Next briefing:"), again.text
    await bot.say("pause")
    twice = await bot.say("pause")
    assert twice.ephemeral and twice.text == "Briefings were already paused (`resume` restarts them)."


async def test_preview_and_why(bot: Bot) -> None:
    await bot.say("subscribe NATO -sport")
    await add_story(bot.db, "nato-1", text="NATO ministers agreed a new air defence plan in Brussels. "
                    "The plan covers the eastern flank.", title="NATO agrees air defence plan",
                    now=NOW - timedelta(hours=1))
    await add_story(bot.db, "rovers", text="The NATO Rovers won again. Local sports fans cheered.",
                    title="Rovers win again", now=NOW - timedelta(hours=1))
    preview = await bot.say("preview", manager=False)
    assert preview.briefing is not None
    assert [i.story.id for i in preview.briefing.items] == ["nato-1"]
    assert preview.briefing.items[0].why == "matched: NATO — in 1 sentence"
    why_in = await bot.say("why air defence", manager=False)
    assert "matched: NATO — in 1 sentence" in why_in.text and "will be in the next briefing (number 1)" in why_in.text
    why_out = await bot.say("why rovers", manager=False)
    assert "excluded by -sport" in why_out.text and "not in the next briefing" in why_out.text
    assert (await bot.say("why nothing like this", manager=False)).error
    # once delivered, why says so
    entry = await DeliveryLedger(bot.db).plan(CHAN.key, NOW, kind="manual", cutoff=NOW, story_ids=["nato-1"], now=NOW)
    assert entry is not None
    await DeliveryLedger(bot.db).complete(entry, message_ids=["m1"], now=NOW)
    assert "Included in this channel's briefing of" in (await bot.say("why nato-1", manager=False)).text


async def test_why_by_number_reads_the_briefing_people_saw(bot: Bot) -> None:
    await bot.say("subscribe NATO")
    await add_story(bot.db, "nato-1", text="NATO ministers agreed a new air defence plan in Brussels. "
                    "The plan covers the eastern flank.", title="NATO agrees air defence plan",
                    now=NOW - timedelta(hours=2))
    # nothing posted yet: numbers are those of the next briefing, as `preview` shows them
    first = await bot.say("why 1", manager=False)
    assert "NATO agrees air defence plan" in first.text and "number 1 of the next briefing" in first.text
    for typed in ("#1", "1.", "“1”", "'air defence'"):  # as people type a number or headline words in chat
        again = await bot.say(f"why {typed}", manager=False)
        assert "NATO agrees air defence plan" in again.text and not again.error, (typed, again.text)
    missing = await bot.say("why 2", manager=False)
    assert missing.error and missing.text == ("The next briefing (`preview`) has no story number 2; give 1, a story id "
                                              "or words of a headline.")
    # once a briefing is posted, numbers are those of that briefing, even when newer stories arrive
    entry = await DeliveryLedger(bot.db).plan(CHAN.key, NOW, kind="manual", cutoff=NOW, story_ids=["nato-1"], now=NOW)
    assert entry is not None
    await DeliveryLedger(bot.db).complete(entry, message_ids=["m1"], now=NOW)
    await add_story(bot.db, "nato-2", text="NATO opened a new training centre in Riga. Officers from ten "
                    "countries will train there.", title="NATO opens Riga training centre", now=NOW)
    posted = await bot.say("why 1", manager=False)
    assert "NATO agrees air defence plan" in posted.text and "number 1 of the briefing posted" in posted.text
    assert "Included in this channel's briefing of" in posted.text


async def test_a_wrong_sources_action_or_address_says_what_to_type(bot: Bot) -> None:
    wrong = await bot.say("sources follow https://feeds.test/wire.xml")
    assert wrong.error and wrong.text == ("`sources follow` is not something I can do: `/brief sources add <url>`, "
                                          "`remove <url>`, `list`, `import <OPML url or text>` or `export`.")
    for target in ("not a url", "htp://x", "ftp://feeds.test/wire.xml"):
        bad = await bot.say(f"sources add {target}")
        assert bad.error and bad.text == (f"`sources add` needs an http(s) feed URL, got {target!r}, e.g. "
                                          "`/brief sources add https://example.org/feed.xml`."), bad.text
    assert await SourceStore(bot.db).list() == []


async def test_sources_add_list_remove_import_export(bot: Bot) -> None:
    assert "follows no sources" in (await bot.say("sources list", manager=False)).text
    assert (await bot.say("sources add https://feeds.test/wire.xml")).text.startswith("Following")
    assert "already follows" in (await bot.say("sources add https://feeds.test/wire.xml")).text
    assert (await bot.say("sources add ftp://feeds.test/x")).error
    listed = await bot.say("sources list", manager=False)
    assert "https://feeds.test/wire.xml — last fetch never" in listed.text
    await SourceStore(bot.db).record_failure("https://feeds.test/wire.xml", kind="feed", now=NOW, error="HTTP 500")
    assert "last error: HTTP 500, 1 failure in a row" in (await bot.say("sources list", manager=False)).text
    imported = await bot.say(f"sources import {OPML}")
    assert imported.text == "Imported 1 new source of 2 in the OPML."
    exported = (await bot.say("sources export", manager=False)).text
    assert exported.count("<outline ") == 2 and 'xmlUrl="https://feeds.test/port.xml"' in exported
    assert (await bot.say("sources remove https://feeds.test/port.xml")).text.startswith("Stopped following")
    assert await SourceStore(bot.db).get("https://feeds.test/port.xml") is None  # nobody follows it now
    assert "not OPML" in (await bot.say("sources import <html><body/></html>")).text
    assert (await bot.say("sources frobnicate", manager=False)).error


@pytest.fixture
async def opml_server() -> AsyncIterator[str]:
    async def serve(_request: web.Request) -> web.Response:
        return web.Response(text=OPML, content_type="text/x-opml")

    app = web.Application()
    app.router.add_get("/feeds.opml", serve)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}/feeds.opml"
    await runner.cleanup()


async def test_sources_import_from_an_opml_url(db: Database, config: Config, opml_server: str) -> None:
    bot = Bot(db, replace(config, ingest=IngestConfig(allow_private_networks=True)))
    reply = await bot.say(f"sources import {opml_server}")
    assert reply.text == "Imported 2 new sources of 2 in the OPML.", reply.text
    channel = await ChannelStore(db).get(CHAN)
    assert channel is not None and channel.sources == ("https://feeds.test/port.xml", "https://feeds.test/wire.xml")


async def test_topics_says_what_a_channel_without_topics_gets(bot: Bot) -> None:
    # as delivery does: every stored story when it follows no source, else every story from its sources
    await bot.say("schedule daily 08:00")  # the channel exists, with neither topics nor sources
    none = await bot.say("topics")
    assert none.text == "This channel has no topics: it gets every stored story. `subscribe <topic>` adds one."
    await bot.say("sources add https://feeds.test/wire.xml")
    following = await bot.say("topics")
    assert following.text == ("This channel has no topics: it gets every story from the sources it follows. "
                              "`subscribe <topic>` adds one.")


async def test_a_zone_abbreviation_or_a_city_is_answered_with_the_zone_meant(bot: Bot) -> None:
    for typed, said in [("EST", '"EST" is a fixed offset'), ("PST", "America/Los_Angeles"),
                        ("Bucharest", "did you mean Europe/Bucharest?"), ("Europe/Bucharst", "did you mean "
                                                                                            "Europe/Bucharest?")]:
        refused = await bot.say(f"schedule 8am tz {typed}")
        assert refused.error and said in refused.text and not refused.text.endswith("?."), (typed, refused.text)
    assert "America/New_York" in (await bot.say("schedule 8am tz EST")).text
    channel = await ChannelStore(bot.db).get(CHAN)
    assert channel is None or channel.timezone != "EST"


async def test_briefing_times_inside_quiet_hours_are_warned_of(bot: Bot) -> None:
    inside = await bot.say("schedule 8am tz Europe/Brussels quiet 7-22")
    assert not inside.error and ("\nWarning: 08:00 falls inside quiet hours (07:00-22:00): the briefing waits "
                                 "until they end at 22:00.") in inside.text, inside.text
    two = await bot.say("schedule daily 08:00,23:00 quiet 7-22")
    assert "\nWarning: 08:00 falls inside quiet hours (07:00-22:00): that briefing waits until they end at 22:00." \
           in two.text, two.text
    outside = await bot.say("schedule 8am quiet 22-7")
    assert not outside.error and "quiet hours (" not in outside.text, outside.text
    assert "falls inside" not in (await bot.say("schedule every 4h")).text  # some of an interval's times may
