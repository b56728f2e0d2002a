"""Where a page with no article text sends its readers by <meta http-equiv="refresh" content="0; url=...">."""

from __future__ import annotations

import re
from contextlib import suppress
from html.parser import HTMLParser

_HEAD_BYTES = 64 * 1024  # a refresh lives in the <head>: a huge page is not searched whole
_HINT = re.compile(rb"http-equiv\s*=\s*[\"']?\s*refresh", re.IGNORECASE)
_DELAY = re.compile(r"\s*\d*(?:\.\d*)?\s*[;,]?\s*", re.ASCII)
_URL_KEY = re.compile(r"url\s*=\s*", re.IGNORECASE)


class _Finder(HTMLParser):
    """The content of the first <meta http-equiv="refresh">."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.content: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.content is not None or tag != "meta":
            return
        found = {name.lower(): value or "" for name, value in attrs}
        if found.get("http-equiv", "").strip().lower() == "refresh":
            self.content = found.get("content", "")


def refresh_url(content: str) -> str:
    """The address of a refresh's content ("0; url=/real", "0;URL='/real'", "0; /real"); "" when it names none."""
    delay = _DELAY.match(content)
    rest = content[delay.end() if delay else 0 :]
    key = _URL_KEY.match(rest)
    rest = rest[key.end() if key else 0 :].strip()
    if rest[:1] in ("'", '"'):
        rest = rest[1:].split(rest[0], 1)[0]
    return rest.strip()


def refresh_target(body: bytes, content_type: str | None, url: str) -> str:
    """The address (as written, maybe relative) a fetched HTML page's meta refresh names, when the page holds no
    article text of its own (fewer words of main text than make a page source's article: MIN_PAGE_WORDS); ""
    otherwise."""
    head = body[:_HEAD_BYTES]
    if not _HINT.search(head):
        return ""
    finder = _Finder()
    with suppress(AssertionError):  # html.parser on a malformed marked section ("<![foo[ ..."): what came before
        finder.feed(head.decode("utf-8", "replace"))
    target = refresh_url(finder.content or "")
    return target if target and not _has_text(body, content_type, url) else ""


def _has_text(body: bytes, content_type: str | None, url: str) -> bool:
    from bot.ingest.html import parse_page  # not at the top: html imports normalise, which the fetcher need not
    from bot.ingest.thin_pages import MIN_PAGE_WORDS, page_words  # thin_pages imports sources, which imports fetch

    try:
        page = parse_page(body, url=url, content_type=content_type)
    except (ValueError, RecursionError):  # PageError, DecodeError: no text
        return False
    return page_words(page.text) >= MIN_PAGE_WORDS
