"""Read JSON Feed 1.0/1.1 by hand (feedparser does not): its items, their attachments, dates and relative links."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from html import unescape
from typing import Any

from bot.ingest.decode import decode_bytes, without_nuls
from bot.ingest.feed_fields import FeedError, ParsedFeed, audio_or_video, field_text, newest_entries, resolved
from bot.ingest.media_links import media_address, media_typed
from bot.ingest.normalise import RawArticle, one_line

_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _json_stamp(item: Any) -> float | None:
    """A JSON Feed item's date (date_published, else date_modified, RFC 3339) as seconds since 1970; None if none."""
    if not isinstance(item, dict):
        return None
    written = _str(item.get("date_published")) or _str(item.get("date_modified"))
    try:
        when = datetime.fromisoformat(written) if written else None
    except ValueError:
        return None
    return None if when is None else (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()


def json_position(exc: json.JSONDecodeError, *, line: bool = True) -> str:
    """json's message with where it went wrong: "Expecting ',' delimiter at line 3 column 5", "Unterminated string
    starting at line 2 column 11" (json's own message ends with "at" there); ``line`` False: the column only."""
    where = f"line {exc.lineno} column {exc.colno}" if line else f"column {exc.colno}"
    return f"{exc.msg} {where}" if exc.msg.endswith(" at") else f"{exc.msg} at {where}"


def load_json(data: bytes) -> Any:
    """JSON from untrusted bytes; FeedError with the position when it is not JSON."""
    try:
        return json.loads(decode_bytes(data, content_type="application/json"))
    except json.JSONDecodeError as exc:
        raise FeedError(f"malformed JSON: {json_position(exc)}") from None
    except RecursionError:
        raise FeedError("malformed JSON: nested too deeply") from None
    except ValueError as exc:  # Python's cap on int() of a number thousands of digits long ("Exceeds the limit")
        if "digits" not in str(exc):
            raise
        raise FeedError("malformed JSON: a number too long to read (more than 4,300 digits)") from None


def parse_json_feed(data: bytes, *, base: str = "") -> ParsedFeed:
    """JSON Feed 1.0 / 1.1, read by hand (feedparser does not read it). An item's relative links are read against
    the feed's home_page_url, else its feed_url, else ``base`` (the address it was fetched from)."""
    data, nuls = without_nuls(data)
    doc = load_json(data)
    if not isinstance(doc, dict) or "jsonfeed.org/version" not in str(doc.get("version", "")):
        raise FeedError("not a JSON Feed (no jsonfeed.org version)")
    items = doc.get("items")
    if not isinstance(items, list):
        raise FeedError("JSON Feed has no items list")
    name = one_line(_references_read(_str(doc.get("title"))), 200)
    items, cut = newest_entries(items, _json_stamp)
    base = _json_base(doc, base)
    # an item that is not an object keeps its place, so every item's problem line numbers it the same way (from 1)
    entries = [_json_item(item, name, doc.get("language"), base) if isinstance(item, dict)
               else RawArticle(title="", text="", unreadable="not an object") for item in items]
    notes = [note for note in (nuls, cut) if note]
    return ParsedFeed(name, _str(doc.get("language")), tuple(entries), notes=tuple(notes))


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _json_base(doc: dict[str, Any], base: str) -> str:
    """What a JSON Feed's relative links are read against: its home_page_url, else its feed_url (each read against
    the next when relative itself), else ``base``."""
    for key in ("feed_url", "home_page_url"):
        found = resolved(_str(doc.get(key)) or "", base)
        if found.startswith(("http://", "https://")):
            base = found
    return base


def _references_read(text: str | None) -> str | None:
    """A JSON Feed's plain-text field with its complete character references read ("&#8217;", "&amp;": WordPress
    writes its titles so); an ampersand that starts none ("AT&T") stays."""
    return _REFERENCE.sub(lambda found: unescape(found.group()), text) if text and "&" in text else text


def _json_item(item: dict[str, Any], feed_name: str, language: Any, base: str = "") -> RawArticle:
    text = _str(item.get("content_text"))
    if text is None:
        text = field_text(_str(item.get("content_html")) or _str(item.get("summary")) or "")
    authors = item.get("authors")
    if not isinstance(authors, list):
        authors = [item.get("author")]
    names = [_references_read(a["name"]) or "" for a in authors
             if isinstance(a, dict) and isinstance(a.get("name"), str)]
    guid = item.get("id")
    # its attachments are what an RSS item's enclosures are: an audio or video one makes it an episode, and is its
    # link when it has no url of its own; a link that is one of them is a file, never fetched for full text
    files = [{"url": resolved(_str(each.get("url")) or "", base), "type": _str(each.get("mime_type")) or ""}
             for each in item.get("attachments") or [] if isinstance(each, dict)]
    episodes = [each["url"] for each in files if audio_or_video(each) and each["url"].startswith(("http://",
                                                                                                    "https://"))]
    url = resolved(_str(item.get("url")) or _str(item.get("external_url")) or "", base)
    episode_link = not url and bool(episodes)
    url = url or (episodes[0] if episodes else "")
    return RawArticle(
        title=_references_read(_str(item.get("title"))) or "",
        text=text,
        url=url,
        outlet=feed_name,
        author=", ".join(names) or None,
        published=_str(item.get("date_published")) or _str(item.get("date_modified")),
        language=_str(item.get("language")) or _str(language),
        updated=_str(item.get("date_modified")),
        guid=str(guid) if isinstance(guid, str | int) and not isinstance(guid, bool) else None,
        media=bool(episodes),
        link_media=episode_link or media_address(url) or media_typed(url, [(f["url"], f["type"]) for f in files]),
    )
