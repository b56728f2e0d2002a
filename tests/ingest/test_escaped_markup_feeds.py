"""Feed titles and descriptions whose markup is escaped once too often (``&amp;lt;p&amp;gt;``, ``&amp;amp;``), or
given in CDATA, come out as clean text: no tags, no entities left."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.normalise import build_all

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
BODY = "The council met on Monday &amp; voted to reopen the harbour after the storm."


def _read(title: str, description: str) -> tuple[str, str]:
    data = (f"<rss version='2.0'><channel><title>Harbour Gazette</title><item><title>{title}</title>"
            f"<link>https://gazette.example/a</link><description>{description}</description></item>"
            "</channel></rss>").encode()
    [article], problems = build_all(parse_feed(data).entries, source="s", input_name="s", now=NOW,
                                    config=IngestConfig())
    assert not problems
    return article.title, article.text


@pytest.mark.parametrize("description", [
    f"&amp;lt;p&amp;gt;{BODY.replace('&amp;', '&amp;amp;')}&amp;lt;/p&amp;gt;&amp;lt;p&amp;gt;Boats sail at "
    "noon.&amp;lt;/p&amp;gt;",  # escaped twice
    f"&lt;p&gt;{BODY.replace('&amp;', '&amp;amp;')}&lt;/p&gt;&lt;p&gt;Boats sail at noon.&lt;/p&gt;",  # escaped once
    f"<![CDATA[<p>{BODY}</p><p>Boats sail at <b>noon</b>.</p>]]>",
])
def test_descriptions_come_out_as_clean_text(description: str) -> None:
    assert _read("Harbour reopens", description)[1] == (
        "The council met on Monday & voted to reopen the harbour after the storm.\n\nBoats sail at noon.")


@pytest.mark.parametrize("title", [
    "Harbour &amp;amp; docks &amp;lt;b&amp;gt;reopen&amp;lt;/b&amp;gt;",
    "Harbour &amp;amp; docks &lt;b&gt;reopen&lt;/b&gt;",
    "<![CDATA[Harbour &amp; docks <b>reopen</b>]]>",
])
def test_titles_come_out_as_clean_text(title: str) -> None:
    assert _read(title, BODY)[0] == "Harbour & docks reopen"


def _read_json(item: dict[str, str]) -> str:
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "Harbour Gazette",
           "items": [{"id": "1", "url": "https://gazette.example/a", "title": "Harbour reopens", **item}]}
    [article], problems = build_all(parse_feed(json.dumps(doc).encode()).entries, source="s", input_name="s",
                                    now=NOW, config=IngestConfig())
    assert not problems
    return article.text


@pytest.mark.parametrize("field", ["content_html", "summary"])
@pytest.mark.parametrize("html", [
    f"&lt;p&gt;{BODY.replace('&amp;', '&amp;amp;')}&lt;/p&gt;&lt;p&gt;Boats sail at noon.&lt;/p&gt;",  # escaped twice
    f"<p>{BODY}</p><p>Boats sail at <b>noon</b>.</p>",  # as JSON Feed means it
])
def test_json_feed_html_comes_out_as_clean_text(field: str, html: str) -> None:
    """A JSON Feed's content_html (or summary) escaped once too often is read again, as an RSS description is."""
    assert _read_json({field: html}) == (
        "The council met on Monday & voted to reopen the harbour after the storm.\n\nBoats sail at noon.")


def test_json_feed_titles_and_names_lose_their_character_references() -> None:
    """JSON Feed titles are plain text, but WordPress writes them with its entities (&#8217;, &amp;): those are read;
    an ampersand that starts no reference (AT&T, R&D) stays."""
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "Velmora &amp; Coast Ledger", "items": [
        {"id": "1", "url": "https://gazette.example/a", "title": "Velmora&#8217;s AT&T &amp; R&D deal &#x2014; signed",
         "content_html": "<p>The council signed the deal on Monday.</p>",
         "authors": [{"name": "Ren&eacute;e Oakes"}]}]}
    [article], problems = build_all(parse_feed(json.dumps(doc).encode()).entries, source="s", input_name="s",
                                    now=NOW, config=IngestConfig())
    assert problems == []
    assert (article.title, article.outlet, article.author) == (
        "Velmora’s AT&T & R&D deal — signed", "Velmora & Coast Ledger", "Renée Oakes")
