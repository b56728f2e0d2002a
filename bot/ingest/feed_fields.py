"""What every feed format's reader shares: the feed's errors and result, the cut to the newest entries, a field's
text, relative links and which attached file is audio or video."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

from bot.ingest.html import html_to_text
from bot.ingest.normalise import RawArticle
from bot.ingest.wraps import wraps_joined

MAX_ENTRIES = 500
_T = TypeVar("_T")

# a tag left in a field's text once its HTML is read: its markup was escaped twice
_ESCAPED_MARKUP = re.compile(
    r"</?(?:p|br|div|span|a|b|i|u|em|strong|ul|ol|li|h[1-6]|blockquote|img|font)(?:\s[^<>]{0,500})?/?>", re.IGNORECASE)


_PICTURE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)$", re.IGNORECASE)


class FeedError(ValueError):
    """A feed that cannot be read at all (one clear line)."""


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's name, language and entries, with one line per entry that was skipped. ``page_items``: its entries
    are links with a headline and no text of their own (a news sitemap), so an entry is worth storing only with
    its page's text (bot/ingest/full_text.py)."""

    name: str
    language: str | None
    entries: tuple[RawArticle, ...]
    problems: tuple[str, ...] = ()
    page_items: bool = False
    notes: tuple[str, ...] = ()  # about the whole feed, its entries read anyway (a feed cut short): not errors


def newest_entries(entries: Sequence[_T], stamp: Callable[[_T], float | None]) -> tuple[list[_T], str | None]:
    """At most ``MAX_ENTRIES`` of a feed's entries, in file order, with the note saying so when some were left out:
    the newest by ``stamp`` when every entry is dated (a feed listed oldest first still gives its latest), else the
    first."""
    if len(entries) <= MAX_ENTRIES:
        return list(entries), None
    stamps = [stamp(entry) for entry in entries]
    head = f"feed has {len(entries)} entries; only the"
    if any(s is None for s in stamps):
        return list(entries[:MAX_ENTRIES]), f"{head} first {MAX_ENTRIES} were read"
    newest = sorted(range(len(entries)), key=lambda i: -(stamps[i] or 0.0))[:MAX_ENTRIES]  # ties: file order
    return [entries[i] for i in sorted(newest)], f"{head} newest {MAX_ENTRIES} (by date) were read"


def resolved(link: str, base: str) -> str:
    """``link`` read against ``base`` when it is relative ("/news/1"); as it is when absolute or with no base."""
    if not base or not link:
        return link
    try:
        return link if urlsplit(link).scheme else urljoin(base, link)
    except ValueError:  # "http://[::1": not a URL; build_article stores no link for it
        return link


def field_text(html: str) -> str:
    """The text of a feed field's HTML (an RSS or Atom title or description, a JSON Feed's content_html or
    summary); read once more when that text is markup itself (a description escaped once too often:
    ``&amp;lt;p&amp;gt;`` gives "<p>", which is a paragraph, not text)."""
    text = html_to_text(html)
    return wraps_joined(html_to_text(text) if _ESCAPED_MARKUP.search(text) else text)


def audio_or_video(found: Any) -> bool:
    """Whether an enclosure or media:content is no picture: its type or medium audio or video, or none given (nor
    a picture's file name), or another (a video player's, "application/x-shockwave-flash")."""
    if not isinstance(found, dict):
        return False
    kind = str(found.get("medium") or found.get("type") or "").lower()
    if kind:
        return not kind.startswith("image")
    address = str(found.get("href") or found.get("url") or "")
    return not _PICTURE_FILE.search(address.split("?", 1)[0])
