"""The rows an article's attributions are stored as, and taking old ones out of the speakers' mention counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import Attribution
from bot.store.schema import articles, quote_speakers, sentences

if TYPE_CHECKING:
    from bot.store.quotes import QuoteStore


async def hold_article(conn: AsyncConnection, dialect: str, article_id: str) -> None:
    """PostgreSQL: lock the article's row until this transaction ends, before its attributions are read, so two
    processes replacing them at once (an ingest beside another's refresh, or `store requote`) take turns and the
    second deletes what the first wrote rather than adding to it. SQLite lets one writer at a time anyway."""
    if dialect == "postgresql":
        await conn.execute(sa.select(articles.c.id).where(articles.c.id == article_id).with_for_update())


async def attribution_rows(conn: AsyncConnection, quotes: QuoteStore, article_id: str,
                           found: Sequence[Attribution]) -> list[dict[str, Any]]:
    """The rows ``found`` is stored as for this article: speakers made canonical ("Rutte" takes the full name other
    articles gave it), each with the topic text of its sentence."""
    from bot.store.quotes import topic_text

    if not found:
        return []
    sents = {int(r.idx): str(r.text) for r in (await conn.execute(
        sa.select(sentences.c.idx, sentences.c.text).where(sentences.c.article_id == article_id))).all()}
    rows = []
    for a in found:
        canonical = await quotes.canonical_speaker(conn, a.speaker)
        rows.append({
            "article_id": article_id, "speaker": canonical, "speaker_as_written": a.speaker_as_written,
            "cue": a.cue, "content": a.content, "kind": a.kind, "sentence": a.sentence,
            "char_start": a.start, "char_end": a.end, "role": a.role, "topic_text": topic_text(a, sents),
            "cue_particle": a.cue_particle,
        })
    return rows


async def forget_speakers(conn: AsyncConnection, speakers: Iterable[str]) -> None:
    """Take attributions about to be deleted out of their speakers' mention counts (a speaker no attribution names
    any more goes), so that extracting an article again never inflates the counts canonical names are chosen by."""
    q = quote_speakers.c
    for name, n in sorted(Counter(speakers).items()):  # in name order, as bot/store/speaker_counts.py takes them
        await conn.execute(quote_speakers.update().where(q.canonical == name).values(mentions=q.mentions - n))
        await conn.execute(quote_speakers.delete().where(q.canonical == name, q.mentions <= 0))
