"""Web pages and HTML fragments to text: trafilatura for main text and metadata, bounded parsing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from typing import Any
from urllib.parse import urljoin

import htmldate
import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
import trafilatura
import trafilatura.settings

from bot.ingest.decode import decode_bytes
from bot.ingest.normalise import RawArticle, outlet_from_url
from bot.ingest.page_outlet import suffix_outlet
from bot.ingest.wraps import wraps_joined

MAX_ELEMENTS = 100_000  # a news page has a few thousand; more is a hostile or broken page
# htmldate's extensive date search runs regexes over the whole page (about 2 s a MB of text here): it is asked for
# only when the page's own tags give no date (then its answer is the one used) and the page is no bigger than this
EXTENSIVE_DATE_MAX_CHARS = 256_000
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # lxml refuses these in text
_DROP = ("script", "style", "noscript", "iframe", "figure", "figcaption", "nav", "aside", "footer",
         "header", "form", "button", "svg", "template", "object", "embed", "select", "canvas")
_BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
                     "section", "article", "pre", "ul", "ol", "table", "dd", "dt", "hr"})
# a copyright line ("(c) 2026 Outlet") or schema.org's copyrightYear: htmldate reads either as 1 January of the year
_COPYRIGHT = re.compile(r"©|&copy;|&#169;|&#xa9;|\bcopyright(?:year)?\b|\(c\)", re.IGNORECASE)
_LD_JSON = re.compile(r"application/ld\+json", re.IGNORECASE)
MAX_LD_CHARS = 100_000  # a JSON-LD block bigger than this is not read for the publisher's name
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "date",
              "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date")


class PageError(ValueError):
    """An HTML page from which no article can be read (one clear line)."""


def _parse_tree(text: str) -> lxml.html.HtmlElement:
    """Parse with libxml2 (C, no recursion; it caps nesting at 256 levels) and bound the size."""
    return _parse(text)[0]


def _parse(text: str) -> tuple[lxml.html.HtmlElement, bool]:
    """(the tree, whether libxml2 stopped at its nesting cap of 256 levels, dropping what lies deeper)."""
    text = _CONTROL.sub("", _XML_DECL.sub("", text, count=1))
    if not text.strip():
        raise PageError("empty HTML")
    parser = lxml.html.HTMLParser()
    try:
        tree = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise PageError(f"unreadable HTML ({exc})") from None
    count = sum(1 for _ in zip(tree.iter(), range(MAX_ELEMENTS + 1), strict=False))
    if count > MAX_ELEMENTS:
        raise PageError(f"HTML too large: more than {MAX_ELEMENTS} elements")
    too_deep = any("Excessive depth" in str(entry.message) for entry in parser.error_log)
    return tree, too_deep


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one block per line."""
    if "<" not in fragment:
        return unescape(fragment)
    try:
        root = _parse_tree(f"<html><body>{_XML_DECL.sub('', fragment)}</body></html>")
    except PageError:
        return ""
    for element in list(root.iter(*_DROP)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    body = root.find("body")
    return str((body if body is not None else root).text_content())


def _meta(tree: lxml.html.HtmlElement, names: tuple[str, ...]) -> str | None:
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        if key in names and element.get("content"):
            return str(element.get("content"))
    return None


def _first_time(tree: lxml.html.HtmlElement) -> str | None:
    for element in tree.iter("time"):
        value = element.get("datetime")
        if value:
            return str(value)
    return None


def parse_page(data: bytes, *, url: str = "", content_type: str | None = None) -> RawArticle:
    """The main article of an HTML page; raises PageError or DecodeError (ValueError) when none."""
    html = decode_bytes(data, content_type=content_type)
    tree, too_deep = _parse(html)
    lang = tree.get("lang") or _meta(tree, ("og:locale", "language", "content-language"))
    title_el = tree.find(".//title")
    page_title = title_el.text_content().strip() if title_el is not None else ""
    published = _meta(tree, _DATE_META) or _first_time(tree)
    extensive = published is None and len(html) <= EXTENSIVE_DATE_MAX_CHARS
    try:
        doc: Any = trafilatura.bare_extraction(
            tree, url=url or None, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params=trafilatura.settings.set_date_params(extensive),
        )
    except Exception as exc:  # trafilatura has many internal failure modes; one bad page is one problem
        raise PageError(f"could not extract the main text ({type(exc).__name__})") from None
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        raise PageError(_no_text(tree, url, too_deep))
    return RawArticle(
        title=str(doc.title or page_title or ""),
        # a break trafilatura keeps (a <pre> block, a <div>'s wrapped source, a <br>) inside a sentence: a space
        text=wraps_joined(str(doc.text)),
        url=url or _declared_url(tree),
        # not trafilatura's sitename: without a site name it falls back to the title or to host:port. As a saved
        # page's (bot/ingest/files.py): the site name, else the end of its <title> ("Headline | Courier"), else host
        outlet=(_site_name(tree, str(doc.title or page_title or ""))
                or suffix_outlet(str(doc.title or page_title or ""), html) or outlet_from_url(url)),
        author=str(doc.author) if doc.author else None,
        published=published or _stated_date(str(doc.date) if doc.date else None, html, url),
        language=str(lang) if lang else None,
    )


def _site_name(tree: lxml.html.HtmlElement, headline: str) -> str | None:
    """The site's name: the first of og:site_name, application-name and the JSON-LD publisher's (or WebSite's) name
    that is not blank and not the headline itself (a site that puts the headline there names no site)."""
    said = _fold(headline)
    for name in (*_metas(tree, ("og:site_name", "application-name")), *_publishers(tree)):
        if name.strip() and _fold(name) != said:
            return name.strip()
    return None


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _metas(tree: lxml.html.HtmlElement, names: tuple[str, ...]) -> list[str]:
    """Every ``content`` of the meta tags named ``names``, in the order of ``names``."""
    found: dict[str, list[str]] = {n: [] for n in names}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        if key in found and element.get("content"):
            found[key].append(str(element.get("content")))
    return [c for n in names for c in found[n]]


def _publishers(tree: lxml.html.HtmlElement) -> Iterator[str]:
    """The site's names as the page's JSON-LD gives them: its publisher's name, or its WebSite's."""
    for script in tree.iter("script"):
        if not _LD_JSON.search(script.get("type") or ""):
            continue
        raw = script.text or ""
        if len(raw) > MAX_LD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        yield from _ld_names(data)


def _ld_names(data: object) -> Iterator[str]:
    """Publisher names (a string, an object, a list of either, an ``{"@id": ...}`` naming an item of the same
    ``@graph``) and WebSite names, item by item."""
    items: list[object] = list(data) if isinstance(data, list) else [data]
    items += [g for i in items if isinstance(i, dict) and isinstance(i.get("@graph"), list) for g in i["@graph"]]
    by_id = {i["@id"]: i for i in items if isinstance(i, dict) and isinstance(i.get("@id"), str)}
    for item in items:
        if not isinstance(item, dict):
            continue
        publisher = item.get("publisher")
        for one in publisher if isinstance(publisher, list) else [publisher]:
            if isinstance(one, str):
                one = by_id.get(one, one)
            elif isinstance(one, dict) and "name" not in one and isinstance(one.get("@id"), str):
                one = by_id.get(one["@id"], one)
            name = one.get("name") if isinstance(one, dict) else one
            if isinstance(name, str) and not name.startswith(("http://", "https://", "#")):  # an @id, no name
                yield name
        kinds = item.get("@type")
        if "WebSite" in (kinds if isinstance(kinds, list) else [kinds]) and isinstance(item.get("name"), str):
            yield str(item["name"])


def _stated_date(found: str | None, html: str, url: str) -> str | None:
    """``found`` (trafilatura's date of the page) unless it is 1 January standing for a bare year (a copyright line,
    copyrightYear, a year in the text): such a date is kept only when the page states it without its copyright
    marks (in its tags, JSON-LD, <time>, URL or a byline htmldate reads without its extensive search) or writes
    the full date out; else None, and the fetch time stands in, as for a feed item without a date."""
    if not found or not found[:10].endswith("-01-01"):
        return found
    year = found[:4]
    cleaned = _COPYRIGHT.sub(" ", html)
    try:
        strict = htmldate.find_date(cleaned, url=url or None, extensive_search=False, original_date=True)
    except Exception:  # htmldate has its own failure modes; an unsure date is no date
        strict = None
    if strict == found[:10] or _new_years_day(year).search(cleaned):
        return found
    return None


def _new_years_day(year: str) -> re.Pattern[str]:
    """1 January of ``year`` written out in full: "1 January 2026", "Jan. 1, 2026", "2026-01-01", "01/01/2026"."""
    return re.compile(rf"\b0?1(?:st)?\.?\s+jan(?:uary)?\.?,?\s+{year}\b|\bjan(?:uary)?\.?\s+0?1(?:st)?,?\s+{year}\b"
                      rf"|\b{year}[-/.]0?1[-/.]0?1\b|\b0?1[-/.]0?1[-/.]{year}\b", re.IGNORECASE)


def _no_text(tree: lxml.html.HtmlElement, url: str, too_deep: bool) -> str:
    """Why a page gave no article text, naming what would: a frameset's frames, the nesting that cut it short."""
    frames = [urljoin(url, str(f.get("src")).strip()) for f in tree.iter("frame") if f.get("src")]
    if tree.find(".//frameset") is not None:
        shown = ", ".join(frames[:3]) + (" ..." if len(frames) > 3 else "") if frames else "none named"
        return f"a frameset page: its text is in its frames ({shown[:300]}), read them by their own URLs"
    if too_deep:
        return "no main article text found: the HTML nests more than 256 levels deep and was read only that far"
    return "no main article text found on the page"


def _declared_url(tree: Any) -> str:
    """A saved page's own address: its canonical link, else og:url (only http/https)."""
    for link in tree.iterfind(".//link"):
        if (link.get("rel") or "").lower() == "canonical":
            href = (link.get("href") or "").strip()
            if href.startswith(("http://", "https://")):
                return href
    found = _meta(tree, ("og:url",))
    return found if found and found.startswith(("http://", "https://")) else ""
