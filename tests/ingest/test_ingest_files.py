"""Local files and folders through read_source: every kind of file, every kind of bad file."""

from __future__ import annotations

import asyncio
import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import IngestConfig
from bot.ingest.sources import read_source

NOW = datetime(2025, 3, 1, tzinfo=UTC)
CONFIG = IngestConfig()
JUNK_WORDS = ("Also read", "Ads by", "Shutterstock", "Others are reading now", "Homepage")

GOOD = {
    "note.txt": "Bakery wins award\nBy Tom Hale\nSource: The Crumb Courier\n\nThe corner bakery won the "
                "regional bread award on Sunday.\n\nPhoto: Shutterstock\n\nThe owner said she was delighted.\n",
    "story.md": "# Canal cleaned\n\n![boats](b.png)\n\nVolunteers pulled **two tonnes** of rubbish from the "
                "[canal](https://c.example) at the weekend.\n\n## Next steps\n\nA second clean-up is planned.\n",
    "page.html": "<html><head><title>Choir tours Wales</title><meta property='og:site_name' content='Song Weekly'>"
                 "</head><body><article><p>The town choir will tour Wales in the summer, its director said "
                 "this week.</p><p>Tickets go on sale in April for all six concerts.</p></article></body></html>",
    "records.json": json.dumps([{"title": "Road resurfaced", "text": "The high street was resurfaced overnight.",
                                 "outlet": "Street Desk", "published": "2025-02-01T10:00:00Z",
                                 "url": "https://street.example/road"}]),
    "more.jsonl": json.dumps({"title": "Lamp posts", "body": "New lamp posts were fitted along the river.",
                              "source": "Lamp Times"}) + "\n",
    "feed.rss": "<rss version='2.0'><channel><title>Parish Post</title><item><title>Bells restored</title>"
                "<description>The church bells rang again after restoration.</description></item></channel></rss>",
    "sub/undated.txt": "Allotments open\n\nThe new allotments opened to residents.\n",
}
BAD = {
    "empty.txt": (b"", "empty file"),
    "binary.txt": (bytes(range(256)) * 8, "binary data, not text"),
    "legacy.xml": (b"<?xml version='1.0' encoding='x-no-such-charset'?><rss>\xff\x81</rss>",
                   "unknown encoding 'x-no-such-charset' declared"),
    "broken.xml": (b"<rss version='2.0'><channel><title>Oops</title></chan", "malformed XML"),
    "laughs.xml": (b"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]>"
                   b"<rss><channel><title>&b;</title></channel></rss>", "refused: the XML declares entities"),
    "broken.json": (b'{"title": "x", "text": ', "malformed JSON"),
    "nothing.html": (b"<html><body><nav>Home</nav></body></html>", "no article text"),
    "slides.pdf": (b"%PDF-1.4 ...", "unsupported file type '.pdf'"),
    "notext.json": (b'{"title": "Only a title"}', "no text field"),
}


def _write(folder: Path) -> None:
    for name, text in GOOD.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    for name, (data, _) in BAD.items():
        (folder / name).write_bytes(data)
    (folder / ".hidden.txt").write_text("Hidden\n\nNever read.\n")


async def test_folder_reads_every_good_file_and_names_every_bad_one(tmp_path: Path) -> None:
    _write(tmp_path)
    result = await read_source(str(tmp_path), fetcher=None, config=CONFIG, now=NOW)
    assert result.kind == "folder" and result.error is None
    titles = {a.title: a for a in result.articles}
    assert set(titles) == {"Bakery wins award", "Canal cleaned", "Choir tours Wales", "Road resurfaced",
                           "Lamp posts", "Bells restored", "Allotments open"}
    by_input = {Path(p.input).name: p.reason for p in result.problems}
    assert len(result.problems) == len(BAD)
    for name, (_, reason) in BAD.items():
        assert reason in by_input[name], (name, by_input[name])
    note = titles["Bakery wins award"]
    assert (note.outlet, note.author) == ("The Crumb Courier", "Tom Hale")
    assert note.text == "The corner bakery won the regional bread award on Sunday.\n\nThe owner said she was delighted."
    assert titles["Canal cleaned"].text.startswith("Volunteers pulled two tonnes of rubbish from the canal at")
    assert "Next steps" not in titles["Canal cleaned"].text
    assert titles["Choir tours Wales"].outlet == "Song Weekly"
    assert titles["Road resurfaced"].published == datetime(2025, 2, 1, 10, tzinfo=UTC)
    assert titles["Road resurfaced"].url == "https://street.example/road"
    assert titles["Bells restored"].outlet == "Parish Post"
    assert titles["Allotments open"].published is None and titles["Allotments open"].outlet == "undated"
    for article in result.articles:
        assert article.fetched == NOW and article.source.startswith(str(tmp_path))
        assert all(article.text[s.start:s.end] == s.text for s in article.sentences)


@pytest.mark.parametrize("name", sorted(BAD))
async def test_a_single_bad_file_is_one_clear_error(tmp_path: Path, name: str) -> None:
    data, reason = BAD[name]
    path = tmp_path / name
    path.write_bytes(data)
    result = await read_source(str(path), fetcher=None, config=CONFIG, now=NOW)
    assert result.articles == ()
    assert result.error is not None and result.error.startswith(f"{path}: ") and reason in result.error
    assert "\n" not in result.error


async def test_missing_path_and_oversized_file(tmp_path: Path) -> None:
    missing = await read_source(str(tmp_path / "nope.txt"), fetcher=None, config=CONFIG, now=NOW)
    assert missing.error == f"{tmp_path / 'nope.txt'}: no such file or folder"
    big = tmp_path / "big.txt"
    big.write_text("Big\n\n" + "A sentence. " * 2000)
    small = IngestConfig(max_bytes=10_000)
    result = await read_source(str(big), fetcher=None, config=small, now=NOW)
    assert result.error == f"{big}: file too large (24005 bytes; the limit is 10000, the ingest.max_bytes setting)"


async def test_the_real_seeds_make_two_clean_articles(shared_dir: Path) -> None:
    result = await read_source(str(shared_dir / "seeds"), fetcher=None, config=CONFIG, now=NOW)
    assert result.error is None and result.problems == ()
    assert len(result.articles) == 2
    first, second = sorted(result.articles, key=lambda a: a.source)
    assert first.title == "Russia demands formal NATO-guarantees, including nullifying 2008-decision"
    assert second.title.startswith("NATO Denies Talks on Russia")
    for article in result.articles:
        assert article.language == "en" and article.published is None and len(article.id) == 16
        for junk in JUNK_WORDS:
            assert junk not in article.text
        assert len(article.sentences) >= 10
    assert any("Rutte said" in s.text and "no veto" in s.text for s in first.sentences)
    again = await read_source(str(shared_dir / "seeds"), fetcher=None, config=CONFIG, now=NOW)
    assert [a.id for a in again.articles] == [a.id for a in result.articles]  # stable ids


@settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", ".xml"]))
def test_random_file_bytes_never_raise(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        result = asyncio.run(read_source(str(path), fetcher=None, config=CONFIG, now=NOW))
    assert result.articles or result.error or result.problems
    for line in [result.error or ""] + [p.reason for p in result.problems]:
        assert "\n" not in line
