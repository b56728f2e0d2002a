"""Mentions and DMs sent while no run was connected are answered at the next start, once: the adapter reads the last
hour of the channels where people talk to the bot (set up in the store, or asked in lately) and answers each message
for the bot that no run claimed and the bot did not reply to. The real adapter over the local Discord, whose history
holds the messages the test wrote and the bot's own posts; its claims and channels in the store."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import discord
import pytest
from discord_harness import NOW, Recorder, discord_config, stop
from discord_history import Written, history_message, history_page
from fake_discord import BOT_ID, BOT_ROLE_ID, CHANNEL_ID, GUILD_ID, FakeDiscord
from mention_messages import READER, push_message, replies

from adapters.discord import DiscordAdapter
from adapters.discord.catch_up import MAX_CHANNELS, MAX_MESSAGES
from bot.commands.base import Invocation, Reply
from bot.models import ChannelRef
from bot.store.answered import AnsweredStore
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.talked_in import TalkedInStore

OTHER_ID = "900000000000000040"  # a second channel of the server, set up too
DM_ID = "900000000000000041"  # the bot's DM channel with DM_USER
DM_USER = "43"
HOUR = timedelta(hours=1)
Started = list[tuple[DiscordAdapter, "asyncio.Task[None]"]]


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    store = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    yield store
    await store.close()


@pytest.fixture
async def started() -> AsyncIterator[Started]:
    running: Started = []
    yield running
    for adapter, task in running:
        await stop(task, adapter)


@pytest.fixture
def history(fake: FakeDiscord) -> History:
    fake.ids_from(NOW)  # what the bot posts now sorts after what was written before NOW
    return History(fake)


class History:
    """Messages written in the channels before the run starts (the bot down), as Discord keeps them."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.written = Written()

    def said(self, content: str, *, ago: timedelta, channel: str = CHANNEL_ID, author: str = READER,
             bot: bool = False, mentions: tuple[str, ...] = (BOT_ID,), roles: tuple[str, ...] = (),
             dm: bool = False, edited: bool = False, reply_to: str | None = None) -> str:
        message_id = self.written.id_at(NOW - ago)
        name = "briefbot" if author == BOT_ID else f"user{author}"
        self.fake.messages.setdefault(channel, []).append(history_message(
            message_id, channel, content, author=self.fake.user(author, name, bot=bot),
            guild_id=None if dm else GUILD_ID, roles=roles, reply_to=reply_to,
            mentions=[self.fake.user(m, "briefbot" if m == BOT_ID else f"user{m}", bot=m == BOT_ID) for m in mentions],
            edited=(NOW - ago / 2).isoformat() if edited else None))
        return message_id


async def set_up(db: Database, *channels: str, at: datetime = NOW - timedelta(days=5)) -> None:
    for channel in channels:
        await ChannelStore(db).ensure(ChannelRef("discord", channel), ChannelDefaults("daily 08:00", "UTC"), now=at)


async def asked_before(db: Database, channel: str, *, ago: timedelta = timedelta(hours=5)) -> None:
    """Someone asked the bot in ``channel`` earlier, and an earlier run answered: its row in answered_messages."""
    earlier = AnsweredStore(db, owner="an-earlier-run")
    ref = ChannelRef("discord", channel)
    message = str(discord.utils.time_snowflake(NOW - ago))
    assert await earlier.claim(ref, message, now=NOW - ago)
    await earlier.done(ref, message)


async def begin(fake: FakeDiscord, dispatch: Any, db: Database, started: Started, *,
                clock: Callable[[], datetime] = lambda: NOW, **config: object) -> DiscordAdapter:
    """A run's adapter as `briefbot run` wires it (its claims, the channels where people talk to it), connected,
    READY and done catching up."""
    adapter = DiscordAdapter(discord_config(fake, **config), clock=clock, guild_ready_timeout=0.05)
    adapter.answered_messages = AnsweredStore(db)
    adapter.talked_in = TalkedInStore(db)
    task = asyncio.create_task(adapter.run(dispatch))
    started.append((adapter, task))
    await asyncio.wait_for(adapter.caught_up.wait(), 5)
    return adapter


async def end(started: Started, adapter: DiscordAdapter) -> None:
    [(_, task)] = [(a, t) for a, t in started if a is adapter]
    started.remove((adapter, task))
    await stop(task, adapter)


def answered(fake: FakeDiscord, channel: str = CHANNEL_ID) -> list[str]:
    """The messages the bot replied to in ``channel``, in the order of its replies."""
    return [str(body["message_reference"]["message_id"]) for body in replies(fake, channel)]


def history_reads(fake: FakeDiscord, channel: str = CHANNEL_ID) -> list[dict[str, str]]:
    return [r.query for r in fake.calls("GET", rf"/channels/{channel}/messages")]


async def test_a_mention_sent_while_down_is_answered_once_at_start_and_not_by_the_next_start(
        fake: FakeDiscord, recorder: Recorder, history: History, db: Database, started: Started,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="adapters.discord.catch_up")
    await set_up(db, CHANNEL_ID)
    asked = history.said(f"<@{BOT_ID}> echo Riga", ago=timedelta(minutes=10))
    first = await begin(fake, recorder.dispatcher, db, started)
    assert answered(fake) == [asked] and [i.args for i in recorder.seen] == ["Riga"]
    assert history_reads(fake) == [{"limit": "100", "after": str(discord.utils.time_snowflake(NOW - HOUR, high=True))}]
    assert await AnsweredStore(db).left_undone("discord") == []  # claimed, answered, marked done
    assert any("answering a mention sent while no run was connected: message "
               f"{asked} in discord:{CHANNEL_ID}, 10 min ago" in m for m in caplog.messages)
    await end(started, first)
    caplog.clear()
    await begin(fake, recorder.dispatcher, db, started)  # the next start: its reply is in the history, its row done
    assert answered(fake) == [asked] and len(recorder.seen) == 1
    assert any("answered 0; not answered: 1 replied to already" in m for m in caplog.messages)


async def test_a_message_the_bot_replied_to_is_not_answered_again_with_no_row_in_the_store(
        fake: FakeDiscord, recorder: Recorder, history: History, db: Database, started: Started) -> None:
    """A store replaced or copied without its answered rows: the bot's replies in the history still tell."""
    await set_up(db, CHANNEL_ID)
    replied = history.said(f"<@{BOT_ID}> echo Oslo", ago=timedelta(minutes=30))
    history.said("echo: {'text': 'Oslo'}", ago=timedelta(minutes=29), author=BOT_ID, bot=True, mentions=(),
                 reply_to=replied)
    missed = history.said(f"<@{BOT_ID}> echo Bergen", ago=timedelta(minutes=20))
    await begin(fake, recorder.dispatcher, db, started)
    assert answered(fake) == [missed] and [i.args for i in recorder.seen] == ["Bergen"]


async def test_a_message_some_run_claimed_is_not_answered_by_the_catch_up(
        fake: FakeDiscord, recorder: Recorder, history: History, db: Database, started: Started) -> None:
    """Claimed by a run that stopped, with no question kept to answer it from (the start-up pass leaves such a claim as
    it is): the catch-up leaves it too, as it does every message with a row, answered or not."""
    await set_up(db, CHANNEL_ID)
    claimed = history.said(f"<@{BOT_ID}> echo Parnu", ago=timedelta(minutes=20))
    assert await AnsweredStore(db, owner="a-run-that-stopped").claim(ChannelRef("discord", CHANNEL_ID), claimed,
                                                                     now=NOW - timedelta(minutes=19))
    missed = history.said(f"<@{BOT_ID}> echo Viljandi", ago=timedelta(minutes=10))
    await begin(fake, recorder.dispatcher, db, started)
    assert answered(fake) == [missed] and [i.args for i in recorder.seen] == ["Viljandi"]


async def test_a_message_older_than_an_hour_is_not_answered(fake: FakeDiscord, recorder: Recorder, history: History,
                                                             db: Database, started: Started) -> None:
    await set_up(db, CHANNEL_ID)
    history.said(f"<@{BOT_ID}> echo Kaunas", ago=HOUR + timedelta(minutes=1))
    recent = history.said(f"<@{BOT_ID}> echo Tartu", ago=HOUR - timedelta(minutes=1))
    await begin(fake, recorder.dispatcher, db, started)
    assert answered(fake) == [recent] and [i.args for i in recorder.seen] == ["Tartu"]


async def test_the_hour_is_the_injected_clocks(fake: FakeDiscord, recorder: Recorder, history: History,
                                               db: Database, started: Started) -> None:
    """The same message, 50 minutes before NOW, is too old for a run whose clock says NOW + 20 min."""
    await set_up(db, CHANNEL_ID)
    history.said(f"<@{BOT_ID}> echo Turku", ago=timedelta(minutes=50))
    later = NOW + timedelta(minutes=20)
    await begin(fake, recorder.dispatcher, db, started, clock=lambda: later)
    assert answered(fake) == [] and recorder.seen == []
    assert history_reads(fake)[0]["after"] == str(discord.utils.time_snowflake(later - HOUR, high=True))


async def test_a_channel_without_read_message_history_is_skipped_with_one_log_line_and_the_others_catch_up(
        fake: FakeDiscord, recorder: Recorder, history: History, db: Database, started: Started,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="adapters.discord.catch_up")
    await set_up(db, CHANNEL_ID, OTHER_ID)
    fake.history_forbidden.add(OTHER_ID)
    history.said(f"<@{BOT_ID}> echo Vilnius", ago=timedelta(minutes=5), channel=OTHER_ID)
    asked = history.said(f"<@{BOT_ID}> echo Minsk", ago=timedelta(minutes=5))
    await begin(fake, recorder.dispatcher, db, started)
    assert answered(fake) == [asked] and answered(fake, OTHER_ID) == []
    about = [m for m in caplog.messages if f"discord:{OTHER_ID}" in m]
    assert len(about) == 1 and "HTTP 403" in about[0] and "Read Message History" in about[0]
    assert "briefbot discord invite-url" in about[0]
    assert any("1 channel(s) read (1 unreadable)" in m for m in caplog.messages)
    live = await push_message(fake, f"<@{BOT_ID}> echo Brest")  # the adapter goes on: a live mention is answered
    await fake.wait_for(lambda: answered(fake) == [asked, live])


async def test_a_dm_sent_while_down_is_answered_in_the_dm(fake: FakeDiscord, recorder: Recorder, history: History,
                                                          db: Database, started: Started) -> None:
    """A DM channel is read because someone asked the bot there before (a done row of an earlier run)."""
    fake.dms[DM_USER] = DM_ID
    await asked_before(db, DM_ID)
    asked = history.said("echo Tallinn", ago=timedelta(minutes=15), channel=DM_ID, author=DM_USER, mentions=(),
                         dm=True)
    history.said("a briefing the bot sent earlier", ago=timedelta(minutes=40), channel=DM_ID, author=BOT_ID,
                 bot=True, mentions=(), dm=True)
    await begin(fake, recorder.dispatcher, db, started)
    assert answered(fake, DM_ID) == [asked] and [i.args for i in recorder.seen] == ["Tallinn"]
    assert recorder.seen[0].user == DM_USER


async def test_only_a_persons_message_for_the_bot_is_answered(fake: FakeDiscord, recorder: Recorder,
                                                              history: History, db: Database,
                                                              started: Started) -> None:
    """Not a message mentioning someone else, nor a bot's (another bot's mention of briefbot, briefbot's own post),
    nor one edited since (the live path answers a message as sent); a mention of the bot's own role is."""
    await set_up(db, CHANNEL_ID)
    history.said("echo Gdansk, says nobody to the bot", ago=timedelta(minutes=9), mentions=("44",))
    history.said(f"<@{BOT_ID}> echo Sopot", ago=timedelta(minutes=8), author="45", bot=True)
    history.said(f"<@{BOT_ID}> echo Gdynia", ago=timedelta(minutes=7), author=BOT_ID, bot=True)
    history.said(f"<@{BOT_ID}> echo Torun", ago=timedelta(minutes=6), edited=True)
    role = history.said(f"<@&{BOT_ROLE_ID}> echo Poznan", ago=timedelta(minutes=5), mentions=(), roles=(BOT_ROLE_ID,))
    await begin(fake, recorder.dispatcher, db, started)
    assert answered(fake) == [role] and [i.args for i in recorder.seen] == ["Poznan"]


async def test_the_oldest_is_answered_first_across_channels_and_a_thread(fake: FakeDiscord, recorder: Recorder,
                                                                         history: History, db: Database,
                                                                         started: Started) -> None:
    thread = await fake.add_thread(announce=False)  # in GUILD_CREATE: the client knows it
    await set_up(db, CHANNEL_ID, OTHER_ID)
    await asked_before(db, thread)
    history.said(f"<@{BOT_ID}> echo Lviv", ago=timedelta(minutes=20), channel=OTHER_ID)
    history.said(f"<@{BOT_ID}> echo Kyiv", ago=timedelta(minutes=30), channel=thread)
    history.said(f"<@{BOT_ID}> echo Odesa", ago=timedelta(minutes=10))
    await begin(fake, recorder.dispatcher, db, started)
    assert [i.args for i in recorder.seen] == ["Kyiv", "Lviv", "Odesa"]
    assert len(answered(fake, thread)) == len(answered(fake, OTHER_ID)) == len(answered(fake)) == 1
    assert recorder.seen[0].channel.id == CHANNEL_ID  # a thread's question runs with its parent's set-up


async def test_catch_up_false_reads_no_history(fake: FakeDiscord, recorder: Recorder, history: History,
                                               db: Database, started: Started) -> None:
    await set_up(db, CHANNEL_ID)
    history.said(f"<@{BOT_ID}> echo Narva", ago=timedelta(minutes=10))
    await begin(fake, recorder.dispatcher, db, started, catch_up=False)
    assert history_reads(fake) == [] and recorder.seen == []


async def test_at_most_max_channels_are_read_the_most_recently_active_first(
        fake: FakeDiscord, recorder: Recorder, history: History, db: Database, started: Started,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="adapters.discord.catch_up")
    channels = [str(int(OTHER_ID) + 100 + n) for n in range(MAX_CHANNELS + 1)]
    for n, channel in enumerate(channels):  # the first one set up longest ago
        await set_up(db, channel, at=NOW - timedelta(days=5) + timedelta(minutes=n))
    await asked_before(db, channels[0])  # asked in lately: read first
    await begin(fake, recorder.dispatcher, db, started)
    read = [c for c in channels if history_reads(fake, c)]
    assert len(read) == MAX_CHANNELS and channels[0] in read and channels[1] not in read
    assert any("1 more not read" in m and f"discord:{channels[1]}" in m for m in caplog.messages)


class ClockMovingDispatch:
    """The command layer, with time passing while each question is answered (``step`` per answer)."""

    def __init__(self, recorder: Recorder, step: timedelta) -> None:
        self.recorder = recorder
        self.commands = recorder.dispatcher.commands
        self.now = NOW
        self.step = step

    def clock(self) -> datetime:
        return self.now

    async def __call__(self, invocation: Invocation) -> Reply:
        self.now += self.step
        return await self.recorder.dispatcher(invocation)


async def test_a_message_that_grows_too_old_while_earlier_ones_are_answered_is_not_answered(
        fake: FakeDiscord, recorder: Recorder, history: History, db: Database, started: Started,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="adapters.discord.catch_up")
    await set_up(db, CHANNEL_ID)
    first = history.said(f"<@{BOT_ID}> echo Riga", ago=timedelta(minutes=50))
    history.said(f"<@{BOT_ID}> echo Jelgava", ago=timedelta(minutes=45))
    dispatch = ClockMovingDispatch(recorder, timedelta(minutes=30))
    await begin(fake, dispatch, db, started, clock=dispatch.clock)
    assert answered(fake) == [first] and [i.args for i in recorder.seen] == ["Riga"]
    assert any("answered 1;" in m and "1 too old by their turn" in m for m in caplog.messages)


async def test_a_stop_lets_the_answer_in_flight_finish_and_the_next_start_answers_the_rest(
        fake: FakeDiscord, recorder: Recorder, history: History, db: Database, started: Started) -> None:
    await set_up(db, CHANNEL_ID)
    first = history.said(f"<@{BOT_ID}> echo Riga", ago=timedelta(minutes=20))
    second = history.said(f"<@{BOT_ID}> echo Cesis", ago=timedelta(minutes=10))
    reply = rf"/channels/{CHANNEL_ID}/messages"
    fake.hold("POST", reply)  # Discord is slow to take the first answer in
    adapter = DiscordAdapter(discord_config(fake), clock=lambda: NOW, guild_ready_timeout=0.05, drain_seconds=3600)
    adapter.answered_messages = AnsweredStore(db)
    adapter.talked_in = TalkedInStore(db)
    run = asyncio.create_task(adapter.run(recorder.dispatcher))
    await fake.wait_for(lambda: fake.held == [reply])
    close = asyncio.create_task(adapter.close())
    await asyncio.wait_for(adapter.draining.wait(), 5)
    fake.release()
    await asyncio.wait_for(close, 5)
    run.cancel()
    await asyncio.gather(run, return_exceptions=True)
    assert answered(fake) == [first] and await AnsweredStore(db).left_undone("discord") == []
    await begin(fake, recorder.dispatcher, db, started)
    assert answered(fake) == [first, second] and [i.args for i in recorder.seen] == ["Riga", "Cesis"]



async def test_a_busy_channel_is_read_page_by_page_up_to_max_messages(
        fake: FakeDiscord, recorder: Recorder, history: History, db: Database, started: Started,
        caplog: pytest.LogCaptureFixture) -> None:
    """More than 100 messages in the hour: read 100 at a time, oldest first; past MAX_MESSAGES the newer ones are not
    read, and a warning names the channel."""
    caplog.set_level(logging.INFO, logger="adapters.discord.catch_up")
    await set_up(db, CHANNEL_ID)
    chatter = [history.said(f"chatter {n}", ago=timedelta(minutes=50), mentions=()) for n in range(MAX_MESSAGES + 5)]
    early = history.said(f"<@{BOT_ID}> echo Daugavpils", ago=timedelta(minutes=55))
    late = history.said(f"<@{BOT_ID}> echo Liepaja", ago=timedelta(minutes=5))
    await begin(fake, recorder.dispatcher, db, started)
    assert answered(fake) == [early] and late not in answered(fake)
    reads = history_reads(fake)
    assert len(reads) == MAX_MESSAGES // 100 and all(r["limit"] == "100" for r in reads)
    assert reads[1]["after"] == chatter[98]  # the newest of the first page: the early mention and 99 of the chatter
    assert any(f"discord:{CHANNEL_ID} has {MAX_MESSAGES} messages or more" in m for m in caplog.messages)


def test_the_local_discord_pages_history_as_discord_does() -> None:
    """Newest first in every page; ``after``: the ones right after that id; ``before`` or neither: the newest."""
    messages = [{"id": str(n)} for n in (5, 1, 4, 2, 3)]

    def ids(page: tuple[Any, int]) -> list[str]:
        return [m["id"] for m in page[0]]

    assert ids(history_page(messages, {"limit": "2", "after": "1"})) == ["3", "2"]
    assert ids(history_page(messages, {"limit": "2", "before": "5"})) == ["4", "3"]
    assert ids(history_page(messages, {"limit": "2"})) == ["5", "4"]
    assert ids(history_page(messages, {})) == ["5", "4", "3", "2", "1"]
    assert history_page(messages, {"limit": "101"})[1] == 400
