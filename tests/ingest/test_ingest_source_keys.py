"""`briefbot ingest` keys a local file or folder by its resolved absolute path: the same file given relatively, by
its absolute path or from another working directory is one source, and its articles are stored once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.ingest.local_paths import source_key
from bot.store.db import Database
from bot.store.schema import articles, sources
from tests.cli_run import cli

BODY = ("The ferry company on the east shore said on Friday that it would add an early crossing on weekdays from "
        "the start of next month. \"Commuters have asked for it for two years,\" said operations manager Lena Brandt. "
        "The new crossing leaves at half past six and reaches the harbour before seven. Tickets cost the same as on "
        "the later boats, the company said, and season passes are valid on it.")

FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Shore Weekly</title><link>https://shore.example/</link>
<item><title>Early ferry added on weekdays</title><link>https://shore.example/news/early-ferry</link>
<guid>shore-1</guid><pubDate>Mon, 02 Nov 2026 08:00:00 GMT</pubDate><description>{BODY}</description></item>
<item><title>Harbour cafe reopens after repairs</title><guid>shore-2</guid>
<pubDate>Mon, 02 Nov 2026 09:00:00 GMT</pubDate><description>The harbour cafe opened again on Sunday after a month
of repairs to its roof, which storms had damaged in October. "We kept every table and every recipe," said owner Marta
Quist. The cafe now opens at seven, an hour earlier than before, so that passengers of the first ferry can have
breakfast before they cross. Its terrace stays closed until the spring.</description></item>
</channel></rss>
"""

NOTE = ("School bus route changes in the valley.\n\n"
        "The valley school bus will take the upper road from Monday while the bridge at the mill is repaired, the "
        "county said. \"Pupils will be picked up ten minutes earlier,\" said transport officer Jonas Ek. Parents "
        "received a letter with the new times this week. The repairs should take about six weeks, the county said, "
        "and the old route returns when the bridge reopens.\n")


def _stored(db: str) -> tuple[list[str], int]:
    async def read() -> tuple[list[str], int]:
        database = await Database.open(db)
        try:
            async with database.connect() as conn:
                keys = [str(k) for k in (await conn.execute(sa.select(sources.c.key).order_by(sources.c.key)))
                        .scalars()]
                count = (await conn.execute(sa.select(sa.func.count()).select_from(articles))).scalar_one()
            return keys, int(count)
        finally:
            await database.close()

    return asyncio.run(read())


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "work" / "news"
    folder.mkdir(parents=True)
    (folder / "shore.xml").write_text(FEED, encoding="utf-8")
    (folder / "bus.txt").write_text(NOTE, encoding="utf-8")
    return folder


def test_source_key_resolves_local_paths_only(news: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(news.parent)
    absolute = str(news.resolve() / "shore.xml")
    assert source_key("news/shore.xml") == absolute
    assert source_key("./news/../news/shore.xml") == absolute
    assert source_key("news") == str(news.resolve())
    assert source_key("https://shore.example/feed.xml") == "https://shore.example/feed.xml"
    assert source_key("news/missing.xml") == "news/missing.xml"  # its error names it as given
    assert source_key(" ") == " "


def test_one_file_by_two_spellings_is_one_source(news: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "store.db")
    monkeypatch.chdir(news.parent)
    code, out, err = cli(capsys, "ingest", "news/shore.xml", "--no-quotes", "--db", db)
    assert code == 0 and out.splitlines()[-1].startswith("2 added, 0 updated"), (out, err)
    keys, count = _stored(db)
    assert (keys, count) == ([str(news.resolve() / "shore.xml")], 2)
    code, out, _err = cli(capsys, "ingest", str(news / "shore.xml"), "--no-quotes", "--db", db)
    assert code == 0 and out.splitlines()[-1].startswith("0 added, 0 updated, 2 skipped"), out
    monkeypatch.chdir(news)  # another working directory, another spelling
    code, out, _err = cli(capsys, "ingest", "./shore.xml", "--no-quotes", "--db", db)
    assert code == 0 and out.splitlines()[-1].startswith("0 added, 0 updated, 2 skipped"), out
    assert _stored(db) == (keys, count)


def test_a_store_holding_relative_keys_gets_no_duplicates(news: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "store.db")
    monkeypatch.chdir(news.parent)
    with monkeypatch.context() as before:  # as an earlier briefbot stored them: the paths as typed
        before.setattr("bot.cli_core.source_key", lambda target: target)
        code, out, _err = cli(capsys, "ingest", "news/shore.xml", "news", "--no-quotes", "--db", db)
    assert code == 0
    keys, count = _stored(db)
    assert keys == ["news", "news/shore.xml"] and count == 3  # the feed's two items and the note, once each
    code, out, _err = cli(capsys, "ingest", str(news / "shore.xml"), str(news), "--no-quotes", "--db", db)
    assert code == 0 and out.splitlines()[-1].startswith("0 added, 0 updated"), out
    new_keys, new_count = _stored(db)
    assert new_count == count  # by URL (the linked item), by text (the unlinked item and the note)
    assert sorted(set(new_keys) - set(keys)) == [str(news.resolve()), str(news.resolve() / "shore.xml")]
