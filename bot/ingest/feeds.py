"""Parse RSS 0.9x/1.0/2.0 and Atom (feedparser, entity declarations refused), news sitemaps and JSON Feed 1.0/1.1."""

from __future__ import annotations

import calendar
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from typing import Any, Literal, TypeVar
from urllib.parse import urljoin, urlsplit

import feedparser

from bot.ingest.aggregators import aggregator_redirect, headline_only, source_element, unwrapped, without_outlet
from bot.ingest.canonical import canonical_url
from bot.ingest.decode import by_header_charset, decode_bytes, mend_mixed, without_nuls
from bot.ingest.html import html_to_text
from bot.ingest.link_posts import link_post
from bot.ingest.listings import arxiv_abstract, discussion_words
from bot.ingest.media_links import media_address, media_typed
from bot.ingest.normalise import (
    DateValue,
    RawArticle,
    impossible_offset,
    no_year,
    one_line,
    outlet_from_url,
    refused_link,
)
from bot.ingest.releases import no_notes, release_title, repository
from bot.ingest.sitemaps import looks_like_sitemap, parse_sitemap
from bot.ingest.zone_names import numeric_zone
from bot.plurals import counted

MAX_ENTRIES = 500
_T = TypeVar("_T")
Kind = Literal["xml-feed", "json-feed", "json", "html", "text"]

_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*(?:\[[^\]]*\])?\s*>", re.IGNORECASE)
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?(?:rss|feed|RDF|rdf)[\s>]")
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
# a tag left in a field's text once its HTML is read: its markup was escaped twice
_ESCAPED_MARKUP = re.compile(
    r"</?(?:p|br|div|span|a|b|i|u|em|strong|ul|ol|li|h[1-6]|blockquote|img|font)(?:\s[^<>]{0,500})?/?>", re.IGNORECASE)
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_PICTURE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)$", re.IGNORECASE)
# a line break inside a sentence: after a character that ends none, before a word's first letter (a lowercase one is
# checked by ``_unwrapped``): a description of plain text wrapped by hand ("... in April,\nthe operator said")
_WRAP = re.compile(r"(?<=[^\s.!?:;\"'\u201d\u2019)\]])[ \t]*\n[ \t]*(?=\w)")
_TAGS_ONLY = re.compile(r"^(?:[#@][^\s#@]+\s*)*$")  # nothing but hashtags and mentions ("#Velmora @council"), or none
HTML_PAGE = "an HTML page, not an RSS or Atom feed"  # a web page where a feed was expected (served as XML, say)


class FeedError(ValueError):
    """A feed that cannot be read at all (one clear line)."""


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's name, language and entries, with one line per entry that was skipped. ``page_items``: its entries
    are links with a headline and no text of their own (a news sitemap), so an entry is worth storing only with
    its page's text (bot/ingest/full_text.py)."""

    name: str
    language: str | None
    entries: tuple[RawArticle, ...]
    problems: tuple[str, ...] = ()
    page_items: bool = False
    notes: tuple[str, ...] = ()  # about the whole feed, its entries read anyway (a feed cut short): not errors


def sniff(data: bytes, content_type: str | None = None) -> Kind:
    """What the bytes look like: an XML feed, a JSON Feed, other JSON, an HTML page, or text."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    ctype = (content_type or "").lower()
    if head.startswith((b"{", b"[")) or "json" in ctype:
        if b"jsonfeed.org/version" in data[:65536]:
            return "json-feed"
        return "json"
    if (_FEED_ROOT.search(head) or looks_like_sitemap(head)) and not _HTML_ROOT.search(head[:512]):
        return "xml-feed"
    if any(t in ctype for t in ("rss", "atom", "rdf")):
        return "xml-feed"
    if _HTML_ROOT.search(head) or "html" in ctype:
        return "html"
    if head.startswith(b"<?xml"):
        return "xml-feed"
    return "text"


def guard_xml(data: bytes) -> bytes:
    """Refuse entity declarations (billion laughs, external entities) and drop the DOCTYPE."""
    if _ENTITY.search(data):
        raise FeedError("refused: the XML declares entities (<!ENTITY>), which are never expanded "
                        "(billion-laughs and external-entity guard)")
    return _DOCTYPE.sub(b"", data, count=1)


def parse_feed(data: bytes, *, content_type: str | None = None, base: str = "") -> ParsedFeed:
    """Parse an XML or JSON feed; raises FeedError when it is not a readable feed. ``base``: the feed's own URL,
    against which an RSS or Atom feed's relative links are read (after any xml:base of its own), and a JSON Feed's
    (after its home_page_url and feed_url). ``content_type``: the HTTP header, whose charset is read when the feed
    names none itself."""
    if sniff(data, content_type) in ("json-feed", "json"):
        return parse_json_feed(data, base=base)
    return parse_xml_feed(data, base=base, content_type=content_type)


def parse_xml_feed(data: bytes, *, base: str = "", content_type: str | None = None) -> ParsedFeed:
    """RSS or Atom via feedparser, on a stream (never a string it could take for a URL or path)."""
    if not data.strip():
        raise FeedError("empty feed")
    decode_bytes(data)  # binary, undecodable or unknown-encoding feeds fail here with a clear reason
    data, nuls = without_nuls(data)  # a few stray ones (more are binary data, refused above): one item is no reason
    # else feedparser reads it all as Windows-1252, garbling its UTF-8 part (a charset of the header's that is not
    # Western says it is not mixed: Windows-1251 "Д»" is C4 BB, which UTF-8 reads as "Ļ")
    data, stray = mend_mixed(data, content_type)
    data = by_header_charset(data, content_type)  # feedparser is told no header: a KOI8-R feed is read, not guessed
    if looks_like_sitemap(data):
        name, language, links, notes = parse_sitemap(guard_xml(data), max_entries=MAX_ENTRIES)
        # its skipped and cut lines are warnings, as a long feed's cut is: the sitemap was read
        return ParsedFeed(name, language, tuple(links), page_items=True, notes=tuple(([nuls] if nuls else []) + notes))
    try:
        parsed: Any = feedparser.parse(io.BytesIO(guard_xml(data)), resolve_relative_uris=True,
                                       sanitize_html=True)
    except ValueError as exc:  # e.g. a character reference beyond U+10FFFF (&#2000000;)
        raise FeedError(f"malformed XML: {_reason(exc)}") from None
    entries = list(parsed.entries)
    if not entries:
        if parsed.bozo:
            raise FeedError(_not_a_feed(data, f"malformed XML: {_reason(parsed.get('bozo_exception'))}"))
        if not parsed.get("version"):  # absent, not "", for a bare <!DOCTYPE>
            raise FeedError(_not_a_feed(data))
    read_anyway: list[str] = [nuls] if nuls else []
    if stray is not None:
        read_anyway.append(f"feed mixes encodings: UTF-8 with bytes that are not (the first at byte {stray}), "
                           "read as Windows-1252")
    if parsed.bozo and entries and not isinstance(parsed.get("bozo_exception"),
                                                 feedparser.CharacterEncodingOverride):
        read_anyway.append(f"feed is not well-formed ({_reason(parsed.get('bozo_exception'))}); "
                           f"{counted(len(entries), 'entry', 'entries')} read anyway")
    feed = parsed.feed
    name = one_line(feed.get("title", ""), 200)
    entries, cut = _newest(entries, _xml_stamp)
    read_anyway += [cut] if cut else []
    language = feed.get("language") or None
    out = [_xml_entry(entry, name, language, base) for entry in entries]
    return ParsedFeed(name, language, tuple(out), notes=tuple(read_anyway))


def _newest(entries: Sequence[_T], stamp: Callable[[_T], float | None]) -> tuple[list[_T], str | None]:
    """At most ``MAX_ENTRIES`` of a feed's entries, in file order, with the note saying so when some were left out:
    the newest by ``stamp`` when every entry is dated (a feed listed oldest first still gives its latest), else the
    first."""
    if len(entries) <= MAX_ENTRIES:
        return list(entries), None
    stamps = [stamp(entry) for entry in entries]
    head = f"feed has {len(entries)} entries; only the"
    if any(s is None for s in stamps):
        return list(entries[:MAX_ENTRIES]), f"{head} first {MAX_ENTRIES} were read"
    newest = sorted(range(len(entries)), key=lambda i: -(stamps[i] or 0.0))[:MAX_ENTRIES]  # ties: file order
    return [entries[i] for i in sorted(newest)], f"{head} newest {MAX_ENTRIES} (by date) were read"


def _xml_stamp(entry: Any) -> float | None:
    """An RSS or Atom entry's date (published, else updated) as seconds since 1970, for ``_newest``; None if none."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return float(calendar.timegm(parsed)) if parsed else None


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


def _not_a_feed(data: bytes, reason: str = "not an RSS or Atom feed") -> str:
    """Why bytes with no entries are no feed: an HTML page (served as a feed, say) is called one; else ``reason``."""
    return HTML_PAGE if _HTML_ROOT.search(data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")[:512]) else reason


def json_position(exc: json.JSONDecodeError, *, line: bool = True) -> str:
    """json's message with where it went wrong: "Expecting ',' delimiter at line 3 column 5", "Unterminated string
    starting at line 2 column 11" (json's own message ends with "at" there); ``line`` False: the column only."""
    where = f"line {exc.lineno} column {exc.colno}" if line else f"column {exc.colno}"
    return f"{exc.msg} {where}" if exc.msg.endswith(" at") else f"{exc.msg} at {where}"


def _reason(exc: object) -> str:
    return one_line(str(exc), 160) or type(exc).__name__


def _link(entry: Any, base: str) -> tuple[str, bool]:
    """The entry's link, a relative one (its xml:base, if any, already applied) read against the feed's URL, and
    whether it is an episode's audio or video file. With no <link> of its own (an RSS <link>, an Atom
    rel="alternate"): its GUID standing in for it (feedparser's permalink rule, ``guidislink``) when that is a full
    address, else its audio or video enclosure (``_episode_file``), else the GUID as given ("1234" is no address,
    nor read as one relative to the feed; build_article stores no link for it). feedparser sets ``guidislink``
    whenever the GUID comes before the <link>, so it is trusted only with no <link>; a <link> that repeats its GUID
    ("/news/1" twice) is one. GUIDs stay as given."""
    link = unwrapped(str(entry.get("link") or ""))  # a click-tracking link carrying the article's address
    own = any(isinstance(each, dict) and each.get("rel") == "alternate" and each.get("href")
              for each in entry.get("links") or [])
    if own:
        return _resolved(link, base), False
    stand_in = bool(entry.get("guidislink")) and link == entry.get("id")
    if link and not stand_in:  # feedparser gave one with no <link> element (none known): read as a link
        return _resolved(link, base), False
    if link.startswith(("http://", "https://")):
        return link, False
    episode = _episode_file(entry, base)
    return (episode, True) if episode else (link, False)


def _episode_file(entry: Any, base: str) -> str:
    """The address of an entry's audio or video file (an enclosure, else media:content, no picture's:
    ``_audio_or_video``), read against ``base``; "" when it has none."""
    for found in [*(entry.get("enclosures") or []), *(entry.get("media_content") or [])]:
        if not _audio_or_video(found):
            continue
        resolved = _resolved(str(found.get("href") or found.get("url") or ""), base)
        if resolved.startswith(("http://", "https://")):
            return resolved
    return ""


def _resolved(link: str, base: str) -> str:
    """``link`` read against ``base`` when it is relative ("/news/1"); as it is when absolute or with no base."""
    if not base or not link:
        return link
    try:
        return link if urlsplit(link).scheme else urljoin(base, link)
    except ValueError:  # "http://[::1": not a URL; build_article stores no link for it
        return link


def _date(entry: Any) -> DateValue:
    """The entry's publication date, else its update's: parsed by feedparser, else as written. A date in year 0 or
    before (``no_year``: a CMS's "no date", which feedparser reads as 2000-01-01) is none; one with an impossible
    time zone offset is given as written (``impossible_offset``: refused with a note), one whose zone is a name
    feedparser does not know (CET, JST) with that zone's offset (``numeric_zone``)."""
    kept = [key for key in ("published", "updated") if not no_year(entry.get(key))]
    odd = next((entry.get(key) for key in kept if impossible_offset(entry.get(key))), None)
    if odd:  # feedparser shifts "+9999" by 100 hours; as written, the date is refused with a note
        return str(odd)
    first = next((str(entry.get(key)) for key in kept if entry.get(key)), "")
    zoned = numeric_zone(first) if first else None
    if zoned:  # feedparser reads "10:00 CET" as 10:00 UTC; with its offset, it is read in its zone
        return zoned
    parsed = [entry.get(f"{key}_parsed") for key in kept]
    return next((d for d in parsed if d), None) or next((entry.get(key) for key in kept if entry.get(key)), None)


def _updated(entry: Any) -> DateValue:
    """When an Atom entry says it last changed (<updated>, parsed; as written when feedparser could not read it),
    None for an RSS item: read from the entry itself, as feedparser's ``get("updated")`` gives an RSS item's
    publication date instead."""
    written = dict.get(entry, "updated")
    if not written or no_year(written) or impossible_offset(written):
        return None
    parsed = dict.get(entry, "updated_parsed")
    return parsed if parsed else str(written)


def _plain(html: str) -> str:
    """The text of a feed field's HTML (an RSS or Atom title or description, a JSON Feed's content_html or
    summary); read once more when that text is markup itself (a description escaped once too often:
    ``&amp;lt;p&amp;gt;`` gives "<p>", which is a paragraph, not text)."""
    text = html_to_text(html)
    return _unwrapped(html_to_text(text) if _ESCAPED_MARKUP.search(text) else text)


def _unwrapped(text: str) -> str:
    """``text`` with each line break inside a sentence made a space (a line ending in no sentence's end, the next
    starting with a lowercase letter): a first line would otherwise be taken for a heading and dropped with the
    start of its sentence. A line ending a sentence, a blank line, a next line in capitals keep their break."""
    if "\n" not in text:
        return text
    return _WRAP.sub(lambda found: " " if text[found.end()].islower() else found.group(), text)


def _body(entry: Any) -> str:
    """An entry's text: the longest of its contents (content:encoded, Atom <content>, a media:description) and its
    description or summary, so a picture's caption (media:description, which feedparser gives as a content) never
    stands in for the item's own description (a Mastodon post with a photo, a news item with a captioned picture)."""
    texts = [_plain(field) if field.strip() else "" for field in _fields(entry)]
    return max(texts, key=len)  # the first of the longest: a content before the summary


def _fields(entry: Any) -> list[str]:
    """An entry's contents and its description or summary, as HTML."""
    fields = [str(content.get("value") or "") for content in entry.get("content") or [] if isinstance(content, dict)]
    return [*fields, str(entry.get("summary") or entry.get("description") or "")]


def _xml_entry(entry: Any, feed_name: str, feed_language: str | None, base: str = "") -> RawArticle:
    # an aggregator's item (a news search's feed) names its outlet in <source>: that outlet, not the aggregator,
    # reported it; a title ending in its name ("Headline - Courier") loses the ending, and a description that only
    # repeats headline and name gives the headline, as does any behind an aggregator's redirect link (Google News':
    # its headline, or a list of several outlets' headlines, never the article's text): bot/ingest/aggregators.py
    named, home = source_element(entry)
    outlet = named or outlet_from_url(home)
    title = _plain(entry.get("title") or "")
    link, link_media = _link(entry, base)
    # a Reddit-style post: a link post is the article it links, its headline the text until its page is read, that
    # site its outlet (as an aggregator's item: bot/ingest/link_posts.py); a text post is its words, no trailer
    post = next((found for found in (link_post(field, link) for field in _fields(entry)) if found), None)
    headline_text = False
    if post is not None and post.target and media_address(post.target):  # a picture or video post: the headline
        # is its news, linked to the post's own page (which holds that file and comments, no article: not fetched)
        link_media, text, headline_text = True, title, True
    elif post is not None and post.target:
        link, link_media, text, headline_text = post.target, False, title, True
        outlet = outlet or ("" if refused_link(link) else outlet_from_url(link))  # a metadata address: not shown
    else:
        text = _plain(post.body) if post is not None else arxiv_abstract(_body(entry))
        # a discussion site's listing (Hacker News): an item whose text only links its comments is the article it
        # links, as a link post is (its site the outlet), or, linking its own comments page (Ask HN), its headline
        comments = str(entry.get("comments") or "")
        own = discussion_words(text, comments)
        if own == "":
            text, headline_text = title, True
            if canonical_url(link) != canonical_url(comments) and not refused_link(link):
                outlet = outlet or outlet_from_url(link)
        elif own is not None:
            text = own
    repo = repository(feed_name, str(entry.get("id") or ""))  # a GitHub release: "v2.2.1" is "tidewatch v2.2.1",
    title = release_title(title, repo)  # and "No content." (no notes) no text: its headline is the news
    if repo and no_notes(text):
        text, headline_text = title, True
    if outlet:
        title = without_outlet(title, outlet)
        if headline_only(text, title, outlet) or (aggregator_redirect(link) and title):
            text, headline_text = title, True
    return RawArticle(
        title=title,
        text=text,
        url=link,
        outlet=outlet or feed_name,
        author=entry.get("author") or None,
        published=_date(entry),
        language=(entry.get("content") or [{}])[0].get("language") or feed_language,  # the channel's when unsaid
        guid=entry.get("id") or None,
        media=_media(entry),
        # a video's watch page is a player, a picture's or a sound's file no page: none is fetched for full text
        link_media=link_media or bool(entry.get("yt_videoid")) or media_address(link)
        or media_typed(link, _hints(entry)),
        headline_text=headline_text,
        updated=_updated(entry),
        picture_only=_picture_only(entry, title),
    )


def _picture_only(entry: Any, title: str) -> bool:
    """Whether an entry is a picture alone (a Mastodon post of a photo): no title, no words of its own (its HTML
    description or content empty, or only hashtags and mentions), a picture's media:content and no audio or video;
    its only words the picture's description (alt text), which feedparser gives as a text/plain content or summary."""
    pictures = [each for each in entry.get("media_content") or [] if not _audio_or_video(each)]
    if title.strip() or not pictures or _media(entry):
        return False
    details = [*(entry.get("content") or []), entry.get("summary_detail") or {}]
    own = " ".join(_plain(str(each.get("value") or "")) for each in details
                   if isinstance(each, dict) and each.get("type") != "text/plain")
    return _TAGS_ONLY.match(own.strip()) is not None


def _media(entry: Any) -> bool:
    """Whether an entry is an episode or a video: an audio or video enclosure, media:content or a YouTube id (a
    picture's is none: ``_audio_or_video``)."""
    if entry.get("yt_videoid"):
        return True
    found = [*(entry.get("enclosures") or []), *(entry.get("media_content") or []),
             *(link for link in entry.get("links") or [] if isinstance(link, dict) and link.get("rel") == "enclosure")]
    return any(_audio_or_video(each) for each in found)


def _hints(entry: Any) -> list[tuple[str, str]]:
    """(address, medium or type) of an entry's enclosures and media:content, for ``media_typed``."""
    found = [*(entry.get("enclosures") or []), *(entry.get("media_content") or [])]
    return [(str(each.get("href") or each.get("url") or ""), str(each.get("medium") or each.get("type") or ""))
            for each in found if isinstance(each, dict)]


def _audio_or_video(found: Any) -> bool:
    """Whether an enclosure or media:content is no picture: its type or medium audio or video, or none given (nor
    a picture's file name), or another (a video player's, "application/x-shockwave-flash")."""
    if not isinstance(found, dict):
        return False
    kind = str(found.get("medium") or found.get("type") or "").lower()
    if kind:
        return not kind.startswith("image")
    address = str(found.get("href") or found.get("url") or "")
    return not _PICTURE_FILE.search(address.split("?", 1)[0])


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
    items, cut = _newest(items, _json_stamp)
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
        found = _resolved(_str(doc.get(key)) or "", base)
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
        text = _plain(_str(item.get("content_html")) or _str(item.get("summary")) or "")
    authors = item.get("authors")
    if not isinstance(authors, list):
        authors = [item.get("author")]
    names = [_references_read(a["name"]) or "" for a in authors
             if isinstance(a, dict) and isinstance(a.get("name"), str)]
    guid = item.get("id")
    # its attachments are what an RSS item's enclosures are: an audio or video one makes it an episode, and is its
    # link when it has no url of its own; a link that is one of them is a file, never fetched for full text
    files = [{"url": _resolved(_str(each.get("url")) or "", base), "type": _str(each.get("mime_type")) or ""}
             for each in item.get("attachments") or [] if isinstance(each, dict)]
    episodes = [each["url"] for each in files if _audio_or_video(each) and each["url"].startswith(("http://",
                                                                                                    "https://"))]
    url = _resolved(_str(item.get("url")) or _str(item.get("external_url")) or "", base)
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
