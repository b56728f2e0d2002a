"""An aggregator's redirect link (news.google.com/rss/articles/...) is never fetched for full text: its page is a
consent or JavaScript page, not the article. The feed's text is kept, and one line per feed read says why."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from bot.clock import ManualClock
from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.fetch import Fetcher, FetchError, FetchResult, MayFollow
from bot.ingest.full_text import FullText
from bot.ingest.normalise import build_all
from bot.ingest.robots import RobotsRules
from bot.ingest.sources import SourceResult

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
CONFIG = IngestConfig()
FEED = "https://news.google.com/rss/search?q=ferry"


class Offline(Fetcher):
    """A fetcher that only writes down what it was asked for (nothing leaves the machine)."""

    def __init__(self) -> None:
        super().__init__(CONFIG)
        self.asked: list[str] = []

    async def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
                    may_follow: MayFollow | None = None, auth: object = None,
                    refresh: bool = False) -> FetchResult:
        self.asked.append(url)
        raise FetchError(url, "could not resolve the host")


def _feed(links: Sequence[str]) -> SourceResult:
    when = format_datetime(NOW - timedelta(hours=2))
    items = "".join(f"<item><title>Ferry crews strike on route {n} - Bay Herald</title><link>{link}</link>"
                    f"<guid isPermaLink='false'>g{n}</guid><pubDate>{when}</pubDate>"
                    f"<description>Crews on route {n} stopped work early on Tuesday over the new rota.</description>"
                    "<source url='https://bayherald.example'>Bay Herald</source></item>"
                    for n, link in enumerate(links))
    data = f"<rss version='2.0'><channel><title>ferry - News</title>{items}</channel></rss>".encode()
    parsed = parse_feed(data, base=FEED)
    articles, problems = build_all(parsed.entries, source=FEED, input_name=FEED, now=NOW, config=CONFIG)
    return SourceResult(FEED, "feed", parsed.name, tuple(articles), tuple(problems))


async def _nothing_stored(ids: object) -> set[str]:
    return set()


async def test_redirect_links_are_not_fetched_and_the_feed_says_why_once() -> None:
    links = [f"https://news.google.com/rss/articles/CBMiX{n}?oc=5" for n in range(3)]
    read = _feed(links)
    fetcher = Offline()
    robots = RobotsRules(ManualClock(NOW), user_agent=CONFIG.user_agent)
    full = FullText(CONFIG, max_age=timedelta(days=2), robots=robots)
    done = await full.complete(read, fetcher=fetcher, stored=_nothing_stored, now=NOW)
    assert fetcher.asked == []
    assert done.articles == read.articles  # each keeps the feed's text
    [line] = done.problems
    assert line.input == FEED and line.kept
    assert line.reason.startswith("3 entries link to news.google.com's redirect pages")


async def test_other_links_of_the_same_feed_are_still_asked_for() -> None:
    read = _feed(["https://news.google.com/rss/articles/CBMiX0", "https://bayherald.example/news/strike"])
    fetcher = Offline()
    full = FullText(CONFIG, max_age=timedelta(days=2), robots=None)
    done = await full.complete(read, fetcher=fetcher, stored=_nothing_stored, now=NOW)
    assert fetcher.asked == ["https://bayherald.example/news/strike"]
    assert sorted(p.input for p in done.problems) == ["https://bayherald.example/news/strike", FEED]
