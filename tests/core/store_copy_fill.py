"""Test helper: a store filled through the real code paths (ingest, channel set-up, a delivered briefing, an edit,
a page retry), and the CLI run in-process against it with a fixed clock."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from bot.app import App, make_pipeline
from bot.cli import parse_args
from bot.cli_core import SAMPLES, SAMPLES_LATER, ingest_targets
from bot.clock import ManualClock
from bot.config import BriefingConfig, Config, SchedulerConfig
from bot.delivery import Delivery
from bot.ingest.canonical import article_id, content_hash
from bot.ingest.retries import PageRetry
from bot.models import Article, ChannelRef
from bot.nlp.sentences import split_sentences
from bot.store.articles import ArticleStore
from bot.store.channels import ChannelStore
from bot.store.db import Database
from bot.store.page_retries import PageRetryStore
from bot.store.retention import prune
from tests.channels.channel_fakes import RecordingAdapter, add_story

CONFIG = Config(briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
                scheduler=SchedulerConfig(catch_up_grace="6h"))
LONG_AGO = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
INGESTED = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)  # the bundled samples are from 17-20 Nov 2026
EDITED = INGESTED + timedelta(hours=1)  # bot/samples_later: one outlet edits its article
FIRST_SLOT = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)  # console:main, daily 08:00 UTC
CHECKED = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)  # when the commands are compared
NEW_STORY_AT = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
NEXT_SLOT = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
MAIN = ChannelRef("console", "main")
DESK = ChannelRef("console", "desk")
FOLLOWER = ChannelRef("slack", "C0FOLLOW")
QUESTION = "who said what about the bridge"
COMMANDS = (("channels", "--json"), ("ask", QUESTION, "--json"), ("brief", "--format", "json", "--since", "3 days"))


@dataclass(frozen=True)
class Output:
    code: int
    out: str
    err: str


async def cli(*argv: str, clock: ManualClock | None = None) -> Output:
    """``briefbot ARGV`` in-process (as bot.cli.main runs it, without its logging set-up), stdout and stderr kept."""
    args = parse_args(list(argv))
    app = App(config=CONFIG, db_url=args.db, clock=clock or ManualClock(CHECKED))
    out, errors = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(errors):
            code = int(await args.run(args, app))
    finally:
        await app.close()
    return Output(code, out.getvalue(), errors.getvalue())


async def answers(url: str) -> dict[str, str]:
    """What the compared commands print for the store at ``url``."""
    found = {}
    for command in COMMANDS:
        result = await cli(*command, "--db", url)
        assert result.code == 0, (command, result.err)
        found[command[0]] = result.out
    return found


async def fill(url: str) -> list[tuple[str, ...]]:
    """Fill the store at ``url``; returns the story ids of the briefing delivered to console:main."""
    clock = ManualClock(INGESTED)
    app = App(config=CONFIG, db_url=url, clock=clock)
    try:
        pipeline = await make_pipeline(app)
        with contextlib.redirect_stderr(io.StringIO()):
            report = await ingest_targets(pipeline, CONFIG, [str(SAMPLES)])
            assert report.added == 8 and not report.problems, report.lines
            clock.set(EDITED)
            edit = await ingest_targets(pipeline, CONFIG, [str(SAMPLES_LATER)])
            assert edit.updated == 1, edit.lines
        db = await app.db()
        await ArticleStore(db).save(_loose_article(), now=LONG_AGO)  # never clustered; pruned below
        await _set_up_channels(url, clock)
        stories = await _story_ids(db)
        channels = ChannelStore(db)
        await channels.mute(DESK, stories["Heat"], user="U1", now=EDITED)
        await channels.track(DESK, stories["Harbour Bridge"], user="U1", now=EDITED)
        await channels.follow(FOLLOWER, "https://metrowire.example/feed", now=EDITED)
        first_article = await _first_article(db)
        await PageRetryStore(db).put(first_article, PageRetry(1, EDITED + timedelta(minutes=30)))
        adapter = RecordingAdapter()
        assert await deliver(db, adapter, FIRST_SLOT) == ["delivered"]
        pruned = await prune(db, before=LONG_AGO + timedelta(days=30))  # remembered in pruned_articles
        assert pruned.articles == 1, pruned
        return [p.story_ids for p in adapter.posts]
    finally:
        await app.close()


def _loose_article() -> Article:
    text = "The parish notice lists the bell-ringers for every Sunday of the summer. It hangs by the door."
    h, url = content_hash(text), "https://news.test/bells"
    return Article(id=article_id(None, url, h), url=url, title="Bell-ringers", outlet="Test Wire", text=text,
                   sentences=split_sentences(text), published=LONG_AGO, source="https://feeds.test/wire.xml",
                   content_hash=h)


async def _set_up_channels(url: str, clock: ManualClock) -> None:
    """Through the commands a team runs."""
    for argv in (("schedule", MAIN.key, "daily", "08:00", "--tz", "UTC"),
                 ("subscribe", DESK.key, "Harbour Bridge"), ("subscribe", DESK.key, "cod -sport"),
                 ("schedule", DESK.key, "weekdays", "07:30", "--tz", "Europe/Brussels", "--quiet", "22:00-06:00"),
                 ("alerts", DESK.key, "3"), ("length", DESK.key, "short"),
                 ("schedule", FOLLOWER.key, "every", "4h")):
        result = await cli(*argv, "--db", url, clock=clock)
        assert result.code == 0, (argv, result.err)


async def _story_ids(db: Database) -> dict[str, str]:
    """Story id by a word of its headline."""
    async with db.connect() as conn:
        rows = (await conn.execute(sa.text("SELECT id, headline FROM stories"))).all()
    found = {}
    for word in ("Heat", "Harbour Bridge"):
        found[word] = next(str(r.id) for r in rows if word in r.headline)
    return found


async def _first_article(db: Database) -> str:
    async with db.connect() as conn:
        return str((await conn.execute(sa.text("SELECT id FROM articles ORDER BY seq LIMIT 1"))).scalar_one())


async def deliver(db: Database, adapter: RecordingAdapter, now: datetime) -> list[str]:
    """console:main's due briefing at ``now`` through the scheduler's delivery path."""
    channel = await ChannelStore(db).get(MAIN)
    assert channel is not None
    outcomes = await Delivery(db, CONFIG, {"console": adapter}).deliver_due(channel, now)
    return [o.state for o in outcomes]


async def next_briefing(url: str) -> list[tuple[str, ...]]:
    """A new story comes in after the first briefing; what console:main's next briefing posts."""
    db = await Database.open(url)
    try:
        await add_story(db, "s-new-ferry", title="Ferry timetable extended",
                        text=("The ferry company added four late sailings across the harbour. "
                              "Officials said the timetable holds until the bridge reopens. Tickets cost the same."),
                        now=NEW_STORY_AT)
        adapter = RecordingAdapter()
        assert await deliver(db, adapter, NEXT_SLOT) == ["delivered"]
        return [p.story_ids for p in adapter.posts]
    finally:
        await db.close()
