"""Read a news sitemap (sitemaps.org urlset with Google News <news:news> entries) as a feed of links to pages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from bot.ingest.normalise import RawArticle, one_line

# the first element, after the XML declaration, comments, processing instructions and a DOCTYPE
SITEMAP_ROOT = re.compile(rb"(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:[A-Za-z0-9_-]+:)?(?:urlset|sitemapindex)"
                          rb"[\s>/]", re.DOTALL | re.IGNORECASE)
MAX_NAMED = 3  # child sitemaps named when an index is given


class SitemapError(ValueError):
    """A sitemap that gives no news to read (one clear line)."""


def looks_like_sitemap(head: bytes) -> bool:
    """The document's root element is a sitemap's (urlset) or a sitemap index's (sitemapindex)."""
    return SITEMAP_ROOT.match(head[:2048].lstrip(b"\xef\xbb\xbf")) is not None


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
    """(name, language, entries newest first, problem lines) of a news sitemap whose entity declarations were
    already refused (bot.ingest.feeds.guard_xml). Each entry is a link with its headline and nothing else: its
    text is the headline, to be replaced by the page's (bot/ingest/full_text.py). Raises SitemapError for a sitemap
    index (naming its sitemaps) or a sitemap without news entries, ValueError for malformed XML."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SitemapError(f"malformed XML: {exc}") from None
    if _local(root.tag) == "sitemapindex":
        locs = [_text(s, "loc") for s in root if _local(s.tag) == "sitemap"]
        locs = sorted(filter(None, locs), key=lambda u: "news" not in u.lower())  # news sitemaps first
        named = ", ".join(locs[:MAX_NAMED]) + (f" (and {len(locs) - MAX_NAMED} more)" if len(locs) > MAX_NAMED else "")
        raise SitemapError("a sitemap index, not a sitemap: add one of the sitemaps it lists"
                           + (f" ({named})" if named else " (it lists none)")
                           + "; briefbot reads news sitemaps (entries with <news:news>)")
    if _local(root.tag) != "urlset":
        raise SitemapError("not a sitemap (its root is neither <urlset> nor <sitemapindex>)")
    entries: list[tuple[str, RawArticle]] = []
    names: list[str] = []
    language: str | None = None
    plain = untitled = 0
    for url in root:
        if _local(url.tag) != "url":
            continue
        loc, news = _text(url, "loc"), _child(url, "news")
        if news is None:
            plain += 1
            continue
        title = one_line(_text(news, "title"))
        if not loc or not title:
            untitled += 1
            continue
        publication = _child(news, "publication")
        name, lang = one_line(_text(publication, "name"), 200), _text(publication, "language") or None
        names.append(name)
        language = language or lang
        published = _text(news, "publication_date") or _text(url, "lastmod")
        entries.append((_sort_key(published), RawArticle(title=title, text=title, url=loc, outlet=name,
                                                         published=published or None, language=lang)))
    if not entries:
        raise SitemapError(f"a sitemap with no news entries ({plain} plain <url> entries): briefbot reads news "
                           "sitemaps, whose entries carry <news:news> with a title and a publication date")
    problems: list[str] = []
    if plain:
        problems.append(f"{plain} entries without <news:news> (no headline or date) skipped")
    if untitled:
        problems.append(f"{untitled} news entries without a <loc> or <news:title> skipped")
    entries.sort(key=lambda e: e[0], reverse=True)
    if len(entries) > max_entries:
        problems.append(f"sitemap has {len(entries)} news entries; only the newest {max_entries} were read")
    name = max(set(names), key=names.count) if any(names) else ""
    return name, language, [raw for _, raw in entries[:max_entries]], problems


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
