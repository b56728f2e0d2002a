"""A date in year 0 or before (``-0001-01-01``, ``0000-00-00``, ``30 Nov -0001``: what some CMSs write for "no date",
which feedparser read as 2000-01-01) is no date: the article is kept undated, as one with no date at all, and a real
``<updated>`` beside it is used instead; real dates, time zones written ``-0000`` among them, are read as before."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.normalise import build_all

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def _rss(date: str) -> bytes:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Mill Lane News</title><item>'
            f"<title>Mill Lane resurfaced</title><link>http://mill.example/1</link><pubDate>{date}</pubDate>"
            "<description>Mill Lane in Orrinford was resurfaced over the weekend.</description></item>"
            "</channel></rss>").encode()


def _published(data: bytes) -> datetime | None:
    articles, problems = build_all(parse_feed(data).entries, source="f", input_name="f", now=NOW,
                                   config=IngestConfig())
    assert problems == [] and len(articles) == 1
    return articles[0].published


@pytest.mark.parametrize("date", [
    "-0001-01-01", "-0001-11-30T00:00:00+00:00", "-0001-11-30 00:00:00", "0000-00-00", "0000-00-00 00:00:00",
    "0000-01-01T00:00:00Z", "Sat, 30 Nov -0001 00:00:00 +0000", "Mon, 01 Jan 0000 00:00:00 GMT", " -0001-01-01 ",
])
def test_a_date_before_year_one_is_no_date(date: str) -> None:
    assert _published(_rss(date)) is None


@pytest.mark.parametrize(("date", "when"), [
    ("Tue, 24 Feb 2026 06:00:00 -0000", datetime(2026, 2, 24, 6, tzinfo=UTC)),
    ("Tue, 24 Feb 2026 06:00:00 -0500", datetime(2026, 2, 24, 11, tzinfo=UTC)),
    ("2026-02-24T06:00:00+00:00", datetime(2026, 2, 24, 6, tzinfo=UTC)),
    ("2026-02-24", datetime(2026, 2, 24, tzinfo=UTC)),
])
def test_real_dates_are_read_as_before(date: str, when: datetime) -> None:
    assert _published(_rss(date)) == when


def test_an_atom_entry_falls_back_to_its_real_updated_date() -> None:
    data = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Mill</title>
<id>urn:mill</id><updated>2026-02-20T00:00:00Z</updated><entry><title>Mill Lane resurfaced</title>
<link href="http://mill.example/1"/><id>m-1</id><published>-0001-11-30T00:00:00+00:00</published>
<updated>2026-02-20T08:30:00Z</updated><summary>Mill Lane in Orrinford was resurfaced.</summary></entry></feed>"""
    assert _published(data) == datetime(2026, 2, 20, 8, 30, tzinfo=UTC)
