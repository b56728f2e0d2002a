"""``QuoteStore.pages``: a quote search's hits a page at a time, each wider page reading only older candidates."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Sequence
from datetime import datetime
from typing import Any

from bot.store.quote_cursor import Cursor
from bot.store.quotes import QuoteHit, QuoteStore, ordered, quote_hit


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
            more_strict, more_wider, cursor = await store._candidates(conn, terms, speakers, since, limit - done,
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
