"""Speakers looked up by the role the quote store keeps for them ("the mayor" finds "Elena Vasquez (Mayor)")."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from bot.store.articles import query_terms
from bot.store.db import Database
from bot.store.schema import quote_speakers

ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True, slots=True)
class RoleHolders:
    """The speakers found for a role, the most quoted first, each one's stored role, and whether the role matched
    exactly (else as the last word(s) of a longer role: "minister" of "foreign minister")."""

    speakers: list[str]
    roles: dict[str, str]
    exact: bool


def typed_name(text: str) -> str:
    """``text``'s words as a name or role is looked up, lower case, without a leading article ("the Kremlin" ->
    "kremlin")."""
    words = [w.casefold() for w in query_terms(text)]
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


async def speakers_in_role(db: Database, role: str, *, limit: int = 20) -> RoleHolders:
    """Canonical speakers whose stored role is ``role`` (as typed, an article aside: "the mayor" for "Mayor"), or
    that role of somewhere ("Mayor of Port Averley"); when none is, those whose role ends with its words ("the
    minister" finds "the fisheries minister", "Foreign Minister", "foreign minister of Velmora"). The most quoted
    first."""
    wanted = typed_name(role)
    if not wanted:
        return RoleHolders([], {}, exact=True)
    stored = sa.func.lower(quote_speakers.c.role)
    exact = sa.or_(stored == wanted, stored.startswith(f"{wanted} of ", autoescape=True))
    ending = sa.or_(stored.endswith(f" {wanted}", autoescape=True), stored.contains(f" {wanted} of ", autoescape=True))
    async with db.connect() as conn:
        for matched, is_exact in ((exact, True), (ending, False)):
            rows = (
                await conn.execute(
                    sa.select(quote_speakers.c.canonical, quote_speakers.c.role)
                    .where(matched)
                    .order_by(quote_speakers.c.mentions.desc(), quote_speakers.c.canonical)
                    .limit(limit)
                )
            ).all()
            if rows:
                return RoleHolders(
                    [str(r.canonical) for r in rows], {str(r.canonical): str(r.role) for r in rows}, exact=is_exact
                )
    return RoleHolders([], {}, exact=True)


async def speakers_for_body(db: Database, name: str, *, limit: int = 20) -> list[str]:
    """Named speakers whose stored role opens with a one-word body's name, capitalised, before the role's own words
    ("Dmitry Peskov (Kremlin spokesman)" for "the Kremlin", "Ivo Marek (TORVA spokesman)" for "TORVA"; not
    "Torvaland historian"): they speak for it or from within it. The most quoted first; none for a name of several
    words or a role's word ("the minister" is a role asked: ``speakers_in_role``)."""
    from bot.nlp.quote_cues import ROLE_NOUNS  # the role words the quote rules know ("minister", "spokesman")

    wanted = typed_name(name)
    if not wanted or " " in wanted or wanted in ROLE_NOUNS:
        return []
    async with db.connect() as conn:
        rows = (
            await conn.execute(
                sa.select(quote_speakers.c.canonical, quote_speakers.c.role)
                .where(sa.func.lower(quote_speakers.c.role).startswith(f"{wanted} ", autoescape=True))
                .order_by(quote_speakers.c.mentions.desc(), quote_speakers.c.canonical)
                .limit(limit)
            )
        ).all()
    return [str(r.canonical) for r in rows if str(r.role)[:1].isupper()]
