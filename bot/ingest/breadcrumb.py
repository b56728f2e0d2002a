"""A breadcrumb line over a page's title: section names joined by ">" "›" "»" or " / ", maybe ending in a headline."""

from __future__ import annotations

import re

# ">" "›" "»" with or without spaces; "/" only between spaces ("AC/DC", "24/7" and "either/or" are words)
_SEPARATOR = re.compile(r"\s*[>›»]\s*|\s+/\s+")
SECTION_WORDS = 3  # "Home", "World News", "Arts and Culture": a section's name is a few words
SECTION_CHARS = 30
_SENTENCE_MARKS = re.compile(r"[.!?:;,\"“”]")
HOME_SECTIONS = frozenset({"home", "homepage", "news"})  # a two-part crumb's first part ("Home > Ferry timetable ...")
# a news site's sections: a two-part crumb of section names starts with one ("Travel > Ferries", "Local News >
# Transport": its last word); "Cats > Dogs" and "Rent > Wages in Velmora" are headlines
SECTION_NAMES = HOME_SECTIONS | frozenset({
    "world", "europe", "africa", "americas", "asia", "uk", "us", "local", "national", "regional", "region", "regions",
    "politics", "business", "economy", "money", "markets", "finance", "opinion", "comment", "sport", "sports",
    "travel", "culture", "arts", "entertainment", "lifestyle", "life", "style", "science", "technology", "tech",
    "health", "education", "environment", "climate", "weather", "video", "videos", "features", "obituaries",
})
_HEADLINE_SIGNS = (">", "/")  # "A > B" and "A / B" in headlines; "›" and "»" are a page's arrows alone


def _section(part: str) -> bool:
    return (len(part.split()) <= SECTION_WORDS and len(part) <= SECTION_CHARS
            and not _SENTENCE_MARKS.search(part.rstrip(".")))


def _named(part: str) -> bool:
    """A section's or headline's start: a letter that is not lower case ("5%" and "and" start no crumb)."""
    return part[:1].isalpha() and not part[:1].islower()


def breadcrumb_parts(line: str) -> list[str]:
    """The parts of ``line`` when it is a breadcrumb (every part named, all but the last section names: the last may
    be the page's headline), else []. Two parts joined by ">" or " / ", signs a headline writes too ("Profits >
    Promises: Why Shareholders Won", "Fibre > Copper in New Rollout", "Cats > Dogs"), are a breadcrumb only with a
    crumb's evidence: under a home section ("Home > ...", "News > ...": ``HOME_SECTIONS``), or as two section names
    the first of which a news site's (``SECTION_NAMES``: "Travel > Ferries"). Three parts and more, or a page's own
    arrows ("›", "»"), are a crumb's shape; a page's navigation markup (``<nav>``) is dropped before (html.py)."""
    stripped = line.strip()
    parts = [p.strip() for p in _SEPARATOR.split(stripped)]
    if len(parts) < 2 or not all(_named(p) for p in parts) or not all(_section(p) for p in parts[:-1]):
        return []
    sign = _SEPARATOR.search(stripped)
    if len(parts) == 2 and sign is not None and sign[0].strip() in _HEADLINE_SIGNS:
        first = parts[0].casefold()
        sections = _section(parts[1]) and first.split()[-1] in SECTION_NAMES
        return parts if first in HOME_SECTIONS or sections else []
    return parts


_JOINING = frozenset({"and", "&"})  # "Arts and Culture"


def section_path(line: str) -> bool:
    """A line of a news site's section names alone, a page's navigation in article text ("Sport > Politics", "Local
    News » Regional Politics", "Business / Markets."): two parts or more, each a few words, every word of them a
    section name (``SECTION_NAMES``; "and" between two), two such words at least. A headline with the same sign
    ("Cats > Dogs", "Travel > Ferries": one section word) or a sentence is none."""
    parts = [p.strip().rstrip(".") for p in _SEPARATOR.split(line.strip())]
    if len(parts) < 2 or not all(_named(p) and _section(p) for p in parts):
        return False
    words = [w.casefold() for p in parts for w in p.split() if w.casefold() not in _JOINING]
    return len(words) >= 2 and all(w in SECTION_NAMES for w in words)


def is_breadcrumb(line: str) -> bool:
    """Whether ``line`` is a breadcrumb (``breadcrumb_parts``)."""
    return bool(breadcrumb_parts(line))


def crumb_headline(line: str) -> str:
    """The headline a breadcrumb ends in ("News > Weather > Dry spell sets a record"), "" for one of section names
    alone ("News > Travel") or a line that is no breadcrumb."""
    parts = breadcrumb_parts(line)
    return parts[-1] if parts and not _section(parts[-1]) else ""
