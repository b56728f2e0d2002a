"""An ``ingest`` the store fails under part way: the source is recorded before its articles, the one error line says
what was saved and that the same ingest again completes it, and it does (stories built, source recorded). SQLite and
PostgreSQL. Every text here was written for these tests."""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import pytest
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_dbapi

from bot.store import articles as article_store
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.sources import SourceStore
from bot.store.stories import ProfileUpdate, StoryStore
from tests.cli_run import cli
from tests.pg import fresh_database

PLACES = ("Velmora", "Orrin", "Caddow", "Brisk Bay", "Tallow Ford")
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    for n, place in enumerate(PLACES):
        (folder / f"note{n}.txt").write_text(
            f"{place} library extends its hours\n\nThe library in {place} will open until nine from next month, the "
            f"town council said. Its reading room seats {20 + n} people.\n",
            encoding="utf-8",
        )
    return folder


def _locked_error() -> sa.exc.DBAPIError:
    """The error SQLite gives a writer while another process holds the write lock (made for real, no waiting)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "l.db"
        writer = sqlite3.connect(path, isolation_level=None)
        writer.execute("CREATE TABLE t (x)")
        writer.execute("BEGIN IMMEDIATE")
        other = sqlite3.connect(path, timeout=0)
        try:
            other.execute("INSERT INTO t VALUES (1)")
        except sqlite3.OperationalError as exc:
            return sa.exc.OperationalError("INSERT INTO stories", {}, exc)
        finally:
            other.close()
            writer.close()
    raise AssertionError("the write was not refused")


def _lost_connection() -> sa.exc.DBAPIError:
    """What SQLAlchemy raised when the auditor's PostgreSQL backend was ended mid-ingest."""
    words = "cannot switch to state 12; another operation (2) is in progress"
    driver = asyncpg.exceptions.InternalClientError(words)
    adapted = AsyncAdapt_asyncpg_dbapi.InternalClientError(words, driver)  # type: ignore[no-untyped-call]
    adapted.__cause__ = driver
    return sa.exc.InternalError("INSERT INTO stories (id) VALUES ($1::VARCHAR)", {}, adapted)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return asyncio.run(fresh_database("briefbot_test_ingest_stopped"))


def _outage(url: str) -> sa.exc.DBAPIError:
    return _lost_connection() if url.startswith("postgresql") else _locked_error()


async def _counts(url: str, folder: Path) -> tuple[int, int, int, bool]:
    """Articles, articles placed in a story, stories with a summary, and whether the folder is a source."""
    db = await Database.open(url if url.startswith("postgresql") else f"sqlite:///{url}")
    try:
        async with db.connect() as conn:
            stored = (await conn.execute(sa.text("SELECT COUNT(*) FROM articles"))).scalar()
            placed = (await conn.execute(sa.text("SELECT COUNT(*) FROM articles WHERE story_id IS NOT NULL"))).scalar()
            stories = (await conn.execute(sa.text("SELECT COUNT(*) FROM stories WHERE size > 0"))).scalar()
        source = await SourceStore(db).get(str(folder))
    finally:
        await db.close()
    return int(stored or 0), int(placed or 0), int(stories or 0), source is not None


def test_an_outage_before_the_stories_says_what_was_saved_and_the_same_ingest_completes_it(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    error = _outage(store_url)

    async def down(self: StoryStore, assignments: Mapping[str, str], profiles: Sequence[ProfileUpdate]) -> None:
        raise error

    with monkeypatch.context() as patch:
        patch.setattr(StoryStore, "place", down)
        code, _, err = cli(capsys, "ingest", str(folder), "--db", store_url, "--no-quotes")
    assert code == 3, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "cannot be used" in err
    assert f"ingest stopped: 5 new articles saved from {folder}; their stories are not all built yet" in err, err
    assert "run the same ingest again to complete it" in err
    assert asyncio.run(_counts(store_url, folder)) == (5, 0, 0, True)  # the source is recorded, so it is polled

    code, out, err = cli(capsys, "ingest", str(folder), "--db", store_url, "--no-quotes")
    assert code == 0, err
    assert "5 skipped" in out
    stored, placed, stories, recorded = asyncio.run(_counts(store_url, folder))
    assert (stored, placed, recorded) == (5, 5, True) and stories >= 1


def test_an_outage_mid_save_counts_the_chunks_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    store = tmp_path / "store.db"
    error = _locked_error()
    real = ArticleStore._save_chunk
    calls: list[int] = []

    async def third_fails(self: ArticleStore, conn: Any, chunk: Sequence[Any], now: datetime,
                         **kw: Any) -> Any:
        calls.append(len(chunk))
        if len(calls) == 3:
            raise error
        return await real(self, conn, chunk, now, **kw)

    with monkeypatch.context() as patch:
        patch.setattr(article_store, "SAVE_CHUNK", 2)
        patch.setattr(ArticleStore, "_save_chunk", third_fails)
        code, _, err = cli(capsys, "ingest", str(folder), "--db", str(store), "--no-quotes")
    assert code == 3, err
    assert f"ingest stopped: 4 new articles saved from {folder}; their stories are not all built yet" in err, err
    assert asyncio.run(_counts(str(store), folder))[:2] == (4, 0)
    code, _, err = cli(capsys, "ingest", str(folder), "--db", str(store), "--no-quotes")
    assert code == 0, err
    assert asyncio.run(_counts(str(store), folder))[1] == 5


async def test_the_source_row_is_written_with_the_retrying_transaction(tmp_path: Path) -> None:
    """A connection the server dropped mid-write (connection_invalidated) is retried for the source row too."""
    db = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    real_begin = db.begin
    dropped: list[bool] = []

    def begin_once_dropped() -> Any:
        if not dropped:
            dropped.append(True)
            raise sa.exc.OperationalError(
                "INSERT INTO sources", {}, OSError("connection reset"), connection_invalidated=True
            )
        return real_begin()

    db.begin = begin_once_dropped  # type: ignore[method-assign]
    try:
        await SourceStore(db).record_success(
            "https://velmora-news.test/feed",
            kind="feed",
            name="Velmora News",
            now=NOW,
            added=2,
            etag=None,
            last_modified=None,
        )
        state = await SourceStore(db).get("https://velmora-news.test/feed")
    finally:
        await db.close()
    assert dropped == [True]
    assert state is not None and state.articles == 2


async def _articles_counted(url: str, folder: Path) -> int | None:
    """What `briefbot sources` shows as the folder's article count."""
    db = await Database.open(url if url.startswith("postgresql") else f"sqlite:///{url}")
    try:
        state = await SourceStore(db).get(str(folder))
    finally:
        await db.close()
    return None if state is None else state.articles


def test_the_source_counts_the_articles_an_outage_left_saved(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Counted with each committed chunk, not when the source's read finishes: 4, then 5 after the same ingest."""
    folder = _folder(tmp_path)
    error = _outage(store_url)
    real = ArticleStore._save_chunk
    calls: list[int] = []

    async def down_from_the_third(self: ArticleStore, conn: Any, chunk: Sequence[Any], now: datetime,
                                 **kw: Any) -> Any:
        calls.append(len(chunk))
        if len(calls) >= 3:  # the store stays down, retried or not
            raise error
        return await real(self, conn, chunk, now, **kw)

    with monkeypatch.context() as patch:
        patch.setattr(article_store, "SAVE_CHUNK", 2)
        patch.setattr(ArticleStore, "_save_chunk", down_from_the_third)
        code, _, err = cli(capsys, "ingest", str(folder), "--db", store_url, "--no-quotes")
    assert code == 3, err
    assert asyncio.run(_counts(store_url, folder))[0] == 4
    assert asyncio.run(_articles_counted(store_url, folder)) == 4
    code, _, err = cli(capsys, "ingest", str(folder), "--db", store_url, "--no-quotes")
    assert code == 0, err
    assert asyncio.run(_articles_counted(store_url, folder)) == 5
    code, _, err = cli(capsys, "ingest", str(folder), "--db", store_url, "--no-quotes")  # nothing new: still 5
    assert code == 0, err
    assert asyncio.run(_articles_counted(store_url, folder)) == 5
