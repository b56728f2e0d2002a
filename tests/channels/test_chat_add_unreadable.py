"""Chat's `sources add` reads the URL as `briefbot sources add` does: a feed none of whose entries can be read, or
JSON holding no articles, is refused with the reason and nothing is followed (operator audit: the command line
refused them while chat followed them)."""

from __future__ import annotations

from bot.ingest.discover import check_feed_url
from bot.ingest.fetch import FetchResult

BROKEN = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken Desk</title><item><title>One</title>'
          b"<link>http://127.0.0.1/x</link><description>unterminated")
GOOD = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Desk</title><item><title>Ferry</title>'
        b"<link>http://127.0.0.1/ferry</link><description>The ferry between Orrin and Salt Bay leaves every forty "
        b"minutes from next week, the operator said on Tuesday.</description></item></channel></rss>")
EMPTY = b'<?xml version="1.0"?><rss version="2.0"><channel><title>New Desk</title></channel></rss>'


def _probe(body: bytes, ctype: str):  # type: ignore[no-untyped-def]
    async def probe(url: str) -> FetchResult:
        return FetchResult(url, 200, body, ctype)
    return probe


async def test_a_feed_with_no_readable_entry_is_refused() -> None:
    check = await check_feed_url("http://127.0.0.1/broken.xml", _probe(BROKEN, "application/rss+xml"))
    assert not check.ok
    assert "feed 'Broken Desk' has no readable entry" in check.note and "Nothing was followed." in check.note


async def test_json_with_no_articles_is_refused() -> None:
    check = await check_feed_url("http://127.0.0.1/data.json", _probe(b'{"not": "a feed"}', "application/json"))
    assert not check.ok and "no text field" in check.note and "Nothing was followed." in check.note


async def test_a_good_feed_and_an_empty_one_are_followed() -> None:
    assert (await check_feed_url("http://127.0.0.1/good.xml", _probe(GOOD, "application/rss+xml"))).ok
    assert (await check_feed_url("http://127.0.0.1/new.xml", _probe(EMPTY, "application/rss+xml"))).ok
