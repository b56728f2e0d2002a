"""Hostile local inputs through a real ingest into a real store: a file name that is not UTF-8, a JSON Feed with lone
surrogate escapes, broken and looping symbolic links, a named pipe, an unreadable file, a binary file named .txt.
Each is named in one line, the other inputs are all stored, and the store passes its integrity check."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from benchmarks.reliability_kills import check_store
from bot.config import Config
from bot.ingest.normalise import storable
from bot.ingest.sources import read_source
from bot.models import Article, SummarySentence
from bot.pipeline import IngestReport, Pipeline
from bot.store.db import Database
from tests import pg

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
ODD_NAME = b"caf\xe9 notes.txt"  # Latin-1 bytes: not UTF-8, so Python reads the name with a lone surrogate
JSON_SURROGATES = ('{"version": "https://jsonfeed.org/version/1.1", "title": "Quay \\ud800 Post", "items": ['
                   '{"id": "q1", "title": "Lone \\udce9 escape", "content_text": "The quay \\ud83d was painted."}]}')


class _FirstSentences:
    def summarise(self, articles: list[Article], sentences: int) -> tuple[SummarySentence, ...]:
        first = articles[0].sentences[0]
        return (SummarySentence(first.text, articles[0].id, 0, first.start, first.end),)


def _story(title: str, town: str) -> str:
    return f"{title}\n\nThe {town} council met on Tuesday and agreed a new plan for the market square.\n"


def _hostile_folder(root: Path) -> Path:
    folder = root / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(_story("Square plan agreed", "Dunmore"))
    with open(os.fsencode(folder) + b"/" + ODD_NAME, "wb") as odd:
        odd.write(_story("Cafe gets a terrace", "Ellon").encode())
    (folder / "quay.json").write_text(JSON_SURROGATES)
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    os.mkfifo(folder / "pipe.txt")
    return folder


@pytest.fixture(params=["sqlite", "postgresql"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'store.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_hostile_files"))
    db = await Database.open(url)
    try:
        yield db
    finally:
        await db.close()


async def _ingest(db: Database, targets: list[str]) -> IngestReport:
    pipeline = Pipeline(db, Config(), lambda: NOW, _FirstSentences())
    return await pipeline.ingest(targets, None)


async def test_a_hostile_folder_and_odd_names_are_named_and_the_rest_is_stored(store: Database,
                                                                               tmp_path: Path) -> None:
    """Before: the name that is not UTF-8 (and the JSON surrogates) failed the store write with a UnicodeEncodeError
    that ended the whole run, the files after it never read."""
    folder = _hostile_folder(tmp_path)
    odd = os.fsdecode(os.fsencode(folder) + b"/" + ODD_NAME)
    later = tmp_path / "later.txt"
    later.write_text(_story("Bridge repainted", "Fyvie"))
    report = await _ingest(store, [str(folder), odd, str(later)])
    errors = {Path(p.input).name: p.reason for p in report.problems}
    assert errors == {
        "binary.txt": "binary data, not text",
        "dangling.txt": f"a broken symbolic link: its target {folder / 'gone.txt'} does not exist",
        "loop-a.txt": f"a symbolic link loop (via {folder / 'loop-b.txt'}): not read",
        "loop-b.txt": f"a symbolic link loop (via {folder / 'loop-a.txt'}): not read",
        "pipe.txt": "not a regular file (a pipe, device or socket): not read",
    }
    assert report.added == 4  # good.txt, the odd name, quay.json's item, later.txt; the odd name again: a duplicate
    titles = {line.split("  ", 1)[1].strip() for line in report.lines if line.startswith("added")}
    assert "Lone \\xe9 escape (Quay \ufffd Post)" in titles and "Cafe gets a terrace (caf\\xe9 notes)" in titles
    keys = {s.key for s in await Pipeline(store, Config(), lambda: NOW, _FirstSentences()).sources.list()}
    assert storable(odd) in keys and str(later) in keys and storable(odd).endswith("caf\\xe9 notes.txt")


async def test_the_store_is_whole_after_the_hostile_folder(tmp_path: Path) -> None:
    db_path = tmp_path / "store.db"
    db = await Database.open(f"sqlite:///{db_path}")
    try:
        report = await _ingest(db, [str(_hostile_folder(tmp_path))])
    finally:
        await db.close()
    assert report.added == 3
    check = check_store(db_path)
    assert check.integrity_ok and check.articles == 3 and check.half_written == 0 and check.fts_mismatch == 0
    assert check.unclustered == 0 and check.dangling == 0


async def test_an_unreadable_file_is_one_line_and_a_pipe_given_by_name_is_never_opened(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(_story("Locked away", "Gask"))

    def refuse(self: Path) -> bytes:  # tests run as root here, where chmod 000 still reads
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = await read_source(str(locked), fetcher=None, config=Config().ingest, now=NOW)
    assert result.error == f"{locked}: cannot read: Permission denied"
    os.mkfifo(tmp_path / "pipe.txt")
    piped = await read_source(str(tmp_path / "pipe.txt"), fetcher=None, config=Config().ingest, now=NOW)
    assert piped.error == f"{tmp_path / 'pipe.txt'}: not a regular file or folder (a pipe, device or socket): not read"


def test_storable_keeps_ordinary_text_and_makes_the_rest_visible() -> None:
    assert storable("Zoë's café, 東京") == "Zoë's café, 東京"
    assert storable("caf\udce9 \ud800 a\x00b") == "caf\\xe9 \ufffd ab"
    with sqlite3.connect(":memory:") as conn:
        conn.execute("SELECT ?", (storable("caf\udce9\ud800"),)).fetchone()  # would raise UnicodeEncodeError
