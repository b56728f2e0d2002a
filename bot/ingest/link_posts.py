"""Reddit-style feed items ("submitted by /u/x [link] [comments]"): a link post's article, a text post's words."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bot.ingest.canonical import canonical_url

# the trailer under every post, as a subreddit's feed writes it (its spaces as &#32;): "submitted by <a>/u/x</a>
# <br/> <span><a href=...>[link]</a></span> <span><a href=...>[comments]</a></span>", to the end of the field
_TRAILER = re.compile(r"(?:&#32;|\s)*submitted\s+by(?:&#32;|\s)*<a\s[^<>]*>\s*/?u/[^<]*</a>", re.IGNORECASE)
_LINK = re.compile(r"<a\s[^<>]*?href=[\"']([^\"'<>]+)[\"'][^<>]*>\s*\[link\]\s*</a>", re.IGNORECASE)
_COMMENTS = re.compile(r">\s*\[comments\]\s*</a>", re.IGNORECASE)


@dataclass(frozen=True)
class LinkPost:
    """A post of a Reddit-style feed: ``body``, its own HTML (without the trailer; "" for a link post, whose
    field holds only a thumbnail), and ``target``, the address its [link] carries ("" for a text post, whose
    [link] is its own page)."""

    body: str
    target: str


def link_post(field: str, own: str) -> LinkPost | None:
    """``field`` (an entry's HTML) read as a Reddit-style post, whose own page is ``own``; None when it has no
    "submitted by /u/x [link] [comments]" trailer."""
    trailer = _TRAILER.search(field)
    if trailer is None or not _COMMENTS.search(field, trailer.end()):
        return None
    found = _LINK.search(field, trailer.end())
    target = html.unescape(found.group(1)).strip() if found else ""
    if not target.startswith(("http://", "https://")) or canonical_url(target) == canonical_url(own):
        return LinkPost(field[:trailer.start()], "")
    return LinkPost("", target)
