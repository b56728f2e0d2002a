"""Where delivery reads stories: the store, with loaded stories kept while their ``changed_at`` holds."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Protocol

from bot.models import Article, Story
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.stories import StoryRow, StoryStore
from bot.story_loader import stories_from_rows

PAGE_SIZE = 1000  # stories per store query when reading what changed: each query and load stays this small


class StoryFeed(Protocol):
    """Where delivery reads stories from (the store by default)."""

    async def changed_since(self, since: datetime | None) -> list[Story]: ...
    def changed_pages(self, since: datetime | None) -> AsyncIterator[list[Story]]: ...
    async def by_ids(self, ids: Sequence[str]) -> list[Story]: ...
    async def current(self, ids: Sequence[str]) -> list[Story]: ...
    async def articles(self, stories: Sequence[Story]) -> dict[str, list[Article]]: ...


class StoreFeed:
    """Stories, their quotes and their articles from the store, kept while a story's ``changed_at`` holds
    (every channel of a tick reads the same few stories; loading one costs several queries)."""

    CACHE_SIZE = 2000

    def __init__(self, db: Database, *, page_size: int | None = None) -> None:
        self.db = db
        self.stories = StoryStore(db)
        self.page_size = page_size or PAGE_SIZE
        self._stories: dict[tuple[str, datetime | None], Story] = {}
        self._articles: dict[tuple[str, datetime | None], list[Article]] = {}
        self._changed: dict[str, datetime | None] = {}

    async def _load(self, rows: list[StoryRow]) -> list[Story]:
        missing = [r for r in rows if (r.id, r.changed_at) not in self._stories]
        if len(self._stories) + len(missing) > self.CACHE_SIZE:
            self._stories.clear()
            self._articles.clear()
        for row, story in zip(missing, await stories_from_rows(self.db, missing), strict=True):
            self._stories[(row.id, row.changed_at)] = story
        for r in rows:
            self._changed[r.id] = r.changed_at
        return [self._stories[(r.id, r.changed_at)] for r in rows]

    async def changed_since(self, since: datetime | None) -> list[Story]:
        """Every story that changed after ``since``, newest first, however many (read a page at a time)."""
        return [story async for page in self.changed_pages(since) for story in page]

    async def changed_pages(self, since: datetime | None) -> AsyncIterator[list[Story]]:
        """The stories that changed after ``since``, newest first, ``page_size`` at a time: one indexed query
        per page, each starting after the last (changed_at, id) of the one before, so none is skipped or
        repeated, and a caller that filters as it goes never holds them all."""
        async for rows in self.stories.changed_pages(since, page_size=self.page_size):
            yield await self._load(rows)

    async def by_ids(self, ids: Sequence[str]) -> list[Story]:
        """Stories by id: the version read last when it is at hand (a slot just composed), else the store's."""
        known = [i for i in ids if (i, self._changed.get(i, 0)) in self._stories]
        if len(known) == len(ids):
            return [self._stories[(i, self._changed[i])] for i in ids]
        return await self.current(ids)

    async def current(self, ids: Sequence[str]) -> list[Story]:
        """Stories by id as the store has them now (one query each: for a few ids, e.g. the tracked ones),
        loaded again only when they changed since they were read."""
        return await self._load([r for r in [await self.stories.get(i) for i in ids] if r is not None])

    async def articles(self, stories: Sequence[Story]) -> dict[str, list[Article]]:
        out: dict[str, list[Article]] = {}
        todo = [st for st in stories if (st.id, self._changed.get(st.id)) not in self._articles]
        found = await ArticleStore(self.db).get_many([s.article_id for st in todo for s in st.sources])
        by_id = {a.id: a for a in found}
        for st in todo:
            self._articles[(st.id, self._changed.get(st.id))] = [
                by_id[s.article_id] for s in st.sources if s.article_id in by_id]
        for st in stories:
            out[st.id] = self._articles[(st.id, self._changed.get(st.id))]
        return out
