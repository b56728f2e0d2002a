"""A feed item whose <link> is relative is read against the feed's URL even when its <guid> says the same: only a
link feedparser made up from a GUID (no <link> at all) is left as it is, for "1234" is no address."""

from __future__ import annotations

from bot.ingest.feeds import parse_feed

_BASE = "http://tarrow.example/feeds/rss.xml"


def _feed(item: str) -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Tarrow Times</title>{item}</channel></rss>'
            ).encode()


def test_a_relative_link_repeated_as_the_guid_is_resolved() -> None:
    item = ("<item><title>Tarrow bridge reopens</title><link>/news/bridge</link><guid>/news/bridge</guid>"
            "<description>The Tarrow bridge reopened on Monday, the council said.</description></item>")
    entry = parse_feed(_feed(item), base=_BASE).entries[0]
    assert entry.url == "http://tarrow.example/news/bridge"
    assert entry.guid == "/news/bridge"  # GUIDs stay as given


def test_a_guid_standing_in_for_a_missing_link_is_not_made_an_address() -> None:
    item = ("<item><title>Tarrow ferry</title><guid>1234</guid>"
            "<description>The Tarrow ferry ran again, the operator said.</description></item>")
    assert parse_feed(_feed(item), base=_BASE).entries[0].url == "1234"
