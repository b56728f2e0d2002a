"""Turn the fields found in any source into one normalised Article: dates, language, text, ids."""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from bot.config import IngestConfig
from bot.ingest.canonical import article_id, canonical_url, content_hash
from bot.ingest.fallback_title import fallback_title
from bot.ingest.feed_notes import FeedNote
from bot.ingest.junk import clean_text, never_title, only_come_back, split_title
from bot.ingest.language import detect_language
from bot.ingest.safe_text import clean_title, safe_url, without_escapes
from bot.ingest.spaced_stops import closed_stops
from bot.ingest.ssrf import address_rule, always_refused, numeric_ipv4
from bot.ingest.zone_names import numeric_zone
from bot.models import Article, IngestProblem
from bot.nlp.sentences import split_sentences
from bot.plurals import counted

MAX_TEXT_CHARS = 200_000  # ~30,000 words: longer is not a news article, and costs the NLP dearly
MAX_TITLE_CHARS = 300
_WS = re.compile(r"\s+")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # what neither store (nor a UTF-8 terminal) takes in text
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
NO_TEXT = "no article text found"
SHOWN_BARE = 3  # titles named in the line for a feed's episodes or videos with no text
FUTURE_TOLERANCE = timedelta(minutes=10)  # a clock a little ahead; a later date is clamped to the fetch time
MAX_FUTURE = timedelta(days=2)  # ... and one more than this far ahead is no date
# a numeric time zone offset at the end of a date ("+0200", "-12:00"): real ones lie within -12:00 and +14:00
_OFFSET = re.compile(r"(?:\s|\d)([+-])(\d{2}):?(\d{2})\s*$")
_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y",
            "%b %d, %Y", "%d.%m.%Y", "%Y%m%d")
# a numeric date with slashes or dashes, day or month first ("24/11/2026", "11-24-2026 09:30"): read only when one of
# the first two numbers is over 12, so which is the day is not a guess ("05/11/2026" is May or November: unread)
_NUMERIC = re.compile(r"^(\d{1,2})([/-])(\d{1,2})\2(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
SHOWN_DATES = 3  # unreadable dates named in a feed's note

# a year 0 or before, ISO ("-0001-11-30", "0000-00-00") or RFC 822 ("Sat, 30 Nov -0001"): what some CMSs write for
# "no date", which feedparser and the email module read as a date in 2000
_NO_YEAR = re.compile(r"^\s*(?:-\d{1,4}|0000)-|\b\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+(?:-\d{1,4}|0000)(?:\s|$)")

DateValue = datetime | time.struct_time | str | int | float | None
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RawArticle:
    """An article's fields as a source gave them, before normalisation."""

    title: str
    text: str
    url: str = ""
    outlet: str = ""
    author: str | None = None
    published: DateValue = None
    language: str | None = None
    guid: str | None = None
    unreadable: str = ""  # why it holds no article at all (a JSON Feed item that is not an object): kept in its place
    media: bool = False  # an episode or video (an enclosure, media:content): with no text, skipped without an error
    link_media: bool = False  # ``url`` is an episode's audio or video file, or a YouTube video's page: never fetched
    headline_text: bool = False  # its text stands for its headline (a link post's, an aggregator's item): kept as it
    updated: DateValue = None  # when the feed says the item last changed (Atom <updated>, JSON Feed date_modified)
    picture_only: bool = False  # a picture alone (a Mastodon photo post), its text the picture's description: skipped


def no_year(value: object) -> bool:
    """Whether ``value`` is a date written in year 0 or before (``_NO_YEAR``): no date at all."""
    return isinstance(value, str) and _NO_YEAR.search(value[:80]) is not None


def parse_date(value: DateValue, now: datetime) -> datetime | None:
    """A timezone-aware UTC datetime, or None when absent, unreadable or implausible (before 1970, in year 0 or
    before, more than two days ahead, with an impossible time zone offset); a date ahead of ``now`` by more than
    ``FUTURE_TOLERANCE`` is ``now`` (``date_verdict`` says why)."""
    return date_verdict(value, now)[0]


def impossible_offset(value: object) -> str | None:
    """The time zone offset ending a date string when no zone has it ("+9999", "-2500"), else None."""
    if not isinstance(value, str):
        return None
    found = _OFFSET.search(value.strip()[:80])
    if found is None or (int(found.group(2)) <= (14 if found.group(1) == "+" else 12) and int(found.group(3)) < 60):
        return None
    return found.group(1) + found.group(2) + found.group(3)


def date_verdict(value: DateValue, now: datetime) -> tuple[datetime | None, str]:
    """(``parse_date``'s date, a note when a date was given but is not stored as given: ignored or clamped)."""
    shown = clean_title(one_line(value, 60)) if isinstance(value, str) else ""
    offset = impossible_offset(value)
    if offset is not None:
        return None, f"publication date {shown!r} ignored: {offset} is not a possible time zone offset"
    parsed = _read_date(value)
    if parsed is None:
        return None, ""
    shown = shown or parsed.isoformat()
    if parsed.year < 1970:
        return None, f"publication date {shown!r} ignored: before 1970 (year {parsed.year:04d})"
    if parsed > now + MAX_FUTURE:
        return None, f"publication date {shown!r} ignored: more than two days in the future (year {parsed.year:04d})"
    if parsed > now + FUTURE_TOLERANCE:
        ahead = (parsed - now).total_seconds() / 3600
        return now, (f"publication date {shown!r} is {ahead:.1f} h in the future: "
                     "stored as the fetch time")
    return parsed, ""


def _read_date(value: DateValue) -> datetime | None:
    """``value`` as an aware UTC datetime, None when absent, unreadable or in year 0 or before."""
    if no_year(value):
        return None
    parsed: datetime | None = None
    try:
        if isinstance(value, datetime):
            parsed = value
        elif isinstance(value, time.struct_time):
            parsed = datetime(*value[:6], tzinfo=UTC)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            parsed = datetime.fromtimestamp(float(value) / (1000 if value > 1e11 else 1), tz=UTC)
        elif isinstance(value, str) and value.strip():
            parsed = _parse_date_text(value.strip()[:80])
    except (ValueError, OverflowError, OSError, TypeError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):  # year 1 with a positive offset
        return None


def _parse_date_text(text: str) -> datetime | None:
    text = numeric_zone(text) or text  # "10:00 CET": read as +0100, not as UTC
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (ValueError, TypeError, IndexError):
        pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return _numeric_date(text)


def _numeric_date(text: str) -> datetime | None:
    """A ``_NUMERIC`` date whose day cannot be taken for its month (one of the two is over 12), without a zone;
    None for any other text, or one that is either way round."""
    found = _NUMERIC.match(text)
    if found is None:
        return None
    first, second = int(found.group(1)), int(found.group(3))
    if (first > 12) == (second > 12):  # both 12 or less: a guess; both over: no date
        return None
    day, month = (first, second) if first > 12 else (second, first)
    hour, minute, second_ = (int(found.group(n) or 0) for n in (5, 6, 7))
    return datetime(int(found.group(4)), month, day, hour, minute, second_)


def unreadable_date(value: DateValue) -> str:
    """``value`` as written (one line, at most 60 characters) when it is a date given as text that cannot be read
    (not one in year 0 or before, which stands for none, nor one with an impossible offset, which has a note of its
    own); else ""."""
    if not isinstance(value, str) or not value.strip() or no_year(value) or impossible_offset(value):
        return ""
    return "" if _read_date(value) is not None else clean_title(one_line(value, 60))


def normalise_language(value: str | None) -> str:
    """Primary language subtag in lower case ("en-US" -> "en"); "en" when unknown."""
    match = _LANG.match((value or "").strip())
    return match.group(1).lower() if match else "en"


def one_line(value: object, limit: int = MAX_TITLE_CHARS) -> str:
    """A string field collapsed onto one line and capped."""
    if not isinstance(value, str):
        return ""
    return _WS.sub(" ", value).strip()[:limit]


def storable(text: str) -> str:
    """``text`` as every store can hold it and every terminal print it: NUL dropped, and a lone surrogate (a file
    name byte that is not UTF-8, which Python reads as U+DC80..U+DCFF, or a JSON ``\\ud800`` escape) shown as
    ``\\xNN`` (the byte) or U+FFFD, so one odd file name or feed field never fails a whole run's store writes."""
    return _UNSTORABLE.sub(_visible, text) if _UNSTORABLE.search(text) else text


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0:
        return ""
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def _storable_raw(raw: RawArticle) -> RawArticle:
    """``raw`` with its text fields ``storable``, without terminal escapes and control characters; its title, outlet
    and author without bidi overrides and invisible characters, its URL with unsafe characters percent-encoded."""
    return replace(raw, title=clean_title(storable(raw.title)), text=without_escapes(storable(raw.text)),
                   url=safe_url(storable(raw.url)), outlet=clean_title(storable(raw.outlet)),
                   author=clean_title(storable(raw.author)) if raw.author else raw.author,
                   guid=storable(raw.guid) if raw.guid else raw.guid,
                   language=storable(raw.language) if raw.language else raw.language)


def outlet_from_url(url: str) -> str:
    """The host of a URL without ``www.`` ("" when there is none)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def _cap(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def _cut(field: str, kept: str, given: str, limit: int) -> str:
    """A clause of the cut line, "text cut to 199,980 characters (it had 250,000; at most 200,000 are kept)"."""
    return f"{field} cut to {len(kept):,} characters (it had {len(given):,}; at most {limit:,} are kept)"


_CUTS_LOGGED: dict[tuple[str, int, int], None] = {}  # cuts told already: (source, hash of title, of text)
MAX_CUTS_REMEMBERED = 4096
_CUTS_LOCK = threading.Lock()


def _log_cut(where: str, cuts: str, key: tuple[str, int, int]) -> None:
    """One WARNING line for a cut, once a process for the same source, title and text: a page or feed polled again
    unchanged (no validators, so read in full every round) tells it once, an edited one once more."""
    with _CUTS_LOCK:  # pages are parsed in worker threads
        if key in _CUTS_LOGGED:
            return
        if len(_CUTS_LOGGED) >= MAX_CUTS_REMEMBERED:
            del _CUTS_LOGGED[next(iter(_CUTS_LOGGED))]
        _CUTS_LOGGED[key] = None
    log.warning("%s: %s", where, cuts)


def refused_link(url: str) -> str:
    """Why an item's link is never kept (its host is a link-local or cloud metadata address, however spelt), or ""."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    spelled = numeric_ipv4(host)
    ip = str(spelled) if spelled is not None else host
    if not always_refused(ip):
        return ""
    return f"it points at {ip}, {address_rule(ip)}, which is never fetched or shown"


def build_article(
    raw: RawArticle, *, source: str, now: datetime, config: IngestConfig, clean: bool = True, where: str = "",
    notes: list[str] | None = None,
) -> Article:
    """The normalised Article for ``raw``; raises ValueError (one clear line) when it has no text. A title or text
    cut to its limit is logged, one WARNING line naming ``where`` (the source and item, as a problem line does;
    by default the source and the item's title or link), once a process for the same text (``_log_cut``). A title
    that is page furniture ("Advertisement": ``never_title``) gives way to the text's own title line (``split_title``),
    else to its first sentence (``fallback_title``). A full stop written after a space ("announced .") is closed up
    (``closed_stops``) before the text is stored, so the quote spans found in it later match it. Kept
    with a line added to ``notes``: a link to a metadata address (dropped), a date ignored or clamped."""
    if raw.unreadable:  # numbered among the entries it stands between, worded as theirs
        raise ValueError(raw.unreadable)
    raw, source = _storable_raw(raw), storable(source)
    title = one_line(raw.title)
    if title and never_title(title):  # "Share this article": the text's own title line, else its first sentence
        title = one_line(split_title(raw.text)[0])
    text = closed_stops(clean_text(raw.text, title=title or None)) if clean else raw.text.strip()
    whole, text = text, _cap(text, MAX_TEXT_CHARS)
    given = _WS.sub(" ", raw.title).strip() if len(raw.title) > MAX_TITLE_CHARS else title
    cuts = [_cut("title", title, given, MAX_TITLE_CHARS)] if len(given) > MAX_TITLE_CHARS else []
    if len(text) < len(whole):
        cuts.append(_cut("text", text, whole, MAX_TEXT_CHARS))
    if cuts:
        _log_cut(where or f"{source} ({one_line(raw.title, 80) or raw.url or raw.guid})", "; ".join(cuts),
                 (source, hash(raw.title), hash(whole)))
    if not text.strip() and title and clean and (raw.headline_text or only_come_back(raw.text)):
        text = title  # "Developing story, more to follow." under a breaking headline, or a link post's headline
        # under four words (dropped as a title line): the headline is the news
    if not text.strip():
        raise ValueError(NO_TEXT)
    sentences = split_sentences(text, max_sentences=config.max_sentences, max_chars=config.max_sentence_chars)
    if not title:
        title = fallback_title(sentences, one_line(text))
    url = canonical_url(raw.url) if raw.url.startswith(("http://", "https://")) else ""
    said: list[str] = []
    why = refused_link(url)
    if why:
        said.append(f"link dropped: {url[:200]} ({why}); the item is kept without it")
        url = ""
    published, date_note = date_verdict(raw.published, now)
    said += [date_note] if date_note else []
    if notes is not None:
        notes.extend(said)
    guid = one_line(raw.guid, 1000) or None
    text_hash = content_hash(text)
    return Article(
        id=article_id(guid, url, text_hash, scope=source),
        url=url,
        title=title,
        outlet=one_line(raw.outlet, 200) or outlet_from_url(url) or "unknown",
        text=text,
        sentences=sentences,
        published=published,
        author=one_line(raw.author, 200) or None,
        language=normalise_language(raw.language) if (raw.language or "").strip() else detect_language(text),
        guid=guid,
        source=source,
        content_hash=text_hash,
        fetched=now,
        link_media=raw.link_media and bool(url),
        updated=date_verdict(raw.updated, now)[0] if raw.updated else None,  # no note: only edits are told by it
    )


@dataclass(frozen=True, slots=True)
class ItemNote(IngestProblem):
    """A note on one item as it is stored (a link dropped, a date ignored or clamped to the fetch time): said when
    the item is stored (new or edited), not on every later read that finds it stored already (bot/pipeline.py).
    ``item``: its article's ``item_key``."""

    item: str = ""


@dataclass(frozen=True, slots=True)
class EntriesNote(IngestProblem):
    """A note on a feed about some of its items (their dates unreadable, their link shared): said when one of them is
    stored (new or edited), not on every later read that finds them all stored already (bot/pipeline.py).
    ``items``: their articles' ``item_key``s."""

    items: tuple[str, ...] = ()


def item_key(article: Article) -> str:
    """What names an item of its source from read to read, whatever id scope or full text it gets later: its GUID,
    else its link, else its text's hash."""
    return f"guid {article.guid}" if article.guid else f"link {article.url}" if article.url else \
        f"text {article.content_hash}"


def build_all(
    raws: list[RawArticle] | tuple[RawArticle, ...], *, source: str, input_name: str, now: datetime,
    config: IngestConfig, clean: bool = True,
) -> tuple[list[Article], list[IngestProblem]]:
    """Articles for every raw entry that has text, and one problem per entry that has none (after a note per GUID or
    link that entries share with differing texts: ``_keep_apart``); an entry's own notes are ``ItemNote``s.
    ``clean`` False: the texts are kept as given (a news sitemap's headlines, which junk removal would take for menu
    lines)."""
    articles: list[Article] = []
    problems: list[IngestProblem] = []
    item_notes: list[tuple[int, int]] = []  # (its place in problems, its article's in articles)
    bare_media: list[str] = []  # the labels of episodes and videos with a title and no text
    pictures: list[str] = []  # ... and of posts that are a picture alone
    undated: list[tuple[str, int]] = []  # (a date as written that cannot be read, its article's place in articles)
    for i, raw in enumerate(raws):
        label = one_line(raw.title, 80) or raw.guid or raw.url or f"#{i + 1}"
        where = input_name if len(raws) == 1 else f"{input_name} entry {i + 1} ({label})"
        kept_notes: list[str] = []
        if raw.picture_only:  # its alt text describes the picture: not the poster's words, nor news to brief
            pictures.append(label)
            continue
        try:
            articles.append(build_article(raw, source=source, now=now, config=config, clean=clean,
                                          where=storable(where), notes=kept_notes))
            written = unreadable_date(raw.published) if articles[-1].published is None else ""
            undated += [(written, len(articles) - 1)] if written else []
            item_notes += [(len(problems) + n, len(articles) - 1) for n in range(len(kept_notes))]
            problems += [IngestProblem(where, note, kept=True) for note in kept_notes]
        except ValueError as exc:
            if raw.media and str(exc) == NO_TEXT:
                bare_media.append(label)
                continue
            problems.append(IngestProblem(where, str(exc)))
    # a podcast's bare episodes, a social feed's picture posts: one line each, an error only when the feed gave
    # nothing else; a note on the feed, said once per change (feed_notes.py)
    skipped = ([_bare_media_line(bare_media)] if bare_media else []) + ([_pictures_line(pictures)] if pictures else [])
    for line in skipped:
        problems.append(FeedNote(storable(input_name), line, kept=True) if articles
                        else IngestProblem(storable(input_name), line))
    articles, notes = _keep_apart(articles, storable(input_name))  # same articles, in order, maybe without a key
    for at, index in item_notes:  # named by the key each item keeps after _keep_apart
        problems[at] = ItemNote(problems[at].input, problems[at].reason, kept=True, item=item_key(articles[index]))
    if undated:  # one note for the feed, naming the dates as written
        problems.append(EntriesNote(storable(input_name), _undated_line([w for w, _ in undated]), kept=True,
                                    items=tuple(item_key(articles[index]) for _, index in undated)))
    return articles, notes + problems


def _undated_line(written: list[str]) -> str:
    """The note for a source's entries whose dates (``written``) cannot be read: how many, and the first few."""
    distinct = list(dict.fromkeys(written))
    shown = ", ".join(repr(text) for text in distinct[:SHOWN_DATES])
    more = f", and {len(distinct) - SHOWN_DATES} more" if len(distinct) > SHOWN_DATES else ""
    whose = "entry's publication date" if len(written) == 1 else "entries' publication dates"
    return (f"{len(written)} {whose} could not be read ({shown}{more}): "
            f"{'it is' if len(written) == 1 else 'each is'} stored without one, so the fetch time stands in")


def _bare_media_line(labels: list[str]) -> str:
    """The line for a feed's episodes or videos with no text: how many, and the first few titles."""
    shown = ", ".join(repr(storable(label)) for label in labels[:SHOWN_BARE])
    more = f", and {len(labels) - SHOWN_BARE} more" if len(labels) > SHOWN_BARE else ""
    return (f"{counted(len(labels), 'audio or video entry', 'audio or video entries')} "
            f"{'has' if len(labels) == 1 else 'have'} a title and no text, so there is nothing to brief: "
            f"skipped ({shown}{more})")


def _pictures_line(labels: list[str]) -> str:
    """The line for a feed's posts that are a picture alone: how many, and the first few (by GUID or link)."""
    shown = ", ".join(repr(storable(label)) for label in labels[:SHOWN_BARE])
    more = f", and {len(labels) - SHOWN_BARE} more" if len(labels) > SHOWN_BARE else ""
    return (f"{counted(len(labels), 'post')} {'is a picture' if len(labels) == 1 else 'are pictures'} alone (its only "
            f"words the picture's description), so there is nothing to brief: skipped ({shown}{more})")


def _keep_apart(articles: list[Article], input_name: str) -> tuple[list[Article], list[IngestProblem]]:
    """Entries of one source sharing a GUID or a link but not their text are different items (a feed whose items all
    link to its home page, a CMS giving them all one GUID), kept apart instead of overwriting one with the next on
    every poll: a shared GUID is dropped (each is then known by its link, else its text); a shared link is kept,
    marked ``link_shared`` so the store tells the items apart by GUID, and dropped only from an entry with no GUID
    (known then by its text). A note per shared key (``EntriesNote``: said when one of its entries is stored)."""
    notes: list[IngestProblem] = []
    for key, label in (("guid", "GUID"), ("url", "link")):
        values = [(a.guid if key == "guid" else a.url) or "" for a in articles]
        texts: dict[str, set[str]] = {}
        for value, article in zip(values, articles, strict=True):
            if value:
                texts.setdefault(value, set()).add(article.content_hash)
        shared = {value for value, hashes in texts.items() if len(hashes) > 1}
        if not shared:
            continue
        articles = [_without(a, key) if v in shared else a for v, a in zip(values, articles, strict=True)]
        for v in sorted(shared):  # said when one of the entries is stored, as their own notes are
            sharing = [a for w, a in zip(values, articles, strict=True) if w == v]
            notes.append(EntriesNote(input_name, _shared_note(label, v, sharing), kept=True,
                                     items=tuple(item_key(a) for a in sharing)))
    return articles, notes


def _shared_note(label: str, value: str, sharing: list[Article]) -> str:
    """The note for ``sharing``, the entries that share one GUID or link (``value``) but not their text."""
    kept = sum(1 for a in sharing if a.link_shared)
    how = ("each is kept as its own article by its GUID, with that link" if kept == len(sharing)
           else f"each is kept as its own article, without that {label}" if not kept
           else "each is kept as its own article: by its GUID, with that link, or without the link when it has no "
                "GUID")
    return f"{len(sharing)} entries share one {label} ({value[:120]}) but not their text: {how}"


def _without(article: Article, key: str) -> Article:
    """``article`` without its GUID (``key`` "guid"), or, for its link (``key`` "url"), marked ``link_shared`` when
    its GUID tells it apart and without the link when it has none; its id made from what is left."""
    if key == "url" and article.guid:
        return replace(article, link_shared=True)  # its id comes from its GUID already
    changed = replace(article, guid=None) if key == "guid" else replace(article, url="")
    return replace(changed, id=article_id(changed.guid, changed.url, changed.content_hash, scope=changed.source))
