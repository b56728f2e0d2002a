"""robots.txt (RFC 9309, via protego) for the pages briefbot fetches on its own: one read per site a day."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from protego import Protego

from bot.clock import Clock
from bot.ingest.decode import decode_bytes
from bot.ingest.fetch import Fetcher, FetchError

FRESH = timedelta(hours=24)  # how long a site's robots.txt is trusted
RETRY_UNREACHABLE = timedelta(hours=1)  # a site whose robots.txt could not be read is asked again after this
MAX_CRAWL_DELAY = 10.0  # seconds; a longer Crawl-delay is treated as this one


@dataclass(frozen=True)
class RobotsVerdict:
    """May the page be fetched; if not, why (one line); and how long to wait between pages of the site."""

    allowed: bool
    reason: str = ""
    crawl_delay: float = 0.0
    unreachable: bool = False  # refused only because robots.txt could not be read: worth asking again later


@dataclass(frozen=True)
class _SiteRules:
    read_at: datetime
    rules: Protego | None  # None: everything allowed (no robots.txt)
    unreachable: str = ""  # the reason everything is refused for now (RFC 9309: 5xx or no answer)


def agent_token(user_agent: str) -> str:
    """The product token robots.txt groups are matched against: "briefbot" of "briefbot/0.1 (+...)"."""
    return (user_agent.split("/", 1)[0].split() or ["briefbot"])[0].lower()


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL ("" when it has none)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc.lower()}"


class RobotsRules:
    """Reads and caches each site's robots.txt with the caller's fetcher, and answers for one URL.

    As RFC 9309 says: a robots.txt answered with 4xx means no rules; a 5xx, a 429 or no answer at all
    means the whole site is off limits until it can be read (asked again after an hour).
    """

    def __init__(self, clock: Clock, *, user_agent: str) -> None:
        self.clock = clock
        self.agent = agent_token(user_agent)
        self._sites: dict[str, _SiteRules] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def verdict(self, url: str, fetcher: Fetcher) -> RobotsVerdict:
        site = origin(url)
        if not site:
            return RobotsVerdict(False, f"{url}: not an http(s) URL")
        async with self._locks.setdefault(site, asyncio.Lock()):  # one robots.txt request per site at a time
            rules = self._sites.get(site)
            now = self.clock()
            if rules is None or now - rules.read_at >= (RETRY_UNREACHABLE if rules.unreachable else FRESH):
                rules = await self._read(site, fetcher, now)
                self._sites[site] = rules
        if rules.unreachable:
            return RobotsVerdict(False, rules.unreachable, unreachable=True)
        if rules.rules is None:
            return RobotsVerdict(True)
        delay = min(float(rules.rules.crawl_delay(self.agent) or 0.0), MAX_CRAWL_DELAY)
        if not rules.rules.can_fetch(url, self.agent):
            return RobotsVerdict(False, f"{site}/robots.txt disallows it for {self.agent}", delay)
        return RobotsVerdict(True, "", delay)

    async def _read(self, site: str, fetcher: Fetcher, now: datetime) -> _SiteRules:
        where = f"{site}/robots.txt"
        try:
            fetched = await fetcher.fetch(where)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                return _SiteRules(now, None)  # no robots.txt: no rules
            return _SiteRules(now, None, unreachable=f"{where} could not be read ({exc.reason}), "
                                                     "so the site's pages are not fetched for now")
        try:
            text = decode_bytes(fetched.body, content_type=fetched.content_type) if fetched.body.strip() else ""
        except ValueError:
            text = ""  # an undecodable robots.txt holds no rules we can read
        return _SiteRules(now, Protego.parse(text))
