"""Feed discovery: is a URL a feed, and if it is a web page, which feed does it name (<link rel="alternate">, or a
news sitemap in its site's robots.txt)?"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from bot.answer.plain import echoed_in, echoed_url
from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed, sniff
from bot.ingest.fetch import FetchError, FetchResult
from bot.ingest.first_read import transient_fetch
from bot.ingest.robots import origin
from bot.ingest.sitemaps import gunzip_capped, looks_like_sitemap

Probe = Callable[[str], Awaitable[FetchResult]]  # e.g. Fetcher.fetch: SSRF-guarded, size-capped GET

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")
FEED_KINDS = ("xml-feed", "json-feed", "json")  # what polling reads as items (JSON: records, as `ingest` does)
MAX_LINKS = 20  # a page naming more feeds than this is read no further
MAX_SITEMAPS = 2  # news sitemaps named by robots.txt that are tried
MAX_BYTES = IngestConfig().max_bytes  # a gzip file (news-sitemap.xml.gz) is inflated to at most this


def _said(reason: str) -> str:
    """A reason that may carry a server's, a page's or a sitemap's words (an HTTP reason phrase, a redirect
    target, the sitemaps an index lists), for a chat reply: as it is, or, when it holds live markup (a link, bold,
    spoiler, ``<``, a mention or broadcast), all of it through ``plain`` (``echoed_in``)."""
    return echoed_in(reason, "")


@dataclass(frozen=True)
class FeedCheck:
    """What to follow (``url``, "" when nothing should be) and one line for the person who asked."""

    url: str
    note: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)  # a passing failure's answer: its Retry-After is kept
    failed: str = ""  # a passing failure's error ("URL: HTTP 503 ..."), recorded on the source as ingest records it

    @property
    def ok(self) -> bool:
        return bool(self.url)


class _FeedLinks(HTMLParser):
    """Collects the feed links a page declares; comment feeds (WordPress's "Comments Feed") go last."""

    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.links: list[tuple[bool, str]] = []  # (is a comments feed, absolute URL)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "base":
            href = dict(attrs).get("href")
            if href:
                self.base = urljoin(self.base, href.strip())
            return
        if tag != "link" or len(self.links) >= MAX_LINKS:
            return
        attr = {k: (v or "") for k, v in attrs}
        rel = attr.get("rel", "").lower().split()
        kind = attr.get("type", "").lower().split(";")[0].strip()
        href = attr.get("href", "").strip()
        if "alternate" not in rel or kind not in FEED_TYPES or not href:
            return
        url = urljoin(self.base, href)
        if urlsplit(url).scheme not in ("http", "https"):
            return
        comments = "comment" in (attr.get("title", "") + " " + href).lower()
        self.links.append((comments, url))


def feed_links(html: bytes, base_url: str) -> list[str]:
    """The feeds a page names in <link rel="alternate" type="...rss/atom/feed+json">, absolute, in page order,
    comment feeds last, each once."""
    parser = _FeedLinks(base_url)
    try:
        parser.feed(html.decode("utf-8", "replace"))
        parser.close()
    except AssertionError:  # html.parser on a malformed marked section ("<![foo[ ..."): the links found before it
        pass
    ordered = [url for _, url in sorted(parser.links, key=lambda link: link[0])]
    return list(dict.fromkeys(ordered))


async def check_feed_url(url: str, probe: Probe) -> FeedCheck:
    """Read ``url`` once before a channel follows it: a feed is followed as given; a web page that names a feed
    gets that feed followed instead; a page naming none, or an address that will not work, is refused with the
    reason; one that fails for a passing reason (no answer, 5xx, 429) is followed anyway, since polling retries
    (bot/ingest/first_read.py: the rule `briefbot sources add` follows), its answer's headers kept so a Retry-After
    puts the first poll off (bot/asked_wait.py). The note is for chat: the URLs and reasons it repeats are text
    there (``echoed_url``, ``_said``)."""
    shown = echoed_url(url)
    try:
        fetched = await probe(url)
    except FetchError as exc:
        if transient_fetch(exc):  # the rule `briefbot sources add` follows too (bot/ingest/first_read.py)
            # the reply names the URL already ("Following URL; ...", an import's "URL: ...")
            return FeedCheck(url, f"I could not read it just now ({_said(exc.reason)}); it is followed anyway and "
                                  "polling will try again.", exc.headers, str(exc))
        return FeedCheck("", f"I could not read {shown}: {_said(exc.reason)}. Nothing was followed.")
    try:
        fetched = replace(fetched, body=gunzip_capped(fetched.body, MAX_BYTES))
    except ValueError as exc:
        return FeedCheck("", f"I could not read {shown}: {_said(str(exc))}. Nothing was followed.")
    kind = sniff(fetched.body, fetched.content_type)
    if kind in FEED_KINDS:
        refusal = await sitemap_refusal(fetched.body)
        if refusal:
            return FeedCheck("", f"{shown}: {_said(refusal)}. Nothing was followed.")
        from bot.ingest.unreadable_feed import fetched_refusal  # as `briefbot sources add` reads it: no entry, no text

        unread = await asyncio.to_thread(fetched_refusal, url, fetched, IngestConfig(), datetime.now(UTC))
        if unread:
            return FeedCheck("", f"I could not read {shown}: {_said(unread)}. Nothing was followed.")
        return FeedCheck(url)
    if kind != "html":
        return FeedCheck("", f"{shown} is not a feed (RSS, Atom or JSON Feed). Nothing was followed.")
    linked_feeds = await asyncio.to_thread(feed_links, fetched.body, fetched.url)  # a big page: off the loop
    for found in linked_feeds[:3]:
        try:
            linked = await probe(found)
        except FetchError:
            continue
        if sniff(linked.body, linked.content_type) in FEED_KINDS:
            return FeedCheck(found, f"{shown} is a web page; it names its feed, {echoed_url(found)}, which is "
                                    "followed instead.")
    sitemap = await news_sitemap(fetched.url, probe)
    if sitemap:
        return FeedCheck(sitemap, f"{shown} is a web page that names no feed; its site's robots.txt lists a "
                                  f"news sitemap, {echoed_url(sitemap)}, which is followed instead.")
    return FeedCheck("", f"{shown} is a web page, not a feed, and names no feed that could be read: give the "
                         "feed's address (often linked as RSS) or its news sitemap's. Nothing was followed.")


async def sitemap_refusal(body: bytes) -> str:
    """Why a sitemap cannot be followed (an index, no news entries, broken), or "" (not a sitemap, or a good one)."""
    if not looks_like_sitemap(body):
        return ""
    try:
        await asyncio.to_thread(parse_feed, body)
    except ValueError as exc:
        return str(exc)
    return ""


async def news_sitemap(page_url: str, probe: Probe) -> str:
    """The first news sitemap (readable, with news entries) that the page's site names in its robots.txt, those
    with "news" in their address first; at most MAX_SITEMAPS are read; "" when none."""
    site = origin(page_url)
    if not site:
        return ""
    try:
        robots = await probe(f"{site}/robots.txt")
    except FetchError:
        return ""
    named = [line.split(":", 1)[1].strip() for line in robots.body.decode("utf-8", "replace").splitlines()
             if line.strip().lower().startswith("sitemap:")]
    named = sorted(dict.fromkeys(u for u in named if u.startswith(("http://", "https://"))),
                   key=lambda u: "news" not in u.lower())
    for candidate in named[:MAX_SITEMAPS]:
        try:
            fetched = await probe(candidate)
            fetched = replace(fetched, body=gunzip_capped(fetched.body, MAX_BYTES))
        except (FetchError, ValueError):
            continue
        if looks_like_sitemap(fetched.body) and not await sitemap_refusal(fetched.body):
            return candidate
    return ""
