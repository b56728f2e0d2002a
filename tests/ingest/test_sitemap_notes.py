"""A news sitemap's lines about the whole read (only its newest entries read, entries skipped as not news or without
an address) are warnings, as a long feed's are: the sitemap was read, so they are no errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config import IngestConfig
from bot.ingest.feeds import MAX_ENTRIES, parse_feed
from bot.ingest.files import read_file

_START = datetime(2026, 5, 2, 6, 0, tzinfo=UTC)
_NS = ('xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
       'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')


def _news(n: int) -> str:
    return (f"<url><loc>https://quillby.example/story/{n}</loc><news:news><news:publication>"
            "<news:name>Quillby Post</news:name><news:language>en</news:language></news:publication>"
            f"<news:publication_date>{(_START + timedelta(hours=n)).isoformat()}</news:publication_date>"
            f"<news:title>Quillby ferry timetable change {n}</news:title></news:news></url>")


def _sitemap(count: int) -> bytes:
    plain = "<url><loc>https://quillby.example/about</loc></url>"
    relative = ("<url><loc>/story/late</loc><news:news><news:publication><news:name>Quillby Post</news:name>"
                "</news:publication><news:publication_date>2026-05-01</news:publication_date>"
                "<news:title>Quillby late notice</news:title></news:news></url>")
    return f"<urlset {_NS}>{plain}{relative}{''.join(_news(n) for n in range(count))}</urlset>".encode()


_NOTES = ("1 entry without <news:news> (no headline or date) skipped",
          "1 news entry whose <loc> is not a full http(s) address skipped",
          f"sitemap has 600 news entries; only the newest {MAX_ENTRIES} were read")


def test_a_long_sitemap_with_skipped_entries_is_read_with_warnings_not_errors() -> None:
    feed = parse_feed(_sitemap(600))
    assert len(feed.entries) == MAX_ENTRIES
    assert feed.entries[0].title == "Quillby ferry timetable change 599"
    assert feed.problems == ()
    assert feed.notes == _NOTES


def test_a_sitemap_file_tells_its_lines_as_kept_notes(tmp_path: Path) -> None:
    path = tmp_path / "quillby-news.xml"
    path.write_bytes(_sitemap(600))
    outcome = read_file(path, config=IngestConfig(), now=datetime(2026, 6, 1, tzinfo=UTC))
    told = [(p.reason, p.kept) for p in outcome.problems if p.reason in _NOTES]
    assert told == [(note, True) for note in _NOTES]
