"""A long feed title in a source notice is cut at a word's end and marked with "…", never mid-word."""

from __future__ import annotations

from bot.ingest.sources import SourceResult
from bot.store.sources import SourceState
from tests.polling.conftest import START, PollerFactory

LONG = ("The Lindholt Courier and Harbour Gazette: news from the quays, the ferries, the fish market and the council "
        "chamber, every morning")
KEY = "https://courier.test/feed.xml"


async def test_a_long_source_name_ends_at_a_word_with_an_ellipsis(make_poller: PollerFactory) -> None:
    h = await make_poller()
    state = SourceState(key=KEY, kind="feed", name=LONG, added_at=START, last_fetch_at=None, last_ok_at=None,
                        last_error="HTTP 500", etag=None, last_modified=None, failures=0, disabled=True,
                        next_poll_at=None, interval_seconds=0, articles=0)
    notice, _, disabled = h.poller._decide(state, SourceResult(KEY, "feed", LONG, (), ()), 0, START)
    assert notice is not None and not disabled
    shown = notice.text.removeprefix("Source ").split(f" ({KEY})")[0]
    assert shown.endswith("…") and len(shown) <= 100
    assert LONG.startswith(shown[:-1]) and LONG[len(shown) - 1] == " "
