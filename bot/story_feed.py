"""Where delivery reads stories: the store, with loaded stories (whole, or as outlines) kept while their
``changed_at`` holds."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from bot.models import Article, SourceRef, Story
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from bot.store.stories import StoryRow, StoryStore
from bot.story_loader import completed, outline, stories_from_rows, story_sources

T = TypeVar("T")
PAGE_SIZE = 1000  # stories per store query when reading what changed: each query and load stays this small


@dataclass(frozen=True, slots=True)
class Outline:
    """A story as ranking reads it, without its quotes and revisions (``story_loader.outline``), with its sources
    in storage order (what loading it whole reads) and the ``changed_at`` it was read at."""

    story: Story
    refs: tuple[SourceRef, ...]
    changed_at: datetime | None


class StoryFeed(Protocol):
    """Where delivery reads stories from (the store by default)."""

    async def changed_since(self, since: datetime | None) -> list[Story]: ...
    def changed_pages(self, since: datetime | None) -> AsyncIterator[list[Story]]: ...
    def row_pages(self, since: datetime | None) -> AsyncIterator[list[StoryRow]]: ...
    async def outlines(self, rows: Sequence[StoryRow]) -> list[Outline]: ...
    async def whole(self, outlines: Sequence[Outline]) -> list[Story]: ...
    async def quote_counts(self, outlines: Sequence[Outline]) -> dict[str, int]: ...
    async def as_shown(self, ids: Sequence[str], whole: Collection[str]) -> list[Story]: ...
    async def by_ids(self, ids: Sequence[str]) -> list[Story]: ...
    async def current(self, ids: Sequence[str]) -> list[Story]: ...
    async def articles(self, stories: Sequence[Story]) -> dict[str, list[Article]]: ...


class StoreFeed:
    """Stories, their quotes and their articles from the store, kept while a story's ``changed_at`` holds
    (every channel of a tick reads the same stories; loading one costs several queries): whole (what a briefing
    shows in full, what commands read), and as outlines (what every channel's scheduled briefing ranks)."""

    CACHE_SIZE = 2000
    # outlines are light (no quotes, revisions or texts): enough for every story changed on a busy day, so each
    # channel of a tick after the first reads only their rows (docs/BENCHMARKS.md, "Delivery")
    OUTLINE_CACHE_SIZE = 20_000
    # the articles of this many story versions (what topics and followed sources read): let go together past it
    ARTICLE_CACHE_SIZE = 20_000

    def __init__(self, db: Database, *, page_size: int | None = None) -> None:
        self.db = db
        self.stories = StoryStore(db)
        self.page_size = page_size or PAGE_SIZE
        self._stories: dict[tuple[str, datetime | None], Story] = {}
        # per version at hand: the article ids of the story they were read for (a channel may hold an older one)
        self._articles: dict[tuple[str, datetime | None], tuple[tuple[str, ...], list[Article]]] = {}
        self._outlines: dict[tuple[str, datetime | None], Outline] = {}
        self._quote_counts: dict[tuple[str, datetime | None], int] = {}
        # each story's ``changed_at`` as read last, kept while a cache holds that version (``_forget``)
        self._changed: dict[str, datetime | None] = {}

    async def _load(self, rows: list[StoryRow]) -> list[Story]:
        # what is at hand is taken before the store is read: channels delivered at once share this feed, and one
        # may let the caches go while another waits for the store (each read below returns from ``got``)
        got = _held(self._stories, [(r.id, r.changed_at) for r in rows])
        missing = [r for r in rows if (r.id, r.changed_at) not in got]
        if self._make_room(len(missing)):
            missing = list(rows)
        for row, story in zip(missing, await stories_from_rows(self.db, missing), strict=True):
            self._stories[(row.id, row.changed_at)] = got[(row.id, row.changed_at)] = story
        self._read(rows)
        return [got[(r.id, r.changed_at)] for r in rows]

    def _read(self, rows: Sequence[StoryRow]) -> None:
        """These versions were read: each is the one at hand (``as_shown``, ``by_ids``, ``articles``) unless a newer one
        is already (channels delivered at once read pages taken at different times, and the read that ends last may
        be of the older version)."""
        for r in rows:
            known = self._changed.get(r.id)
            if known is None or (r.changed_at is not None and r.changed_at >= known):
                self._changed[r.id] = r.changed_at

    def _make_room(self, adding: int) -> bool:
        """Whether the whole stories kept were let go to keep ``adding`` more within CACHE_SIZE."""
        if len(self._stories) + adding <= self.CACHE_SIZE:
            return False
        self._stories.clear()
        self._articles.clear()
        self._forget()
        return True

    def _forget(self) -> None:
        """After a cache let go: the ``changed_at`` of each story no cache holds as read last any more let go too
        (nothing would be found with it), so what is kept stays within what the caches hold in a bot that runs
        for months."""
        held = (self._stories, self._outlines, self._articles, self._quote_counts)
        self._changed = {i: c for i, c in self._changed.items() if any((i, c) in cache for cache in held)}

    async def changed_since(self, since: datetime | None) -> list[Story]:
        """Every story that changed after ``since``, newest first, however many (read a page at a time)."""
        return [story async for page in self.changed_pages(since) for story in page]

    async def changed_pages(self, since: datetime | None) -> AsyncIterator[list[Story]]:
        """The stories that changed after ``since``, newest first, ``page_size`` at a time, loaded whole: one indexed
        query per page, each starting after the last (changed_at, id) of the one before, so none is skipped or
        repeated, and a caller that filters as it goes never holds them all."""
        async for rows in self.row_pages(since):
            yield await self._load(rows)

    async def row_pages(self, since: datetime | None) -> AsyncIterator[list[StoryRow]]:
        """The rows of the stories that changed after ``since``, paged as ``changed_pages`` pages them: what the
        caller keeps of them it reads further (``outlines``)."""
        async for rows in self.stories.changed_pages(since, page_size=self.page_size):
            yield rows

    async def outlines(self, rows: Sequence[StoryRow]) -> list[Outline]:
        """The rows' stories as outlines: their sources (with the copies among them) read once for every channel
        while their ``changed_at`` holds."""
        got = _held(self._outlines, [(r.id, r.changed_at) for r in rows])  # as ``_load``
        missing = [r for r in rows if (r.id, r.changed_at) not in got]
        if len(self._outlines) + len(missing) > self.OUTLINE_CACHE_SIZE:
            self._outlines.clear()
            self._quote_counts.clear()
            self._forget()
            missing = list(rows)
        if missing:
            refs = await story_sources(self.db, missing)
            for row in missing:
                found = refs.get(row.id, [])
                got[(row.id, row.changed_at)] = Outline(outline(row, found), tuple(found), row.changed_at)
                self._outlines[(row.id, row.changed_at)] = got[(row.id, row.changed_at)]
        self._read(rows)
        return [got[(r.id, r.changed_at)] for r in rows]

    async def quote_counts(self, outlines: Sequence[Outline]) -> dict[str, int]:
        """How many quotes each outline's story has (what ranking reads of its quotes), counted once for every
        channel, as its outline is read."""
        got = _held(self._quote_counts, [(o.story.id, o.changed_at) for o in outlines])  # as ``_load``
        missing = [o for o in outlines if (o.story.id, o.changed_at) not in got]
        if missing:
            counted = await QuoteStore(self.db).counts_by_story([o.story.id for o in missing])
            got.update(((o.story.id, o.changed_at), counted.get(o.story.id, 0)) for o in missing)
            self._quote_counts.update(((o.story.id, o.changed_at), got[(o.story.id, o.changed_at)]) for o in missing)
        return {o.story.id: got[(o.story.id, o.changed_at)] for o in outlines}

    async def whole(self, outlines: Sequence[Outline]) -> list[Story]:
        """The outlines' stories loaded whole (``story_loader.completed``: quotes, the edits that matter), kept as
        ``changed_pages`` keeps what it loads."""
        got = _held(self._stories, [(o.story.id, o.changed_at) for o in outlines])  # as ``_load``
        missing = [o for o in outlines if (o.story.id, o.changed_at) not in got]
        if self._make_room(len(missing)):
            missing = list(outlines)
        if missing:
            loaded = await completed(self.db, [o.story for o in missing], {o.story.id: o.refs for o in missing})
            for o, story in zip(missing, loaded, strict=True):
                self._stories[(o.story.id, o.changed_at)] = got[(o.story.id, o.changed_at)] = story
        return [got[(o.story.id, o.changed_at)] for o in outlines]

    async def as_shown(self, ids: Sequence[str], whole: Collection[str]) -> list[Story]:
        """Stories by id as a briefing shows them: those in ``whole`` loaded whole, the others (its "and N more")
        as outlines; each as read last when it is at hand (a slot just composed), else as the store has it."""
        at_hand = {i: o for i in ids if i in self._changed
                   and (o := self._outlines.get((i, self._changed[i]))) is not None}
        missing = [i for i in ids if i not in at_hand]
        if missing:
            at_hand.update((o.story.id, o) for o in await self.outlines(await self.stories.get_many(missing)))
        found = [at_hand[i] for i in ids if i in at_hand]
        loaded = {s.id: s for s in await self.whole([o for o in found if o.story.id in whole])}
        return [loaded.get(o.story.id, o.story) for o in found]

    async def by_ids(self, ids: Sequence[str]) -> list[Story]:
        """Stories by id, whole: the version read last when it is at hand (a slot just composed), else the store's."""
        known = [i for i in ids if (i, self._changed.get(i, 0)) in self._stories]
        if len(known) == len(ids):
            return [self._stories[(i, self._changed[i])] for i in ids]
        return await self.current(ids)

    async def current(self, ids: Sequence[str]) -> list[Story]:
        """Stories by id as the store has them now (one query each: for a few ids, e.g. the tracked ones),
        loaded again only when they changed since they were read."""
        return await self._load([r for r in [await self.stories.get(i) for i in ids] if r is not None])

    async def articles(self, stories: Sequence[Story]) -> dict[str, list[Article]]:
        """Each story's articles, kept per story version (its ``changed_at`` as read last) for the story given when its
        article ids are those they were read for (a channel may still hold an older version than the one at hand,
        which must not give its list to the newer one); those of a story whose version no cache holds any more
        (``_forget``) are read and not kept."""
        # as ``_load``: what is at hand is taken before the store is read
        held = {st.id: kept[1] for st in stories if st.id in self._changed
                and (kept := self._articles.get(self._key(st.id))) is not None and kept[0] == _article_ids(st)}
        todo = [st for st in stories if st.id not in held]
        if len(self._articles) + len(todo) > self.ARTICLE_CACHE_SIZE:
            self._articles.clear()
            self._forget()
            todo, held = list(stories), {}
        # kept for the version each story was asked at: another channel may read a newer one while the store is read
        asked = {st.id: (self._key(st.id), _article_ids(st)) for st in todo if st.id in self._changed}
        found = await ArticleStore(self.db).get_many([s.article_id for st in todo for s in st.sources])
        by_id = {a.id: a for a in found}
        read = {st.id: [by_id[s.article_id] for s in st.sources if s.article_id in by_id] for st in todo}
        self._articles.update((key, (ids, read[i])) for i, (key, ids) in asked.items()
                              if i in self._changed and self._key(i) == key)
        return {st.id: read[st.id] if st.id in read else held[st.id] for st in stories}

    def _key(self, story_id: str) -> tuple[str, datetime | None]:
        return story_id, self._changed[story_id]


def _article_ids(story: Story) -> tuple[str, ...]:
    """The ids of the story's articles, in its sources' order: which version of it a list of articles is for."""
    return tuple(s.article_id for s in story.sources)


def _held(cache: Mapping[tuple[str, datetime | None], T], keys: Sequence[tuple[str, datetime | None]]
          ) -> dict[tuple[str, datetime | None], T]:
    """What ``cache`` holds of ``keys`` now, as a dict of its own (a cache let go later leaves it as it is)."""
    return {key: cache[key] for key in keys if key in cache}
