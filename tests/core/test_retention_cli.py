"""`briefbot prune [--keep-days N] [--dry-run] [--compact]`: prints what was (or would be) removed and how the
file shrank; time is injected."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.app import App
from bot.cli import build_parser, main
from bot.cli_retention import prune_job, run_prune
from bot.config import Config, DatabaseConfig
from bot.store.db import Database
from bot.store.run_lock import RunLock
from tests.core.retention_store import KEEP_DAYS, OLD_TEXTS, Built, build, table_counts
from tests.pg import fresh_database


@pytest.fixture
async def built(tmp_path: Path) -> Built:
    store = await build(f"sqlite:///{tmp_path}/store.db")
    await store.app.close()
    return store


async def prune_cli(store: Built, *args: str, keep_days: int = KEEP_DAYS) -> int:
    """Run the command in-process, with the test's clock and a config keeping ``keep_days``."""
    parsed = build_parser().parse_args(["prune", "--db", store.app.db_url, *args])
    assert parsed.run is run_prune
    app = App(config=replace(Config(), database=DatabaseConfig(keep_days=keep_days)), db_url=store.app.db_url,
              clock=store.clock)
    try:
        code: int = await parsed.run(parsed, app)
        return code
    finally:
        await app.close()


def counts_in(out: str) -> dict[str, int]:
    lines = [line.split() for line in out.splitlines()[1:] if line.startswith("  ")]
    return {" ".join(words[:-1]): int(words[-1]) for words in lines}


async def test_dry_run_prints_what_would_go_and_the_real_run_removes_it(
        built: Built, capsys: pytest.CaptureFixture[str]) -> None:
    before = await _counts(built)
    assert await prune_cli(built, "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.startswith("Would remove what is older than 2031-01-30 09:00 UTC (the last 30 days are kept):")
    would = counts_in(out)
    assert would["stories"] == len(OLD_TEXTS) - 1  # two of the old articles are one story
    assert would["articles"] == len(OLD_TEXTS) + 1  # and one old article never joined a story
    assert await _counts(built) == before
    assert await prune_cli(built) == 0
    out = capsys.readouterr().out
    assert out.startswith("Removed what is older than 2031-01-30 09:00 UTC") and counts_in(out) == would
    assert (await _counts(built))["articles"] == before["articles"] - would["articles"]


async def test_keep_days_from_the_command_line_beats_the_config(
        built: Built, capsys: pytest.CaptureFixture[str]) -> None:
    assert await prune_cli(built, "--keep-days", "365") == 0
    out = capsys.readouterr().out
    assert "(the last 365 days are kept)" in out and counts_in(out)["articles"] == 0
    assert await prune_cli(built, "--keep-days", "0") == 0
    assert capsys.readouterr().out.startswith("Retention is off")
    assert await prune_cli(built, keep_days=0) == 0
    assert capsys.readouterr().out.startswith("Retention is off")


async def _counts(store: Built) -> dict[str, int]:
    app = App(config=Config(), db_url=store.app.db_url)
    try:
        return await table_counts(await app.db())
    finally:
        await app.close()


def test_too_few_days_are_refused_naming_the_option_or_the_key(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    assert main(["prune", "--keep-days", "3", "--db", db]) == 2
    assert "--keep-days: expected 0 (keep everything) or at least 7, got 3" in capsys.readouterr().err
    config = tmp_path / "config.toml"
    config.write_text("[database]\nkeep_days = 3\n")
    assert main(["prune", "--config", str(config), "--db", db]) == 2
    assert "bad configuration: database.keep_days: expected 0 (keep everything) or at least 7" in (
        capsys.readouterr().err)
    assert not Path(db).exists()  # refused before the store was opened


def _pragmas(store: Built) -> dict[str, int]:
    """auto_vacuum mode and free pages of the SQLite file, read with the standard library."""
    path = store.app.db_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(path)) as conn:
        return {name: int(conn.execute(f"PRAGMA {name}").fetchone()[0])
                for name in ("auto_vacuum", "freelist_count", "page_count")}


async def test_a_prune_gives_the_freed_pages_back_to_the_file(
        built: Built, capsys: pytest.CaptureFixture[str]) -> None:
    before = _pragmas(built)
    assert before["auto_vacuum"] == 2  # a store this version creates is incremental
    assert await prune_cli(built) == 0
    out = capsys.readouterr().out
    after = _pragmas(built)
    assert after["freelist_count"] == 0 and after["page_count"] < before["page_count"]
    assert re.search(r"^Store file: \d+\.\d MB -> \d+\.\d MB$", out, re.M)


async def test_an_older_store_keeps_its_free_pages_until_compacted_once(
        built: Built, capsys: pytest.CaptureFixture[str]) -> None:
    path = built.app.db_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(path)) as conn:  # as stores made before incremental auto-vacuum are
        conn.execute("PRAGMA auto_vacuum=NONE")
        conn.execute("VACUUM")
    assert _pragmas(built)["auto_vacuum"] == 0
    assert await prune_cli(built) == 0
    assert "`briefbot prune --compact` makes it shrink" in capsys.readouterr().out
    kept = _pragmas(built)
    assert kept["freelist_count"] > 0
    assert await prune_cli(built, "--compact") == 0
    assert re.search(r"^Store file: .* \(rewritten\)$", capsys.readouterr().out, re.M)
    after = _pragmas(built)
    assert after["auto_vacuum"] == 2 and after["freelist_count"] == 0 and after["page_count"] < kept["page_count"]


async def test_the_daily_prune_job_compacts_too(built: Built) -> None:
    config = replace(Config(), database=DatabaseConfig(keep_days=KEEP_DAYS))
    db = await Database.open(built.app.db_url)
    try:
        job = prune_job(config, db)
        assert job is not None
        report = await job(built.clock())
    finally:
        await db.close()
    assert report.articles == len(OLD_TEXTS) + 1
    assert _pragmas(built)["freelist_count"] == 0


async def test_postgresql_has_nothing_to_compact() -> None:
    db = await Database.open(await fresh_database("briefbot_test_compact"))
    try:
        done = await db.compact(full=True)
    finally:
        await db.close()
    assert (done.how, done.bytes_before, done.bytes_after) == ("postgresql", 0, 0)


async def test_a_store_that_cannot_be_compacted_now_says_so_and_keeps_the_prune(
        built: Built, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    async def locked(_db: Database, *, full: bool = False) -> None:
        raise sa.exc.OperationalError("VACUUM", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(Database, "compact", locked)
    before = (await _counts(built))["articles"]
    assert await prune_cli(built, "--compact") == 1
    captured = capsys.readouterr()
    assert ("briefbot prune: the rows are removed, but the store could not be compacted: database is locked "
            "(stop `briefbot run` and try again)") in captured.err
    assert (await _counts(built))["articles"] == before - counts_in(captured.out)["articles"] < before


async def test_compact_refuses_a_store_a_running_bot_holds_and_prunes_nothing(
        built: Built, capsys: pytest.CaptureFixture[str]) -> None:
    running_db = await Database.open(built.app.db_url)
    running = RunLock(running_db)
    await running.acquire()  # a `briefbot run` serving this store
    try:
        before = await _counts(built)
        assert await prune_cli(built, "--compact") == 3  # README's exit 3: the store is in use
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.splitlines() == [
            "briefbot prune: --compact rewrites the whole file and a `briefbot run` is using this store: stop it "
            "first, or run `briefbot prune` without --compact (nothing was pruned)"]
        assert await _counts(built) == before
        assert await prune_cli(built, "--compact", "--dry-run") == 0  # counting rewrites nothing
        assert await prune_cli(built) == 0  # without --compact: pruned beside the bot, as before
        assert (await _counts(built))["articles"] < before["articles"]
    finally:
        await running.release()
        await running_db.close()
    capsys.readouterr()
    assert await prune_cli(built, "--compact") == 0  # the bot stopped: compacted
    assert re.search(r"^Store file: .* \(rewritten\)$", capsys.readouterr().out, re.M)
