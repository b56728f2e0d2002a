"""OPML in and out: the feed lists people move between readers (parsed safely, no entity expansion)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement, tostring

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

MAX_OPML_BYTES = 2_000_000
MAX_FEEDS = 2000


class OpmlError(ValueError):
    """Text that is not an OPML feed list (one clear line)."""


@dataclass(frozen=True, slots=True)
class Outline:
    url: str
    title: str = ""


def parse_opml(text: str) -> list[Outline]:
    """Every outline with an ``xmlUrl`` (nested folders included), first occurrence of each URL kept."""
    if len(text.encode("utf-8", "replace")) > MAX_OPML_BYTES:
        raise OpmlError(f"the OPML is larger than {MAX_OPML_BYTES // 1_000_000} MB")
    try:
        root = SafeET.fromstring(text.strip())
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise OpmlError(f"not OPML (XML): {exc}") from exc
    if root.tag.lower() != "opml":
        raise OpmlError(f"not OPML: the document starts with <{root.tag}>")
    found: dict[str, Outline] = {}
    for node in root.iter():
        if node.tag.lower() != "outline":
            continue
        url = (node.get("xmlUrl") or node.get("xmlurl") or "").strip()
        if url.startswith(("http://", "https://")) and url not in found:
            found[url] = Outline(url, (node.get("title") or node.get("text") or "").strip())
    if len(found) > MAX_FEEDS:
        raise OpmlError(f"the OPML lists {len(found)} feeds; at most {MAX_FEEDS} are imported at once")
    return list(found.values())


def to_opml(outlines: Sequence[Outline], title: str) -> str:
    """An OPML 2.0 document listing the feeds."""
    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = title
    body = SubElement(root, "body")
    for o in outlines:
        SubElement(body, "outline", type="rss", text=o.title or o.url, title=o.title or o.url, xmlUrl=o.url)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"
