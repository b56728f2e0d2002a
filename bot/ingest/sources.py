"""The one entry point of ingestion: read a URL, file or folder into normalised Articles."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Literal

from bot.config import IngestConfig
from bot.ingest.credentials import SourceAuth
from bot.ingest.decode import as_utf8, decode_bytes
from bot.ingest.feed_notes import FeedNote
from bot.ingest.feeds import HTML_PAGE, parse_feed, sniff
from bot.ingest.fetch import Fetcher, FetchError, FetchResult
from bot.ingest.files import FileOutcome, broken_link, read_file, read_folder, text_article
from bot.ingest.html import PageError, parse_page
from bot.ingest.normalise import RawArticle, build_all, outlet_from_url, storable
from bot.ingest.records import parse_records
from bot.ingest.sitemaps import gunzip_capped
from bot.ingest.userinfo import mask_userinfo
from bot.models import Article, IngestProblem

SourceKind = Literal["feed", "page", "file", "folder"]
_FEEDISH = (".xml", ".rss", ".atom", ".rdf", "/feed", "/rss", "feed.json")
_FEED_LINKS_BYTES = 256 * 1024  # how much of a page is searched for the feed it names


@dataclass(frozen=True)
class SourceResult:
    """Everything one source gave, or why it gave nothing (``error``, one line naming the input)."""

    source: str
    kind: str  # "feed" | "page" | "file" | "folder"
    name: str
    articles: tuple[Article, ...]
    problems: tuple[IngestProblem, ...]
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    error: str | None = None
    status: int | None = None  # HTTP status of the final response, when there was one
    headers: Mapping[str, str] = field(default_factory=dict)  # its headers (Retry-After, Cache-Control ...)
    page_items: bool = False  # a news sitemap: its items are headlines whose text is on their pages (ParsedFeed)
    moved_to: str | None = None  # where a URL moved for good (301, 308 redirects: FetchResult.moved_to)
    # the address guard (bot/ingest/ssrf.py) refused the URL or a hop of it: every later fetch is refused the same,
    # so a new URL is not made a source (Pipeline._ingest_one)
    address_refused: bool = False

    @property
    def stored_kind(self) -> str:
        """The kind the store keeps and people see (``briefbot sources``, ``briefbot check``): "sitemap" for a news
        sitemap, which is otherwise read as a feed (``kind`` "feed", its items completed from their pages)."""
        return "sitemap" if self.page_items else self.kind


def _is_url(target: str) -> bool:
    return "://" in target[:16] or target.lower().startswith(("http:", "https:"))


def _url_kind(url: str) -> SourceKind:
    return "feed" if url.lower().split("?", 1)[0].rstrip("/").endswith(_FEEDISH) else "page"


async def read_source(target: str, *, fetcher: Fetcher | None, config: IngestConfig, now: datetime,
                      etag: str | None = None, last_modified: str | None = None,
                      auth: SourceAuth | None = None) -> SourceResult:
    """Read one source. Never raises for bad input: the result carries ``error`` or ``problems``.
    ``auth``: the source's own headers (a configured source's credentials), for its own origin only.
    The result names the source ``storable(target)``: a path that is not UTF-8 shows its odd bytes as ``\\xNN``."""
    result = await _read_source(target.strip(), fetcher=fetcher, config=config, now=now, etag=etag,
                                last_modified=last_modified, auth=auth)
    shown = storable(result.source)
    if shown == result.source:
        return result
    return replace(result, source=shown, name=storable(result.name),
                   error=storable(result.error) if result.error else None)


async def _read_source(target: str, *, fetcher: Fetcher | None, config: IngestConfig, now: datetime,
                       etag: str | None, last_modified: str | None, auth: SourceAuth | None) -> SourceResult:
    if not target:  # Path("") is the current folder: an empty argument must not read all of it
        return _failed(target, "file", "", "an empty name: give a file, a folder or an http(s) URL")
    if _is_url(target):
        return await _read_url(target, fetcher=fetcher, config=config, now=now, etag=etag,
                               last_modified=last_modified, auth=auth)
    path = Path(target).expanduser()
    try:
        is_dir, is_file, exists = path.is_dir(), path.is_file(), path.exists()
    except OSError as exc:
        return _failed(target, "file", path.name, f"cannot read: {exc.strerror or exc}")
    if is_dir:
        outcome = await asyncio.to_thread(read_folder, path, config=config, now=now)
        return _from_outcome(target, "folder", outcome)
    if is_file:
        outcome = await asyncio.to_thread(read_file, path, config=config, now=now)
        result = _from_outcome(target, "file", outcome)
        if not outcome.articles and len(outcome.problems) == 1:  # a single-file source failed whole
            return _failed(target, "file", outcome.name, outcome.problems[0].reason)
        return result
    if exists:  # a pipe, a device or a socket: reading it could block or never end
        return _failed(target, "file", path.name, "not a regular file or folder (a pipe, device or socket): not read")
    return _failed(target, "file", path.name, broken_link(path) or "no such file or folder")


def _from_outcome(target: str, kind: SourceKind, outcome: FileOutcome) -> SourceResult:
    return SourceResult(target, kind, outcome.name, outcome.articles, outcome.problems)


def _failed(target: str, kind: SourceKind, name: str, reason: str, etag: str | None = None,
            last_modified: str | None = None) -> SourceResult:
    return SourceResult(target, kind, name, (), (), error=f"{target}: {reason}", etag=etag,
                        last_modified=last_modified)


async def _read_url(url: str, *, fetcher: Fetcher | None, config: IngestConfig, now: datetime,
                    etag: str | None, last_modified: str | None, auth: SourceAuth | None) -> SourceResult:
    kind = _url_kind(url)
    if fetcher is None:
        return _failed(url, kind, outlet_from_url(url), "URLs need a fetcher (none was given)")
    try:
        fetched = await fetcher.fetch(url, etag=etag, last_modified=last_modified, auth=auth, refresh=True)
    except FetchError as exc:
        # a redirect target it names (a loop, a refused hop) may carry a password: never shown, nor stored
        return replace(_failed(url, kind, outlet_from_url(url), mask_userinfo(exc.reason)), status=exc.status,
                       headers=exc.headers, address_refused=exc.reason.startswith("refused: "))
    if fetched.not_modified:
        return SourceResult(url, kind, outlet_from_url(url), (), (), etag=fetched.etag or etag,
                            last_modified=fetched.last_modified or last_modified, not_modified=True,
                            status=fetched.status, headers=fetched.headers, moved_to=fetched.moved_to)
    parsed = await asyncio.to_thread(_parse_fetched, url, fetched, config, now)
    return replace(parsed, status=fetched.status, headers=fetched.headers, moved_to=fetched.moved_to)


def _parse_body(fetched: FetchResult, host: str) -> tuple[SourceKind, str, list[RawArticle], list[str], list[str],
                                                          bool]:
    """(kind, name, raw articles, problem lines, note lines, whether the items' text is on their pages) of a
    fetched body; raises ValueError if unreadable."""
    kind = sniff(fetched.body, fetched.content_type)
    if kind in ("xml-feed", "json-feed"):
        feed = parse_feed(fetched.body, content_type=fetched.content_type, base=fetched.url)
        return "feed", feed.name or host, list(feed.entries), list(feed.problems), list(feed.notes), feed.page_items
    if kind == "json":
        raws, lines = parse_records(fetched.body, lines=False)
        return "page", host, raws, lines, [], False
    if kind == "html":
        page = parse_page(fetched.body, url=fetched.url, content_type=fetched.content_type)
        return "page", host, [page], [], [], False
    text = decode_bytes(fetched.body, content_type=fetched.content_type)
    return "page", host, [text_article(text, stem=host, url=fetched.url, outlet=host)], [], [], False


def _named_feed(url: str, fetched: FetchResult, reason: str) -> str:
    """``reason`` with the feed an HTML page names (<link rel="alternate">) to read instead; "" when it names none."""
    from bot.ingest.discover import feed_links  # not at the top: discover imports full_text, which imports this

    head = fetched.body[:_FEED_LINKS_BYTES]  # <link rel="alternate"> lives in the <head>: a huge page is not parsed
    found = [link for link in feed_links(head, fetched.url) if link not in (url, fetched.url)]
    if not found:
        return ""
    return f"{reason}; the page names its feed, {mask_userinfo(found[0][:300])}: read that URL instead"


def _parse_fetched(url: str, fetched: FetchResult, config: IngestConfig, now: datetime) -> SourceResult:
    """Sniff the body (feed, JSON records, HTML page or plain text) and build its articles."""
    host = outlet_from_url(fetched.url) or outlet_from_url(url)
    validators = {"etag": fetched.etag, "last_modified": fetched.last_modified}
    if not fetched.body or fetched.body.isspace():
        return _failed(url, _url_kind(url), host, f"empty response: HTTP {fetched.status} with no body", **validators)
    try:
        fetched = replace(fetched, body=gunzip_capped(fetched.body, config.max_bytes))  # e.g. news-sitemap.xml.gz
        fetched = replace(fetched, body=as_utf8(fetched.body))  # a UTF-16 feed reads as any other
        kind, name, raws, lines, notes, page_items = _parse_body(fetched, host)
    except ValueError as exc:  # DecodeError, FeedError and PageError are ValueErrors
        reason = str(exc) or type(exc).__name__
        if isinstance(exc, PageError) or reason == HTML_PAGE:  # a web page: the feed it names, if it names one
            reason = _named_feed(url, fetched, reason) or reason
        sniffed: SourceKind = "feed" if sniff(fetched.body, fetched.content_type) in ("xml-feed", "json-feed") \
            else _url_kind(url)  # a broken JSON Feed (no feed-like URL) is a feed all the same
        return _failed(url, sniffed, host, reason, **validators)
    except RecursionError:
        return _failed(url, _url_kind(url), host, "nested too deeply to read", **validators)
    html = kind == "page" and sniff(fetched.body, fetched.content_type) == "html"
    if html and _url_kind(url) == "feed":  # a feed's address serving a web page: its articles are not the feed's
        named = _named_feed(url, fetched, "an HTML page, not a feed")
        if named:
            return _failed(url, "feed", name, named, **validators)
    articles, problems = build_all(raws, source=url, input_name=url, now=now, config=config, clean=not page_items)
    problems = [FeedNote(url, note, kept=True) for note in notes] + [IngestProblem(url, line)
                                                                         for line in lines] + problems
    if not articles and len(problems) == 1 and kind == "page":
        reason = problems[0].reason
        return _failed(url, kind, name, (_named_feed(url, fetched, reason) if html else "") or reason, **validators)
    return SourceResult(url, kind, name, tuple(articles), tuple(problems), etag=fetched.etag,
                        last_modified=fetched.last_modified, page_items=page_items)
