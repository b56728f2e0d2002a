"""A saved page with a canonical link is named by its site name or the end of its <title>, as one without is, so one
outlet reads the same whether its story came by feed or as a saved page; its host only when neither names it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.config import IngestConfig
from bot.ingest.files import read_file

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
BODY = """<article><h1>Quay wall repairs start in Lindholt</h1>
<p>Work on the old quay wall in Lindholt began on Monday, the harbour board said, after a winter of storms loosened
its stones.</p>
<p>"We expect the wall to be safe again before the summer ferries start," said harbour master Edda Vinter.</p>
<p>The repairs will close the northern footpath for six weeks, and boats will moor at the eastern pier while the
divers work.</p>
</article>"""
CANONICAL = '<link rel="canonical" href="https://www.lindholt-courier.test/2026/03/quay-wall">'


def _outlet(tmp_path: Path, head: str) -> str:
    page = tmp_path / "quay.html"
    page.write_text(f"<html><head>{head}</head><body>{BODY}</body></html>", encoding="utf-8")
    [article] = read_file(page, config=IngestConfig(), now=NOW).articles
    assert article.url.startswith("https://lindholt-courier.test/")
    return article.outlet


def test_the_title_suffix_before_the_host(tmp_path: Path) -> None:
    head = "<title>Quay wall repairs start in Lindholt | Lindholt Courier</title>" + CANONICAL
    assert _outlet(tmp_path, head) == "Lindholt Courier"


def test_the_site_name_first(tmp_path: Path) -> None:
    head = ("<title>Quay wall repairs start in Lindholt | Courier</title>"
            '<meta property="og:site_name" content="The Lindholt Courier">' + CANONICAL)
    assert _outlet(tmp_path, head) == "The Lindholt Courier"


def test_else_the_host(tmp_path: Path) -> None:
    assert _outlet(tmp_path, "<title>Quay wall repairs start in Lindholt</title>" + CANONICAL) == \
        "lindholt-courier.test"
