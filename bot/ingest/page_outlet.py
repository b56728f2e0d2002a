"""A page's outlet named by the end of its <title> ("Headline | Courier" -> "Courier"), saved or fetched alike."""

from __future__ import annotations

import html
import re

from bot.ingest.decode import decode_bytes

# a page's <title> and its end, found apart: one pattern spanning both tried every unclosed "<title" to the end of the
# page (a 160 KB page of them took a minute)
_TITLE_OPEN = re.compile(r"<title(?:\s[^>]{0,500})?>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)
# what follows an article's title in its page's <title>: " | Courier", " - Courier", " \u2014 Courier"
_SUFFIX = re.compile(r"(?:\s*[|\u2013\u2014\u00b7\u2022:]|\s+-)\s*([^|\u2013\u2014\u00b7\u2022]{2,60})")
_WS = re.compile(r"\s+")


def page_title(text: str) -> str:
    """The text of the page's first <title> element ("" when it has none, or it is never closed)."""
    opened = _TITLE_OPEN.search(text)
    closed = _TITLE_CLOSE.search(text, opened.end()) if opened else None
    if opened is None or closed is None:
        return ""
    return _WS.sub(" ", html.unescape(text[opened.end():closed.start()])).strip()


def title_suffix(title: str, page_title: str) -> str:
    """The site name after the article's title in a page's <title> ("Headline | Courier" -> "Courier"), or ""."""
    rest = page_title[len(title):] if title and page_title.startswith(title) else ""
    found = _SUFFIX.fullmatch(rest)
    return found.group(1).strip() if found else ""


def suffix_outlet(title: str, page: str | bytes) -> str:
    """The outlet the <title> of ``page`` (its HTML, or its bytes) names after the article's ``title``, or ""."""
    return title_suffix(title, page_title(page if isinstance(page, str) else decode_bytes(page)))
