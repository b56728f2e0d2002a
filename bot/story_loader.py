"""Load stored stories as Story models: sources (with the copies among them), summary with provenance, quotes."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from bot.models import Attribution, SourceRef, Story, SummarySentence
from bot.outlets import HEAD_CHARS, mark_copies
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from bot.store.revisions import RevisionStore
from bot.store.stories import StoryRow, StoryStore


async def load_stories(db: Database, *, since: datetime | None, limit: int = 500) -> list[Story]:
    """The ``limit`` stories that changed last after ``since`` (any time when None), with their sources and quotes
    (briefings read every story of their period instead: bot/briefings.py, bot/story_feed.py)."""
    rows = await StoryStore(db).changed_since(since, limit=limit)
    return await stories_from_rows(db, rows)


async def stories_from_rows(db: Database, rows: list[StoryRow], *, copies: bool = True,
                            stored: bool = True) -> list[Story]:
    """A few queries for all the rows together (sources with their stored copy marks, then quotes), not a few per
    story. Which articles repeat another's text (syndicated copy) is stored when the pipeline summarises a story
    (bot/outlets.py copy_marks); for a story with an article not marked yet (a store from before schema v14, an
    article not yet summarised) it is worked out here from the start of the texts, and not written back: loading
    stays read-only. ``stored=False`` works it out for every story (what each load did before v14);
    ``copies=False`` leaves every ``copy_of`` unset: both only for tests and benchmarks/bench_story_load.py."""
    if not rows:
        return []
    refs = await story_sources(db, rows, copies=copies, stored=stored)
    return await completed(db, [outline(row, refs.get(row.id, [])) for row in rows], refs)


async def story_sources(db: Database, rows: Sequence[StoryRow], *, copies: bool = True,
                        stored: bool = True) -> dict[str, list[SourceRef]]:
    """Each story's sources in storage order (the order of its quotes), with their copies (as
    ``stories_from_rows`` says); stories without an article left out."""
    store = ArticleStore(db)
    ids = [r.id for r in rows]
    if copies and stored:
        refs, unmarked = await store.sources_with_marks(ids)
    else:
        refs, unmarked = await store.sources_for_stories(ids), (set(ids) if copies else set())
    if unmarked:  # every article's mark replaced: the stored ones of a story with an unmarked article are stale
        refs = refs | await work_out_copies(store, {sid: refs[sid] for sid in unmarked if sid in refs})
    return refs


def outline(row: StoryRow, refs: Sequence[SourceRef]) -> Story:
    """The story without its quotes and revisions: what its row says, and its sources in time order."""
    return Story(id=row.id, headline=row.headline, summary=row.summary, first_seen=row.first_seen,
                 updated=row.updated, url=row.url, sources=tuple(sorted(refs, key=_by_time)))


async def completed(db: Database, stories: Sequence[Story],
                    refs: Mapping[str, Sequence[SourceRef]]) -> list[Story]:
    """Outlines made whole: each story's quotes (its articles in storage order, ``refs``, each article's in text
    order) and the edits of its articles that matter."""
    quotes = await _quotes_by_article(db, [ref.article_id for s in stories for ref in refs.get(s.id, ())])
    return await RevisionStore(db).with_revisions([_with_quotes(s, refs.get(s.id, ()), quotes) for s in stories])


async def _quotes_by_article(db: Database, article_ids: Sequence[str]) -> dict[str, list[Attribution]]:
    quotes: dict[str, list[Attribution]] = {}
    for q in await QuoteStore(db).for_articles(article_ids):  # each article's quotes in text order
        quotes.setdefault(q.article_id, []).append(q)
    return quotes


def _with_quotes(story: Story, refs: Sequence[SourceRef], quotes: Mapping[str, Sequence[Attribution]]) -> Story:
    said = tuple(q for ref in refs for q in quotes.get(ref.article_id, ()))
    return replace(story, quotes=said) if said else story


async def work_out_copies(store: ArticleStore, refs: dict[str, list[SourceRef]]) -> dict[str, list[SourceRef]]:
    """The stories' sources with ``copy_of`` worked out from the start of their texts (read only for stories of
    more than one article), in a worker thread: about half a second per 1,000 stories of 2-5 articles
    (docs/BENCHMARKS.md, "Loading stories")."""
    several = [ref.article_id for found in refs.values() if len(found) > 1 for ref in found]
    if not several:
        return refs
    heads = await store.text_heads(several, HEAD_CHARS)
    return await asyncio.to_thread(_with_copies, refs, heads)


def _with_copies(refs: dict[str, list[SourceRef]], heads: dict[str, str]) -> dict[str, list[SourceRef]]:
    return {sid: mark_copies(found, heads) if len(found) > 1 else found for sid, found in refs.items()}


def _by_time(ref: SourceRef) -> tuple[bool, datetime, str]:
    return (ref.published is None, ref.published or datetime.min, ref.article_id)


async def story_additions(db: Database, story: Story) -> dict[str, SummarySentence]:
    """Per article id of a multi-outlet story, what that outlet alone reports (SumySummariser.additions), the
    summary's own sentences left out; {} for a story from one outlet."""
    if len({s.name.strip().casefold() for s in story.sources if s.name.strip()}) < 2:
        return {}
    from bot.nlp.summarise import SumySummariser

    articles = await ArticleStore(db).get_many([s.article_id for s in story.sources])
    shown = {(s.article_id, s.sentence) for s in story.summary}
    return SumySummariser().additions(articles, skip=shown)
