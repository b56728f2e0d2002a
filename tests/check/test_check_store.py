"""``briefbot check`` on the store: SQLite and PostgreSQL, current, behind, newer, missing or unreachable; it reads
the schema version and followed sources and never migrates or writes."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest
from check_harness import NOW, file_state, lines, wire_feed

from bot.cli import _run, parse_args
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from bot.store.sources import SourceStore
from tests.old_store import as_of
from tests.pg import fresh_database
from tests.polling.feedserver import FeedServer

LATEST = len(MIGRATIONS)
OLD = 12


async def check(tmp_path: Path, db: str, *args: str, toml: str = "") -> int:
    config = tmp_path / "briefbot.toml"
    config.write_text(toml, encoding="utf-8")
    return await _run(parse_args(["check", "--config", str(config), "--db", db, *args]))


def store_path(tmp_path: Path, name: str) -> Path:
    """A store's path in a folder of its own: the folder's files are compared before and after."""
    folder = tmp_path / "store"
    folder.mkdir(exist_ok=True)
    return folder / name


async def make_store(url: str, *, version: int = LATEST, follows: str = "") -> None:
    """A store as briefbot ``version`` left it, following ``follows`` when given."""
    with pytest.MonkeyPatch.context() as patch:
        as_of(patch, version)
        db = await Database.open(url)
        try:
            if follows:
                await SourceStore(db).ensure(follows, kind="feed", now=NOW)
        finally:
            await db.close()


async def version_of(url: str) -> int:
    db = await Database.open(url, migrate=False)
    try:
        return await db.schema_version()
    finally:
        await db.close()


async def test_a_sqlite_store_behind_would_be_upgraded_and_is_left_as_it_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = store_path(tmp_path, "old.db")
    await make_store(f"sqlite:///{path}", version=OLD)
    before = file_state(path)
    code = await check(tmp_path, str(path), "--offline")
    status, detail = lines(capsys.readouterr().out)["store"]
    assert code == 0
    assert status == "warn" and f"would be upgraded from v{OLD} to v{LATEST} by `briefbot run`" in detail
    assert file_state(path) == before
    assert await version_of(f"sqlite:///{path}") == OLD


async def test_a_store_newer_than_this_briefbot_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = store_path(tmp_path, "newer.db")
    await make_store(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version (version) VALUES (?)", (LATEST + 5,))
    conn.close()
    code = await check(tmp_path, str(path), "--offline")
    status, detail = lines(capsys.readouterr().out)["store"]
    assert code == 1
    assert status == "fail" and f"schema v{LATEST + 5} is newer than this briefbot understands" in detail


async def test_a_missing_sqlite_store_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "not-yet" / "briefbot.db"
    code = await check(tmp_path, f"sqlite:///{path}", "--offline")
    status, detail = lines(capsys.readouterr().out)["store"]
    assert code == 0
    assert status == "warn" and "`briefbot run` will create it" in detail
    assert not path.parent.exists()


async def test_a_file_that_is_no_database_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = store_path(tmp_path, "notes.db")
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    before = file_state(path)
    code = await check(tmp_path, str(path), "--offline")
    status, detail = lines(capsys.readouterr().out)["store"]
    assert code == 1
    assert status == "fail" and detail.startswith(f"cannot open the store at {path}: ") and "not a database" in detail
    assert file_state(path) == before


async def test_a_store_url_of_another_kind_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = await check(tmp_path, "mysql://db.example/briefbot", "--offline")
    status, detail = lines(capsys.readouterr().out)["store"]
    assert code == 1
    assert status == "fail" and detail == ("--db: expected a SQLite path, a sqlite:/// URL or a postgresql:// URL, "
                                           "got 'mysql://db.example/briefbot'")


@pytest.mark.postgres
async def test_postgresql_names_its_server_version_and_its_followed_sources_are_fetched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = await fresh_database("briefbot_check")
    feeds = await FeedServer(hosts=1).start()
    try:
        followed = feeds.add(0, "harbour.xml", wire_feed())
        await make_store(url, follows=followed)
        code = await check(tmp_path, url, toml="[ingest]\nallow_private_networks = true\n")
    finally:
        await feeds.close()
    found = lines(capsys.readouterr().out)
    assert code == 0
    status, detail = found["store"]
    assert status == "ok" and "(PostgreSQL " in detail and f"schema v{LATEST} (current)" in detail
    assert found[f"source {followed}"] == ("ok", "feed 'harbour.xml': 2 articles (HTTP 200)")


@pytest.mark.postgres
async def test_a_postgresql_store_behind_is_not_migrated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = await fresh_database("briefbot_check")
    await make_store(url, version=OLD)
    code = await check(tmp_path, url, "--offline")
    status, detail = lines(capsys.readouterr().out)["store"]
    assert code == 0
    assert status == "warn" and f"would be upgraded from v{OLD} to v{LATEST}" in detail
    assert await version_of(url) == OLD


async def test_an_unreachable_postgresql_fails_and_hides_the_password(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    port = closed_port()
    code = await check(tmp_path, f"postgresql://briefbot:hunter2secret@127.0.0.1:{port}/briefbot", "--offline")
    out = capsys.readouterr().out
    status, detail = lines(out)["store"]
    assert code == 1
    assert status == "fail" and f"cannot open the store at postgresql://briefbot:***@127.0.0.1:{port}/" in detail
    assert "hunter2secret" not in out


def closed_port() -> int:
    """A port on 127.0.0.1 that was free a moment ago (bound, then closed): a connection to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
