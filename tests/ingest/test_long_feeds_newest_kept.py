"""A feed of more than 500 entries is read (a warning, not an error), keeping its newest 500 by date when every entry
is dated (a feed listed oldest first still yields its latest items), else its first 500 in file order."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.ingest.feeds import MAX_ENTRIES, parse_feed

_START = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)


def _rss(count: int, *, dated: bool = True) -> bytes:
    items = "".join(
        f"<item><title>Orlen tide note {n}</title><link>http://orlen.example/tide/{n}</link>"
        + (f"<pubDate>{(_START + timedelta(hours=n)).strftime('%a, %d %b %Y %H:%M:%S GMT')}</pubDate>" if dated else "")
        + f"<description>The tide at Orlen quay stood high for the {n}th time, the pilots said.</description></item>"
        for n in range(count)  # oldest first
    )
    return f'<rss version="2.0"><channel><title>Orlen Tides</title>{items}</channel></rss>'.encode()


def _json_feed(count: int) -> bytes:
    items = [
        {
            "id": f"orlen-{n}",
            "url": f"http://orlen.example/tide/{n}",
            "title": f"Orlen tide note {n}",
            "content_text": f"The tide at Orlen quay stood high for the {n}th time, the pilots said.",
            "date_published": (_START + timedelta(hours=n)).isoformat(),
        }
        for n in range(count)
    ]
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "Orlen Tides", "items": items}
    return json.dumps(doc).encode()


def test_a_long_dated_rss_feed_keeps_its_newest_entries_with_a_warning() -> None:
    feed = parse_feed(_rss(600))
    assert [e.title for e in feed.entries] == [f"Orlen tide note {n}" for n in range(100, 600)]
    assert feed.problems == ()
    assert feed.notes == (f"feed has 600 entries; only the newest {MAX_ENTRIES} (by date) were read",)


def test_a_long_undated_feed_keeps_its_first_entries_with_a_warning() -> None:
    feed = parse_feed(_rss(600, dated=False))
    assert [e.title for e in feed.entries] == [f"Orlen tide note {n}" for n in range(500)]
    assert feed.problems == ()
    assert feed.notes == (f"feed has 600 entries; only the first {MAX_ENTRIES} were read",)


def test_a_long_json_feed_keeps_its_newest_items_with_a_warning() -> None:
    feed = parse_feed(_json_feed(600))
    assert [e.title for e in feed.entries] == [f"Orlen tide note {n}" for n in range(100, 600)]
    assert feed.problems == ()
    assert feed.notes == (f"feed has 600 entries; only the newest {MAX_ENTRIES} (by date) were read",)


def test_a_feed_of_500_entries_has_no_note() -> None:
    feed = parse_feed(_rss(500))
    assert len(feed.entries) == 500
    assert feed.notes == () and feed.problems == ()
