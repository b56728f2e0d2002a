"""Parse RSS 0.9x/1.0/2.0 and Atom (feedparser, entity declarations refused), news sitemaps and JSON Feed 1.0/1.1
(bot/ingest/json_feed.py; what the readers share is in bot/ingest/feed_fields.py, re-exported here)."""

from __future__ import annotations

import calendar
import io
import re
from typing import Any, Literal

import feedparser

from bot.ingest.aggregators import aggregator_redirect, headline_only, source_element, unwrapped, without_outlet
from bot.ingest.canonical import canonical_url
from bot.ingest.decode import by_header_charset, decode_bytes, mend_mixed, without_nuls
from bot.ingest.feed_fields import MAX_ENTRIES as MAX_ENTRIES
from bot.ingest.feed_fields import FeedError as FeedError
from bot.ingest.feed_fields import ParsedFeed as ParsedFeed
from bot.ingest.feed_fields import audio_or_video, field_text, newest_entries, resolved
from bot.ingest.json_feed import json_position as json_position
from bot.ingest.json_feed import load_json as load_json
from bot.ingest.json_feed import parse_json_feed as parse_json_feed
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

Kind = Literal["xml-feed", "json-feed", "json", "html", "text"]

_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*(?:\[[^\]]*\])?\s*>", re.IGNORECASE)
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?(?:rss|feed|RDF|rdf)[\s>]")
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_TAGS_ONLY = re.compile(r"^(?:[#@][^\s#@]+\s*)*$")  # nothing but hashtags and mentions ("#Velmora @council"), or none
HTML_PAGE = "an HTML page, not an RSS or Atom feed"  # a web page where a feed was expected (served as XML, say)


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
        # its skipped and cut lines are notes, as a long feed's cut is: the sitemap was read
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
    entries, cut = newest_entries(entries, _xml_stamp)
    read_anyway += [cut] if cut else []
    language = feed.get("language") or None
    out = [_xml_entry(entry, name, language, base) for entry in entries]
    return ParsedFeed(name, language, tuple(out), notes=tuple(read_anyway))


def _xml_stamp(entry: Any) -> float | None:
    """An RSS or Atom entry's date (published, else updated) as seconds since 1970, for ``newest_entries``; None
    if none."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return float(calendar.timegm(parsed)) if parsed else None


def _not_a_feed(data: bytes, reason: str = "not an RSS or Atom feed") -> str:
    """Why bytes with no entries are no feed: an HTML page (served as a feed, say) is called one; else ``reason``."""
    return HTML_PAGE if _HTML_ROOT.search(data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")[:512]) else reason


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
        return resolved(link, base), False
    stand_in = bool(entry.get("guidislink")) and link == entry.get("id")
    if link and not stand_in:  # feedparser gave one with no <link> element (none known): read as a link
        return resolved(link, base), False
    if link.startswith(("http://", "https://")):
        return link, False
    episode = _episode_file(entry, base)
    return (episode, True) if episode else (link, False)


def _episode_file(entry: Any, base: str) -> str:
    """The address of an entry's audio or video file (an enclosure, else media:content, no picture's:
    ``audio_or_video``), read against ``base``; "" when it has none."""
    for found in [*(entry.get("enclosures") or []), *(entry.get("media_content") or [])]:
        if not audio_or_video(found):
            continue
        address = resolved(str(found.get("href") or found.get("url") or ""), base)
        if address.startswith(("http://", "https://")):
            return address
    return ""


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


def _body(entry: Any) -> str:
    """An entry's text: the longest of its contents (content:encoded, Atom <content>, a media:description) and its
    description or summary, so a picture's caption (media:description, which feedparser gives as a content) never
    stands in for the item's own description (a Mastodon post with a photo, a news item with a captioned picture)."""
    texts = [field_text(field) if field.strip() else "" for field in _fields(entry)]
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
    title = field_text(entry.get("title") or "")
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
        text = field_text(post.body) if post is not None else arxiv_abstract(_body(entry))
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
    pictures = [each for each in entry.get("media_content") or [] if not audio_or_video(each)]
    if title.strip() or not pictures or _media(entry):
        return False
    details = [*(entry.get("content") or []), entry.get("summary_detail") or {}]
    own = " ".join(field_text(str(each.get("value") or "")) for each in details
                   if isinstance(each, dict) and each.get("type") != "text/plain")
    return _TAGS_ONLY.match(own.strip()) is not None


def _media(entry: Any) -> bool:
    """Whether an entry is an episode or a video: an audio or video enclosure, media:content or a YouTube id (a
    picture's is none: ``audio_or_video``)."""
    if entry.get("yt_videoid"):
        return True
    found = [*(entry.get("enclosures") or []), *(entry.get("media_content") or []),
             *(link for link in entry.get("links") or [] if isinstance(link, dict) and link.get("rel") == "enclosure")]
    return any(audio_or_video(each) for each in found)


def _hints(entry: Any) -> list[tuple[str, str]]:
    """(address, medium or type) of an entry's enclosures and media:content, for ``media_typed``."""
    found = [*(entry.get("enclosures") or []), *(entry.get("media_content") or [])]
    return [(str(each.get("href") or each.get("url") or ""), str(each.get("medium") or each.get("type") or ""))
            for each in found if isinstance(each, dict)]
