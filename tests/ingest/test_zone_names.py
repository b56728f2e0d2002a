"""A date whose time zone is written as a common name feedparser does not know (CET, BST, JST, AEDT ...) is read in
that zone, not as UTC (10:00 CET is 09:00 UTC); the names feedparser knows (EST, PDT) and offsets read as before,
and an ambiguous name (IST: India, Ireland or Israel) as UTC, as before."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.normalise import build_all, parse_date

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("written", "utc"), [
    ("Tue, 24 Nov 2026 10:00:00 CET", "2026-11-24T09:00:00+00:00"),
    ("Tue, 24 Nov 2026 10:00:00 cest", "2026-11-24T08:00:00+00:00"),
    ("Tue, 24 Nov 2026 10:00 BST", "2026-11-24T09:00:00+00:00"),
    ("Tue, 24 Nov 2026 10:00:00 EET", "2026-11-24T08:00:00+00:00"),
    ("Tue, 24 Nov 2026 10:00:00 MSK", "2026-11-24T07:00:00+00:00"),
    ("Tue, 24 Nov 2026 10:00:00 JST", "2026-11-24T01:00:00+00:00"),
    ("Tue, 24 Nov 2026 10:00:00 AEDT", "2026-11-23T23:00:00+00:00"),
    ("Tue, 24 Nov 2026 10:00:00 NZDT", "2026-11-23T21:00:00+00:00"),
    ("Tue, 24 Nov 2026 10:00:00 EST", "2026-11-24T15:00:00+00:00"),  # feedparser's own
    ("Tue, 24 Nov 2026 10:00:00 +0100", "2026-11-24T09:00:00+00:00"),
    ("Tue, 24 Nov 2026 10:00:00 IST", "2026-11-24T10:00:00+00:00"),  # ambiguous: as UTC, as before
])
def test_a_feed_date_is_read_in_the_zone_it_names(written: str, utc: str) -> None:
    data = ("<rss version='2.0'><channel><title>Tidewater Times</title><item><title>Fish market moves</title>"
            f"<link>https://tide.example/e</link><pubDate>{written}</pubDate><description>The fish market moves to "
            "the east quay while its roof is mended.</description></item></channel></rss>").encode()
    [article], problems = build_all(parse_feed(data).entries, source="s", input_name="s", now=NOW,
                                    config=IngestConfig())
    assert problems == []
    assert article.published is not None and article.published.isoformat() == utc


@pytest.mark.parametrize(("written", "utc"), [
    ("24 Nov 2026 10:00 CET", "2026-11-24T09:00:00+00:00"),
    ("2026-11-24 10:00:00 CEST", "2026-11-24T08:00:00+00:00"),
    ("Tuesday 24 November 2026", None),  # no time, no zone: unread as before
])
def test_a_written_date_elsewhere_is_read_in_its_zone_too(written: str, utc: str | None) -> None:
    found = parse_date(written, NOW)
    assert (found.isoformat() if found else None) == utc
