"""A relative item link is read against the feed's URL whichever comes first, its <guid> (RSS) or <id> (Atom) or
its <link>: feedparser marks ``guidislink`` whenever the GUID came first, which says nothing when the link differs."""

from __future__ import annotations

import pytest

from bot.ingest.feeds import parse_feed

_BASE = "http://quillon.example/feeds/main.xml"
_TEXT = "<description>The Quillon ferry ran late on Monday, the harbour office said.</description>"


def _rss(item: str) -> bytes:
    return f'<rss version="2.0"><channel><title>Quillon Post</title><item>{item}</item></channel></rss>'.encode()


def _atom(entry: str) -> bytes:
    return (
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Quillon Post</title><entry>{entry}'
        "<title>Ferry late</title><summary>The Quillon ferry ran late on Monday.</summary></entry></feed>"
    ).encode()


@pytest.mark.parametrize(
    "item",
    [
        f"<guid>qp-17</guid><link>/news/ferry</link><title>Ferry late</title>{_TEXT}",
        f"<link>/news/ferry</link><guid>qp-17</guid><title>Ferry late</title>{_TEXT}",
        f'<guid isPermaLink="true">qp-17</guid><link>/news/ferry</link><title>Ferry late</title>{_TEXT}',
    ],
)
def test_rss_relative_link_is_resolved_in_either_order(item: str) -> None:
    entry = parse_feed(_rss(item), base=_BASE).entries[0]
    assert entry.url == "http://quillon.example/news/ferry"
    assert entry.guid == "qp-17"


@pytest.mark.parametrize(
    "entry",
    [
        '<id>tag:quillon.example,2026:17</id><link href="/news/ferry"/>',
        '<link href="/news/ferry"/><id>tag:quillon.example,2026:17</id>',
    ],
)
def test_atom_relative_link_is_resolved_in_either_order(entry: str) -> None:
    parsed = parse_feed(_atom(entry), base=_BASE).entries[0]
    assert parsed.url == "http://quillon.example/news/ferry"
    assert parsed.guid == "tag:quillon.example,2026:17"


def test_a_guid_standing_in_for_a_missing_link_stays_as_given() -> None:
    entry = parse_feed(_rss(f"<guid>qp-18</guid><title>Ferry late</title>{_TEXT}"), base=_BASE).entries[0]
    assert entry.url == "qp-18"


def test_a_link_repeating_a_guid_that_comes_first_is_resolved() -> None:
    item = f"<guid>/news/ferry</guid><link>/news/ferry</link><title>Ferry late</title>{_TEXT}"
    entry = parse_feed(_rss(item), base=_BASE).entries[0]
    assert entry.url == "http://quillon.example/news/ferry"
    assert entry.guid == "/news/ferry"
