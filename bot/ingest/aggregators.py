"""News aggregators' feeds: the outlet an item's RSS <source> names, titles ending in it, and redirect links."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

# what comes between a headline and the outlet named after it in an aggregator's title ("Headline - Courier")
_SEPARATORS = (" - ", " | ", " \u2013 ", " \u2014 ")
_WS = re.compile(r"\s+")
# links that only redirect to the outlet's article through the aggregator (its page needs JavaScript, or a consent
# page comes first): news.google.com/rss/articles/..., /articles/..., /__i/rss/rd/articles/..., /read/...
_REDIRECT_PATHS = {"news.google.com": re.compile(r"^/(?:rss/articles|articles|__i/rss/rd/articles|read)/")}


def source_element(entry: Any) -> tuple[str, str]:
    """(name, address) of an RSS or Atom entry's <source> element, each "" when not given; Bing News' feeds name the
    outlet in a <News:Source> of their own namespace instead (feedparser's ``news_source``), with no address."""
    source = entry.get("source")
    if not isinstance(source, dict):
        bing = entry.get("news_source")
        return (_WS.sub(" ", bing).strip() if isinstance(bing, str) else ""), ""
    name, href = source.get("title"), source.get("href") or source.get("url") or source.get("link")  # Atom: link
    return (_WS.sub(" ", name).strip() if isinstance(name, str) else "",
            href.strip() if isinstance(href, str) else "")


def without_outlet(title: str, outlet: str) -> str:
    """``title`` without an ending that only names ``outlet`` ("Headline - Courier" -> "Headline"); as it is when
    it ends otherwise, or is nothing but the name."""
    stripped = title.rstrip()
    for sep in _SEPARATORS:
        ending = sep + outlet
        if outlet and stripped.casefold().endswith(ending.casefold()) and stripped[: -len(ending)].strip():
            return stripped[: -len(ending)].rstrip()
    return title


def headline_only(text: str, title: str, outlet: str) -> bool:
    """Whether an item's text is only its headline and outlet's name (an aggregator's description: "Headline
    Courier", the name set apart by spaces or a separator): then it says nothing the title does not."""
    if not outlet or not title:
        return False
    folded, name = _WS.sub(" ", text.replace("\u00a0", " ")).strip().casefold(), outlet.casefold()
    if not folded.endswith(name):
        return False
    return folded[: -len(name)].rstrip(" -|\u2013\u2014").strip() == _WS.sub(" ", title).strip().casefold()


def aggregator_redirect(url: str) -> bool:
    """Whether ``url`` is an aggregator's redirect to an article (news.google.com/rss/articles/...): a link that
    names no outlet's site, and whose page cannot be read for the article's text."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return False
    pattern = _REDIRECT_PATHS.get(host)
    return pattern is not None and pattern.match(parts.path) is not None


def unwrapped(url: str) -> str:
    """The article's own address when ``url`` is a click-tracking link that carries it (Bing News'
    bing.com/news/apiclick.aspx?...&url=https%3a%2f%2f...); else ``url`` as it is."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return url
    if not (host == "bing.com" or host.endswith(".bing.com")) or parts.path.lower() != "/news/apiclick.aspx":
        return url
    target = next(iter(parse_qs(parts.query).get("url") or []), "")
    return target if target.lower().startswith(("http://", "https://")) else url
