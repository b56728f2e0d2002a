"""QuoteStore: attributions per article, canonical speakers across articles, and topic/speaker search."""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import Attribution
from bot.nlp.quote_cues import name_suffix
from bot.store.articles import fts_phrase, query_terms
from bot.store.db import Database
from bot.store.fts_rows import delete_attribution_rows
from bot.store.id_lists import id_chunks, one_of
from bot.store.quote_cursor import Cursor
from bot.store.quote_hits import _ATTRIBUTION_COLUMNS
from bot.store.quote_hits import QuoteHit as QuoteHit  # re-exported: answers and adapters import it from here
from bot.store.quote_hits import _row_to_attribution as _row_to_attribution  # re-exported: tests import it from here
from bot.store.quote_hits import attr as attr  # re-exported: requote and tests import it from here
from bot.store.quote_hits import ordered as ordered  # re-exported: bot/store/quote_pages.py imports it from here
from bot.store.quote_hits import quote_hit as quote_hit  # re-exported: bot/store/quote_pages.py imports it from here
from bot.store.schema import articles, quote_speakers
from bot.store.speaker_counts import add_mentions
from bot.store.speaker_names import Agreement, agreement, full_name, name_parts
from bot.via_roles import without_via

# A sentence that opens like this talks about what the sentence before it named ("The decision ...").
_ANAPHOR = re.compile(r"^\W*(the|this|that|these|those|it|its|such)\b", re.IGNORECASE)
MAX_HITS = 200
# ``QuoteStore.pages`` reads at most this many candidates (its searches ask for MAX_HITS, then twice as many, ...)
MAX_CANDIDATES = 3200
_JOINT_SEPARATOR = re.compile(r", | and ")  # bot/nlp/joint_speakers.py joint_name()
# Glue and operator words: "Bucharest AND" and "the Bucharest summit" search for their content words.
_GLUE = frozenset({"a", "an", "the", "and", "or", "not", "near", "of", "on", "in", "to", "for", "about", "at",
                   "by", "with", "from"})


def topic_terms(topic: str) -> list[str]:
    """The words of a topic worth requiring (all of them when every one is glue)."""
    terms = query_terms(topic)
    kept = [t for t in terms if t.lower() not in _GLUE]
    return kept or terms


def topic_text(a: Attribution, sents: dict[int, str]) -> str:
    """What a topic is matched against: the content, its sentence, and the previous sentence when this
    one opens by referring back to it."""
    own = sents.get(a.sentence, "")
    parts = [a.content, own]
    if own and _ANAPHOR.match(own):
        parts.append(sents.get(a.sentence - 1, ""))
    return "\n".join(p for p in parts if p)


def surname(canonical: str) -> str:
    """The surname a speaker is looked up by, lower case: the last word before any suffix ("okafor" of "Martin
    Luther Okafor Jr.", "vale" of "Henry Vale III")."""
    words = canonical.split()
    while len(words) > 1 and name_suffix(words[-1]):
        words.pop()
    return words[-1].lower() if words else ""


def names_member(canonical: str, words: Sequence[str]) -> bool:
    """Whether a joint speaker ("A B, C D and E F") has a member whose surname is the last of ``words``
    (lower case) or whose whole name is ``words``."""
    wanted = " ".join(words)
    for member in _JOINT_SEPARATOR.split(canonical):
        parts = member.lower().split()
        if parts and (surname(member) == words[-1] or " ".join(parts) == wanted):
            return True
    return False


def holds_name(canonical: str, words: Sequence[str]) -> bool:
    """Whether a speaker holds ``words`` (lower case) in a row as whole words, the first with its capital: "unnamed
    TORVA official" holds "torva", "Sources within the Velmora Council" "velmora council"; "Torvalds" no "torva"."""
    parts = [p.strip("'’\",.()") for p in canonical.split()]
    n = len(words)
    return n > 0 and any(parts[i][:1].isupper() and [p.lower() for p in parts[i:i + n]] == list(words)
                         for i in range(len(parts) - n + 1))


def described(canonical: str) -> bool:
    """Whether a speaker is a description, not a name: several words, not all capitalised ("unnamed TORVA official",
    "Sources within TORVA"; not "Mark Rutte", "Charles de Gaulle"), and no joint speaker ("Ada Quist and Per Odde")."""
    return len(canonical.split()) > 1 and not full_name(canonical) and " and " not in canonical


def _agreement(canonical: str, given: Sequence[str], last: str) -> Agreement | None:
    """How a speaker agrees with an asked name (bot/store/speaker_names.py); a joint speaker as its best member."""
    members = _JOINT_SEPARATOR.split(canonical) if " and " in canonical else [canonical]
    found = {agreement(m, given, last) for m in members}
    return "exact" if "exact" in found else "bare" if "bare" in found else None


class QuoteStore:
    """Explicit methods over attributions; every query takes user text through ``query_terms``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def replace(self, article_id: str, attributions: Sequence[Attribution]) -> None:
        """Swap an article's attributions for new ones, in one transaction (the old ones leave the speakers' counts)."""
        from bot.store.quote_rows import attribution_rows, forget_speakers, hold_article

        async with self.db.begin() as conn:
            await hold_article(conn, self.db.dialect, article_id)
            old = (await conn.execute(sa.select(attr.c.speaker).where(attr.c.article_id == article_id))).scalars()
            await forget_speakers(conn, [str(name) for name in old])
            if self.db.dialect == "sqlite":
                await delete_attribution_rows(conn, [article_id])
            await conn.execute(attr.delete().where(attr.c.article_id == article_id))
            rows = await attribution_rows(conn, self, article_id, attributions)
            if rows:
                await self.write_rows(conn, rows)

    async def write_rows(self, conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
        """Insert prepared rows (also the bulk path the benchmark uses) with their index entries."""
        if self.db.dialect == "sqlite":
            if rows and all("id" in r for r in rows):
                await conn.execute(attr.insert(), rows)  # bulk: ids chosen by the caller
            for row in rows:
                if "id" not in row:
                    row["id"] = (await conn.execute(attr.insert().values(**row).returning(attr.c.id))).scalar_one()
            await conn.execute(sa.text(  # rowid = the attribution's id (bot/store/fts_rows.py)
                "INSERT INTO attribution_fts (rowid, attr_id, speaker, body) VALUES (:id, :id, :spk, :topic_text)"),
                [{**r, "spk": f"{r['speaker']} {r['speaker_as_written']} {r['role'] or ''}"} for r in rows])
        else:
            await conn.execute(attr.insert(), rows)
        await self._count_speakers(conn, rows)

    async def canonical_speaker(self, conn: AsyncConnection, speaker: str) -> str:
        """A one-word name ("Rutte") takes the full name other articles gave it ("Mark Rutte"), never a description
        ending in it ("NATO" is not "sources within NATO": another article's words, and ingest order would decide).
        Of several full names, the most quoted, then the longest, then the alphabetically first: the same whichever
        article was stored first."""
        if " " in speaker.strip() or not speaker[:1].isupper():
            return speaker
        rows = (await conn.execute(
            sa.select(quote_speakers.c.canonical, quote_speakers.c.mentions)
            .where(quote_speakers.c.surname == speaker.lower(), quote_speakers.c.canonical != speaker))).all()
        # sorted here, not by the database: PostgreSQL's collation and SQLite's byte order differ on text
        named = sorted(((int(n), str(name)) for name, n in rows if full_name(str(name))),
                       key=lambda mn: (-mn[0], -len(mn[1]), mn[1]))
        return named[0][1] if named else speaker

    async def _count_speakers(self, conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
        counts: dict[str, tuple[int, str | None]] = {}
        for r in rows:
            n, role = counts.get(r["speaker"], (0, None))
            counts[r["speaker"]] = (n + 1, role or without_via(r["role"]))  # what they are, not whom one quote was told
        await add_mentions(conn, self.db.dialect, {n: (surname(n), k, role) for n, (k, role) in counts.items()})

    async def for_articles(self, article_ids: Sequence[str]) -> list[Attribution]:
        """Every attribution of these articles, in article then text order."""
        if not article_ids:
            return []
        dialect = self.db.dialect
        found: list[Attribution] = []
        async with self.db.connect() as conn:
            for chunk in id_chunks(dialect, article_ids):
                rows = await conn.execute(  # the columns an Attribution holds (not topic_text), read by position
                    sa.select(*_ATTRIBUTION_COLUMNS).where(one_of(dialect, attr.c.article_id, chunk, type_=sa.Text()))
                    .order_by(attr.c.article_id, attr.c.char_start))
                found += [Attribution(a, who, written, cue, content, kind, int(sentence), int(start), int(end), role,
                                      str(particle or ""))
                          for a, who, written, cue, content, kind, sentence, start, end, role, particle in rows.all()]
        order = {a: i for i, a in enumerate(article_ids)}
        return sorted(found, key=lambda a: (order.get(a.article_id, 0), a.start))

    async def said_by_story(self, story_ids: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        """Per story, each attribution's (content, speaker), its articles in storage order and each one's in text
        order: what topic matching reads of them, without loading them whole (bot/briefings.py)."""
        out: dict[str, list[tuple[str, str]]] = {}
        dialect = self.db.dialect
        async with self.db.connect() as conn:
            for chunk in id_chunks(dialect, story_ids):
                rows = await conn.execute(
                    sa.select(articles.c.story_id, attr.c.content, attr.c.speaker)
                    .select_from(attr.join(articles, articles.c.id == attr.c.article_id))
                    .where(one_of(dialect, articles.c.story_id, chunk)).order_by(articles.c.seq, attr.c.char_start))
                for story_id, content, speaker in rows:
                    out.setdefault(str(story_id), []).append((str(content), str(speaker)))
        return out

    async def counts_by_story(self, story_ids: Sequence[str]) -> dict[str, int]:
        """How many attributions the articles of each story have (stories without any left out)."""
        out: dict[str, int] = {}
        dialect = self.db.dialect
        async with self.db.connect() as conn:
            for chunk in id_chunks(dialect, story_ids):
                rows = await conn.execute(
                    sa.select(articles.c.story_id, sa.func.count())
                    .select_from(attr.join(articles, articles.c.id == attr.c.article_id))
                    .where(one_of(dialect, articles.c.story_id, chunk)).group_by(articles.c.story_id))
                out.update((str(story_id), int(n)) for story_id, n in rows)
        return out

    async def speakers_named(self, name: str, *, limit: int = 20) -> list[str]:
        """Canonical speakers one of whose names is ``name`` ("Rutte", "Mark Rutte", "rutte"), then joint speakers
        with such a member, wherever it is named ("Mark Rutte and Ina Berg" for "Rutte"), then descriptions that hold
        a one-word name ("unnamed TORVA official" for "TORVA": ``holds_name``; answers show them apart,
        bot/answer/tied.py)."""
        words = [w.lower() for w in query_terms(name)]
        if not words:
            return []
        canonical = quote_speakers.c.canonical
        given, last = name_parts(words)
        async with self.db.connect() as conn:
            rows = (await conn.execute(
                sa.select(canonical).where(
                    sa.or_(quote_speakers.c.surname == words[-1], sa.func.lower(canonical) == " ".join(words)))
                .order_by(quote_speakers.c.mentions.desc()).limit(limit * 5 if given else limit))).all()
            # joint speakers ("Ines Vartan and Oskar Lind") naming this one anywhere, not only last
            joint = (await conn.execute(
                sa.select(canonical).where(
                    canonical.contains(" and "),
                    sa.or_(sa.func.lower(canonical).contains(words[-1], autoescape=True),
                           canonical.contains(words[-1].capitalize(), autoescape=True)))
                .order_by(quote_speakers.c.mentions.desc()).limit(limit * 5))).all()
            # descriptions holding a one-word name anywhere ("unnamed TORVA official"): answers show them apart
            held = [] if given else (await conn.execute(
                sa.select(canonical).where(sa.func.lower(canonical).contains(last, autoescape=True))
                .order_by(quote_speakers.c.mentions.desc(), canonical).limit(limit * 5))).all()
        named = [str(r.canonical) for r in rows]
        named += [str(r.canonical) for r in joint if names_member(str(r.canonical), words)]
        if given:  # a first name asked: only speakers whose name agrees, those without a first name after the rest
            tiers = {n: _agreement(n, given, last) for n in dict.fromkeys(named)}
            named = sorted((n for n, tier in tiers.items() if tier is not None), key=lambda n: tiers[n] != "exact")
        else:  # a one-word name ("TORVA", "the Kremlin"), not a person's with a first name ("Mara Quist aide")
            named += [str(r.canonical) for r in held if described(str(r.canonical)) and holds_name(str(r.canonical),
                                                                                                 [last])]
        return list(dict.fromkeys(named))[:limit]

    async def known_speakers(self, *, limit: int = 2000) -> list[str]:
        """The most quoted canonical speakers (for suggestions)."""
        async with self.db.connect() as conn:
            rows = (await conn.execute(
                sa.select(quote_speakers.c.canonical).order_by(quote_speakers.c.mentions.desc()).limit(limit)
            )).all()
        return [str(r.canonical) for r in rows]

    async def search(self, topic: str = "", *, speakers: Sequence[str] = (), since: datetime | None = None,
                     limit: int = MAX_HITS, wide: bool = False) -> list[QuoteHit]:
        """Attributions whose topic text has every word of ``topic`` (stemmed), optionally only by these
        canonical speakers and only from articles published (else stored) since ``since``, newest first.

        A topic of several words also finds the attributions of the stories it matches as a briefing's topic
        does, each word somewhere in the story (its articles' titles and text), and of unclustered articles that
        hold every word: after those that hold them all, those that mention more of its words first. ``wide``: a topic
        of one word too (for an answer that keeps what is about it: bot/answer/scope.py)."""
        terms = topic_terms(topic)
        if not terms and not speakers:
            return []
        async with self.db.connect() as conn:
            strict, found, _ = await self._candidates(conn, terms, speakers, since, limit, wide, Cursor())
            held = set(strict)
            wider = [i for i in found if i not in held]
            rows = await self._rows(conn, strict + wider, since)
            said = await self._words_said(conn, terms, wider)
        return [quote_hit(r, held) for r in ordered(rows, held, said)[:limit]]

    def pages(self, topic: str = "", *, speakers: Sequence[str] = (), since: datetime | None = None,
              wide: bool = False, first: int = MAX_HITS,
              most: int = MAX_CANDIDATES) -> AsyncGenerator[list[QuoteHit], None]:
        """``search``'s hits a page at a time, for a reader that keeps only some of them (bot/answer/scope.py): the
        hits of a search of ``first``, then twice as wide (up to ``most``), that no earlier one held, each candidate
        read once (keyset paging: bot/store/quote_pages.py)."""
        from bot.store.quote_pages import quote_pages  # it pages through this store's own queries

        return quote_pages(self, topic_terms(topic), speakers=speakers, since=since, wide=wide, first=first, most=most)

    async def _candidates(self, conn: AsyncConnection, terms: list[str], speakers: Sequence[str],
                          since: datetime | None, limit: int, wide: bool,
                          cursor: Cursor) -> tuple[list[int], list[int], Cursor]:
        """Past ``cursor``: the next ``limit`` ids (four times as many with ``since``) whose topic text holds every
        term, newest first, and the next ``limit`` of the stories the topic matches; the cursor past them."""
        asked = limit * 4 if since else limit
        strict = [] if cursor.strict_done else await self._matching_ids(conn, terms, speakers, asked,
                                                                         below=cursor.below)
        keys: list[tuple[int, int]] = []
        after, wider_done = cursor.after, True
        if (len(terms) > 1 or (wide and terms)) and terms[0].lower() not in _GLUE and not cursor.wider_done:
            keys = await self._story_matching_keys(conn, terms, speakers, since, limit, after=after, ranks=cursor.ranks)
            after, wider_done = (keys[-1] if keys else after), len(keys) < limit
        return strict, [-minus for _, minus in keys], Cursor(strict[-1] if strict else cursor.below,
                                                             len(strict) < asked, after, wider_done, cursor.ranks)

    async def _rows(self, conn: AsyncConnection, ids: list[int], since: datetime | None) -> list[Any]:
        """These attributions with their articles' outlet, title, URL, source and time (published since ``since``)."""
        when = sa.func.coalesce(articles.c.published, articles.c.stored_at)
        rows: list[Any] = []
        for chunk in id_chunks(self.db.dialect, ids):
            query = (sa.select(attr.c.id, *_ATTRIBUTION_COLUMNS, articles.c.outlet, articles.c.title, articles.c.url,
                               articles.c.published, articles.c.source, when.label("when"))
                     .join(articles, articles.c.id == attr.c.article_id)
                     .where(one_of(self.db.dialect, attr.c.id, chunk, type_=sa.Integer())))
            if since is not None:
                query = query.where(when >= since)
            rows += (await conn.execute(query)).all()
        return rows

    async def _story_matching_keys(self, conn: AsyncConnection, terms: list[str], speakers: Sequence[str],
                                   since: datetime | None, limit: int,
                                   after: tuple[int, int] | None = None,
                                   ranks: dict[str, int] | None = None) -> list[tuple[int, int]]:
        """The newest attributions of the stories whose articles hold every term between them (each term in some
        article's title or text, as ``bot/topics.py`` matches a topic against a story), and of articles in no
        story that hold every term; only by these speakers, when given. Each as (its article's time rank, minus its
        id), in that order; only those past ``after``, when given."""
        # The attributions of the newest matching articles (those of the newest ``limit`` times) first, all of them
        # only when that finds too few: one query over every attribution of the stories ("story_id IN (...) OR
        # id IN (...)") read and sorted them all, hundreds of thousands for common words.
        if ranks is not None and not ranks:  # paging: every matching article's rank, read once for all pages
            ranks.update(await self._ranks(conn, terms, since, None))
        ids = await self._newest_said(conn, terms, speakers, since, limit, ranks=max(limit, 1), after=after,
                                      known=ranks)
        if len(ids) < limit:  # too few in the newest articles (a speaker named, few matches): from them all
            ids = await self._newest_said(conn, terms, speakers, since, limit, ranks=None, after=after, known=ranks)
        return ids

    async def _newest_said(self, conn: AsyncConnection, terms: list[str], speakers: Sequence[str],
                           since: datetime | None, limit: int, *, ranks: int | None,
                           after: tuple[int, int] | None = None,
                           known: dict[str, int] | None = None) -> list[tuple[int, int]]:
        """``_story_matching_keys`` over the articles of the newest ``ranks`` times (all of them for None) from the
        rank of ``after`` on: exact when it finds ``limit`` attributions, or when no more times match."""
        start = after[0] if after else 1
        rank_of = await self._ranks(conn, terms, since, ranks, start) if known is None else {
            a: r for a, r in known.items() if start <= r and (ranks is None or r < start + ranks)}  # paging: read
        # then their attributions by the article index, in a query of their own: joined to the ranked articles,
        # PostgreSQL read every attribution (a merge join over a sequential scan)
        dialect = self.db.dialect
        found: list[tuple[int, int]] = []  # (the article's rank, minus the attribution's id)
        for chunk in id_chunks(dialect, list(rank_of)):
            query = sa.select(attr.c.id, attr.c.article_id).where(
                one_of(dialect, attr.c.article_id, chunk, type_=sa.Text()))
            if speakers:
                query = query.where(one_of(dialect, attr.c.speaker, list(speakers), type_=sa.Text()))
            found += [(rank_of[str(r.article_id)], -int(r.id)) for r in (await conn.execute(query)).all()]
        found.sort()  # newest first, then the higher id
        return [key for key in found if after is None or key > after][:limit]

    async def _ranks(self, conn: AsyncConnection, terms: list[str], since: datetime | None, ranks: int | None,
                     start: int = 1) -> dict[str, int]:
        ranked = await self._matching_articles(conn, terms, since, ranks, start=start)
        return {str(r.id): int(r.rank) for r in await conn.execute(sa.select(ranked.c.id, ranked.c.rank))}

    async def _matching_articles(self, conn: AsyncConnection, terms: list[str], since: datetime | None,
                                 ranks: int | None, start: int = 1) -> sa.Subquery:
        """The articles (``id``) of the stories holding every term between them and those in no story holding every
        term, published (else stored) since ``since``, each with the ``rank`` of its time (1 for the newest): those
        of the ``ranks`` times from rank ``start`` (all from it for None). Each story's articles and their times are
        read from ``ix_articles_story_time`` (schema v20) alone, not from the article rows: on SQLite always, on
        PostgreSQL as an index-only scan once its table is vacuumed."""
        if self.db.dialect == "sqlite":
            each = {f"t{i}": fts_phrase([t]) for i, t in enumerate(terms)}
            # full-text rowid = the article's seq (bot/store/fts_rows.py); its story from the story index alone,
            # not from the article's row (past its text)
            holds = "SELECT rowid FROM article_fts WHERE article_fts MATCH :{p}"
            term_stories = ("SELECT story_id FROM articles INDEXED BY ix_articles_story WHERE story_id IS NOT NULL "
                            "AND seq IN (" + holds + ")")
            in_story = " INTERSECT ".join(term_stories.format(p=f"t{i}") for i in range(len(terms)))
            story_held = articles.c.story_id.in_(
                sa.text(in_story).bindparams(**each).columns(sa.column("story_id")))
            alone_held = articles.c.seq.in_(
                sa.text(holds.format(p="every")).bindparams(every=fts_phrase(terms)).columns(sa.column("seq")))
        else:
            stories, alone = await self._held_by_every(conn, terms)
            story_held = articles.c.story_id.in_(sa.select(sa.func.unnest(
                sa.bindparam("stories", stories, type_=ARRAY(sa.Text())))).scalar_subquery())
            alone_held = articles.c.seq.in_(sa.select(sa.func.unnest(
                sa.bindparam("alone", alone, type_=ARRAY(sa.Integer())))).scalar_subquery())
        when = sa.func.coalesce(articles.c.published, articles.c.stored_at)

        def dated(where: sa.ColumnElement[bool]) -> sa.Select[Any]:
            query = sa.select(articles.c.id, when.label("when")).where(where)
            return query.where(when >= since) if since is not None else query

        found = sa.union_all(dated(story_held), dated(sa.and_(articles.c.story_id.is_(None), alone_held))).subquery()
        rank = sa.func.dense_rank().over(order_by=found.c.when.desc()).label("rank")
        ranked = sa.select(found.c.id, rank).subquery()
        if ranks is None and start == 1:
            return ranked
        kept = sa.select(ranked.c.id, ranked.c.rank).where(ranked.c.rank >= start)
        return (kept if ranks is None else kept.where(ranked.c.rank < start + ranks)).subquery()

    @staticmethod
    async def _held_by_every(conn: AsyncConnection, terms: list[str]) -> tuple[list[str], list[int]]:
        """PostgreSQL: the stories whose articles hold every term between them, and the articles (``seq``) in no
        story that hold every term, found by the text index only (``ix_articles_tsv``, bitmap scans)."""
        # With planner statistics a common word looks cheaper to match row by row (a sequential scan, or the story
        # index) than by the text index, but each row's tsvector is then unpacked from TOAST: 0.2-0.4 s a word at
        # 20,000 articles. Bitmap scans only, for these two statements of this transaction.
        await conn.execute(sa.text("SET LOCAL enable_seqscan = off"))
        await conn.execute(sa.text("SET LOCAL enable_indexscan = off"))
        each = {f"t{i}": t for i, t in enumerate(terms)}
        in_story = " INTERSECT ".join(  # a NULL story kept here matches no story
            f"SELECT story_id FROM articles WHERE tsv @@ plainto_tsquery('english', :t{i})" for i in range(len(terms)))
        stories = [str(s) for s in (await conn.execute(sa.text(in_story).bindparams(**each))).scalars()
                   if s is not None]
        alone = [int(s) for s in (await conn.execute(sa.text(
            "SELECT seq FROM articles WHERE story_id IS NULL AND tsv @@ plainto_tsquery('english', :every)"
        ).bindparams(every=" ".join(terms)))).scalars()]
        await conn.execute(sa.text("SET LOCAL enable_seqscan TO DEFAULT"))
        await conn.execute(sa.text("SET LOCAL enable_indexscan TO DEFAULT"))
        return stories, alone

    async def _words_said(self, conn: AsyncConnection, terms: list[str], ids: list[int]) -> dict[int, int]:
        """Of these attributions, how many of the terms the topic text of each holds (those holding none left out)."""
        counts: dict[int, int] = {}
        for term in terms if ids else []:
            for chunk in id_chunks(self.db.dialect, ids):
                query: sa.Executable
                if self.db.dialect == "sqlite":
                    # rowid = the attribution's id (bot/store/fts_rows.py): a rowid range the index reads alone (an
                    # IN list of rowids, or attr_id, read each match's stored row), narrowed to the chunk below
                    query = sa.text("SELECT rowid AS id FROM attribution_fts WHERE attribution_fts MATCH :q "
                                    "AND rowid BETWEEN :lo AND :hi").bindparams(
                        q="body : (" + fts_phrase([term]) + ")", lo=min(chunk), hi=max(chunk))
                else:
                    query = sa.select(attr.c.id).where(
                        sa.text("tsv @@ plainto_tsquery('english', :q)").bindparams(q=term),
                        one_of(self.db.dialect, attr.c.id, chunk, type_=sa.Integer()))
                wanted = set(chunk)
                for r in (await conn.execute(query)).all():
                    if int(r.id) in wanted:
                        counts[int(r.id)] = counts.get(int(r.id), 0) + 1
        return counts

    async def _matching_ids(self, conn: AsyncConnection, terms: list[str], speakers: Sequence[str],
                            limit: int, *, below: int | None = None) -> list[int]:  # ids below ``below``
        if self.db.dialect == "sqlite":
            parts = []
            if terms:
                parts.append("body : (" + fts_phrase(terms) + ")")
            if speakers:
                parts.append("(" + " OR ".join(
                    "speaker : (" + fts_phrase(query_terms(s)) + ")" for s in speakers if query_terms(s)) + ")")
            match = " AND ".join(p for p in parts if p != "()")
            # the speaker's words also match who was written and their role: only the named speakers' own, as on
            # PostgreSQL ("Ian Blair" written "Tony Blair" is not Tony Blair's)
            own = ("AND attr_id IN (SELECT id FROM attributions WHERE speaker IN ("
                   + ", ".join(f":s{i}" for i in range(len(speakers))) + ")) ") if speakers else ""
            older = "AND rowid < :below " if below is not None else ""  # rowid = the attribution's id
            rows = (await conn.execute(sa.text(
                "SELECT attr_id FROM attribution_fts WHERE attribution_fts MATCH :q " + own + older
                + "ORDER BY rowid DESC LIMIT :n"),
                {"q": match, "n": limit, "below": below, **{f"s{i}": s for i, s in enumerate(speakers)}})).all()
            return [int(r.attr_id) for r in rows]
        query = sa.select(attr.c.id)
        if terms:
            query = query.where(sa.text("tsv @@ plainto_tsquery('english', :q)").bindparams(q=" ".join(terms)))
        if speakers:
            query = query.where(one_of(self.db.dialect, attr.c.speaker, list(speakers), type_=sa.Text()))
        if below is not None:
            query = query.where(attr.c.id < below)
        rows = (await conn.execute(query.order_by(attr.c.id.desc()).limit(limit))).all()
        return [int(r.id) for r in rows]

    async def count(self) -> int:
        async with self.db.connect() as conn:
            return int((await conn.execute(sa.select(sa.func.count()).select_from(attr))).scalar() or 0)
