"""The data flow, top to bottom: read sources -> store (dedupe) -> quotes -> cluster -> summarise."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from bot.asked_wait import wait_as_asked
from bot.clock import Clock
from bot.cluster_profiles import window_profiles
from bot.config import Config, story_window
from bot.edited_profiles import rebuild_edited
from bot.headline_choice import headline_article, is_opinion, shown_headline
from bot.ingest.credentials import SourceAuth, SourceCredentials
from bot.ingest.feed_notes import FeedNotes, feed_note
from bot.ingest.fetch import Fetcher
from bot.ingest.first_read import first_read_line, transient_result
from bot.ingest.full_text import FullText, StoredText, keep_stored_text, stored_head_chars
from bot.ingest.normalise import EntriesNote, ItemNote, item_key, storable
from bot.ingest.sources import SourceResult, read_source
from bot.ingest.thin_pages import thin_page
from bot.ingest.unreadable_feed import unreadable_feed
from bot.models import Article, IngestProblem, TextSource
from bot.nlp.attributors import Attributor, ByLanguage, by_language
from bot.nlp.cluster import STORY_WINDOW, ClusterParams, StoryClusterer, StoryProfile
from bot.nlp.summarise import Summariser
from bot.outlets import copy_marks
from bot.source_moves import SourceMoves
from bot.store.articles import ArticleStore, SaveResult
from bot.store.cluster_lock import placing_stories
from bot.store.db import Database
from bot.store.db_errors import one_line_reason
from bot.store.dedupe import chunked
from bot.store.quotes import QuoteStore
from bot.store.sources import SourceState, SourceStore
from bot.store.stories import ProfileUpdate, StoryStore, SummaryUpdate
from bot.store_outage import is_store_unreachable
from bot.story_language import summary_articles
from bot.text_cut import clipped

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (message, done, total)
RECOVERY_WINDOW = timedelta(days=7)  # how far back a restart looks for articles a crash left unfinished
SUMMARY_BATCH = 25  # stories summarised per worker-thread call and saved per transaction


@dataclass
class IngestReport:
    """What an ingest run did, per input: lines a person can read, and counts a program can check."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    pruned: int = 0  # old items a feed still carries, which retention removed: not stored again
    problems: list[IngestProblem] = field(default_factory=list)
    notes: list[IngestProblem] = field(default_factory=list)  # stored anyway, with something to say
    # a new source kept though its first read failed for now (bot/ingest/first_read.py): its line says ``warn``
    warnings: list[IngestProblem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    # a poll round's (bot/poller.py): a source's health is recorded only while it is in the store, never adding it
    # back, so a removal that lands mid-poll (`briefbot sources remove`) holds; ``ingest`` adds what it reads
    polled: bool = False
    # committed so far, transaction by transaction, and from where: what a store outage mid-ingest leaves saved
    saved_new: int = 0
    saved_edited: int = 0
    saved_from: list[str] = field(default_factory=list)

    def committed(self, source: str) -> Callable[[Sequence[SaveResult]], None]:
        """What ``ArticleStore.save_many`` tells of each transaction of ``source``'s articles, counted here."""
        def count(saved: Sequence[SaveResult]) -> None:
            new = sum(s.outcome == "added" for s in saved)
            edited = sum(s.outcome == "updated" for s in saved)
            self.saved_new, self.saved_edited = self.saved_new + new, self.saved_edited + edited
            if (new or edited) and source not in self.saved_from:
                self.saved_from.append(source)
        return count


class Pipeline:
    """Stores what the sources give and keeps stories, quotes and summaries up to date."""

    def __init__(self, db: Database, config: Config, clock: Clock, summariser: Summariser,
                 attributor: Attributor | ByLanguage | None = None, full_text: FullText | None = None,
                 credentials: SourceCredentials | None = None) -> None:
        self.db = db
        self.config = config
        self.clock = clock
        self.summariser = summariser
        # the quote extractor of each language (bot/nlp/attributors.py); a single one given is the English one
        self.attributor = by_language(attributor) if attributor is not None else None
        self.full_text = full_text  # None: feed items are stored as the feed gives them
        # configured sources' headers: ``ingest`` of a configured source's very URL sends them, as polling does
        self.credentials = credentials or SourceCredentials()
        self.articles = ArticleStore(db)
        self.stories = StoryStore(db)
        # the operator's [[sources]] names: kept as the source's name and its articles' outlet, not the feed's title
        self.sources = SourceStore(db, names={s.url: s.name for s in config.sources if s.name})
        self.configured = frozenset(s.url for s in config.sources)
        self.quotes = QuoteStore(db)
        # a feed that moved for good on its first read is added at its new address, as a poll moves one
        self.moves = SourceMoves(self.sources, lambda: {s.url for s in self.config.sources}, log)
        self.feed_notes = FeedNotes()  # a source's feed-wide notes, said once per change (bot/ingest/feed_notes.py)

    async def ingest(self, targets: Sequence[str], fetcher: Fetcher | None,
                     progress: Progress | None = None, report: IngestReport | None = None) -> IngestReport:
        """Read every target (URL, file or folder), one bad input never stopping the rest; a store outage stops it
        (raised as it came), ``report`` (when given) then telling what was saved before."""
        report = report if report is not None else IngestReport()
        for n, target in enumerate(targets):
            try:
                await self._ingest_one(target, fetcher, report)
            except Exception as exc:  # what one input did to a write (each batch is one transaction) stays with it
                if is_store_unreachable(exc):
                    raise
                log.exception("storing %s failed", storable(target))
                reason = f"not stored: {type(exc).__name__}: {one_line_reason(exc)}"[:300]
                report.problems.append(IngestProblem(storable(target), reason))
                report.lines.append(f"error    {storable(target)}: {reason}")
            if progress:
                progress(storable(target), n + 1, len(targets))
        await self.refresh_stories(report.new_ids, progress)
        return report

    async def _ingest_one(self, target: str, fetcher: Fetcher | None, report: IngestReport) -> None:
        """Read and store one target; its articles are let go on return (refresh reloads what it needs)."""
        held = self.credentials.reason(target)
        if held:  # its credentials cannot be sent: not read without them, and the store is not touched
            report.problems.append(IngestProblem(target, f"not read: {held}"))
            report.lines.append(f"error    {target}: not read: {held}")
            return
        auth = self.credentials.for_source(target)
        source = await self.sources.get(storable(target))  # the key read_source names it by
        result = await read_source(
            target, fetcher=fetcher, config=self.config.ingest, now=self.clock(),
            etag=source.etag if source else None,
            last_modified=source.last_modified if source else None, auth=auth,
        )
        if result.error and missing_local_path(target):
            await self._missing(result, source, report)
            return
        result = await self.complete(result, fetcher, auth)
        # a new source whose first read fails for good (an error or landing page, a script-only page, binary data,
        # a dead or refused address, a broken feed ...) is not made one: polling would retry it for good; one that
        # fails for now (5xx, 429, no answer) is kept, failing, a warning naming it (bot/ingest/first_read.py, the
        # rule chat's `sources add` follows too). A source read before, or a [[sources]] entry (every start adds
        # it), is kept and its failure recorded.
        if result.error and source is None and result.source not in self.configured:
            if transient_result(result):
                report.warnings.append(IngestProblem(result.source, result.error, kept=True))
                report.lines.append(first_read_line(result))
                await self.sources.record_failure(result.source, kind=result.kind, now=self.clock(),
                                                  error=result.error, add=not report.polled)
                await self._wait_as_asked(result)
                return
            report.problems.append(IngestProblem(result.source, result.error))
            report.lines.append(first_read_line(result))
            return
        await self.store_result(result, report)
        if result.error:  # a source read before, or a [[sources]] entry, told to wait: polled no earlier
            await self._wait_as_asked(result)
            return
        feed = (source.kind in ("feed", "sitemap") if source else False) if result.not_modified \
            else result.kind == "feed"  # a feed's address now sending readers to a web page has not moved
        if result.moved_to and not result.error and result.moved_to != result.source and feed:
            said = await self.moves.moved(result.source, result.moved_to)
            report.notes.append(IngestProblem(result.source, said, kept=True))
            report.lines.append(f"note     {result.source}: {said}")

    async def _wait_as_asked(self, result: SourceResult) -> None:
        """A source whose read (``ingest``) was answered with a Retry-After (a 429 or 503): its next poll no earlier
        than asked (bot/asked_wait.py, the rule chat's `sources add` follows too)."""
        await wait_as_asked(self.sources, result.source, result.headers, self.clock())

    async def _missing(self, result: SourceResult, source: SourceState | None, report: IngestReport) -> None:
        """A path that is not there: a new one (a typo, most likely) is not made a source that polling retries for
        good; one read before stays a source (the operator added it), its failure recorded. Files are not polled."""
        reason = (result.error or "").removeprefix(f"{result.source}: ")
        report.problems.append(IngestProblem(result.source, result.error or reason))
        if source is None:
            report.lines.append(f"error    {result.source}: {reason} (not added as a source)")
            return
        since = f" since {source.added_at:%Y-%m-%d}" if source.added_at else ""
        report.lines.append(f"error    {result.source}: {reason} (a source{since}: kept, "
                            "and `briefbot sources` shows it failing until it is back)")
        await self.sources.record_failure(result.source, kind=source.kind or result.kind, now=self.clock(),
                                          error=result.error or reason)

    async def complete(self, result: SourceResult, fetcher: Fetcher | None,
                       auth: SourceAuth | None = None) -> SourceResult:
        """A feed's teaser items with their pages' text (when set up; on any surprise, as read), never one that
        would overwrite a page's text stored for it; a web page with almost no text as an error (thin_pages.py).
        ``auth``: the feed's own headers, sent with pages on the feed's origin only."""
        result = unreadable_feed(thin_page(result))  # a page with (almost) no text is no article, nor a feed of
        # which no entry could be read
        if result.error or result.kind != "feed":
            return result
        # a moved source's items with the ids they are stored under (sources.id_scope), so stored texts are found
        result = replace(result, articles=tuple(await self.articles.in_id_scope(result.articles)))
        completed = await self._completed(result, fetcher, auth)
        # an item left unsaved (its stored page text stays) whose row has no feed time yet (stored before v27): its
        # feed's time is kept, so its next change is told without its page being read again now
        kept = {a.id for a in completed.articles}
        await self.articles.fill_feed_times({a.id: a.updated for a in result.articles
                                             if a.updated is not None and a.id not in kept})
        return completed

    async def _completed(self, result: SourceResult, fetcher: Fetcher | None, auth: SourceAuth | None) -> SourceResult:
        if self.full_text is None or fetcher is None:  # no pages fetched; a teaser still never overwrites page text
            return await keep_stored_text(result, self._stored_texts, self.config.ingest.full_text_min_words,
                                          self.articles.get_many)
        try:
            return await self.full_text.complete(result, fetcher=fetcher, stored=self._stored_texts,
                                                 now=self.clock(), auth=auth, load=self.articles.get_many)
        except Exception:  # the feed's own items are never lost to a bug in completing them
            log.exception("completing the teasers of %s failed; storing them as the feed gave them", result.source)
            return await keep_stored_text(result, self._stored_texts, self.config.ingest.full_text_min_words,
                                          self.articles.get_many)

    async def _stored_texts(self, ids: Sequence[str]) -> dict[str, StoredText]:
        """The stored texts of these article ids (as far as bot/ingest/full_text.py needs) with where each came from,
        by id; stored ids only."""
        found = await self.articles.texts_with_origin(ids, stored_head_chars(self.config.ingest.full_text_min_words))
        return {i: StoredText(origin, text, title, updated) for i, (origin, text, title, updated) in found.items()}

    async def store_result(self, result: SourceResult, report: IngestReport) -> None:
        """Save one source's articles (in batches, each batch one transaction) and its health (for a poll's
        ``report``, only while the source is in the store: IngestReport.polled)."""
        now = self.clock()
        named = self.sources.names.get(result.source)
        if named and result.kind == "feed":  # a feed's own title is every item's outlet too (bot/ingest/feeds.py)
            result = replace(result, articles=tuple(replace(a, outlet=named) for a in result.articles))
        if result.error:
            report.problems.append(IngestProblem(result.source, result.error))
            reason = result.error.removeprefix(f"{result.source}: ")  # the error names the source already
            report.lines.append(f"error    {result.source}: {reason}")
            await self.sources.record_failure(result.source, kind=result.kind, now=now, error=result.error,
                                              add=not report.polled)
            return
        if result.not_modified:
            report.lines.append(f"skipped  {result.source}: not modified since the last fetch")
        read = not result.not_modified  # a 304 read no body: the store keeps the kind and name the last read found
        if not report.polled:  # the source first: articles an outage leaves saved are of a source that is polled
            await self.sources.ensure(result.source, kind=result.stored_kind if read else "", now=now)
        said = text_source_of(result.kind)  # an item whose text is its page's says so (bot/ingest/full_text.py)
        saved_all = await self.articles.save_many(  # a few transactions, not one each
            [a if a.text_source else replace(a, text_source=said) for a in result.articles], now=now,
            committed=report.committed(result.source), count_for=result.source)  # its count, chunk by chunk
        for article, saved in zip(result.articles, saved_all, strict=True):
            if saved.outcome == "added":
                report.added += 1
                report.new_ids.append(saved.article_id)
                report.lines.append(f"added    {clipped(article.title, 90)} ({article.outlet})")
            elif saved.outcome == "updated":
                report.updated += 1
                report.new_ids.append(saved.article_id)
                why = "punctuation and spacing only" if saved.punctuation_only else "edited republication"
                report.lines.append(f"updated  {clipped(article.title, 90)} ({why})")
            elif saved.outcome == "unchanged":
                report.unchanged += 1
                report.lines.append(f"skipped  {clipped(article.title, 90)}: already stored")
            elif saved.outcome == "pruned":
                report.pruned += 1
                report.lines.append(
                    f"skipped  {clipped(article.title, 90)}: removed by retention earlier (database.keep_days)")
            else:
                report.duplicates += 1
                report.lines.append(
                    f"skipped  {clipped(article.title, 90)}: same text as stored article {saved.duplicate_of}")
        stored = {item_key(a) for a, saved in zip(result.articles, saved_all, strict=True)
                  if saved.outcome in ("added", "updated")}
        fresh = self.feed_notes.fresh(result.source, result.problems) if read else frozenset()
        for problem in result.problems:
            if feed_note(problem, result.source):
                if problem.reason not in fresh:
                    continue  # the same note as the source's last read gave: said then, not on every read
                if report.polled:  # a poll's report lines are not shown: the bot's log says it, once per change
                    log.info("%s: %s", problem.input, problem.reason)
            if isinstance(problem, ItemNote) and problem.item not in stored:
                continue  # an item stored before: its note (a date clamped ...) was said when it was stored
            if isinstance(problem, EntriesNote) and not stored.intersection(problem.items):
                continue  # ... as a note on several items was, when one of them was
            if problem.kept:
                report.notes.append(problem)
                report.lines.append(f"note     {problem.input}: {problem.reason}")
                continue
            report.problems.append(problem)
            report.lines.append(f"error    {problem.input}: {problem.reason}")
        await self.sources.record_success(
            result.source, kind=result.stored_kind if read else "", name=result.name if read else "", now=now,
            etag=result.etag, last_modified=result.last_modified, add=not report.polled)

    async def refresh_stories(self, article_ids: Sequence[str], progress: Progress | None = None) -> set[str]:
        """Quotes, clustering and summaries for new or edited articles; returns the stories touched."""
        # plus whatever a killed run left half-done, so a restart finishes it (tests/hostile/test_crash_states.py)
        unique_ids = list(dict.fromkeys([*article_ids, *await self.articles.unfinished_ids(
            stored_since=self.clock() - RECOVERY_WINDOW)]))
        if not unique_ids:
            return set()
        loaded = await self.articles.get_many(unique_ids)
        if self.attributor is not None:
            for n, article in enumerate(loaded):
                # each language its own extractor; one without (Polish, say) gets none, never an English parse
                extractor = self.attributor.for_language(article.language)
                found = await asyncio.to_thread(extractor, article) if extractor is not None else ()
                await self.quotes.replace(article.id, found)
                if progress:
                    progress("finding quotes", n + 1, len(loaded))
        async with placing_stories(self.db) as held:  # another process placing articles meanwhile: after it, seeing
            # its stories; one that holds the lock too long: these wait unplaced, edited ones re-summarised
            touched = (await self._place(loaded, unique_ids) if held
                       else set((await self.stories.story_ids_for_articles(unique_ids)).values()))
        await self.summarise_stories(sorted(touched), loaded, progress)
        return touched

    async def _place(self, loaded: Sequence[Article], unique_ids: Sequence[str]) -> set[str]:
        """Cluster the new articles against the stored stories and write where each went; the stories touched."""
        now = self.clock()
        window = story_window(self.config)
        since = now - profile_lookback(window)
        # undated stories (local files) age by when they were first seen, as dated ones by their dates
        profiles, seen = window_profiles(await self.stories.profiles_since(since), since)
        # cross_threshold above 1: no joins on names and numbers; languages_apart: none on shared stems either
        params = (ClusterParams() if self.config.stories.join_languages
                  else ClusterParams(cross_threshold=2.0, languages_apart=True))
        clusterer = StoryClusterer(profiles, window=window, params=params, seen=seen, now=now)
        existing = await self.stories.story_ids_for_articles(unique_ids)
        # an edited article stays in its story, whose profile counts its new text, before any new article is placed
        touched: set[str] = {existing[a.id] for a in loaded if a.id in existing}
        await rebuild_edited(clusterer, touched, self.articles, loaded)
        placed: dict[str, str] = {}
        for article in loaded:
            if article.id in existing:
                continue
            placed[article.id] = clusterer.add(article)
            touched.add(placed[article.id])
        await self.stories.place(placed, [
            ProfileUpdate(p.story_id, p.to_json(), *profile_times(p)) for p in clusterer.changed()])
        return touched

    async def summarise_stories(self, story_ids: Sequence[str], held: Sequence[Article] = (),
                                progress: Progress | None = None) -> None:
        """Summarise each story from all its articles (those in ``held`` are not loaded again),
        SUMMARY_BATCH stories per worker-thread call and per transaction."""
        members = await self.articles.ids_for_stories(story_ids)
        by_id = {a.id: a for a in held}
        by_id.update((a.id, a) for a in await self.articles.get_many(
            [i for ids in members.values() for i in ids if i not in by_id]))
        done = 0
        for chunk in chunked(story_ids, SUMMARY_BATCH):
            groups = [(sid, [by_id[i] for i in members.get(sid, ()) if i in by_id]) for sid in chunk]
            now = self.clock()
            updates = await asyncio.to_thread(self._summaries, [(sid, arts) for sid, arts in groups if arts], now)
            await self.stories.save_summaries(updates)
            done += len(chunk)
            if progress:
                progress("summarising stories", done, len(story_ids))

    def _summaries(self, groups: Sequence[tuple[str, Sequence[Article]]], now: datetime) -> list[SummaryUpdate]:
        """The summary, headline, span and copy marks (which articles repeat another's text) of each (story id, its
        articles in storage order); runs in a worker thread."""
        out = []
        for story_id, story_articles in groups:
            # a story told in several languages: summary and headline in its main one (bot/story_language.py)
            told = summary_articles(story_articles, lead_article(story_articles))
            # a columnist's argument is no summary of the news when the story has a news report
            news = [a for a in told if not is_opinion(a)] or told
            summary = self.summariser.summarise(news, self.config.briefing.summary_sentences)
            lead = headline_article(told)  # a plain headline over a labelled one (bot/headline_choice.py)
            published = [a.published for a in story_articles if a.published]
            out.append(SummaryUpdate(story_id, headline=shown_headline(lead.title, lead.url), url=lead.url,
                                     summary=summary,
                                     size=len(story_articles), changed_at=now,
                                     updated=max(published) if published else now,
                                     copy_marks=tuple(copy_marks(story_articles).items())))
        return out

    async def summarise_story(self, story_id: str) -> None:
        await self.summarise_stories([story_id])


def text_source_of(kind: str) -> TextSource:
    """Where the text of an item read from a source of ``kind`` came from, unless it says otherwise: a feed's (or a
    news sitemap's) item as given, a page read as such, a file or a folder's file."""
    return "file" if kind in ("file", "folder") else "page" if kind == "page" else "feed"


def missing_local_path(target: str) -> bool:
    """Whether ``target`` names a local path that is not there (a link to nothing counts): never for a URL."""
    if "://" in target[:16] or target.lower().startswith(("http:", "https:")):
        return False
    try:
        return not Path(target).expanduser().exists()
    except OSError:  # a name the system cannot even look up is not a missing path
        return False


def lead_article(articles: Sequence[Article]) -> Article:
    """The article whose title heads the story: the earliest published, else the first stored."""
    dated = [a for a in articles if a.published]
    return min(dated, key=lambda a: a.published or datetime.min) if dated else articles[0]


def profile_times(profile: StoryProfile) -> tuple[datetime | None, datetime | None]:
    first = getattr(profile, "first", None)
    last = getattr(profile, "last", None)
    return (first if isinstance(first, datetime) else None, last if isinstance(last, datetime) else None)


def profile_lookback(window: timedelta) -> timedelta:
    """How far back stories are loaded to cluster new articles: ten story windows (40 days at the default 96h), but
    no more than that for a longer window (a 30-day window would read 300 days of profiles on every poll), and
    never under two windows, so a report a window late still finds its story."""
    return max(2 * window, min(10 * window, 10 * STORY_WINDOW))
