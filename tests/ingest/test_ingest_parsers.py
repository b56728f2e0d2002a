"""Feeds (RSS 0.91/1.0/2.0, Atom, JSON Feed), records, pages and decoding; fuzzed with Hypothesis."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import IngestConfig
from bot.ingest.decode import DecodeError, decode_bytes
from bot.ingest.feeds import FeedError, parse_feed, sniff
from bot.ingest.html import PageError, parse_page
from bot.ingest.normalise import build_all, parse_date
from bot.ingest.records import parse_records

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
CONFIG = IngestConfig()
BODY = "<p>The harbour reopened on Monday after repairs.</p><p>Officials said traffic was normal.</p>"

RSS2 = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><language>en-gb</language>
<item><title>Harbour reopens</title><link>https://www.gazette.example/harbour?utm_source=rss</link>
<guid isPermaLink="false">hg-1</guid><pubDate>Mon, 24 Feb 2025 09:30:00 +0100</pubDate>
<author>desk@gazette.example (Sam Lee)</author><description><![CDATA[{BODY}]]></description></item>
<item><title>Undated note</title><link>https://gazette.example/note</link>
<description>A short note without any date was posted today.</description></item>
</channel></rss>""".encode()

RSS091 = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old Times</title><link>https://old.example/</link>
<item><title>Bridge painted</title><link>https://old.example/bridge</link>
<description>The old bridge was painted green by volunteers.</description></item></channel></rss>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF Weekly</title><link>https://rdf.example/</link></channel>
<item rdf:about="https://rdf.example/a"><title>Library extends hours</title><link>https://rdf.example/a</link>
<description>The library will stay open until nine on weekdays.</description>
<dc:date>2025-02-20T08:00:00Z</dc:date><dc:creator>Kim Park</dc:creator></item></rdf:RDF>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Atom Daily</title>
<id>urn:atom-daily</id><updated>2025-02-25T10:00:00Z</updated>
<entry><title>Harbour reopens</title><id>urn:atom-daily:1</id><link href="https://atom.example/h#frag"/>
<published>2025-02-25T10:00:00Z</published><author><name>Ada Byrne</name></author>
<summary>Short summary.</summary><content type="html">{BODY.replace("<", "&lt;")}</content></entry>
</feed>""".encode()


def _json_feed(version: str) -> bytes:
    item: dict[str, object] = {"id": "j1", "url": "https://json.example/1", "title": "Tram line opens",
                               "content_html": "<p>The new tram line opened to passengers today.</p>",
                               "date_published": "2025-02-26T07:15:00+01:00"}
    if version == "1.1":
        item["authors"] = [{"name": "Lee Ann"}]
    else:
        item["author"] = {"name": "Lee Ann"}
    return json.dumps({"version": f"https://jsonfeed.org/version/{version}", "title": "JSON Times",
                       "items": [item, {"id": "j2", "content_text": "Plain text item with no title."}]}).encode()


@pytest.mark.parametrize(("data", "name", "first_title"), [
    (RSS2, "Harbour Gazette", "Harbour reopens"),
    (RSS091, "Old Times", "Bridge painted"),
    (RDF, "RDF Weekly", "Library extends hours"),
    (ATOM, "Atom Daily", "Harbour reopens"),
    (_json_feed("1"), "JSON Times", "Tram line opens"),
    (_json_feed("1.1"), "JSON Times", "Tram line opens"),
])
def test_every_feed_format_parses_into_articles(data: bytes, name: str, first_title: str) -> None:
    feed = parse_feed(data)
    assert feed.name == name
    articles, problems = build_all(feed.entries, source="feed", input_name="feed", now=NOW, config=CONFIG)
    assert not problems
    assert articles[0].title == first_title
    assert articles[0].outlet == name
    for article in articles:
        assert article.text and article.sentences
        assert all(article.text[s.start:s.end] == s.text for s in article.sentences)
        assert article.published is None or article.published.tzinfo is not None


def test_rss_fields_are_normalised() -> None:
    articles, _ = build_all(parse_feed(RSS2).entries, source="f", input_name="f", now=NOW, config=CONFIG)
    first, undated = articles
    assert first.url == "https://gazette.example/harbour"
    assert first.guid == "hg-1"
    assert first.published == datetime(2025, 2, 24, 8, 30, tzinfo=UTC)
    assert first.text == "The harbour reopened on Monday after repairs.\n\nOfficials said traffic was normal."
    assert undated.published is None  # an article with no date is accepted
    assert undated.fetched == NOW


def test_json_feed_author_and_date() -> None:
    articles, _ = build_all(parse_feed(_json_feed("1.1")).entries, source="f", input_name="f", now=NOW,
                            config=CONFIG)
    assert articles[0].author == "Lee Ann"
    assert articles[0].published == datetime(2025, 2, 26, 6, 15, tzinfo=UTC)
    assert articles[1].title == "Plain text item with no title."


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>x</title><description>&lol3;</description>
</item></channel></rss>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>&xxe;</title><description>d.</description></item>
</channel></rss>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_entity_declarations_are_refused(data: bytes) -> None:
    with pytest.raises(FeedError, match=r"refused: the XML declares entities"):
        parse_feed(data)


@pytest.mark.parametrize(("data", "reason"), [
    (b"<rss version='2.0'><channel><title>Broken</title></chan", "malformed XML"),
    (b"<?xml version='1.0'?><notafeed><x/></notafeed>", "not an RSS or Atom feed"),
    (b"   ", "empty feed"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": 3}', "no items list"),
    (b'{"version": "https://jsonfeed.org/version/1", "items": [', "malformed JSON"),
])
def test_unreadable_feeds_say_why(data: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason):
        parse_feed(data)


def test_half_broken_feed_keeps_what_it_can_and_says_so() -> None:
    feed = parse_feed(b"<rss version='2.0'><channel><title>Half</title><item><title>Fine</title>"
                      b"<description>A complete item.</description></item><item><title>cut")
    assert feed.entries[0].title == "Fine"
    assert feed.notes and feed.notes[0].startswith("feed is not well-formed")  # a note: its entries were read


def test_json_and_jsonl_records() -> None:
    one = json.dumps({"headline": "Pool closes", "body": "The pool closed for repairs this week.",
                      "link": "https://r.example/p", "date": "2025-02-01", "source": {"name": "Town Crier"},
                      "authors": ["A. One", "B. Two"], "id": 7}).encode()
    raws, problems = parse_records(one, lines=False)
    assert not problems and raws[0].outlet == "Town Crier" and raws[0].author == "A. One, B. Two"
    assert raws[0].guid == "7"
    lines = b'{"title": "A", "text": "First record text."}\n{not json}\n[1]\n{"title": "no text"}\n'
    raws, problems = parse_records(lines, lines=True)
    assert [r.title for r in raws] == ["A"]
    assert problems == ["line 2: malformed JSON (Expecting property name enclosed in double quotes at column 2)",
                        "line 3: not a JSON object",
                        "line 4: no text field (looked for text, content, body, article, description)"]


PAGE = b"""<html lang="en-GB"><head><title>Dam upgrade approved - Valley News</title>
<meta property="og:site_name" content="Valley News"><meta name="author" content="Rita Moss">
<meta property="article:published_time" content="2025-02-12T10:05:00+00:00"></head><body>
<nav><a href="/">Home</a> | <a href="/n">News</a> | <a href="/s">Sport</a></nav><article><h1>Dam upgrade approved</h1>
<figure><img src="d.jpg"><figcaption>Photo: Shutterstock</figcaption></figure>
<p>The regional council approved the dam upgrade on Wednesday after a long debate about costs.</p>
<p>Also read: Flood defences tested</p><h2>What it costs</h2>
<p>The work will cost about forty million and take three years, the council said in a statement.</p>
<div class="share">Share on Facebook</div><p>Advertisement</p>
<p>Residents welcomed the decision, saying the old dam had worried them for years.</p></article>
<footer>Copyright 2025 Valley News</footer></body></html>"""


def test_page_main_text_and_metadata() -> None:
    raw = parse_page(PAGE, url="https://www.valley.example/dam?utm_medium=x")
    articles, _ = build_all([raw], source="p", input_name="p", now=NOW, config=CONFIG)
    article = articles[0]
    assert article.title == "Dam upgrade approved"
    assert article.outlet == "Valley News"
    assert article.author == "Rita Moss"
    assert article.language == "en"
    assert article.published == datetime(2025, 2, 12, 10, 5, tzinfo=UTC)
    assert article.url == "https://valley.example/dam"
    for junk in ("Also read", "Shutterstock", "Share on", "Advertisement", "What it costs", "Home"):
        assert junk not in article.text
    assert len(article.sentences) == 3


def test_deeply_nested_and_huge_html_is_bounded() -> None:
    """Bounded work, not a speed: libxml2 stops at 256 levels and the element count stops at 100,000 (a hang
    would be stopped by pytest-timeout, not by a wall-clock assertion here)."""
    deep = b"<html><body>" + b"<div>" * 100_000 + b"<p>Deep text.</p>" + b"</div>" * 100_000 + b"</body></html>"
    with pytest.raises(PageError, match="nests more than 256 levels deep and was read only that far"):
        parse_page(deep)
    wide = b"<html><body>" + b"<span>x</span>" * 150_000 + b"</body></html>"
    with pytest.raises(PageError, match="more than 100000 elements"):
        parse_page(wide)


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b"\x00\x01\x02binary\x00data" * 10, "binary data"),
    (b"<?xml version='1.0' encoding='klingon-8'?><rss>\xff\xfe\x81</rss>", "unknown encoding 'klingon-8'"),
    (b"caf\xe9 \x81\x8d", "not UTF-8"),
])
def test_undecodable_bytes_say_why(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_decoding_uses_the_declared_charset() -> None:
    assert decode_bytes("<meta charset='iso-8859-5'><p>Привет</p>".encode("iso-8859-5")).endswith("Привет</p>")
    assert decode_bytes("Café".encode("cp1252")) == "Café"
    assert decode_bytes("BOM text".encode("utf-16")) == "BOM text"


def test_sniffing() -> None:
    assert sniff(RSS2) == sniff(ATOM) == sniff(RDF) == "xml-feed"
    assert sniff(_json_feed("1")) == "json-feed"
    assert sniff(PAGE) == "html"
    assert sniff(b'[{"title": "x"}]') == "json"
    assert sniff(b"Plain words.", "text/plain") == "text"


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-02-24T09:30:00Z", datetime(2025, 2, 24, 9, 30, tzinfo=UTC)),
    ("Mon, 24 Feb 2025 09:30:00 GMT", datetime(2025, 2, 24, 9, 30, tzinfo=UTC)),
    ("2025-02-24", datetime(2025, 2, 24, tzinfo=UTC)),
    ("February 24, 2025", datetime(2025, 2, 24, tzinfo=UTC)),
    (1740389400, datetime(2025, 2, 24, 9, 30, tzinfo=UTC)),
    ("2099-01-01", None),  # after ``now``: not plausible
    ("yesterday-ish", None),
    ("", None),
    (None, None),
])
def test_parse_date(value: str | int | None, expected: datetime | None) -> None:
    assert parse_date(value, NOW) == expected


@settings(max_examples=150, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000) | st.sampled_from([RSS2, ATOM, PAGE, _json_feed("1")]).flatmap(
    lambda doc: st.integers(0, len(doc)).map(lambda n: doc[:n])))
def test_parsers_never_crash_on_random_bytes(data: bytes) -> None:
    for parse in (lambda: parse_feed(data), lambda: parse_page(data),
                  lambda: parse_records(data, lines=False), lambda: parse_records(data, lines=True)):
        try:
            result = parse()
        except ValueError as exc:  # FeedError, PageError, DecodeError: a clear one-line reason
            assert str(exc) and "\n" not in str(exc)
            continue
        assert result is not None
