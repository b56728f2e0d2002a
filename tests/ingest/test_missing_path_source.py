"""A mistyped path given to `briefbot ingest` is an error of that run and never a source that polling retries for
good; a source read before whose file was deleted stays a source, with a clear message; a URL whose first read fails
is not made one either (tests/core/test_sources_add_refused.py)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import Config
from bot.nlp.summarise import default_summariser
from bot.pipeline import Pipeline, missing_local_path
from bot.store.db import Database
from bot.store.sources import SourceState, SourceStore
from tests.cli_run import cli

NOTE = ("Library hours change in Vellmark.\n\n"
        "The town library of Vellmark will open at nine instead of ten from next month, the council said on Tuesday. "
        "\"Students asked for quiet mornings before their lectures,\" said librarian Odile Ranft. The reading room "
        "keeps its evening hours, and the children's corner opens at the same time as the rest of the building.\n")


def stored_sources(db: Path) -> list[SourceState]:
    async def read() -> list[SourceState]:
        database = await Database.open(str(db))
        try:
            return await SourceStore(database).list()
        finally:
            await database.close()

    return asyncio.run(read())


def test_a_missing_path_is_an_error_and_not_a_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "a.db"
    missing = tmp_path / "nowhere" / "x.txt"
    code, out, _ = cli(capsys, "ingest", str(missing), "--db", str(db))
    assert code == 1
    assert f"error    {missing}: no such file or folder (not added as a source)" in out
    assert stored_sources(db) == []
    code, out, _ = cli(capsys, "sources", "--db", str(db))
    assert (code, out.strip()) == (0, "No sources yet. Add some with: briefbot ingest PATH_OR_URL")


def test_a_missing_path_beside_a_good_one_leaves_only_the_good_one(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "a.db"
    good = tmp_path / "library.txt"
    good.write_text(NOTE, encoding="utf-8")
    code, out, _ = cli(capsys, "ingest", str(tmp_path / "libary.txt"), str(good), "--no-quotes", "--db", str(db))
    assert code == 0  # partial success
    assert "(not added as a source)" in out
    assert [s.key for s in stored_sources(db)] == [str(good)]


def test_a_source_whose_file_was_deleted_stays_with_a_clear_message(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "a.db"
    note = tmp_path / "library.txt"
    note.write_text(NOTE, encoding="utf-8")
    assert cli(capsys, "ingest", str(note), "--no-quotes", "--db", str(db))[0] == 0
    note.unlink()
    code, out, _ = cli(capsys, "ingest", str(note), "--no-quotes", "--db", str(db))
    assert code == 1
    assert f"error    {note}: no such file or folder (a source since " in out
    assert "kept, and `briefbot sources` shows it failing until it is back)" in out
    [state] = stored_sources(db)
    assert (state.key, state.failures, state.articles) == (str(note), 1, 1)
    assert state.last_error == f"{note}: no such file or folder"


def test_a_url_whose_first_read_fails_is_not_made_a_source(tmp_path: Path) -> None:
    async def run() -> list[SourceState]:
        database = await Database.open(str(tmp_path / "a.db"))
        try:
            clock = lambda: datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # noqa: E731
            pipeline = Pipeline(database, Config(), clock, default_summariser())
            report = await pipeline.ingest(["https://wire.example/feed.xml"], None)
            assert [p.input for p in report.problems] == ["https://wire.example/feed.xml"]
            assert report.lines[0].endswith("(not added as a source)"), report.lines
            return await SourceStore(database).list()
        finally:
            await database.close()

    assert asyncio.run(run()) == []


def test_what_counts_as_a_missing_path(tmp_path: Path) -> None:
    (tmp_path / "here.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "dangling").symlink_to(tmp_path / "gone.txt")
    assert missing_local_path(str(tmp_path / "gone.txt"))
    assert missing_local_path(str(tmp_path / "dangling"))  # a link to nothing: nothing to read either
    assert not missing_local_path(str(tmp_path / "here.txt"))
    assert not missing_local_path(str(tmp_path))
    assert not missing_local_path("https://wire.example/none.xml")
    assert not missing_local_path("ftp://wire.example/none.xml")
