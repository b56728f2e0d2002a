"""Property tests over the feed, HTML, JSON and text parsers and the sentence splitter: hostile bytes in,
articles or the module's own one-line error out; never another exception, never unbounded work."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from benchmarks.reliability_inputs import json_documents, markup_soup, raw_bytes, rss_feeds, sentence_text
from bot.config import IngestConfig
from bot.ingest.decode import DecodeError, decode_bytes
from bot.ingest.feeds import FeedError, ParsedFeed, parse_feed, sniff
from bot.ingest.fetch import FetchResult
from bot.ingest.html import PageError, html_to_text, parse_page
from bot.ingest.records import parse_records
from bot.ingest.sources import _parse_fetched
from bot.nlp.sentences import split_sentences

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _check_feed(feed: ParsedFeed) -> None:
    assert isinstance(feed.name, str)
    for entry in feed.entries:
        assert isinstance(entry.title, str) and isinstance(entry.text, str)
    assert all(isinstance(p, str) and "\n" not in p for p in feed.problems)


def _one_line(exc: Exception) -> None:
    assert str(exc).strip(), f"{type(exc).__name__} without a message"


@FUZZ
@given(st.one_of(raw_bytes, rss_feeds.map(str.encode)))
@example(b"<!DOCTYPE>")  # feedparser leaves out "version": was an AttributeError
@example(b"<>&#2000000;")  # a character reference past U+10FFFF: was a bare ValueError from feedparser
@example(b"<item<description<table<\x01</description<")  # a control character lxml refuses
def test_parse_feed_raises_only_feed_or_decode_errors(data: bytes) -> None:
    try:
        _check_feed(parse_feed(data))
    except (FeedError, DecodeError) as exc:
        _one_line(exc)


@FUZZ
@given(json_documents.map(str.encode), st.sampled_from([None, "application/json", "application/feed+json"]))
def test_json_feeds_and_records_raise_only_feed_or_decode_errors(data: bytes, ctype: str | None) -> None:
    try:
        _check_feed(parse_feed(data, content_type=ctype))
    except (FeedError, DecodeError) as exc:
        _one_line(exc)
    for lines in (False, True):
        try:
            raws, problems = parse_records(data, lines=lines)
        except (FeedError, DecodeError) as exc:
            _one_line(exc)
            continue
        assert all(r.text.strip() or r.unreadable.strip() for r in raws)  # no text: kept in place, saying why
        assert all(isinstance(p, str) for p in problems)


@FUZZ
@given(st.one_of(raw_bytes, markup_soup.map(lambda s: f"<html><body>{s}</body></html>".encode())))
def test_parse_page_raises_only_page_or_decode_errors(data: bytes) -> None:
    try:
        page = parse_page(data, url="https://news.example/a")
    except (PageError, DecodeError) as exc:
        _one_line(exc)
        return
    assert page.text.strip()


@FUZZ
@given(markup_soup)
def test_html_fragments_always_become_text(fragment: str) -> None:
    text = html_to_text(fragment)
    assert isinstance(text, str)
    assert "<script" not in text.lower() or "<script" in fragment.lower()


@FUZZ
@given(raw_bytes, st.sampled_from([None, "text/html; charset=utf-8", "text/plain; charset=bogus-9",
                                   "application/rss+xml", "application/json"]))
@example(b"<!DOCTYPE>", "application/rss+xml")  # escaped _parse_fetched and ended the whole ingest run
def test_any_fetched_body_becomes_a_source_result(data: bytes, ctype: str | None) -> None:
    """The whole of what a poll does with a body: sniff, parse, normalise, split. Never raises."""
    fetched = FetchResult(url="https://news.example/feed.xml", status=200, body=data, content_type=ctype)
    result = _parse_fetched("https://news.example/feed.xml", fetched, IngestConfig(), NOW)
    assert result.error is None or result.error.startswith("https://news.example/feed.xml: ")
    assert sniff(data, ctype) in ("xml-feed", "json-feed", "json", "html", "text")


@FUZZ
@given(raw_bytes, st.sampled_from([None, "text/plain; charset=latin-1", "text/plain; charset=nope"]))
def test_decode_bytes_raises_only_decode_error(data: bytes, ctype: str | None) -> None:
    try:
        assert isinstance(decode_bytes(data, content_type=ctype), str)
    except DecodeError as exc:
        _one_line(exc)


@FUZZ
@given(sentence_text, st.integers(1, 50), st.integers(1, 200))
def test_split_sentences_offsets_and_bounds(text: str, max_sentences: int, max_chars: int) -> None:
    found = split_sentences(text, max_sentences=max_sentences, max_chars=max_chars)
    assert len(found) <= max_sentences
    previous_end = 0
    for i, s in enumerate(found):
        assert s.index == i
        assert text[s.start:s.end] == s.text and s.text.strip()
        assert len(s.text) <= max_chars
        assert s.start >= previous_end
        previous_end = s.end


PATHOLOGICAL = {  # name -> one unit repeated; benchmarks/reliability.py times them at full size
    "pysbd-backtracking": "..[111 111 111 111 111 111 111 111 111 111]",
    "dots": ".",
    "brackets-no-space": "[1",
    "one-long-word-line": "a" * 50 + " ",
    "abbreviations": "Mr. ",
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_split_sentences_known_pathological_inputs_are_bounded(name: str) -> None:
    """Bounded by construction: only ``max_text_chars`` are read and at most ``max_sentences`` kept
    (here 30,000 characters read out of a 60,000-character input, to keep the suite fast)."""
    unit = PATHOLOGICAL[name]
    text = unit * (60_000 // len(unit) + 1)
    found = split_sentences(text, max_sentences=500, max_chars=2000, max_text_chars=30_000)
    assert len(found) <= 500
    assert all(s.end <= 30_000 and len(s.text) <= 2000 for s in found)
    assert all(text[s.start:s.end] == s.text for s in found)
