"""Feed items that carry only a teaser get the main text of their article page, politely and never at a loss."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from bot.config import IngestConfig
from bot.ingest.aggregators import aggregator_redirect
from bot.ingest.credentials import SourceAuth
from bot.ingest.feeds import sniff
from bot.ingest.fetch import Fetcher, FetchError, FetchResult, MayFollow, RedirectRefused
from bot.ingest.html import parse_page
from bot.ingest.media_links import media_address
from bot.ingest.normalise import RawArticle, build_article
from bot.ingest.retries import MemoryRetries, PageRetry, RetryList
from bot.ingest.robots import RobotsRules, RobotsVerdict, origin
from bot.ingest.sources import SourceResult
from bot.models import Article, IngestProblem, TextSource
from bot.nlp.revisions import diff_revision
from bot.nlp.sentences import split_sentences
from bot.plurals import counted

log = logging.getLogger(__name__)

# Which of these article ids are stored already. A mapping gives each one's stored text too (its first
# stored_head_chars(min_words) characters are enough), as a StoredText with where it came from, or as a plain str
# (origin unknown): then a stored teaser can be told from a page's text.
StoredIds = Callable[[Sequence[str]], Awaitable[Collection[str]]]
StoredArticles = Callable[[Sequence[str]], Awaitable[Sequence[Article]]]  # stored articles by id (missing: left out)
Sleep = Callable[[float], Awaitable[None]]
HOST_FAILURES = 2  # page failures in a row after which one poll stops asking that site
# A page that failed for a reason that may pass (no answer, 5xx, 429, robots.txt unreadable) is asked again at
# a later read of its feed, after these waits; the teaser stays stored until then. The list of such pages is
# FullText's ``retries`` (in the store when it has one: bot/store/page_retries.py).
RETRY_AFTER = (timedelta(minutes=30), timedelta(hours=2), timedelta(hours=8))
# A page up to this size is read on the event loop (a few ms: threads cost more than they save, docs/BENCHMARKS.md);
# a bigger one in a worker thread, so a megabyte page cannot hold up chat commands for a second or more
INLINE_PAGE_BYTES = 512_000
# the reasons (bot/ingest/fetch.py) of a fetch that failed for now, the network's doing; read_capped's two for a body
# cut short: the connection closed mid-body, or stalled short of its Content-Length
PASSING_REASONS = ("timed out", "could not connect", "could not resolve", "HTTP failure", "the body ended early",
                   "the body ended before its declared length")
_WORD = re.compile(r"\w+")
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


def passing_failure(exc: FetchError) -> bool:
    """A failure worth asking again about later: no answer (DNS, connect, timeout), a body cut short (the connection
    closed or stalled mid-body), or "not now" (5xx, 408, 429). A refused address, an oversized body or a redirect
    loop will be the same next time."""
    if exc.status is not None:
        return exc.status >= 500 or exc.status in (408, 429)
    return exc.reason.startswith(PASSING_REASONS)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_teaser(article: Article, min_words: int) -> bool:
    """An item whose body is shorter than ``min_words`` and that links to its page (not to one its feed's other
    items share, ``Article.link_shared``: a home page holds none of them; nor to an episode's audio or video file
    or a video's watch page, ``Article.link_media``, nor to any picture, audio or video file: ``media_address``)."""
    return bool(article.url) and not article.link_shared and not article.link_media \
        and word_count(article.text) < min_words and not media_address(article.url)


def stored_head_chars(min_words: int) -> int:
    """How much of a stored text ``holds_teaser`` needs: a text cut there with fewer than ``min_words`` words
    would have words 40 characters long on average, so it is taken as long."""
    return max(4000, 40 * min_words)


@dataclass(frozen=True, slots=True)
class StoredText:
    """The text stored for an article (or its first ``stored_head_chars``) and where it came from (``source``:
    Article.text_source; "" for a row stored before schema v19 whose origin the upgrade could not tell)."""

    source: TextSource
    text: str
    title: str | None = None  # its stored headline (None: not known, never read as changed)
    # when its feed last said it changed (articles.feed_updated; None: never said or not known, never read as changed)
    updated: datetime | None = None


def may_replace(stored: StoredText | str, item: Article, min_words: int) -> bool:
    """May the feed's teaser ``item`` overwrite the text stored for it? Never a page's or a file's text. The feed's
    own text (an earlier version of this teaser), yes when the item is no shorter, and when it is shorter only if the
    stored text is a teaser (under ``min_words``) and the edit judgement says the item is a real edit of it
    (``shorter_edit``). A text of unknown origin (a plain str, or one stored before its origin was recorded) only
    when ``holds_teaser`` takes it for the teaser, as before."""
    if isinstance(stored, str) or not stored.source:
        return holds_teaser(stored if isinstance(stored, str) else stored.text, item, min_words)
    if stored.source != "feed":
        return False
    words = word_count(stored.text)
    if words <= word_count(item.text):
        return True
    return len(stored.text) < stored_head_chars(min_words) and words < min_words and shorter_edit(stored.text, item)


def shorter_edit(stored: str, item: Article) -> bool:
    """Is ``item``'s text, shorter than the feed's text ``stored``, an edit a reader should get? When the edit
    judgement (bot/nlp/revisions.py diff_revision) finds a change that matters in it, and it is not ``stored`` cut
    off (a feed that now shortens its descriptions, ending "…" or "...")."""
    cut = item.text.rstrip()
    for mark in ("…", "..."):
        if cut.endswith(mark):
            head = " ".join(cut.removesuffix(mark).split())
            if " ".join(stored.split()).startswith(head):
                return False
    before = [s.text for s in split_sentences(stored)]
    diff = diff_revision(item.title, before, item.title, [s.text for s in item.sentences], language=item.language)
    return diff is not None and diff.substantive


def holds_teaser(stored: str, item: Article, min_words: int) -> bool:
    """Is ``stored``, the text stored for a teaser ``item`` (or its first ``stored_head_chars``), the feed's own
    teaser (this one or an earlier version of it) rather than its page's text? The rule for a text whose origin
    the store does not know (``may_replace``: stored before schema v19); only then may the item overwrite it. A
    page's text was used only when it held more words than the teaser it replaced, so a stored text that is short
    (under ``min_words``) and no longer than the item's is a teaser; anything longer is kept as it is (an edit that
    shortens such a teaser is therefore not stored). And most of its words (``TEASER_SHARE``) must be in the item's
    text: an edit changes a few words of the teaser, while a short page text the teaser grew past holds words the
    teaser never had (one whose words the teaser's edit repeats can still be taken for the teaser)."""
    words = word_count(stored)
    return (len(stored) < stored_head_chars(min_words) and words < min_words and words <= word_count(item.text)
            and word_share(stored, item.text) >= TEASER_SHARE)


TEASER_SHARE = 0.75  # of a stored teaser's distinct words, the least share its edited version keeps


def word_share(text: str, other: str) -> float:
    """The share of ``text``'s distinct words (case folded) that ``other`` also holds; 1.0 for a text of none."""
    mine = {w.casefold() for w in _WORD.findall(text)}
    return len(mine & {w.casefold() for w in _WORD.findall(other)}) / len(mine) if mine else 1.0


async def stored_teasers(result: SourceResult, stored: StoredIds,
                         min_words: int) -> tuple[set[str], set[str], set[str]]:
    """(ids of ``result``'s teaser items that are stored, those of them whose stored text the feed's teaser must not
    overwrite, and of those the ones the feed now gives under another headline or says changed since it was stored:
    ``edited``): all stored ones are protected, unless ``stored`` gives the stored texts and ``may_replace`` lets the
    item replace one."""
    teasers = [a for a in result.articles if is_teaser(a, min_words)]
    if not teasers:
        return set(), set(), set()
    found = await stored([a.id for a in teasers])
    known = set(found)
    if not isinstance(found, Mapping):
        return known, known, set()
    protected = {a.id for a in teasers if a.id in known and not may_replace(_stored_text(found[a.id]), a, min_words)}
    return known, protected, {a.id for a in teasers if a.id in protected and edited(found[a.id], a)}


def edited(stored: object, item: Article) -> bool:
    """Does the feed give a stored article under a headline other than its stored one (a corrected headline), or
    say it changed later than the stored version (a live page grown under the same headline and teaser: Atom
    <updated>, JSON Feed date_modified)? A stored article whose feed time is not known is not read as changed."""
    if not isinstance(stored, StoredText):
        return False
    return (stored.title is not None and stored.title != item.title) or (
        stored.updated is not None and item.updated is not None and item.updated > stored.updated)


def _stored_text(value: object) -> StoredText | str:
    return value if isinstance(value, StoredText) else str(value)


async def keep_stored_text(result: SourceResult, stored: StoredIds, min_words: int,
                           load: StoredArticles | None = None) -> SourceResult:
    """``result`` without the teaser items whose stored text they may not replace (a page's text): the
    guard that holds when no page is fetched (``ingest.full_text = false``), as ``FullText.complete`` keeps it. One
    the feed gives under a new headline (a correction) is kept as its stored article (``load``) under that headline,
    its stored text unchanged, so the headline is stored as an edit, as reading its page again would store it."""
    if result.error or result.kind != "feed":
        return result
    _, protected, changed = await stored_teasers(result, stored, min_words)
    if not protected:
        return result
    kept = {a.id: a for a in await load(sorted(changed))} if load is not None and changed else {}
    return replace(result, articles=tuple(
        _retitled(kept[a.id], a) if a.id in kept and kept[a.id].title != a.title else a
        for a in result.articles if a.id not in protected or (a.id in kept and kept[a.id].title != a.title)))


def _retitled(stored: Article, item: Article) -> Article:
    """The stored article ``stored`` under the headline its feed item ``item`` now gives, with the item's link, date
    and reading time (its date stays its first: bot/store/article_rows.py first_published); its text, and the feed
    time it was last read at, unchanged."""
    return replace(stored, title=item.title, url=item.url or stored.url, published=item.published or stored.published,
                   fetched=item.fetched, source=item.source, outlet=item.outlet)


async def _retitled_stored(item: Article, load: StoredArticles | None) -> list[Article]:
    """The stored article of ``item`` under the headline the feed now gives (``_retitled``) when that headline is
    not its stored one (a correction), to be saved as an edit over the stored page's text; none otherwise."""
    found = await load([item.id]) if load is not None else []
    return [_retitled(each, item) for each in found if each.id == item.id and each.title != item.title]


def same_article(item: Article, page_title: str, page_text: str) -> bool:
    """Does the page hold the item? Most of the title's words, or of the teaser's, are on the page.

    Stops a consent wall, a paywall notice or a home page the link redirected to from replacing a teaser.
    """
    page_words = {w.lower() for w in _CONTENT_WORD.findall(f"{page_title}\n{page_text}")}
    for words in ({w.lower() for w in _CONTENT_WORD.findall(item.title)},
                  {w.lower() for w in _CONTENT_WORD.findall(item.text)}):
        if len(words) >= 2 and len(words & page_words) >= 0.6 * len(words):
            return True
    return False


@dataclass
class Waiting:
    """A news sitemap's headlines left unstored in one read: their pages wait for a later read (over the per-read
    budget), for their next try, or are too old to be news (``old``)."""

    later: int = 0
    retry: int = 0
    old: int = 0

    def count(self, later: bool) -> None:
        if later:
            self.later += 1
        else:
            self.old += 1

    def lines(self, source: str, budget: int) -> list[IngestProblem]:
        out = []
        if self.later:
            out.append(IngestProblem(source, f"{_entries(self.later)} {_wait(self.later)} for a later read (at most "
                                             f"{counted(budget, 'page')} {'is' if budget == 1 else 'are'} read per "
                                             "read of a source: ingest.full_text_max_per_source)",
                                     kept=True))
        if self.retry:
            out.append(IngestProblem(source, f"{_entries(self.retry)} {_wait(self.retry)} for "
                                             f"{'its page' if self.retry == 1 else 'their pages'} to be asked for "
                                             "again",
                                     kept=True))
        if self.old:
            out.append(IngestProblem(source, f"{_entries(self.old)} too old to be news (or with no web address) "
                                             "not read", kept=True))
        return out


def _entries(n: int) -> str:
    return counted(n, "entry", "entries")


def _wait(n: int) -> str:
    return "waits" if n == 1 else "wait"


@dataclass(frozen=True)
class _Outcome:
    article: Article
    problem: str = ""  # why the teaser was kept ("" when the page's text replaced it)
    host_failed: bool = False  # the site did not answer (counts towards HOST_FAILURES)
    transient: bool = False  # a failure that may pass: the page is asked again later (RETRY_AFTER)


class FullText:
    """Completes a feed's teaser items with their page text: robots.txt honoured, one request at a time
    per site, at most ``full_text_max_per_source`` pages per feed read, only for items recent enough to be
    news, never for an item already stored. A page that cannot be used leaves the teaser, with one line; one
    that failed for a passing reason is asked again at a later read (RETRY_AFTER), and then replaces the
    stored teaser. ``retries`` keeps that list (in memory when not given: lost at a restart)."""

    def __init__(self, config: IngestConfig, *, max_age: timedelta, robots: RobotsRules | None,
                 sleep: Sleep = asyncio.sleep, retries: RetryList | None = None) -> None:
        self.config = config
        self.max_age = max_age
        self.robots = robots
        self.sleep = sleep
        self.retries: RetryList = retries if retries is not None else MemoryRetries()
        self._site_locks: dict[str, asyncio.Lock] = {}

    async def complete(self, result: SourceResult, *, fetcher: Fetcher, stored: StoredIds,
                       now: datetime, auth: SourceAuth | None = None,
                       load: StoredArticles | None = None) -> SourceResult:
        """``result`` with its teaser items completed. An item stored already is not fetched again (but for one
        stored with its page's text that the feed gives under a new headline, a correction, or says changed since:
        ``edited``, read once per change); it is left
        out when its stored text is its page's (``may_replace``: a teaser never overwrites the full text saved
        earlier), and kept when that text is the feed's teaser, so an edited teaser updates it. A corrected
        headline whose page cannot be used now (it failed, or waits its next try) is kept as its stored article
        (``load``) under that headline, as ``keep_stored_text`` keeps it, and the page is asked for again later.
        ``auth``, the feed's own headers, goes with a page only while it is on the feed's origin (the fetcher
        checks every hop); robots.txt never gets it."""
        if result.error or result.kind != "feed":
            return result
        teasers = [a for a in result.articles if is_teaser(a, self.config.full_text_min_words)]
        if not teasers:
            return result
        # known: stored already; protected: of those, the ones whose stored text the feed's teaser may not replace;
        # changed: of those, the ones under a new headline (a correction) or that their feed says changed since
        # (a later <updated>), whose pages are read again, once per change
        known, protected, changed = await stored_teasers(result, stored, self.config.full_text_min_words)
        retries = await self.retries.get([a.id for a in teasers])
        teaser_ids = {a.id for a in teasers}
        budget = self.config.full_text_max_per_source
        failures: dict[str, int] = {}
        articles: list[Article] = []
        problems = list(result.problems)
        waiting = Waiting()
        redirects: dict[str, int] = {}  # aggregator host -> new items linking to its redirect pages, left unread
        for article in result.articles:
            if article.id not in teaser_ids:
                articles.append(article)
                continue
            if aggregator_redirect(article.url):  # a consent or JavaScript page, never the article: not asked for
                if article.id not in known:
                    host = urlsplit(article.url).hostname or ""
                    redirects[host] = redirects.get(host, 0) + 1
                if not result.page_items and article.id not in protected:
                    articles.append(article)
                continue
            retry = retries.get(article.id)
            if article.id in known and (retry.next_at > now if retry is not None else article.id not in changed):
                if article.id not in protected:  # its stored text is the feed's teaser: an edited one updates it
                    articles.append(article)
                elif article.id in changed:  # its page waits its next try: a corrected headline is stored now
                    articles += await _retitled_stored(article, load)
                continue  # stored with its page's text: saving the teaser again would only undo that
            if result.page_items and retry is not None and retry.next_at > now:
                waiting.retry += 1  # a sitemap's headline waits for its page's next try, unstored
                continue
            site = origin(article.url)
            if budget <= 0 or not site or not self._recent(article, now):
                if result.page_items:  # a headline alone is not stored: it waits for a later read (or is old)
                    waiting.count(budget <= 0 and bool(site) and self._recent(article, now))
                elif article.id not in protected:
                    articles.append(article)
                continue
            if failures.get(site, 0) >= HOST_FAILURES:  # not asked for: no failure of its own is counted
                await self._postpone(article.id, retry, now)
                if result.page_items:
                    waiting.retry += 1
                elif article.id not in protected:  # a stored teaser goes again (an edit updates it), silently
                    articles.append(article)
                elif article.id in changed:  # a corrected headline is stored now, its page asked for later
                    articles += await _retitled_stored(article, load)
                if not result.page_items and article.id not in known:
                    problems.append(IngestProblem(article.url, f"full text not fetched: {site} failed "
                                                  f"{HOST_FAILURES} times in this read; the feed's teaser is kept "
                                                  "and the page is asked for again later", kept=True))
                continue
            budget -= 1
            outcome = await self._page(article, fetcher, now, auth)
            failures[site] = failures.get(site, 0) + 1 if outcome.host_failed else 0
            if not outcome.problem:
                if retry is not None:
                    await self.retries.drop(article.id)
                articles.append(outcome.article)  # a stored teaser is updated with the page's text
                continue
            again = False
            if outcome.transient:
                again = await self._failed(article.id, retry, now)
            elif article.id in changed:  # a changed article's page that cannot be used: asked again after the
                # longest wait, not at every read of the feed (the stored text stays meanwhile)
                await self.retries.put(article.id, PageRetry(len(RETRY_AFTER), now + RETRY_AFTER[-1]))
            elif retry is not None:
                await self.retries.drop(article.id)
            if result.page_items and again:  # asked for again later; its headline is not stored meanwhile
                waiting.retry += 1
                problems.append(IngestProblem(article.url, f"{outcome.problem}; the page is asked for again later",
                                              kept=True))
                continue
            if article.id not in protected:
                articles.append(article)
            elif article.id in changed:  # its page cannot be used now: a corrected headline is stored at once
                articles += await _retitled_stored(article, load)
            if article.id not in known:
                problems.append(IngestProblem(article.url, f"{outcome.problem}; the feed's teaser is kept"
                                              + (" and the page is asked for again later" if again else ""),
                                              kept=True))
        problems += [IngestProblem(result.source, f"{_entries(n)} {'links' if n == 1 else 'link'} to {host}'s "
                                                  "redirect pages, not read for full text (they need JavaScript or "
                                                  "a consent page first); the feed's text is kept", kept=True)
                     for host, n in redirects.items()]
        problems += waiting.lines(result.source, self.config.full_text_max_per_source)
        if waiting.later or waiting.retry:  # read the sitemap in full next time, even if it has not changed
            return replace(result, articles=tuple(articles), problems=tuple(problems), etag=None, last_modified=None)
        return replace(result, articles=tuple(articles), problems=tuple(problems))

    async def _failed(self, article_id: str, retry: PageRetry | None, now: datetime) -> bool:
        """Count a passing failure; after the last wait in RETRY_AFTER the teaser is left for good (False)."""
        done = retry.failures if retry is not None else 0
        if done >= len(RETRY_AFTER):
            await self.retries.drop(article_id)
            return False
        await self.retries.put(article_id, PageRetry(done + 1, now + RETRY_AFTER[done]))
        return True

    async def _postpone(self, article_id: str, retry: PageRetry | None, now: datetime) -> None:
        """A page left unasked because its site failed HOST_FAILURES times in this read: asked at a later read,
        after the wait its failures so far call for, which stay as they are (only a page asked for counts one)."""
        done = retry.failures if retry is not None else 0
        await self.retries.put(article_id, PageRetry(done, now + RETRY_AFTER[min(done, len(RETRY_AFTER) - 1)]))

    def _recent(self, article: Article, now: datetime) -> bool:
        """Undated items count as recent; old ones (a feed's back catalogue) are never briefed, so not fetched."""
        return article.published is None or article.published >= now - self.max_age

    async def _page(self, item: Article, fetcher: Fetcher, now: datetime, auth: SourceAuth | None) -> _Outcome:
        site = origin(item.url)
        async with self._site_locks.setdefault(site, asyncio.Lock()):
            delay = 0.0
            if self.robots is not None:
                verdict = await self.robots.verdict(item.url, fetcher)
                if not verdict.allowed:
                    return _Outcome(item, f"full text not fetched: {verdict.reason}", transient=verdict.unreachable)
                delay = verdict.crawl_delay
            refused: list[RobotsVerdict] = []
            try:
                fetched = await fetcher.fetch(item.url, may_follow=self._may_follow(fetcher, refused), auth=auth,
                                              refresh=True)
            except RedirectRefused as exc:  # e.g. a tracking link to a site whose robots.txt says no
                return _Outcome(item, f"full text not fetched: {exc.reason}",
                                transient=any(v.unreachable for v in refused))
            except FetchError as exc:
                passing = passing_failure(exc)
                return _Outcome(item, f"full text not fetched: {exc.reason}", host_failed=passing, transient=passing)
            finally:
                if delay > 0:
                    await self.sleep(delay)  # the site's Crawl-delay, before the next page of the same site
        if len(fetched.body) > INLINE_PAGE_BYTES:
            return await asyncio.to_thread(self._use_page, item, fetched, now)
        return self._use_page(item, fetched, now)

    def _may_follow(self, fetcher: Fetcher, refused: list[RobotsVerdict]) -> MayFollow | None:
        """Each redirect target is asked of its own site's robots.txt before it is requested; the verdicts
        that said no are added to ``refused``."""
        robots = self.robots
        if robots is None:
            return None

        async def may_follow(url: str) -> str:
            verdict = await robots.verdict(url, fetcher)
            if verdict.allowed:
                return ""
            refused.append(verdict)
            return verdict.reason

        return may_follow

    def _use_page(self, item: Article, fetched: FetchResult, now: datetime) -> _Outcome:
        """The item with the page's main text, or the item and why the page was not used."""
        try:
            if sniff(fetched.body, fetched.content_type) != "html":
                return _Outcome(item, "full text not used: the link is not an HTML page")
            page = parse_page(fetched.body, url=item.url, content_type=fetched.content_type)
            if not same_article(item, page.title, page.text):
                return _Outcome(item, "full text not used: the page does not look like the item "
                                      "(title and text differ: a consent wall, paywall or redirect?)")
            full = build_article(RawArticle(
                title=item.title, text=page.text, url=item.url, outlet=item.outlet,
                author=item.author or page.author, published=item.published or page.published,
                language=page.language or item.language, guid=item.guid,
            ), source=item.source, now=now, config=self.config)
        except (ValueError, RecursionError) as exc:  # PageError, DecodeError: a page with no usable text
            return _Outcome(item, f"full text not used: {str(exc) or type(exc).__name__}")
        if word_count(full.text) <= word_count(item.text):
            return _Outcome(item, "full text not used: the page holds no more text than the feed")
        return _Outcome(replace(full, id=item.id, text_source="page", updated=item.updated))
