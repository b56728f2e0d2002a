"""Listing feeds whose item text is no article: arXiv's (an abstract behind an id line), Hacker News' (a link to its
comments, or hnrss.org's lines naming the article, the comments and the points)."""

from __future__ import annotations

import re

# arXiv's RSS description: "arXiv:2611.01234v1 Announce Type: new" and "Abstract:" before the abstract itself
_ARXIV_HEAD = re.compile(r"^\s*arXiv:\S+\s+Announce\s+Type:\s*[\w-]+\s+Abstract:\s*", re.IGNORECASE)
# hnrss.org's description ends in "Article URL: <a> Comments URL: <a> Points: 12 # Comments: 3"
_HNRSS_TAIL = re.compile(r"\s*(?:Article URL:\s*\S+\s*)?Comments URL:\s*\S+\s*Points:\s*\d+\s*#\s*Comments:\s*\d+\s*$",
                         re.IGNORECASE)
_ONLY_COMMENTS = re.compile(r"^\s*(?:\d+\s+)?comments?\s*$", re.IGNORECASE)  # news.ycombinator.com/rss: "Comments"


def arxiv_abstract(text: str) -> str:
    """``text`` without arXiv's "arXiv:<id> Announce Type: new Abstract:" before an abstract; else as it is."""
    return _ARXIV_HEAD.sub("", text, count=1)


def discussion_words(text: str, comments: str) -> str | None:
    """An item's own words when it is a discussion site's listing (its RSS <comments> given: ``comments``): ``text``
    without the listing's closing lines (hnrss.org's), "" when it is nothing but a link to the comments ("Comments");
    None for any other item (a blog's <comments> link, its text its own)."""
    if not comments.strip():
        return None
    rest = _HNRSS_TAIL.sub("", text)
    if rest != text or _ONLY_COMMENTS.match(rest):
        return "" if not rest.strip() or _ONLY_COMMENTS.match(rest) else rest.strip()
    return None
