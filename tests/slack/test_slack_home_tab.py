"""The Home tab end to end (app_home_opened over Socket Mode and signed HTTP, views.publish to the local Slack): each
person sees their own personal briefing and the channels they set topics up in, within Block Kit's limits."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fake_slack import HANG, SERVER_ERROR, Failure, FakeSlack, im_message_event, message_texts, pings
from slack_helpers import RecordingSleep, Running, command_dispatcher, run_adapter, slack_config

from adapters.slack import SlackAdapter, build_slack_adapter
from adapters.slack.home import HEADER_CHARS, MAX_BLOCKS, SECTION_CHARS, fit_list, render_home, setup_text
from adapters.slack.post import RetryPolicy
from bot.commands import build_commands
from bot.commands.deps import CommandDeps
from bot.commands.dispatch import help_text
from bot.config import Config
from bot.home import USEFUL_VERBS, ChannelSetup, HomeSource, HomeView, HomeViews
from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from digests.render_slack import escape

MODES = ["socket", "http"]
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)  # a Sunday
ALICE, ALICE_DM = "U0ALICE", "D0ALICE"
BOB, BOB_DM = "U0BOB", "D0BOB"
DEFAULTS = ChannelDefaults("daily 08:00", "UTC")


class LogWatch(logging.Handler):
    """Records what a logger says and wakes a waiting test as each line arrives (no sleeping)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self._changed = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self._changed.set()

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        while not predicate():
            self._changed.clear()
            await asyncio.wait_for(self._changed.wait(), timeout)

    def lines(self, level: int = logging.DEBUG) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]


@pytest.fixture
def home_log() -> Iterator[LogWatch]:
    logger = logging.getLogger("adapters.slack.home_tab")
    watch, level = LogWatch(), logger.level
    logger.addHandler(watch)
    logger.setLevel(logging.DEBUG)
    try:
        yield watch
    finally:
        logger.removeHandler(watch)
        logger.setLevel(level)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'home.db'}")
    try:
        yield database
    finally:
        await database.close()


def home_views(db: Database) -> HomeViews:
    """The production HomeSource over ``db``, with the production command list."""
    return HomeViews(db, build_commands(CommandDeps(Config(), db, lambda: NOW)), lambda: NOW)


async def set_up(db: Database, channel: str, *topics: tuple[str, str]) -> ChannelRef:
    """A Slack channel with (topic, added by) pairs."""
    store, ref = ChannelStore(db), ChannelRef("slack", channel)
    await store.ensure(ref, DEFAULTS, now=NOW)
    for topic, user in topics:
        await store.subscribe(ref, topic, user=user, now=NOW)
    return ref


async def start(running: Running, fake: FakeSlack, mode: str, home: HomeSource | None) -> SlackAdapter:
    fake.direct_messages.update({ALICE_DM: ALICE, BOB_DM: BOB})
    adapter = build_slack_adapter(slack_config(fake, mode=mode), clock=lambda: NOW, sleep=RecordingSleep(),
                                  policy=RetryPolicy(attempts=3), connect_timeout=5.0)
    adapter.home = home
    return await run_adapter(running, adapter, command_dispatcher())


async def open_home(fake: FakeSlack, adapter: SlackAdapter, mode: str, user: str, channel: str, *,
                    tab: str = "home") -> None:
    await fake.open_app_home(user, channel, tab=tab, http_port=adapter.http_port if mode == "http" else None)


def shown(published: dict[str, Any]) -> str:
    return "\n".join(message_texts({"blocks": published["view"]["blocks"]}))


def publish_calls(fake: FakeSlack) -> list[dict[str, Any]]:
    return [payload for method, payload in fake.calls if method == "views.publish"]


@pytest.mark.parametrize("mode", MODES)
async def test_each_person_sees_their_personal_briefing_and_their_channels_and_nobody_elses(
        fake: FakeSlack, running: Running, db: Database, mode: str) -> None:
    store = ChannelStore(db)
    alice_dm = await set_up(db, ALICE_DM, ("Harbour dredging -sport", ALICE))
    await store.set_schedule(alice_dm, now=NOW, schedule="weekdays 07:30", timezone="Europe/Brussels",
                             quiet_hours="22:00-07:00")
    await store.set_alerts(alice_dm, 3)
    await store.set_length(alice_dm, "short")
    await store.set_languages(alice_dm, ("en", "fr"))
    await set_up(db, "C0NEWS", ("Riga trams", ALICE), ("Vilnius bridges", "cli"))
    await set_up(db, "C0QUIET", ("Oslo fjords", "cli"), ("Bergen rain", "config#0"))  # nobody set this one up from chat
    await store.set_paused(await set_up(db, BOB_DM, ("Fjord salmon quotas", BOB)), True, now=NOW)
    await set_up(db, "C0BOBS", ("Tromso ferries", BOB))
    await set_up(db, "D0CAROL", ("Carol's own topic", "U0CAROL"))
    adapter = await start(running, fake, mode, home_views(db))

    await open_home(fake, adapter, mode, ALICE, ALICE_DM)
    await fake.wait_for(lambda: len(fake.views) == 1)
    await open_home(fake, adapter, mode, BOB, BOB_DM)
    await fake.wait_for(lambda: len(fake.views) == 2)

    alices, bobs = fake.views
    assert (alices["user_id"], bobs["user_id"]) == (ALICE, BOB) and fake.rejected == []
    alice = shown(alices)
    for wanted in ("`Harbour dredging -sport`", "`weekdays 07:30` (Europe/Brussels, quiet 22:00-07:00)",
                   "Next briefing: Mon 23 Nov 07:30 CET.", "Breaking alerts: on at 3 outlets", "Length: short (",
                   "Languages: English (en), French (fr)", "*<#C0NEWS>*", "`Riga trams`", "`Vilnius bridges`"):
        assert wanted in alice, wanted
    for elsewhere in ("Fjord", "Tromso", "C0BOBS", "D0BOB", "Carol", "C0QUIET", "Oslo", "Bergen"):
        assert elsewhere not in alice, elsewhere
    bob = shown(bobs)
    assert "`Fjord salmon quotas`" in bob and "(paused)" in bob and "Briefings are paused" in bob
    assert "*<#C0BOBS>*" in bob and "`Tromso ferries`" in bob
    for elsewhere in ("Harbour", "Riga", "Vilnius", "C0NEWS", "Brussels", "D0ALICE", "Carol", "Oslo"):
        assert elsewhere not in bob, elsewhere
    assert pings({"blocks": alices["view"]["blocks"]}) == [] and pings({"blocks": bobs["view"]["blocks"]}) == []
    assert {m for m, _ in fake.calls} <= {"auth.test", "apps.connections.open", "views.publish"}  # no look-ups


@pytest.mark.parametrize("mode", MODES)
async def test_someone_with_nothing_set_up_is_told_how_to_start_and_gets_the_generated_help(
        fake: FakeSlack, running: Running, db: Database, mode: str) -> None:
    await set_up(db, ALICE_DM, ("Harbour dredging", ALICE))  # someone else's
    commands = build_commands(CommandDeps(Config(), db, lambda: NOW))
    adapter = await start(running, fake, mode, home_views(db))
    await open_home(fake, adapter, mode, "U0CAROL", "D0CAROL")
    await fake.wait_for(lambda: len(fake.views) == 1)
    [published] = fake.views
    text = shown(published)
    assert published["user_id"] == "U0CAROL" and "Nothing set up yet" in text and "Harbour" not in text
    assert "Type `/brief subscribe &lt;topic&gt;` here in Messages" in text and "or in a channel" in text
    # the commands shown are the command list's own usage and help, as `/brief help` words them
    useful = [c for verb in USEFUL_VERBS for c in commands if c.name == verb]
    assert len(useful) == len(USEFUL_VERBS)
    for line in help_text(useful).splitlines()[1:]:
        assert escape(line) in text, line
    assert f"`/brief help` lists all {len(commands)} commands." in text


@pytest.mark.parametrize("mode", MODES)
async def test_a_very_long_set_up_is_cut_within_block_kits_limits(
        fake: FakeSlack, running: Running, db: Database, mode: str) -> None:
    topics = [(f"topic number {n} about the harbour & the <summit>", ALICE) for n in range(300)]
    await set_up(db, ALICE_DM, *topics)
    for n in range(130):
        await set_up(db, f"C{n:04d}LONG", (f"channel topic {n}", ALICE))
    adapter = await start(running, fake, mode, home_views(db))
    await open_home(fake, adapter, mode, ALICE, ALICE_DM)
    await fake.wait_for(lambda: len(fake.views) == 1 or bool(fake.rejected))
    assert fake.rejected == []
    blocks = fake.views[0]["view"]["blocks"]
    assert len(blocks) <= MAX_BLOCKS
    for block in blocks:
        limit = HEADER_CHARS if block["type"] == "header" else SECTION_CHARS
        assert all(len(text) <= limit for text in message_texts({"blocks": [block]})[1:])
    text = shown(fake.views[0])
    personal = next(line for t in message_texts({"blocks": blocks}) for line in t.splitlines()
                    if "topic number 0 " in line)
    assert "&amp; the &lt;summit&gt;" in personal and "<summit>" not in personal
    shown_topics = personal.count("topic number ")
    assert 0 < shown_topics < 300 and personal.rstrip().endswith(f"and {300 - shown_topics} more")
    shown_channels = text.count("LONG>*")
    assert 0 < shown_channels < 130 and f"and {130 - shown_channels} more channels" in text


@pytest.mark.parametrize("mode", MODES)
async def test_opening_the_messages_tab_publishes_nothing(
        fake: FakeSlack, running: Running, db: Database, home_log: LogWatch, mode: str) -> None:
    await set_up(db, ALICE_DM, ("NATO", ALICE))
    adapter = await start(running, fake, mode, home_views(db))
    await open_home(fake, adapter, mode, ALICE, ALICE_DM, tab="messages")
    await home_log.wait_for(lambda: any("not the Home tab" in line for line in home_log.lines()))
    assert publish_calls(fake) == [] and fake.views == []
    await open_home(fake, adapter, mode, ALICE, ALICE_DM)  # the Home tab itself still is
    await fake.wait_for(lambda: len(fake.views) == 1)


async def test_without_a_home_source_the_event_is_acknowledged_and_ignored(
        fake: FakeSlack, running: Running) -> None:
    adapter = await start(running, fake, "http", None)
    await open_home(fake, adapter, "http", ALICE, ALICE_DM)  # answered 200, or send_event fails
    await fake.send_event(im_message_event("whosaid Riga"), http_port=adapter.http_port)
    await fake.wait_for(lambda: len(fake.messages) == 1)
    assert publish_calls(fake) == []


@pytest.mark.parametrize(("failure", "reason"), [
    (SERVER_ERROR, "HTTP 500"),
    (Failure(error="not_enabled"), "not_enabled (turn the Home tab on under App Home"),
    (Failure(status=429, error="ratelimited", retry_after=1), "ratelimited"),
])
async def test_a_failed_publish_is_one_warning_and_nothing_else_breaks(
        fake: FakeSlack, running: Running, db: Database, home_log: LogWatch, failure: Failure,
        reason: str) -> None:
    await set_up(db, ALICE_DM, ("NATO", ALICE))
    fake.fail_next("views.publish", failure)
    adapter = await start(running, fake, "socket", home_views(db))
    await open_home(fake, adapter, "socket", ALICE, ALICE_DM)
    await home_log.wait_for(lambda: bool(home_log.lines(logging.WARNING)))
    [warning] = home_log.lines(logging.WARNING)
    assert warning.startswith(f"slack: could not publish the Home tab for {ALICE}: {reason}")
    # the adapter carries on: a message in the DM is answered, and the next opening publishes
    await fake.send_event(im_message_event("whosaid Riga"))
    await open_home(fake, adapter, "socket", ALICE, ALICE_DM)
    await fake.wait_for(lambda: len(fake.views) == 1 and len(fake.messages) == 1)
    assert "NATO" in shown(fake.views[0]) and "Who said what about Riga" in fake.messages[0]["text"]
    assert home_log.lines(logging.WARNING) == [warning]


async def test_a_publish_slack_never_answers_says_the_bound_and_what_happens_next(
        fake: FakeSlack, running: Running, db: Database, home_log: LogWatch) -> None:
    """views.publish held by Slack: given up at the Web API client's bound (15 s, tiny here), told in words, not as
    a bare "TimeoutError"."""
    await set_up(db, ALICE_DM, ("NATO", ALICE))
    adapter = await start(running, fake, "socket", home_views(db))
    adapter.client.timeout = 0.05  # type: ignore[assignment]  # REQUEST_TIMEOUT_SECONDS (15 s) in a run
    fake.fail_next("views.publish", HANG)
    await open_home(fake, adapter, "socket", ALICE, ALICE_DM)
    await home_log.wait_for(lambda: bool(home_log.lines(logging.WARNING)))
    assert home_log.lines(logging.WARNING) == [
        f"slack: could not publish the Home tab for {ALICE}: Slack out of reach (views.publish: no answer within "
        "0.05 s); it is published again the next time they open the tab"]


async def test_a_home_view_that_cannot_be_built_is_logged_and_nothing_is_published(
        fake: FakeSlack, running: Running, home_log: LogWatch) -> None:
    async def broken(*, platform: str, user: str, personal: ChannelRef | None) -> HomeView:
        raise RuntimeError("the store is unreachable")

    adapter = await start(running, fake, "socket", broken)
    await open_home(fake, adapter, "socket", ALICE, ALICE_DM)
    await home_log.wait_for(lambda: bool(home_log.lines(logging.ERROR)))
    await fake.send_event(im_message_event("whosaid Riga"))
    await fake.wait_for(lambda: len(fake.messages) == 1)
    assert publish_calls(fake) == [] and home_log.lines(logging.ERROR) == [f"slack: building the Home tab for {ALICE} "
                                                                           "failed"]


def setup(n: int, topics: tuple[str, ...]) -> ChannelSetup:
    return ChannelSetup(ChannelRef("slack", f"C{n:06d}"), topics, 0, "`daily 08:00` (UTC)",
                        "Next briefing: Mon 23 Nov 08:00 UTC.", "full (everything)", "off", False,
                        languages=", ".join(["<&"] * 184))  # every ISO 639-1 code, and text that grows escaped


def test_the_largest_set_up_still_fits_one_view() -> None:
    """Topics of the longest allowed size, hundreds of channels, text that grows when escaped: still one view
    within 100 blocks, 3,000 characters a section and well under 250 kB."""
    huge = tuple("<&>" * 660 + f" {n}" for n in range(500))  # 2,000 characters each, three times that escaped
    view = HomeView(ALICE, "About.", (), 0, None, setup(0, huge), tuple(setup(n, huge) for n in range(1, 400)))
    blocks = render_home(view)["blocks"]
    assert len(blocks) <= MAX_BLOCKS
    assert len(json.dumps(blocks, ensure_ascii=False).encode("utf-8")) <= 200_000
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(t) <= SECTION_CHARS for t in sections)
    assert "more channels" in json.dumps(blocks)


@pytest.mark.parametrize(("items", "budget", "expected"), [
    (["`a`", "`b`", "`c`"], 100, "`a`, `b`, `c`"),
    (["`aaaa`", "`bbbb`", "`cccc`"], 22, "`aaaa`, and 2 more"),
    (["`aaaa`"] * 5, 30, "`aaaa`, `aaaa`, and 3 more"),
    ([], 10, ""),
])
def test_a_list_is_cut_with_and_n_more(items: list[str], budget: int, expected: str) -> None:
    assert fit_list(items, budget) == expected
    assert len(fit_list(items, budget)) <= budget


def test_a_channel_without_topics_says_what_it_gets() -> None:
    # as delivery does: every stored story when it follows no source, else every story from its sources
    alone = setup(1, ())
    assert "Topics: none (every stored story)" in setup_text(alone, "#news")
    following = ChannelSetup(alone.channel, (), 2, alone.schedule, alone.next_briefing, alone.length, alone.alerts,
                             False)
    assert "Topics: none (every story from the sources it follows)" in setup_text(following, "#news")
