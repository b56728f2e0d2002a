"""OPML in and out: the feed lists people move between readers (parsed safely, no entity expansion)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, SubElement, tostring

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

MAX_OPML_BYTES = 2_000_000
MAX_FEEDS = 2000
MAX_URL_CHARS = 2000  # as `sources add` takes


class OpmlError(ValueError):
    """Text that is not an OPML feed list (one clear line)."""


@dataclass(frozen=True, slots=True)
class Outline:
    url: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class Skipped:
    """An outline that names a feed address that cannot be followed, and why."""

    url: str
    reason: str


@dataclass(frozen=True, slots=True)
class OpmlFeeds:
    """What an OPML lists: the feeds to follow (each URL once) and the entries skipped, with their reasons."""

    outlines: tuple[Outline, ...]
    skipped: tuple[Skipped, ...] = ()

    @property
    def listed(self) -> int:
        """Feed entries in the document (the duplicates of a URL counted once)."""
        return len(self.outlines) + len(self.skipped)


def _refusal(url: str) -> str:
    """Why ``url`` cannot be followed ("" when it can): the rule `sources add` applies to an address."""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed [ of an IPv6 host
        return "not a valid address"
    if parts.scheme.lower() not in ("http", "https"):
        return f"not an http(s) address ({parts.scheme or 'no'} scheme)"
    if not parts.netloc:
        return "no host in the address"
    if len(url) > MAX_URL_CHARS:
        return f"longer than {MAX_URL_CHARS} characters"
    if any(c.isspace() for c in url):
        return "a space in the address"
    return ""


def parse_opml(text: str) -> list[Outline]:
    """Every outline with a followable ``xmlUrl`` (see ``read_opml``)."""
    return list(read_opml(text).outlines)


def read_opml(text: str) -> OpmlFeeds:
    """Every outline with an ``xmlUrl`` (nested folders included), first occurrence of each URL kept; one whose
    address cannot be followed (not http(s), no host, too long) is skipped with its reason, never silently."""
    if len(text.encode("utf-8", "replace")) > MAX_OPML_BYTES:
        raise OpmlError(f"the OPML is larger than {MAX_OPML_BYTES // 1_000_000} MB")
    try:
        root = SafeET.fromstring(text.strip())
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise OpmlError(f"not OPML (XML): {exc}") from exc
    if root.tag.lower() != "opml":
        raise OpmlError(f"not OPML: the document starts with <{root.tag}>")
    found: dict[str, Outline] = {}
    skipped: dict[str, Skipped] = {}
    for node in root.iter():
        if node.tag.lower() != "outline":
            continue
        url = (node.get("xmlUrl") or node.get("xmlurl") or "").strip()
        if not url or url in found or url in skipped:  # a folder, or a feed listed twice (read once)
            continue
        reason = _refusal(url)
        if reason:
            skipped[url] = Skipped(url, reason)
        else:
            found[url] = Outline(url, (node.get("title") or node.get("text") or "").strip())
    if len(found) > MAX_FEEDS:
        raise OpmlError(f"the OPML lists {len(found)} feeds; at most {MAX_FEEDS} are imported at once")
    return OpmlFeeds(tuple(found.values()), tuple(skipped.values()))


def to_opml(outlines: Sequence[Outline], title: str) -> str:
    """An OPML 2.0 document listing the feeds."""
    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = title
    body = SubElement(root, "body")
    for o in outlines:
        SubElement(body, "outline", type="rss", text=o.title or o.url, title=o.title or o.url, xmlUrl=o.url)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"
