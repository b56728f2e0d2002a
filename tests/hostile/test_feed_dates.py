"""Future, impossible and implausible publication dates: clamped or refused, each with a note."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.normalise import build_all

NOW = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)


def _feed(dates: list[str]) -> bytes:
    items = "".join(f"<item><title>Story {i} about the Ellon bridge</title><link>http://127.0.0.1:8000/p/{i}</link>"
                    f"<guid>d{i}</guid><pubDate>{d}</pubDate><description>Item {i}: the Ellon bridge got new paint."
                    "</description></item>" for i, d in enumerate(dates))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
            f"{items}</channel></rss>").encode()


def _read(dates: list[str]) -> tuple[list[datetime | None], list[str]]:
    feed = parse_feed(_feed(dates))
    articles, problems = build_all(feed.entries, source="s", input_name="f.xml", now=NOW, config=IngestConfig())
    assert len(articles) == len(dates)
    assert all(p.kept for p in problems)
    return [a.published for a in articles], [p.reason for p in problems]


def test_future_date_clamped_to_fetch_time_with_a_note() -> None:
    published, notes = _read(["Tue, 24 Nov 2026 01:00:00 -1200"])  # 13:00 UTC: 8 hours ahead
    assert published == [NOW]
    assert len(notes) == 1 and "future" in notes[0] and "fetch time" in notes[0]


def test_date_within_tolerance_kept_as_given() -> None:
    published, notes = _read(["Tue, 24 Nov 2026 05:03:00 +0000", "Tue, 24 Nov 2026 04:00:00 +0000"])
    assert published == [datetime(2026, 11, 24, 5, 3, tzinfo=UTC), datetime(2026, 11, 24, 4, 0, tzinfo=UTC)]
    assert notes == []


def test_impossible_offset_refused_with_a_note() -> None:
    published, notes = _read(["Tue, 24 Nov 2026 01:00:00 +9999"])
    assert published == [None]
    assert len(notes) == 1 and "+9999" in notes[0] and "offset" in notes[0]


def test_implausible_years_dropped_with_a_note() -> None:
    published, notes = _read(["Fri, 31 Dec 9999 23:59:59 +0000", "Mon, 01 Jan 1900 00:00:00 +0000",
                              "0001-01-01T00:00:00Z"])
    assert published == [None, None, None]
    assert len(notes) == 3
    assert "9999" in notes[0] and "1900" in notes[1] and "0001" in notes[2]
    assert all("ignored" in note for note in notes)
