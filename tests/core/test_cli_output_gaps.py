"""Gaps a deployer audit found in the command line's output: quiet hours in `channels`, `sources add`, a file
source's removal, a held source's fetch time, a pending config move after a failed poll, `prune --compact` on
PostgreSQL, chat bold in `ask`, and an outlet credited as republishing itself."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import App
from bot.cli import build_parser
from bot.clock import ManualClock
from bot.commands.source_commands import health
from bot.config import Config, DatabaseConfig, SourceConfig
from bot.models import ChannelRef, SourceRef
from bot.outlets import REPUBLISHED, original_name, source_groups
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.sources import SourceStore
from digests.render_text import render_text
from tests.core.retention_store import KEEP_DAYS, Built, build, table_counts
from tests.pg import fresh_database

NOW = datetime(2026, 11, 24, 5, 34, tzinfo=UTC)  # 06:34 CET, inside quiet hours 22-7
FEED = "https://wire.example.org/feed.xml"
MOVED = "https://feeds.example.org/wire.xml"
MOVE_NOTE = f"moved permanently to {MOVED}: update its url in [[sources]] in the config"


@pytest.fixture
async def store_url(tmp_path: Path) -> AsyncIterator[str]:
    url = f"sqlite:///{tmp_path / 'gaps.db'}"
    db = await Database.open(url)
    await db.close()
    yield url


async def cli(url: str, *words: str, config: Config | None = None, now: datetime = NOW) -> int:
    """One command in-process, on the test's clock."""
    parsed = build_parser().parse_args([*words, "--db", url])
    app = App(config=config or Config(), db_url=url, clock=ManualClock(now))
    try:
        code: int = await parsed.run(parsed, app)
        return code
    finally:
        await app.close()


# ---- 1. quiet hours in `channels` ------------------------------------------------------------------------------

async def test_channels_text_line_shows_the_quiet_hours_that_move_the_next_briefing(
        store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    ref = ChannelRef.parse("console:main")
    db = await Database.open(store_url)
    try:
        store = ChannelStore(db)
        await store.ensure(ref, ChannelDefaults("every 5m", "Europe/Paris"), now=NOW)
        await store.set_schedule(ref, now=NOW, schedule="every 5m", quiet_hours="22:00-07:00")
    finally:
        await db.close()
    assert await cli(store_url, "channels") == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("console:main  every 5m (Europe/Paris)  next Tue 24 Nov 07:00 CET")
    assert "quiet hours 22:00-07:00" in first


# ---- 2. `sources add` ----------------------------------------------------------------------------------------

async def test_sources_add_is_ingest_by_another_name(
        store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "bridge.txt"
    article.write_text("Source: Harbour Ledger\n\nThe old swing bridge over the canal reopened on Monday after a "
                       "winter of repairs. Engineers replaced its gears and repainted the span.\n", encoding="utf-8")
    assert await cli(store_url, "sources", "add", str(article), "--no-quotes") == 0
    out = capsys.readouterr().out
    assert "1 added" in out
    assert await cli(store_url, "sources") == 0
    assert str(article) in capsys.readouterr().out


def test_sources_add_without_a_target_says_what_it_needs(capsys: pytest.CaptureFixture[str]) -> None:
    parsed = build_parser().parse_args(["sources", "add"])
    import asyncio

    code = asyncio.run(parsed.run(parsed, App(config=Config(), db_url="sqlite:///unused.db")))
    assert code == 2
    assert "briefbot sources add: give" in capsys.readouterr().err


# ---- 3. removing a file source ---------------------------------------------------------------------------------

async def test_removing_a_file_source_does_not_say_it_was_polled(
        store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "feed_local.xml")
    db = await Database.open(store_url)
    try:
        await SourceStore(db).ensure(path, kind="file", now=NOW)
        await SourceStore(db).ensure(FEED, kind="feed", now=NOW)
    finally:
        await db.close()
    assert await cli(store_url, "sources", "remove", path) == 0
    out = capsys.readouterr().out
    assert "polled" not in out
    assert out.startswith(f"{path}: removed from the sources (a file or folder is read only when ingested); "
                          "its 0 articles stay in the store")
    assert await cli(store_url, "sources", "remove", FEED) == 0
    assert capsys.readouterr().out.startswith(f"{FEED}: no longer polled;")


# ---- 4. a source held back, never fetched -----------------------------------------------------------------------

async def test_a_failure_without_a_request_records_no_fetch_time(
        store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = await Database.open(store_url)
    try:
        store = SourceStore(db)
        await store.ensure(FEED, kind="feed", now=NOW - timedelta(hours=1))
        await store.record_failure(FEED, kind="feed", now=NOW, error="not polled: environment variable WIRE_KEY "
                                   "is unset or empty", add=False, fetched=False)
        state = await store.get(FEED)
    finally:
        await db.close()
    assert state is not None and state.last_fetch_at is None and state.failures == 1
    assert await cli(store_url, "sources") == 0
    out = capsys.readouterr().out
    assert "last fetch never" in out and "2026-11-24 05:34" not in out
    assert "last error: not polled: environment variable WIRE_KEY" in out


# ---- 5. a pending config move after a failed poll ---------------------------------------------------------------

async def test_a_pending_move_is_shown_after_a_failed_poll_in_the_cli_and_in_chat(
        store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = await Database.open(store_url)
    try:
        store = SourceStore(db)
        await store.ensure(FEED, kind="feed", now=NOW)
        await store.config_moved(FEED, MOVED, MOVE_NOTE)
        await store.record_failure(FEED, kind="feed", now=NOW, error=f"{FEED}: HTTP 503 Service Unavailable")
        state = await store.get(FEED)
    finally:
        await db.close()
    assert state is not None and state.moved_to == MOVED
    config = Config(sources=(SourceConfig(url=FEED),))
    assert await cli(store_url, "sources", config=config) == 0
    out = capsys.readouterr().out
    assert "last error: " in out and "HTTP 503" in out
    assert f"· moving to {MOVED}: update its url in [[sources]]" in out
    chat = health(state, FEED)
    assert "HTTP 503" in chat and f"moving to {MOVED}: update its url in [[sources]]" in chat


async def test_a_pending_move_still_shown_as_the_note_is_not_repeated(
        store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = await Database.open(store_url)
    try:
        store = SourceStore(db)
        await store.ensure(FEED, kind="feed", now=NOW)
        await store.config_moved(FEED, MOVED, MOVE_NOTE)
        state = await store.get(FEED)
    finally:
        await db.close()
    assert state is not None
    assert await cli(store_url, "sources") == 0
    out = capsys.readouterr().out
    assert out.count(MOVED) == 1 and f"note: {MOVE_NOTE}" in out
    assert health(state, FEED).count(MOVED) == 1


# ---- 6. `prune --compact` on PostgreSQL -------------------------------------------------------------------------

async def test_prune_compact_on_postgresql_is_refused_before_anything_is_pruned(
        capsys: pytest.CaptureFixture[str]) -> None:
    built: Built = await build(await fresh_database("briefbot_test_gaps_compact"))
    try:
        before = await table_counts(built.db)
        config = replace(Config(), database=DatabaseConfig(keep_days=KEEP_DAYS))
        assert await cli(built.app.db_url, "prune", "--compact", config=config, now=built.clock()) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.startswith("briefbot prune: --compact rewrites a SQLite file; this store is PostgreSQL")
        assert "nothing was pruned" in captured.err
        assert await table_counts(built.db) == before
    finally:
        await built.app.close()


# ---- 7. no chat bold in `ask` -----------------------------------------------------------------------------------

async def test_ask_prints_no_chat_bold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    built = await build(f"sqlite:///{tmp_path / 'ask.db'}")
    await built.app.close()
    for question in ("who said what about the orchard", "what's new on orchard"):
        code = await cli(built.app.db_url, "ask", question, now=built.clock())
        out = capsys.readouterr().out
        assert code == 0, out
        assert "*" not in out, out
    assert await cli(built.app.db_url, "ask", "who said what about the orchard", now=built.clock()) == 0
    out = capsys.readouterr().out
    assert "Tomas Brell" in out and "Every pear tree in the orchard will be saved" in out


def test_the_terminal_keeps_an_asterisk_the_article_wrote() -> None:
    from bot.cli_quotes import terminal_text

    assert terminal_text("*Ada \\*Lovelace\\** (engineer)\n• *Pay rise of 5\\% \\\\*") == \
        "Ada *Lovelace* (engineer)\n• Pay rise of 5\\% \\"


# ---- 8. an outlet is not its own republisher ---------------------------------------------------------------------

def ref(aid: str, name: str, url: str, copy_of: str | None = None) -> SourceRef:
    return SourceRef(aid, name, url, f"title {aid}", NOW, copy_of=copy_of)


def test_a_copy_within_one_outlet_is_not_republication() -> None:
    sources = [
        ref("a1", "Valley Courier", "https://valleycourier.example/a1"),
        ref("a2", "Valley Courier", "https://www.valleycourier.example/a2", copy_of="a1"),
        ref("b1", "Northgate Times", "https://northgate.example/b1", copy_of="a1"),
        ref("c1", "Lakeside Wire", "https://lakeside.example/c1"),
        ref("c2", "Lakeside Wire", "https://lakeside.example/c2", copy_of="c1"),
    ]
    groups = [(own.name, [c.name for c in copies]) for own, copies in source_groups(sources)]
    assert groups == [("Valley Courier", ["Northgate Times"]), ("Lakeside Wire", [])]
    assert original_name(sources[1], sources) is None  # its own outlet's earlier article: no "copy of"
    assert original_name(sources[2], sources) == "Valley Courier"


def test_a_briefing_source_line_never_names_the_outlet_among_its_republishers() -> None:
    from bot.models import Briefing, BriefingItem, Story

    sources = (ref("c1", "Lakeside Wire", "https://lakeside.example/c1"),
               ref("c2", "Lakeside Wire", "https://lakeside.example/c2", copy_of="c1"),
               ref("d1", "Harbour Ledger", "https://harbourledger.example/d1", copy_of="c1"))
    story = Story("s1", "Ferry timetable changes", sources, ())
    text = render_text(Briefing("Briefing", NOW, (BriefingItem(story, 1.0),)))
    line = next(x for x in text.splitlines() if "Sources:" in x)
    assert line.strip() == f"Sources: Lakeside Wire ({REPUBLISHED} Harbour Ledger)"
