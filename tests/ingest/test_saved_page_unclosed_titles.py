"""A saved page's <title> is read once: a page of unclosed "<title>" tags (hostile, or cut short) names its outlet by
its file name at once; one pattern spanning the tag and its end tried every such tag to the end of the page, so a
160 KB page took about a minute (3,000 tags here took about a second that way)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.config import IngestConfig
from bot.ingest.files import read_file

NOW = datetime(2026, 3, 1, tzinfo=UTC)
_TEXT = ("<p>Work on the old quay wall in Harnby began on Monday, the harbour board said, after a winter of storms "
         "loosened its stones.</p><p>The repairs will close the northern footpath for six weeks, said harbour master "
         "Ilse Varno.</p>")


def _outlet(tmp_path: Path, head: str, tail: str = "") -> str:
    page = tmp_path / "harnby-quay.html"
    page.write_text(f"<html><head>{head}</head><body>{_TEXT}{tail}</body></html>", encoding="utf-8")
    outcome = read_file(page, config=IngestConfig(), now=NOW)
    [article] = outcome.articles
    return article.outlet


def test_unclosed_title_tags_leave_the_file_name(tmp_path: Path) -> None:
    assert _outlet(tmp_path, "", "<title>x" * 3000) == "harnby-quay"


def test_the_first_closed_title_still_names_the_outlet(tmp_path: Path) -> None:
    head = '<title lang="en">Quay wall repairs | Harnby &amp; District News</title>'
    assert _outlet(tmp_path, head, "<svg><title>Map</title></svg>") == "Harnby & District News"
    assert _outlet(tmp_path, "<titlebar>Quay | Not A Title</titlebar>") == "harnby-quay"
