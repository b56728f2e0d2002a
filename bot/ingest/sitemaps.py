"""Read a news sitemap (sitemaps.org urlset with Google News <news:news> entries) as a feed of links to pages."""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from bot.ingest.normalise import RawArticle, one_line
from bot.plurals import counted

# the first element, after the XML declaration, comments, processing instructions and a DOCTYPE
SITEMAP_ROOT = re.compile(rb"(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:[A-Za-z0-9_-]+:)?(?:urlset|sitemapindex)"
                          rb"[\s>/]", re.DOTALL | re.IGNORECASE)
LEADING = b"\xef\xbb\xbf \t\r\n"  # a BOM's bytes and blank lines before the document: a common CMS slip
MAX_NAMED = 3  # child sitemaps named when an index is given
GZIP_MAGIC = b"\x1f\x8b"


class SitemapError(ValueError):
    """A sitemap that gives no news to read (one clear line)."""


def gunzip_capped(data: bytes, limit: int) -> bytes:
    """The contents of a gzip file (``news-sitemap.xml.gz`` served as application/x-gzip or octet-stream, not with
    Content-Encoding, so the fetcher left it packed), inflated to at most ``limit`` bytes, so a gzip bomb stops
    there as the fetcher's own cap would; any other bytes unchanged. Raises SitemapError when larger or broken."""
    if not data.startswith(GZIP_MAGIC):
        return data
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflate.decompress(data, limit + 1)
    except zlib.error as exc:
        raise SitemapError(f"corrupt gzip file ({exc})") from None
    if len(out) > limit:
        raise SitemapError(f"too large after decompression: more than {limit} bytes (from {len(data)} gzip bytes)")
    if not inflate.eof:
        raise SitemapError("truncated gzip file")
    return out


def _entries(n: int, kind: str = "") -> str:
    """"1 news entry", "2 news entries"."""
    word = counted(n, "entry", "entries")
    return word.replace(" ", f" {kind} ", 1) if kind else word


def looks_like_sitemap(head: bytes) -> bool:
    """The document's root element is a sitemap's (urlset) or a sitemap index's (sitemapindex), whatever BOM and
    blank space come first (callers need not strip them)."""
    return SITEMAP_ROOT.match(head[:2048].lstrip(LEADING)) is not None


def _local(tag: object) -> str:
    """An element's name without its namespace ("{ns}loc" -> "loc"); comments and the like give ""."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _text(element: ET.Element | None, name: str) -> str:
    found = None if element is None else _child(element, name)
    return (found.text or "").strip() if found is not None else ""


def parse_sitemap(data: bytes, *, max_entries: int) -> tuple[str, str | None, list[RawArticle], list[str]]:
    """(name, language, entries newest first, note lines: warnings, not errors) of a news sitemap whose entity
    declarations were already refused (bot.ingest.feeds.guard_xml). Each entry is a link with its headline and
    nothing else: its text is the headline, to be replaced by the page's (bot/ingest/full_text.py). Raises
    SitemapError for a sitemap index (naming its sitemaps) or a sitemap without news entries, ValueError for
    malformed XML. Read as a stream, each <url> let go once read: a 10 MB sitemap of plain URLs never stands whole
    in memory as a tree."""
    read = _Read()
    try:
        _stream(data.lstrip(LEADING), read)
    except ET.ParseError as exc:
        raise SitemapError(f"malformed XML: {exc}") from None
    if read.index is not None:
        locs = sorted(filter(None, read.index), key=lambda u: "news" not in u.lower())  # news sitemaps first
        named = ", ".join(locs[:MAX_NAMED]) + (f" (and {len(locs) - MAX_NAMED} more)" if len(locs) > MAX_NAMED else "")
        raise SitemapError("a sitemap index, not a sitemap: add one of the sitemaps it lists"
                           + (f" ({named})" if named else " (it lists none)")
                           + "; briefbot reads news sitemaps (entries with <news:news>)")
    entries = read.entries
    if not entries:
        raise SitemapError(f"a sitemap with no news entries ({_entries(read.plain, 'plain <url>')}): briefbot reads "
                           "news sitemaps, whose entries carry <news:news> with a title and a publication date")
    problems: list[str] = []  # what was skipped or cut, said as warnings: the sitemap itself was read
    if read.plain:
        problems.append(f"{_entries(read.plain)} without <news:news> (no headline or date) skipped")
    if read.untitled:
        problems.append(f"{_entries(read.untitled, 'news')} without a <loc> or <news:title> skipped")
    if read.unaddressed:
        problems.append(f"{_entries(read.unaddressed, 'news')} whose <loc> is not a full http(s) address skipped")
    if read.repeated:
        problems.append(f"{_entries(read.repeated, 'news')} repeating an earlier <loc> read once (the newest)")
    ordered = sorted(entries.values(), key=lambda e: e[0], reverse=True)
    if len(ordered) > max_entries:
        problems.append(f"sitemap has {len(ordered)} news entries; only the newest {max_entries} were read")
    name = Counter(read.names).most_common(1)[0][0] if read.names else ""  # a tie: the first named
    return name, read.language, [raw for _, raw in ordered[:max_entries]], problems


@dataclass
class _Read:
    """What a pass over a sitemap found: its news entries by <loc> (sort key, entry), publication names in document
    order, the <loc>s of an index (None: not an index), and counts of what was skipped."""

    entries: dict[str, tuple[str, RawArticle]] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    index: list[str] | None = None
    language: str | None = None  # the first entry's that names one
    plain: int = 0
    untitled: int = 0
    unaddressed: int = 0
    repeated: int = 0


def _stream(data: bytes, read: _Read) -> None:
    """Read the root's children one at a time (iterparse), each dropped from the tree once read."""
    root: ET.Element | None = None
    depth = 0
    for event, element in ET.iterparse(io.BytesIO(data), events=("start", "end")):
        if event == "start":
            depth += 1
            if root is None:
                root = element
                if _local(root.tag) == "sitemapindex":
                    read.index = []
                elif _local(root.tag) != "urlset":
                    raise SitemapError("not a sitemap (its root is neither <urlset> nor <sitemapindex>)")
            continue
        depth -= 1
        if depth != 1 or root is None:
            continue
        if read.index is not None and _local(element.tag) == "sitemap":
            read.index.append(_text(element, "loc"))
        elif read.index is None and _local(element.tag) == "url":
            _entry(element, read)
        root.clear()  # the child just read, and any before it


def _entry(url: ET.Element, read: _Read) -> None:
    loc, news = _text(url, "loc"), _child(url, "news")
    if news is None:
        read.plain += 1
        return
    title = one_line(html.unescape(_text(news, "title")))  # "&amp;#8217;" (escaped twice) is common
    if not loc or not title:
        read.untitled += 1
        return
    parts = urlsplit(loc)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        read.unaddressed += 1
        return
    publication = _child(news, "publication")
    name, lang = one_line(_text(publication, "name"), 200), _text(publication, "language") or None
    published = _text(news, "publication_date") or _text(url, "lastmod")
    key = _sort_key(published)
    if name:
        read.names.append(name)
    read.language = read.language or lang
    if loc in read.entries:
        read.repeated += 1
        if read.entries[loc][0] >= key:
            return
    read.entries[loc] = (key, RawArticle(title=title, text=title, url=loc, outlet=name, published=published or None,
                                         language=lang))


def _sort_key(published: str) -> str:
    """Newest first: a W3C datetime (the sitemap's format) as sortable UTC text (no zone read as UTC); undated or
    unreadable dates sort last."""
    if not published:
        return ""
    try:
        when = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.isoformat()
