"""What a broken feed's messages say: JSON positions read as English, counted nouns, an HTML page called one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import IngestConfig
from bot.ingest.feeds import FeedError, parse_feed
from bot.ingest.fetch import FetchResult
from bot.ingest.records import parse_records
from bot.ingest.sources import _parse_fetched

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
FEED_URL = "http://ledger.example/news.rss"


def test_an_unterminated_json_string_says_at_once() -> None:
    head = b'{"version": "https://jsonfeed.org/version/1.1",\n "title": '
    with pytest.raises(FeedError) as caught:
        parse_feed(head + b'"Lowmoor Ledger}', content_type="application/feed+json")
    assert str(caught.value) == "malformed JSON: Unterminated string starting at line 2 column 11"
    with pytest.raises(FeedError) as caught:
        parse_feed(head + b'"Lowmoor\tLedger"}', content_type="application/feed+json")
    assert str(caught.value) == "malformed JSON: Invalid control character at line 2 column 19"
    with pytest.raises(FeedError) as other:
        parse_feed(b'{"version": "https://jsonfeed.org/version/1.1",, }')
    assert str(other.value).startswith("malformed JSON: Expecting property name enclosed in double quotes at line 1")


def test_a_json_lines_record_names_its_column() -> None:
    _, problems = parse_records(b'{"title": "Ferry fares", "text": "The ferry \n', lines=True)
    assert problems == ["line 1: malformed JSON (Unterminated string starting at column 34)"]


def test_one_entry_read_anyway_is_singular() -> None:
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Lowmoor Ledger</title>'
            b'<item><title>Ferry fares rise</title><link>http://ledger.example/fares</link>'
            b'<description>Fares on the Lowmoor ferry rise by a tenth from May, the operator said.</description>'
            b'</item></channel>')
    feed = parse_feed(body)
    assert len(feed.entries) == 1
    [note] = feed.notes
    assert note.endswith("; 1 entry read anyway"), note


HTML = (b"<!DOCTYPE html><html><head><title>Lowmoor Ledger</title>%s</head>"
        b"<body><p>Our news, every morning.</p></body></html>")


def _result(body: bytes) -> str | None:
    fetched = FetchResult(url=FEED_URL, status=200, body=body, content_type="application/rss+xml")
    return _parse_fetched(FEED_URL, fetched, IngestConfig(), NOW).error


def test_an_html_page_at_a_feed_url_is_called_one() -> None:
    error = _result(HTML % b"")
    assert error is not None and "an HTML page" in error, error
    link = b'<link rel="alternate" type="application/rss+xml" href="/feeds/all.xml">'
    error = _result(HTML % link)
    assert error is not None and "an HTML page" in error and "http://ledger.example/feeds/all.xml" in error, error
