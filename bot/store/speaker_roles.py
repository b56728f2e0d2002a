"""Speakers looked up by the role the quote store keeps for them ("the mayor" finds "Elena Vasquez (Mayor)")."""

from __future__ import annotations

import sqlalchemy as sa

from bot.store.articles import query_terms
from bot.store.db import Database
from bot.store.schema import quote_speakers

ARTICLES = frozenset({"the", "a", "an"})


def typed_name(text: str) -> str:
    """``text``'s words as a name or role is looked up, lower case, without a leading article ("the Kremlin" ->
    "kremlin")."""
    words = [w.casefold() for w in query_terms(text)]
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


async def speakers_in_role(db: Database, role: str, *, limit: int = 20) -> list[str]:
    """Canonical speakers whose stored role is ``role`` (as typed, an article aside: "the mayor" for "Mayor"), or
    that role of somewhere ("Mayor of Port Averley"), the most quoted first."""
    wanted = typed_name(role)
    if not wanted:
        return []
    stored = sa.func.lower(quote_speakers.c.role)
    async with db.connect() as conn:
        rows = (await conn.execute(
            sa.select(quote_speakers.c.canonical)
            .where(sa.or_(stored == wanted, stored.startswith(f"{wanted} of ", autoescape=True)))
            .order_by(quote_speakers.c.mentions.desc(), quote_speakers.c.canonical).limit(limit))).all()
    return [str(r.canonical) for r in rows]
