"""ArticleStore: articles with their sentences, deduplicated on write, searchable by full text."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.ingest.local_paths import shown_file_name
from bot.models import Article, Sentence, SourceRef, TextSource
from bot.nlp.revisions import same_words
from bot.store import revisions as revision_log
from bot.store.article_rows import fill_first_seen, first_published, later, row_to_article, text_source, utc
from bot.store.article_saves import in_id_scope as _in_id_scope  # old names: tests/old_store.py stands in for them
from bot.store.article_saves import kept_page_texts, note_feed_times
from bot.store.article_saves import pruned_ids as _pruned_ids
from bot.store.article_search import SearchHit, fts_phrase, query_terms, search_articles, search_sentences
from bot.store.db import Database
from bot.store.dedupe import Outcome, StoredKeys, chunked, plan_batch
from bot.store.fts_rows import delete_text_rows, sentence_rowid
from bot.store.id_lists import id_chunks, one_of
from bot.store.relinked import relinked
from bot.store.schema import articles, sentences, sources, stories

__all__ = ["ArticleStore", "Outcome", "SaveResult", "SearchHit", "fill_first_seen", "first_published", "fts_phrase",
           "query_terms", "text_source", "utc"]
SAVE_CHUNK = 200  # articles per transaction in save_many
IN_CHUNK = 900  # ids per IN (...) list: well inside SQLite's and asyncpg's bound-parameter limits


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What writing one article did: ``added``, ``updated`` (edited republication: its text or headline changed;
    bot/store/revisions.py keeps what changed), ``unchanged`` (seen before, same text and headline), ``duplicate``
    (same text as another stored article) or ``pruned`` (retention removed it earlier: not stored again)."""

    outcome: Outcome
    article_id: str
    duplicate_of: str | None = None
    # "updated" in punctuation and spacing alone, headline unchanged (``same_words``: "said ." stored, "said." read)
    punctuation_only: bool = False


class ArticleStore:
    """Explicit methods over the articles, sentences and their full-text indexes."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def save(self, article: Article, *, now: datetime, count_for: str | None = None,
                   in_read: frozenset[str] | None = None) -> SaveResult:
        """Insert, update an edited republication, or recognise a duplicate — in one transaction (``count_for``,
        ``in_read``: the links of its read, as ``save_many`` says; None, saved alone: nothing is gone from a read)."""
        return (await self.db.transaction(partial(self._counted, chunk=[article], now=now, count_for=count_for,
                                                  in_read=None if in_read is None else in_read | {article.url})))[0]

    async def save_many(self, batch: Sequence[Article], *, now: datetime,
                        committed: Callable[[Sequence[SaveResult]], None] | None = None,
                        count_for: str | None = None) -> list[SaveResult]:
        """Like ``save`` for each article in turn (same outcomes), but SAVE_CHUNK articles per
        transaction, with one dedupe query and bulk inserts per chunk. Each chunk commits whole or
        not at all; if one article breaks a chunk (say an id clash), that chunk is retried one
        article per transaction so the error stays with that article, as with ``save``. ``committed``
        is told the outcomes of each transaction once it has committed (what an outage later leaves saved).
        ``count_for``: the source whose article count (`briefbot sources`) the added ones join, in the same
        transaction, so a chunk an outage leaves saved is counted (a source not in the store: nothing counted).
        ``batch`` is best a source's whole read: an item without a GUID at a new link may edit a stored one only
        when the stored one's link is not in it (bot/store/relinked.py)."""
        results: list[SaveResult] = []
        in_read = frozenset(a.url for a in batch)
        told = committed or (lambda _: None)
        for chunk in chunked(batch, SAVE_CHUNK):
            try:
                saved = await self.db.transaction(partial(self._counted, chunk=chunk, now=now, count_for=count_for,
                                                          in_read=in_read))
                told(saved)
                results += saved
            except sa.exc.IntegrityError:
                if len(chunk) == 1:
                    raise
                for article in chunk:
                    results.append(await self.save(article, now=now, count_for=count_for, in_read=in_read))
                    told(results[-1:])
        return results

    async def _counted(self, conn: AsyncConnection, *, chunk: Sequence[Article], now: datetime,
                       count_for: str | None, in_read: frozenset[str] | None) -> list[SaveResult]:
        saved = await self._save_chunk(conn, chunk=chunk, now=now, in_read=in_read)
        added = sum(s.outcome == "added" for s in saved)
        if count_for is not None and added:
            await conn.execute(sources.update().where(sources.c.key == count_for).values(
                articles=sources.c.articles + added))
        return saved

    async def _save_chunk(self, conn: AsyncConnection, chunk: Sequence[Article], now: datetime,
                          in_read: frozenset[str] | None) -> list[SaveResult]:
        chunk = await _in_id_scope(conn, chunk)
        stored = await self._stored_keys(conn, chunk)
        moved, moved_rows = await relinked(conn, chunk, stored, in_read)
        decisions = plan_batch(chunk, [*stored, *moved_rows], moved)
        removed = await _pruned_ids(conn, [d.target for d in decisions if d.outcome in ("added", "updated")])
        kept = await kept_page_texts(conn, decisions)
        pending: list[Article] = []  # inserts, written together (before any update that concerns them)
        seen: dict[str, datetime] = {}  # unchanged ones' feed times, kept after the inserts
        out: list[SaveResult] = []
        for n, d in enumerate(decisions):
            if d.target in removed:  # an old item a feed still carries: retention removed it, it stays removed
                out.append(SaveResult("pruned", d.target))
                continue
            if n in kept:  # a teaser matched to another article's page text by its link: that text stays
                out.append(SaveResult("unchanged", d.target))
                continue
            if d.outcome == "added":
                pending.append(d.article)
            elif d.outcome == "updated":
                if any(p.id == d.target for p in pending):
                    await self._insert_many(conn, pending, now)
                    pending = []
                punctuation = await self._update(conn, d.target, d.article, now)
                out.append(SaveResult("updated", d.target, punctuation_only=punctuation))
                continue
            if d.outcome == "unchanged" and d.article.updated is not None:
                seen[d.target] = d.article.updated
            out.append(SaveResult(d.outcome, d.target, d.target if d.outcome == "duplicate" else None))
        await self._insert_many(conn, pending, now)
        await note_feed_times(conn, seen)
        return out

    async def _stored_keys(self, conn: AsyncConnection, chunk: Sequence[Article]) -> list[StoredKeys]:
        """Every stored row sharing a GUID, URL or content hash with an article of the chunk: one query."""
        guids = sorted({a.guid for a in chunk if a.guid})
        urls = sorted({a.url for a in chunk if a.url})
        hashes = sorted({a.content_hash for a in chunk})
        c = articles.c
        dialect = self.db.dialect
        conditions = [one_of(dialect, c.content_hash, hashes)]
        if guids:
            conditions.append(one_of(dialect, c.guid, guids))
        if urls:
            conditions.append(one_of(dialect, c.url, urls))
        rows = (await conn.execute(
            sa.select(c.id, c.seq, c.guid, c.source, c.url, c.content_hash, c.title).where(sa.or_(*conditions))
        )).all()
        return [StoredKeys(r.id, int(r.seq), r.guid, r.source, r.url, r.content_hash, r.title) for r in rows]

    async def _insert_many(self, conn: AsyncConnection, batch: Sequence[Article], now: datetime) -> None:
        if not batch:
            return
        await conn.execute(articles.insert(), [
            {"id": a.id, "url": a.url, "guid": a.guid, "title": a.title, "outlet": a.outlet,
             "author": a.author, "published": a.published, "language": a.language, "text": a.text,
             "content_hash": a.content_hash, "source": a.source, "fetched": a.fetched,
             "text_source": a.text_source, "stored_at": now, "updated_at": now, "feed_updated": a.updated}
            for a in batch
        ])
        await self._write_sentences(conn, batch)

    async def _update(self, conn: AsyncConnection, article_id: str, article: Article, now: datetime) -> bool:
        """Overwrite stored article ``article_id`` with its edit ``article``; whether the edit was in punctuation and
        spacing alone. Its date stays when it was first published (``first_published``): the edit's time is
        ``updated_at`` and its revision's ``seen_at``."""
        stored = (await conn.execute(sa.select(articles.c.title, articles.c.text, articles.c.published,
                                               articles.c.feed_updated).where(articles.c.id == article_id))).first()
        punctuation = stored is not None and stored.title == article.title and same_words(stored.text, article.text)
        await revision_log.record_revision(conn, article_id, article, now)  # first: it reads the stored version
        await conn.execute(articles.update().where(articles.c.id == article_id).values(
            title=article.title, outlet=article.outlet, author=article.author,
            published=first_published(stored.published if stored else None, article.published),
            text=article.text,
            content_hash=article.content_hash, updated_at=now, revision=articles.c.revision + 1,
            url=article.url or articles.c.url,
            copy_of=None,  # its text changed: its story's copies are worked out again (at load until re-summarised)
            text_source=article.text_source or articles.c.text_source,  # an edit that says none keeps the stored one
            feed_updated=later(stored.feed_updated if stored else None, article.updated),
        ))
        if self.db.dialect == "sqlite":
            await delete_text_rows(conn, [article_id])  # first: the sentence rows locate their full-text rows
        await conn.execute(sentences.delete().where(sentences.c.article_id == article_id))
        await self._write_sentences(conn, [replace(article, id=article_id)])
        return punctuation

    async def _write_sentences(self, conn: AsyncConnection, batch: Sequence[Article]) -> None:
        """Sentence rows and, on SQLite, the full-text rows of articles (PostgreSQL's are generated)."""
        if self.db.dialect != "sqlite":
            rows = [{"article_id": a.id, "idx": s.index, "char_start": s.start, "char_end": s.end, "text": s.text}
                    for a in batch for s in a.sentences]
            if rows:
                await conn.execute(sentences.insert(), rows)
            return
        # SQLite: plain driver statements, each one executemany; SQLAlchemy's per-row parameter
        # processing was a third of the cost of writing an article here. Full-text rowids follow the
        # articles' storage numbers (bot/store/fts_rows.py), so deleting them later is a lookup.
        seqs: dict[str, int] = {}
        for chunk in chunked([a.id for a in batch], IN_CHUNK):
            found = await conn.execute(sa.select(articles.c.id, articles.c.seq).where(articles.c.id.in_(chunk)))
            seqs.update((str(r.id), int(r.seq)) for r in found)
        sent = [(a.id, s.index, s.start, s.end, s.text) for a in batch for s in a.sentences]
        if sent:
            await conn.exec_driver_sql(
                "INSERT INTO sentences (article_id, idx, char_start, char_end, text) VALUES (?, ?, ?, ?, ?)", sent)
            await conn.exec_driver_sql(
                "INSERT INTO sentence_fts (rowid, article_id, idx, body) VALUES (?, ?, ?, ?)",
                [(sentence_rowid(seqs[r[0]], r[1]), r[0], r[1], r[4]) for r in sent])
        await conn.exec_driver_sql("INSERT INTO article_fts (rowid, article_id, title, body) VALUES (?, ?, ?, ?)",
                                   [(seqs[a.id], a.id, a.title, a.text) for a in batch])

    async def get(self, article_id: str) -> Article | None:
        found = await self.get_many([article_id])
        return found[0] if found else None

    async def get_many(self, ids: Sequence[str]) -> list[Article]:
        """Articles by id, in the order asked (missing ids skipped)."""
        by_id: dict[str, Article] = {}
        dialect = self.db.dialect
        async with self.db.connect() as conn:
            for chunk in id_chunks(dialect, ids):
                rows = (await conn.execute(sa.select(articles).where(one_of(dialect, articles.c.id, chunk)))).all()
                s = sentences.c
                sent_rows = (await conn.execute(
                    sa.select(s.article_id, s.idx, s.char_start, s.char_end, s.text)
                    .where(one_of(dialect, s.article_id, chunk)).order_by(s.article_id, s.idx)
                )).all()
                by_article: dict[str, list[Sentence]] = {}
                for article_id, idx, start, end, text in sent_rows:  # plain tuples: tens of thousands of rows
                    by_article.setdefault(article_id, []).append(Sentence(idx, start, end, text))
                by_id.update((r.id, row_to_article(r, by_article.get(r.id, []))) for r in rows)
        return [by_id[i] for i in ids if i in by_id]

    async def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored."""
        found: set[str] = set()
        dialect = self.db.dialect
        async with self.db.connect() as conn:
            for chunk in id_chunks(dialect, sorted(set(ids))):
                found.update((await conn.execute(
                    sa.select(articles.c.id).where(one_of(dialect, articles.c.id, chunk)))).scalars())
        return found

    async def set_story(self, article_id: str, story_id: str) -> None:
        async with self.db.begin() as conn:
            await conn.execute(articles.update().where(articles.c.id == article_id).values(story_id=story_id))

    async def ids_for_story(self, story_id: str) -> list[str]:
        return (await self.ids_for_stories([story_id])).get(story_id, [])

    async def ids_for_stories(self, story_ids: Sequence[str]) -> dict[str, list[str]]:
        """Each story's article ids in storage order (stories without articles left out)."""
        out: dict[str, list[str]] = {}
        dialect = self.db.dialect
        async with self.db.connect() as conn:
            for chunk in id_chunks(dialect, story_ids):
                rows = (await conn.execute(
                    sa.select(articles.c.id, articles.c.story_id).where(one_of(dialect, articles.c.story_id, chunk))
                    .order_by(articles.c.seq)
                )).all()
                for r in rows:
                    out.setdefault(r.story_id, []).append(r.id)
        return out

    async def sources_for_stories(self, story_ids: Sequence[str]) -> dict[str, list[SourceRef]]:
        """Each story's articles as cited sources, in storage order, without loading their text (``copy_of``
        unset)."""
        return (await self._sources(story_ids, marks=False))[0]

    async def sources_with_marks(self, story_ids: Sequence[str]) -> tuple[dict[str, list[SourceRef]], set[str]]:
        """Like ``sources_for_stories`` with each ``copy_of`` as stored, and the ids of the stories some of whose
        articles have no mark yet (their copies are to be worked out from the texts)."""
        return await self._sources(story_ids, marks=True)

    async def _sources(self, story_ids: Sequence[str], *,
                       marks: bool) -> tuple[dict[str, list[SourceRef]], set[str]]:
        c = articles.c
        out: dict[str, list[SourceRef]] = {}
        unmarked: set[str] = set()
        columns = [c.id, c.story_id, c.outlet, c.url, c.title, c.published, c.source,
                   *([c.copy_of] if marks else [])]
        dialect = self.db.dialect
        async with self.db.connect() as conn:
            for chunk in id_chunks(dialect, story_ids):
                rows = (await conn.execute(
                    sa.select(*columns).where(one_of(dialect, c.story_id, chunk)).order_by(c.seq))).all()
                for r in rows:
                    copy_of = r.copy_of if marks else ""
                    if copy_of is None:
                        unmarked.add(r.story_id)
                    out.setdefault(r.story_id, []).append(SourceRef(
                        article_id=r.id, name=r.outlet, url=r.url, title=r.title, published=utc(r.published),
                        copy_of=copy_of or None, file=shown_file_name(str(r.source or ""), str(r.url or ""))))
        return out, unmarked

    async def text_heads(self, ids: Sequence[str], chars: int) -> dict[str, str]:
        """The first ``chars`` characters of each article's text (what copy detection compares), by id."""
        out: dict[str, str] = {}
        c = articles.c
        dialect = self.db.dialect
        async with self.db.connect() as conn:
            for chunk in id_chunks(dialect, ids):
                rows = await conn.execute(
                    sa.select(c.id, sa.func.substr(c.text, 1, chars)).where(one_of(dialect, c.id, chunk)))
                out.update((str(r[0]), str(r[1] or "")) for r in rows)
        return out

    async def texts_with_origin(self, ids: Sequence[str],
                                chars: int) -> dict[str, tuple[TextSource, str, str, datetime | None]]:
        """Each article's text source ("" unknown), the first ``chars`` characters of its text, its headline and its
        feed's last change time (None: never said), by id: what decides whether a feed's teaser may replace the
        stored text (bot/ingest/full_text.py may_replace), or its page is read again for a new headline or a later
        change."""
        out: dict[str, tuple[TextSource, str, str, datetime | None]] = {}
        c = articles.c
        dialect = self.db.dialect
        async with self.db.connect() as conn:
            for chunk in id_chunks(dialect, ids):
                rows = await conn.execute(sa.select(c.id, c.text_source, sa.func.substr(c.text, 1, chars), c.title,
                                                    c.feed_updated).where(one_of(dialect, c.id, chunk)))
                out.update((str(r[0]), (text_source(r[1]), str(r[2] or ""), str(r[3] or ""), utc(r[4])))
                           for r in rows)
        return out

    async def fill_feed_times(self, times: Mapping[str, datetime]) -> None:
        """The feed's change times (``Article.updated``, by id) of stored articles a read left unsaved (their stored
        page text stays) where none is stored yet (rows stored before v27): their next change is then told. Read
        first, so a read whose rows all have one (every read after the first) writes nothing."""
        unset: set[str] = set()
        c, dialect = articles.c, self.db.dialect
        async with self.db.connect() as conn:
            for chunk in id_chunks(dialect, sorted(times)):
                unset.update(str(r[0]) for r in await conn.execute(
                    sa.select(c.id).where(one_of(dialect, c.id, chunk), c.feed_updated.is_(None))))
        if unset:
            async with self.db.begin() as conn:
                await note_feed_times(conn, {i: times[i] for i in unset}, unset_only=True)

    async def in_id_scope(self, batch: Sequence[Article]) -> list[Article]:
        """The articles with the ids they are stored under: those of a source that moved keep the ids of its first
        address (``sources.id_scope``), as saving gives them, so a stored text is found before it is saved again."""
        if not any(a.guid for a in batch):  # only an item with a GUID keeps its first address's id
            return list(batch)
        async with self.db.connect() as conn:
            return list(await _in_id_scope(conn, batch))

    async def count(self) -> int:
        async with self.db.connect() as conn:
            return int((await conn.execute(sa.select(sa.func.count()).select_from(articles))).scalar() or 0)

    async def unclustered_ids(self) -> list[str]:
        async with self.db.connect() as conn:
            rows = (await conn.execute(
                sa.select(articles.c.id).where(articles.c.story_id.is_(None)).order_by(articles.c.seq)
            )).all()
        return [r.id for r in rows]

    async def unfinished_ids(self, *, stored_since: datetime | None = None) -> list[str]:
        """Articles an interrupted run left half-processed: in no story, or in a story whose row or
        summary was never written (such a story is never briefed). ``stored_since`` bounds the scan to
        recent writes (an interrupted run's articles are recent), so it stays cheap in a large store."""
        joined = articles.outerjoin(stories, stories.c.id == articles.c.story_id)
        recent = articles.c.stored_at >= stored_since if stored_since is not None else sa.true()
        async with self.db.connect() as conn:
            rows = (await conn.execute(
                sa.select(articles.c.id).select_from(joined)
                .where(recent)
                .where(sa.or_(articles.c.story_id.is_(None), stories.c.id.is_(None), stories.c.size == 0))
                .order_by(articles.c.seq)
            )).all()
        return [r.id for r in rows]

    async def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        """Ranked full-text search over titles and text (bm25 on SQLite, ts_rank on PostgreSQL).
        Any user text is safe: it is reduced to plain words first."""
        terms = query_terms(text)
        if not terms:
            return []
        async with self.db.connect() as conn:
            return await search_articles(conn, self.db.dialect, terms, limit)

    async def search_sentences(self, text: str, *, limit: int = 50) -> list[tuple[str, int, float]]:
        """(article_id, sentence index, rank) for sentences matching all the words of ``text``."""
        terms = query_terms(text)
        if not terms:
            return []
        async with self.db.connect() as conn:
            return await search_sentences(conn, self.db.dialect, terms, limit)

    async def latest_stored(self) -> datetime | None:
        async with self.db.connect() as conn:
            return utc((await conn.execute(sa.select(sa.func.max(articles.c.stored_at)))).scalar())


