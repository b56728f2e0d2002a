"""Canonical URLs, content hashes and article ids."""

from __future__ import annotations

import pytest

from bot.ingest.canonical import article_id, canonical_url, content_hash


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.Example.COM/news/story/", "https://example.com/news/story"),
    ("https://example.com/news/story?utm_source=x&utm_medium=rss#comments", "https://example.com/news/story"),
    ("https://example.com/a?b=2&a=1&fbclid=XYZ&gclid=1", "https://example.com/a?a=1&b=2"),
    ("http://example.com:80/a", "http://example.com/a"),
    ("https://example.com:443/a", "https://example.com/a"),
    ("https://example.com:8443/a/", "https://example.com:8443/a"),
    ("HTTPS://EXAMPLE.com", "https://example.com"),
    ("https://example.com//double//slash", "https://example.com/double/slash"),
    ("  https://example.com/x?id=5  ", "https://example.com/x?id=5"),
    ("/local/file.txt", "/local/file.txt"),
    ("", ""),
    ("https://[::1]:8080/x", "https://[::1]:8080/x"),
    ("http://example.com:notaport/", "http://example.com:notaport/"),
])
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_same_article_spelt_differently_is_one_url() -> None:
    spellings = [
        "https://www.example.com/world/nato-123/",
        "https://example.com/world/nato-123?utm_campaign=feed#top",
        "https://EXAMPLE.com:443/world/nato-123",
    ]
    assert len({canonical_url(u) for u in spellings}) == 1


def test_content_hash_ignores_case_whitespace_and_quote_style() -> None:
    a = "Russia’s embassy said   so.\n\nThe end."
    b = "russia's EMBASSY said so. the end."
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash("Russia’s embassy said no.")


def test_article_id_prefers_guid_then_url_then_text() -> None:
    h = content_hash("text")
    assert article_id("guid-1", "https://a.com/x", h) == article_id("guid-1", "https://b.com/y", "other")
    assert article_id(None, "https://www.a.com/x/?utm_source=z", h) == article_id("", "https://a.com/x", "zz")
    assert article_id(None, "", h) == article_id(None, "", h) != article_id(None, "", content_hash("t2"))
    assert len(article_id(None, "", h)) == 16
    int(article_id(None, "", h), 16)
