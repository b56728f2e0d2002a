"""`briefbot store copy --to`: a store filled through the real code paths moves SQLite -> PostgreSQL -> SQLite and
answers, briefs and delivers the same; refusals leave the target untouched; a password never shows."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import shutil
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot.models import ChannelRef
from bot.store import copy as copy_module
from bot.store.articles import ArticleStore
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.copy import CopyReport, copy_store, data_tables, occupied_tables
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from bot.store.run_lock import RunLock
from tests import pg
from tests.core.store_copy_fill import EDITED, answers, cli, fill, next_briefing
from tests.old_store import as_of

REPO = Path(__file__).resolve().parents[2]
PG_NAME, PG_OTHER = "briefbot_test_store_copy", "briefbot_test_store_copy_b"
PASSWORD = "Pw-7c1e9b42d0"  # trust auth on the test server accepts any password
ALL_TABLES = {t.name for t in data_tables()}
NEW_ONLY = [("s-new-ferry",)]  # the next briefing after the move: the new story, nothing delivered before


@dataclass(frozen=True)
class Filled:
    path: Path
    delivered: list[tuple[str, ...]]
    expected: dict[str, str]


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Filled:
    path = tmp_path_factory.mktemp("filled") / "source.db"
    delivered = asyncio.run(fill(f"sqlite:///{path}"))
    return Filled(path, delivered, asyncio.run(answers(f"sqlite:///{path}")))


@pytest.fixture
def source(filled: Filled, tmp_path: Path) -> Path:
    """A private copy of the filled store (the tests write to their sources)."""
    copy = tmp_path / "source.db"
    shutil.copy2(filled.path, copy)
    return copy


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def with_password(url: str) -> str:
    return url.replace("postgres@", f"postgres:{PASSWORD}@")


def raw_rows(path: Path) -> dict[str, list[str]]:
    """Every row of every table as SQLite stores it (full-text tables with their rowids), in a stable order."""
    with closing(sqlite3.connect(path)) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                 if not r[0].startswith("sqlite_") and not any(r[0].startswith(f"{t}_") for t in
                                                              ("article_fts", "sentence_fts", "attribution_fts"))]
        return {name: sorted(repr(row) for row in conn.execute(
            f"SELECT rowid, * FROM {name}" if name.endswith("_fts") else f"SELECT * FROM {name}"))
            for name in names}


def printed_counts(out: str) -> dict[str, tuple[int, int]]:
    """The per-table lines of the copy's report: table -> (source, target)."""
    found = {}
    for line in out.splitlines():
        words = line.split()
        if line.startswith("  ") and len(words) >= 3 and words[-1].replace(",", "").isdigit() and words[0] != "table":
            found[" ".join(words[:-2])] = (int(words[-2].replace(",", "")), int(words[-1].replace(",", "")))
    return found


async def search_ids(url: str, text: str) -> list[str]:
    db = await Database.open(url)
    try:
        return sorted(hit.article_id for hit in await ArticleStore(db).search(text))
    finally:
        await db.close()


async def copied(source_url: str, target_url: str) -> str:
    """Run the copy, check its report (every table, counts equal) and return what it printed."""
    result = await cli("store", "copy", "--db", source_url, "--to", target_url)
    assert result.code == 0, result.err
    assert "Row counts match in all" in result.out, result.out
    counts = printed_counts(result.out)
    assert set(counts) >= ALL_TABLES, result.out
    assert all(s == t for s, t in counts.values()), result.out
    assert counts["articles"][0] > 0 and counts["deliveries"][0] > 0 and counts["channels"][0] == 3
    assert "a `briefbot run` is using the source" not in result.err
    return result.out


async def test_sqlite_to_sqlite_keeps_every_row_and_rebuilds_the_same_full_text_rows(
        filled: Filled, source: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy" / "target.db"
    target.parent.mkdir()  # `store copy` makes no folder (as `store backup`)
    out = await copied(sqlite_url(source), str(target))
    for name in ("article_fts (rebuilt)", "sentence_fts (rebuilt)", "attribution_fts (rebuilt)"):
        assert printed_counts(out)[name][0] > 0
    assert raw_rows(target) == raw_rows(source)  # ids, timestamps, JSON, booleans and full-text rows as stored
    assert target.stat().st_mode & 0o777 == 0o600
    assert await answers(sqlite_url(target)) == filled.expected
    assert await search_ids(sqlite_url(target), "corroded cables") == await search_ids(sqlite_url(source),
                                                                                       "corroded cables") != []
    assert await next_briefing(sqlite_url(target)) == NEW_ONLY


async def test_sqlite_to_postgresql_to_sqlite_answers_briefs_and_delivers_the_same(
        filled: Filled, source: Path, tmp_path: Path) -> None:
    pg_url = await pg.fresh_database(PG_NAME)
    back = tmp_path / "back.db"
    out = await copied(sqlite_url(source), pg_url)
    assert "PostgreSQL generates it from the copied rows" in out
    await copied(pg_url, str(back))
    assert raw_rows(back) == raw_rows(source)  # the round trip through PostgreSQL loses nothing
    for url in (pg_url, sqlite_url(back)):
        assert await answers(url) == filled.expected, url  # channels --json, ask, brief --format json
        assert await search_ids(url, "corroded cables") == await search_ids(sqlite_url(source), "corroded cables")
    assert filled.delivered and filled.delivered != NEW_ONLY
    for url in (sqlite_url(source), pg_url, sqlite_url(back)):
        assert await next_briefing(url) == NEW_ONLY, url
    db = await Database.open(pg_url)  # new rows get ids past the copied ones
    try:
        async with db.connect() as conn:
            seqs = [r[0] for r in await conn.execute(sa.text("SELECT seq FROM articles ORDER BY seq"))]
    finally:
        await db.close()
    assert len(seqs) == len(set(seqs)) and seqs[-1] > max(seqs[:-1])


async def _version(path: Path) -> int:
    db = await Database.open(str(path), migrate=False)
    try:
        return await db.schema_version()
    finally:
        await db.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def dialect(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def _source_of(dialect: str, source: Path) -> str:
    if dialect == "sqlite":
        return sqlite_url(source)
    pg_url = await pg.fresh_database(PG_NAME)
    await copied(sqlite_url(source), pg_url)
    return pg_url


async def _subscribe(db: Database, key: str) -> None:
    """A new channel with one topic, as `briefbot subscribe` makes it."""
    ref = ChannelRef.parse(key)
    await ChannelStore(db).ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=EDITED)
    await ChannelStore(db).subscribe(ref, "harbour", user="U1", now=EDITED)


async def _subscribe_at(url: str, key: str) -> None:
    db = await Database.open(url)
    try:
        await _subscribe(db, key)
    finally:
        await db.close()


def file_state(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


async def test_a_target_with_data_is_refused_and_left_untouched(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "busy.db"
    made = await cli("subscribe", "console:other", "harbour", "--db", str(target))
    assert made.code == 0, made.err
    before = file_state(target)
    result = await cli("store", "copy", "--db", str(source), "--to", str(target))
    assert result.code == 2
    assert f"the target {target} is not empty (rows in channels, subscriptions)" in result.err, result.err
    assert file_state(target) == before and result.out == ""


async def test_a_postgresql_target_with_data_is_refused_and_left_untouched(source: Path) -> None:
    pg_url = await pg.fresh_database(PG_OTHER)
    made = await cli("subscribe", "console:other", "harbour", "--db", pg_url)
    assert made.code == 0, made.err
    result = await cli("store", "copy", "--db", str(source), "--to", pg_url)
    assert result.code == 2 and "is not empty (rows in channels, subscriptions)" in result.err, result.err
    db = await Database.open(pg_url, migrate=False)
    try:
        assert await occupied_tables(db) == ["channels", "subscriptions"]
        assert [c.key for c in await ChannelStore(db).all()] == ["console:other"]
    finally:
        await db.close()


async def test_a_source_at_an_older_schema_is_refused_until_a_command_upgrades_it(tmp_path: Path) -> None:
    old, target = tmp_path / "old.db", tmp_path / "target.db"
    with pytest.MonkeyPatch.context() as patch:
        as_of(patch, 14)
        db = await Database.open(str(old))
        try:
            await _subscribe(db, "console:old")
        finally:
            await db.close()
    result = await cli("store", "copy", "--db", str(old), "--to", str(target))
    assert result.code == 2
    assert f"has schema version 14, older than this briefbot's ({len(MIGRATIONS)}); upgrade it first by running any " \
           "briefbot command on it" in result.err, result.err
    assert not target.exists()  # nothing made
    assert await _version(old) == 14  # the source is left as it was
    upgraded = await cli("channels", "--db", str(old))
    assert upgraded.code == 0 and await _version(old) == len(MIGRATIONS)
    again = await cli("store", "copy", "--db", str(old), "--to", str(target))
    assert again.code == 0, again.err
    assert "channels" in printed_counts(again.out) and printed_counts(again.out)["subscriptions"] == (1, 1)


async def test_the_copy_is_one_snapshot_while_a_writer_commits(dialect: str, source: Path, tmp_path: Path) -> None:
    source_url = await _source_of(dialect, source)
    source_db = await Database.open(source_url, migrate=False)
    target_db = await Database.open(sqlite_url(tmp_path / "target.db"), migrate=False)
    writes: list[str] = []

    def commit_meanwhile(table: str, done: int, total: int) -> None:
        if not writes:  # the first batch is in: another connection adds a channel, and commits
            with ThreadPoolExecutor(1) as pool:
                pool.submit(asyncio.run, _subscribe_at(source_url, "console:late")).result()
            writes.append(table)

    try:
        report: CopyReport = await copy_store(source_db, target_db, batch=2, progress=commit_meanwhile)
        assert writes == ["articles"] and not report.mismatches
        assert [c.key for c in await ChannelStore(target_db).all()] == ["console:desk", "console:main",
                                                                        "slack:C0FOLLOW"]
        assert "console:late" in [c.key for c in await ChannelStore(source_db).all()]
        counts = {t.table: t.target for t in report.tables}
        assert counts["channels"] == 3 and counts["subscriptions"] == 2
    finally:
        await target_db.close()
        await source_db.close()


async def test_a_running_bot_on_the_source_is_noted_and_the_copy_goes_on(
        dialect: str, source: Path, tmp_path: Path) -> None:
    source_url = await _source_of(dialect, source)
    bot_db = await Database.open(source_url)
    lock = RunLock(bot_db)
    await lock.acquire()
    try:
        result = await cli("store", "copy", "--db", source_url, "--to", str(tmp_path / "t.db"))
    finally:
        await lock.release()
        await bot_db.close()
    assert result.code == 0, result.err
    assert "note: a `briefbot run` is using the source; the copy is the store as of its start" in result.err


async def test_the_password_never_shows(source: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    unreachable = f"postgresql://briefbot:{PASSWORD}@127.0.0.1:1/briefbot"
    outputs = [await cli("store", "copy", "--db", str(source), "--to", unreachable),
               await cli("store", "copy", "--db", str(source), "--to", f"mysql://briefbot:{PASSWORD}@db.test/x"),
               await cli("store", "copy", "--db", unreachable, "--to", str(source.with_name("t.db")))]
    assert [o.code for o in outputs] == [3, 2, 3]  # unreachable: a store error; mysql://: a usage error (--to)
    assert "postgresql://briefbot:***@127.0.0.1:1/briefbot" in outputs[0].err, outputs[0].err
    assert "--to: expected a SQLite path" in outputs[1].err and "briefbot:***@db.test" in outputs[1].err
    if pg.server_answers():
        pg_url = with_password(await pg.fresh_database(PG_NAME))
        outputs += [await cli("store", "copy", "--db", str(source), "--to", pg_url),
                    await cli("store", "copy", "--db", str(source), "--to", pg_url)]  # refused: not empty now
        assert [o.code for o in outputs[3:]] == [0, 2]
        assert "postgres:***@127.0.0.1" in outputs[3].out
    for o in outputs:
        assert PASSWORD not in o.out + o.err
    assert PASSWORD not in caplog.text


async def test_a_failed_copy_removes_the_target_file_it_made(
        source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = copy_module._insert

    def failing(clause: sa.TableClause, rows: list[dict[str, Any]]) -> Any:
        if clause.name == "stories":
            raise sa.exc.OperationalError("INSERT INTO stories", {}, Exception("disk I/O error"))
        return real(clause, rows)

    monkeypatch.setattr(copy_module, "_insert", failing)
    target = tmp_path / "target.db"
    result = await cli("store", "copy", "--db", str(source), "--to", str(target))
    assert result.code == 1 and "the copy failed: at table stories: disk I/O error" in result.err, result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["source.db"]


async def test_a_failed_copy_into_postgresql_empties_it_again(source: Path) -> None:
    pg_url = await pg.fresh_database(PG_NAME)
    with closing(sqlite3.connect(source)) as conn:  # SQLite keeps what PostgreSQL's VARCHAR(16) refuses
        conn.execute("UPDATE sources SET kind = 'a-kind-far-longer-than-sixteen'")
        conn.commit()
    result = await cli("store", "copy", "--db", str(source), "--to", pg_url)
    assert result.code == 1, result.err
    assert ("the copy failed (the rows copied so far were deleted again): at table sources: "
            "value too long for type character varying(16)") in result.err, result.err
    db = await Database.open(pg_url, migrate=False)
    try:
        assert await occupied_tables(db) == []
    finally:
        await db.close()


async def test_big_tables_show_progress_a_batch_at_a_time(tmp_path: Path) -> None:
    small = tmp_path / "small.db"
    db = await Database.open(str(small))
    try:
        async with db.begin() as conn:  # 2,500 teaser pages waiting for a retry: two and a half batches
            await conn.execute(sa.text("INSERT INTO page_retries (article_id, failures, next_at) VALUES "
                                       "(:a, 1, '2026-11-21 08:00:00.000000')"),
                               [{"a": f"a{n:05d}"} for n in range(2500)])
    finally:
        await db.close()
    result = await cli("store", "copy", "--db", str(small), "--to", str(tmp_path / "copy.db"))
    assert result.code == 0, result.err
    assert [line for line in result.err.splitlines() if line.startswith("  ")] == [
        "  page_retries: 1,000 of 2,500 rows", "  page_retries: 2,000 of 2,500 rows",
        "  page_retries: 2,500 of 2,500 rows"]
    assert printed_counts(result.out)["page_retries"] == (2500, 2500)


def test_the_command_line_copies(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "cli.db"
    done = subprocess.run([sys.executable, "-m", "bot.cli", "store", "copy", "--db", str(source), "--to",
                           str(target)], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"Copying {source} to {target} ...")
    assert "Row counts match in all" in done.stdout and raw_rows(target) == raw_rows(source)
