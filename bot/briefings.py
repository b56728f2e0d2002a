"""Build an on-demand briefing: every stored story changed in the period, read a page at a time, for a topic (matched
with its articles, as alerts and scheduled briefings match it), ranked and capped; only the stories it shows in full
are loaded whole."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Mapping, Sequence
from contextlib import aclosing
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol, TypeVar

from bot import story_feed
from bot.backoff import parse_duration
from bot.config import Config
from bot.language_screen import LanguageScreen
from bot.models import Article, Briefing, BriefingItem, BriefingLength, SourceRef, Story
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from bot.store.stories import StoryRow, StoryStore
from bot.store.story_texts import sentence_texts
from bot.story_loader import completed, outline, story_sources
from digests.compose import TopicMatch, compose

if TYPE_CHECKING:
    from bot.topic_screen import SaidMatcher

# Without a "since" (``ask "brief me on X"`` naming no time; the demo) a briefing reads the stories that changed most
# recently, this many at most: about 1.3 s with a topic on a 2-core machine, 1.9 s on PostgreSQL (docs/BENCHMARKS.md,
# "On-demand briefings"). With a "since" it reads every story that changed in the period, however many.
UNDATED_MAX_STORIES = 10_000


class Dated(Protocol):
    """A story or a stored story row: what ``news_only`` reads."""

    @property
    def updated(self) -> datetime | None: ...


D = TypeVar("D", bound=Dated)


def news_only(stories: Sequence[D], since: datetime, grace: timedelta) -> list[D]:
    """The stories whose newest article was published at most ``grace`` before ``since`` (undated ones kept):
    a briefing of what changed since then shows news, not a newly added feed's back catalogue."""
    oldest = since - grace
    return [s for s in stories if s.updated is None or s.updated >= oldest]


async def build_briefing(db: Database, config: Config, *, now: datetime, since: datetime | None,
                         topic: str | None, max_stories: int | None = None, length: BriefingLength = "full",
                         whole_more: bool = False, languages: Sequence[str] = (),
                         muted: Collection[str] = ()) -> Briefing:
    """The composition every on-demand surface uses (CLI ``brief``, ``/brief``, ``ask brief me on``); ``length``:
    the channel's (or ``--length``); ``languages``: the channel's (``/brief`` only: ISO 639-1 codes, () for every
    language; bot/language_screen.py); ``muted``: the ids of the stories muted in the channel asked from (``/brief``
    only, as ``languages``), left out as its scheduled briefings leave them out (bot/delivery.py). The stories
    past the cap (``more``) come without their quotes and revisions, which chat and text never show of them (a
    headline and a link), unless ``whole_more`` (the JSON output)."""
    matcher: SaidMatcher | None = None
    if topic:  # before any story is read: a topic that cannot be understood is refused at once
        from bot.topic_screen import SaidMatcher

        matcher = SaidMatcher([topic])
    found = await briefing_candidates(db, since=since, grace=_grace(config), matcher=matcher, languages=languages,
                                      muted=muted)
    title = f"Briefing: {topic}" if topic else "Briefing"
    cap = config.briefing.max_stories if max_stories is None else max_stories

    def matched(story: Story) -> TopicMatch | None:
        return found.matches.get(story.id)  # worked out once, as the pages were read

    # in a worker thread: ranking thousands of stories (a busy week) takes a while, and the event loop keeps answering
    ranked = await asyncio.to_thread(compose, found.stories, now=now, title=title, since=since, topic=topic,
                                     matcher=matched if matcher is not None else None, max_stories=cap,
                                     length=length, quote_counts=found.quotes,
                                     undated_penalty_hours=config.stories.undated_penalty_hours)
    return await shown_whole(db, ranked, found.refs, more=whole_more)


async def muted_matches(db: Database, config: Config, *, since: datetime | None, topic: str | None,
                        languages: Sequence[str] = (), muted: Sequence[str] = (),
                        shown: Briefing | None = None, max_stories: int | None = None) -> list[str]:
    """Of the ``muted`` stories, those ``build_briefing`` with the same period, topic and languages would have
    taken but for their mute (changed in the period, news then, in a language kept, matching the topic), in the
    order given: what ``/brief`` says it left out. Given the briefing ``shown`` (built without them) and its cap,
    only those its ranking would have put within the cap among its own stories (``items`` and ``more``): a muted
    story the cap would have dropped anyway is not counted. Only those stories are read, however many the period
    holds."""
    if not muted:
        return []
    matcher: SaidMatcher | None = None
    if topic:
        from bot.topic_screen import SaidMatcher

        matcher = SaidMatcher([topic])
    rows = [r for r in await StoryStore(db).get_many(muted)
            if r.size > 0 and (since is None or (r.changed_at is not None and since < r.changed_at))]
    found = Candidates()
    await _add_page(db, found, _kept(rows, since, _grace(config), LanguageScreen(), languages), matcher)
    if shown is None or not found.stories:
        return [s.id for s in found.stories]
    cap = config.briefing.max_stories if max_stories is None else max_stories
    ranked = compose(found.stories, now=shown.generated, title=shown.title, since=since, topic=topic,
                     matcher=(lambda story: found.matches.get(story.id)) if matcher is not None else None,
                     max_stories=0, quote_counts=found.quotes,
                     undated_penalty_hours=config.stories.undated_penalty_hours)
    own = [(-i.score, i.story.headline) for i in (*shown.items, *shown.more)]
    keys = [(-i.score, i.story.headline) for i in ranked.items]
    within = {i.story.id for i, key in zip(ranked.items, keys, strict=True)
              if cap <= 0 or sum(k < key for k in own) + sum(k < key for k in keys) < cap}
    return [s.id for s in found.stories if s.id in within]


def _grace(config: Config) -> timedelta:
    return parse_duration(config.briefing.publication_grace, key="briefing.publication_grace")


def _kept(rows: Sequence[StoryRow], since: datetime | None, grace: timedelta, screen: LanguageScreen,
          languages: Sequence[str]) -> list[StoryRow]:
    """Of a page of stories, those a briefing since ``since`` takes: news then (any without a ``since``), in one
    of ``languages``."""
    return screen.screened(rows if since is None else news_only(rows, since, grace), languages)


@dataclass(slots=True)
class Candidates:
    """What can be in the briefing, newest change first, loaded for ranking: each story without its quotes and
    revisions (``story_loader.outline``), how many quotes it has, its topic match, and its sources in storage
    order (what loading it whole reads)."""

    stories: list[Story] = field(default_factory=list)
    quotes: dict[str, int] = field(default_factory=dict)
    matches: dict[str, TopicMatch] = field(default_factory=dict)
    refs: dict[str, list[SourceRef]] = field(default_factory=dict)


async def briefing_candidates(db: Database, *, since: datetime | None, grace: timedelta,
                              matcher: SaidMatcher | None, languages: Sequence[str] = (),
                              muted: Collection[str] = ()) -> Candidates:
    """Every story that changed after ``since``, read ``story_feed.PAGE_SIZE`` at a time (as scheduled briefings
    read them). Of each page only the news is kept (with a ``since``: as in scheduled briefings, an old article
    stored lately is not news) and only what matches the topic, so what is held grows with what passes, not with
    the store. Without a ``since``: the ``UNDATED_MAX_STORIES`` stories changed most recently. With ``languages``
    only the stories with a report in one of them (or of unknown languages) are kept, before anything is read; the
    ``muted`` stories are left out likewise."""
    found = Candidates()
    screen = LanguageScreen()
    hidden = frozenset(muted)
    read = 0
    pages = StoryStore(db).changed_pages(since, page_size=story_feed.PAGE_SIZE)
    async with aclosing(pages):
        async for rows in pages:
            if since is None:
                rows = rows[:UNDATED_MAX_STORIES - read]
            read += len(rows)
            if hidden:
                rows = [r for r in rows if r.id not in hidden]
            await _add_page(db, found, _kept(rows, since, grace, screen, languages), matcher)
            if since is None and read >= UNDATED_MAX_STORIES:
                break
    return found


async def _add_page(db: Database, found: Candidates, rows: Sequence[StoryRow], matcher: SaidMatcher | None) -> None:
    """A page's stories as outlines, their quotes never loaded whole: only counted, or with a topic only their words
    and speakers read; then only the stories that pass the topic's screen (over their rows, quote words and
    articles' sentences) are given sources, and their articles read and matched, by the rule alerts and scheduled
    briefings match by (``bot.topics.match_story``, as bot/channel_evidence.py reads it)."""
    said: dict[str, list[tuple[str, str]]] = {}
    if matcher is None:
        quotes = await QuoteStore(db).counts_by_story([r.id for r in rows])
    else:
        ids = [r.id for r in rows]
        said = await QuoteStore(db).said_by_story(ids)
        texts = await sentence_texts(db, ids)
        # in a worker thread: the loop keeps answering
        rows = await asyncio.to_thread(_screened, matcher, rows, said, texts)
        quotes = {r.id: len(said.get(r.id, ())) for r in rows}
    refs = await story_sources(db, rows)
    page = [outline(row, refs.get(row.id, [])) for row in rows]
    if matcher is not None:
        articles = await _articles(db, page)
        matches = await asyncio.to_thread(_matches, matcher, page, said, articles)
        found.matches.update(matches)
        page = [s for s in page if s.id in matches]
    for story in page:
        found.stories.append(story)
        found.quotes[story.id] = quotes.get(story.id, 0)
        found.refs[story.id] = refs.get(story.id, [])


def _screened(matcher: SaidMatcher, rows: Sequence[StoryRow], said: Mapping[str, Sequence[tuple[str, str]]],
              texts: Mapping[str, str]) -> list[StoryRow]:
    return [r for r in rows if matcher.passes(r.headline, r.summary, said.get(r.id, ()), texts.get(r.id))]


async def _articles(db: Database, page: Sequence[Story]) -> dict[str, list[Article]]:
    """Each story's articles in its sources' order (as ``StoreFeed.articles`` reads them for a channel): only for
    the stories that passed the screen, a page at a time, let go with the page."""
    by_id = {a.id: a for a in await ArticleStore(db).get_many([s.article_id for st in page for s in st.sources])}
    return {st.id: [by_id[s.article_id] for s in st.sources if s.article_id in by_id] for st in page}


def _matches(matcher: SaidMatcher, page: Sequence[Story], said: Mapping[str, Sequence[tuple[str, str]]],
             articles: Mapping[str, Sequence[Article]]) -> dict[str, TopicMatch]:
    return {story.id: found for story in page
            if (found := matcher.match(story, said.get(story.id, ()), articles.get(story.id, ()))) is not None}


async def shown_whole(db: Database, briefing: Briefing, refs: Mapping[str, Sequence[SourceRef]], *,
                      more: bool) -> Briefing:
    """The briefing with the stories it shows in full loaded whole (quotes, revisions): its items, and those
    past the cap when ``more``."""
    wanted = [i.story for i in (*briefing.items, *(briefing.more if more else ()))]
    whole = {s.id: s for s in await completed(db, wanted, refs)}

    def filled(items: tuple[BriefingItem, ...]) -> tuple[BriefingItem, ...]:
        return tuple(replace(i, story=whole.get(i.story.id, i.story)) for i in items)

    return replace(briefing, items=filled(briefing.items), more=filled(briefing.more) if more else briefing.more)
