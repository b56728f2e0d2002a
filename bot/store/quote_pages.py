"""``QuoteStore.pages``: a quote search's hits a page at a time, each wider page reading only older candidates."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.quote_cursor import Cursor
from bot.store.quotes import _GLUE, QuoteHit, QuoteStore, ordered, quote_hit


async def quote_pages(store: QuoteStore, terms: list[str], *, speakers: Sequence[str], since: datetime | None,
                      wide: bool, first: int, most: int) -> AsyncGenerator[list[QuoteHit], None]:
    """What ``search`` of ``first`` hits, then of twice as many (up to ``most``), each finds that no earlier one
    held, in its order; the same pages as those searches, but each candidate is read once: every search past the
    first reads only the candidates after the last ones read (keyset paging on both of the store's orders: the
    attribution ids holding every term, newest first, and the stories' (article time rank, minus id)), and orders
    them with those read before. At most ``most`` candidates of each order are read (with ``since``, four times as
    many of the first), where the searches read 200 + 400 + ... + ``most`` of them."""
    if not terms and not speakers:
        return
    cursor, limit, done = Cursor(ranks={}), max(1, min(first, most)), 0
    strict: list[int] = []  # every candidate read so far, in each order
    wider: list[int] = []
    rows: dict[int, Any] = {}  # their rows (published since ``since``)
    said: dict[int, int] = {}
    seen: set[int] = set()  # yielded
    while True:
        async with store.db.connect() as conn:
            more_strict, more_wider, cursor = await _candidates(store, conn, terms, speakers, since, limit - done,
                                                                wide, cursor)
            strict += more_strict
            wider += more_wider
            held = set(strict)
            fresh = [i for i in dict.fromkeys(more_strict + more_wider) if i not in rows]
            rows.update((int(r.id), r) for r in await store._rows(conn, fresh, since))
            said.update(await store._words_said(conn, terms, [i for i in more_wider if i not in said]))
        shown = [rows[i] for i in dict.fromkeys(strict + [i for i in wider if i not in held]) if i in rows]
        hits = ordered(shown, held, said)[:limit]  # what ``search`` of ``limit`` finds
        new = [quote_hit(r, held) for r in hits if int(r.id) not in seen]
        seen.update(int(r.id) for r in hits)
        if new:
            yield new
        if not new or limit >= most or (since is None and len(hits) < limit):
            return
        done, limit = limit, min(2 * limit, most)


async def _candidates(store: QuoteStore, conn: AsyncConnection, terms: list[str], speakers: Sequence[str],
                      since: datetime | None, limit: int, wide: bool, cursor: Cursor) -> tuple[list[int], list[int],
                                                                                               Cursor]:
    """``QuoteStore._candidates`` past ``cursor``, the stories' attributions read by ``story_keys`` (only the
    ``limit`` kept come back from the database)."""
    asked = limit * 4 if since else limit
    strict = [] if cursor.strict_done else await store._matching_ids(conn, terms, speakers, asked, below=cursor.below)
    keys: list[tuple[int, int]] = []
    after, wider_done = cursor.after, True
    if (len(terms) > 1 or (wide and terms)) and terms[0].lower() not in _GLUE and not cursor.wider_done:
        ranks = cursor.ranks if cursor.ranks is not None else {}
        keys = await story_keys(store, conn, terms, speakers, since, limit, after=after, ranks=ranks)
        after, wider_done = (keys[-1] if keys else after), len(keys) < limit
    return strict, [-minus for _, minus in keys], Cursor(strict[-1] if strict else cursor.below,
                                                         len(strict) < asked, after, wider_done, cursor.ranks)


async def story_keys(store: QuoteStore, conn: AsyncConnection, terms: list[str], speakers: Sequence[str],
                     since: datetime | None, limit: int, *, after: tuple[int, int] | None,
                     ranks: dict[str, int]) -> list[tuple[int, int]]:
    """What ``QuoteStore._story_matching_keys`` finds when paging (``ranks``: every matching article's time rank,
    read once for all pages): the first ``limit`` (article time rank, minus attribution id) past ``after`` of the
    attributions of the matching articles, by these speakers when given. The database orders and cuts them
    (``ORDER BY rank, id DESC LIMIT``), where that method reads every attribution of the articles of ``limit``
    times (about 17 an article: 55,000 rows for 3,200 kept) and sorts them here; first over the articles of the
    next ``limit`` times, then, when they hold too few, over all of them past ``after``, as it does."""
    if not ranks:
        ranks.update(await store._ranks(conn, terms, since, None))
    start = after[0] if after else 1
    window = {a: r for a, r in ranks.items() if start <= r < start + max(limit, 1)}
    keys = await _next_keys(conn, window, speakers, limit, after)
    if len(keys) < limit:  # too few in the newest articles (a speaker named, few matches): from them all
        keys = await _next_keys(conn, {a: r for a, r in ranks.items() if start <= r}, speakers, limit, after)
    return keys


async def _next_keys(conn: AsyncConnection, rank_of: dict[str, int], speakers: Sequence[str], limit: int,
                     after: tuple[int, int] | None) -> list[tuple[int, int]]:
    """The first ``limit`` (rank, minus id) past ``after`` of these articles' attributions (``rank_of``: article id
    -> its time rank), by ``speakers`` when given."""
    if not rank_of or limit <= 0:
        return []
    params: dict[str, Any] = {"n": limit}
    if conn.dialect.name == "postgresql":
        source = "unnest(:article_ids, :ranks) AS j(article_id, rank) JOIN attributions AS a " \
                 "ON a.article_id = j.article_id"
        rank = "j.rank"
        binds: list[sa.BindParameter[Any]] = [
            sa.bindparam("article_ids", list(rank_of), type_=ARRAY(sa.Text())),
            sa.bindparam("ranks", list(rank_of.values()), type_=ARRAY(sa.Integer()))]
    else:  # one JSON object of article id -> rank (no list of bound variables, however many articles)
        source = "json_each(:ranked) AS j JOIN attributions AS a ON a.article_id = j.key"
        rank, binds = "j.value", [sa.bindparam("ranked", json.dumps(rank_of), type_=sa.Text())]
    where = ["1 = 1"]
    if speakers:
        where.append("a.speaker IN (" + ", ".join(f":s{i}" for i in range(len(speakers))) + ")")
        params.update({f"s{i}": s for i, s in enumerate(speakers)})
    if after is not None:  # (rank, minus id) past ``after``
        where.append(f"({rank} > :after_rank OR ({rank} = :after_rank AND a.id < :after_id))")
        params.update(after_rank=after[0], after_id=-after[1])
    query = sa.text(f"SELECT a.id AS id, {rank} AS rank FROM {source} WHERE {' AND '.join(where)} "
                    f"ORDER BY {rank}, a.id DESC LIMIT :n").bindparams(*binds, **params)
    return [(int(r.rank), -int(r.id)) for r in (await conn.execute(query)).all()]
