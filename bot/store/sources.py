"""SourceStore: what has been ingested from where, with health (last fetch, last error, validators)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.articles import utc
from bot.store.db import Database
from bot.store.schema import articles, channel_sources, sources


@dataclass(frozen=True, slots=True)
class SourceState:
    key: str
    kind: str
    name: str
    added_at: datetime | None
    last_fetch_at: datetime | None
    last_ok_at: datetime | None
    last_error: str | None
    etag: str | None
    last_modified: str | None
    failures: int
    disabled: bool
    next_poll_at: datetime | None
    interval_seconds: int  # 0: [scheduler] poll_interval (bot/poller.py)
    articles: int
    moved_to: str | None = None  # a [[sources]] entry's pending move (schema.py sources.moved_to)


async def _own_scope(conn: AsyncConnection, key: str, now: datetime) -> str | None:
    """The id scope of a source added at ``key`` now: None (its key) unless a source that moved away from ``key``
    still takes its ids from it (``move``); then one of its own, so the two never mint the same article ids."""
    taken = (await conn.execute(sa.select(sources.c.key).where(sources.c.id_scope == key).limit(1))).first()
    return None if taken is None else f"{key} (added {now.astimezone(UTC).isoformat()})"


def pending_move(state: SourceState) -> str | None:
    """What `briefbot sources` and chat's `sources list` add for a ``[[sources]]`` entry whose move is pending while
    its note no longer says so (a failed poll replaced it): ``moving to NEW: update its url in [[sources]]``."""
    if not state.moved_to or state.moved_to in (state.last_error or ""):
        return None
    return f"moving to {state.moved_to}: update its url in [[sources]]"


def _state(r: sa.Row[tuple[object, ...]]) -> SourceState:
    m = r._mapping
    return SourceState(
        key=str(m["key"]), kind=str(m["kind"] or ""), name=str(m["name"] or ""),
        added_at=utc(m["added_at"]), last_fetch_at=utc(m["last_fetch_at"]), last_ok_at=utc(m["last_ok_at"]),
        last_error=m["last_error"], etag=m["etag"], last_modified=m["last_modified"],
        failures=int(m["failures"] or 0), disabled=bool(m["disabled"]), next_poll_at=utc(m["next_poll_at"]),
        interval_seconds=int(m["interval_seconds"] or 0), articles=int(m["articles"] or 0), moved_to=m["moved_to"],
    )


class SourceStore:
    """Explicit methods over the sources table. ``names``: the names the operator gave sources in the config
    (``[[sources]] name``), by URL; a read never replaces one with the feed's own title."""

    def __init__(self, db: Database, names: Mapping[str, str] | None = None) -> None:
        self.db = db
        self.names = dict(names or {})

    async def get(self, key: str) -> SourceState | None:
        async with self.db.connect() as conn:
            r = (await conn.execute(sa.select(sources).where(sources.c.key == key))).first()
        return _state(r) if r is not None else None

    async def list(self) -> list[SourceState]:
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(sources).order_by(sources.c.key))).all()
        return [_state(r) for r in rows]

    async def ensure(self, key: str, *, kind: str, now: datetime, interval_seconds: int = 0,
                     name: str = "") -> None:
        """Add the source unless it is there (an existing one is left as it is); at the old address of a source
        that moved, with an id scope of its own (``_own_scope``). In one transaction, run again on a fresh
        connection when the server drops it mid-way (``Database.transaction``), as the articles' saves are."""
        await self.db.transaction(
            partial(self._ensure, key=key, kind=kind, now=now, interval_seconds=interval_seconds, name=name))

    async def _ensure(self, conn: AsyncConnection, *, key: str, kind: str, now: datetime, interval_seconds: int = 0,
                      name: str = "") -> None:
        exists = (await conn.execute(sa.select(sources.c.key).where(sources.c.key == key))).first()
        if exists is None:
            scope = await _own_scope(conn, key, now)
            await conn.execute(sources.insert().values(
                key=key, kind=kind, name=name or self.names.get(key, ""), added_at=now, failures=0,
                disabled=False, interval_seconds=interval_seconds, articles=0,
                **({} if scope is None else {"id_scope": scope})))

    async def configure(self, key: str, *, now: datetime, interval_seconds: int, name: str = "") -> None:
        """A ``[[sources]]`` entry at start: added if new; its interval, and its name when it has one, set as the
        config says now (an edit of the file holds from the next start, whoever read the source first)."""
        await self.ensure(key, kind="", now=now, interval_seconds=interval_seconds, name=name)
        values: dict[str, object] = {"interval_seconds": interval_seconds}
        if name:
            values["name"] = name
        async with self.db.begin() as conn:
            await conn.execute(sources.update().where(sources.c.key == key).values(**values))

    async def record_success(self, key: str, *, kind: str, name: str, now: datetime, etag: str | None,
                             last_modified: str | None, added: int = 0, add: bool = True) -> None:
        """Note a good read. ``add``: a source not in the store is added (``ingest``); a poll's result (False) never
        adds one, so a source removed while it was polled (`briefbot sources remove`) stays removed. ``added``:
        articles to count that were not counted as they were saved (the pipeline counts each committed chunk:
        ``ArticleStore.save_many`` ``count_for``)."""
        name = self.names.get(key) or name  # the operator's name for it, not the feed's title, when it has one

        async def work(conn: AsyncConnection) -> None:
            if add:
                await self._ensure(conn, key=key, kind=kind, now=now)
            await conn.execute(sources.update().where(sources.c.key == key).values(
                kind=kind or sources.c.kind, name=name or sources.c.name, last_fetch_at=now, last_ok_at=now,
                last_error=None, etag=etag, last_modified=last_modified, failures=0,
                articles=sources.c.articles + added))

        await self.db.transaction(work)

    async def record_failure(self, key: str, *, kind: str, now: datetime, error: str, add: bool = True,
                             fetched: bool = True) -> int:
        """Note a failed fetch; returns the number of consecutive failures (0: the source is gone and ``add`` is
        False, as for ``record_success``). ``fetched`` False: no request was made (a source held back, e.g. by an
        unset credential variable), so its last fetch time stays as it was."""
        values: dict[str, object] = {"last_error": error[:1000], "failures": sources.c.failures + 1}
        if fetched:
            values["last_fetch_at"] = now

        async def work(conn: AsyncConnection) -> int:
            if add:
                await self._ensure(conn, key=key, kind=kind, now=now)
            await conn.execute(sources.update().where(sources.c.key == key).values(**values))
            value = (await conn.execute(sa.select(sources.c.failures).where(sources.c.key == key))).scalar()
            return int(value or 0)

        return await self.db.transaction(work)

    async def hold(self, key: str, note: str) -> None:
        """Keep ``note`` as the last error of a source that is held back and not fetched (bot/poller.py: an unset
        credential variable), counting no failure and keeping no fetch time. Failures in a row kept beside this
        very note were counted for holding it by an older briefbot (each start counted one): they are dropped,
        so the first real poll does not back the source off or pause it. A gone source stays gone."""
        note = note[:1000]
        async with self.db.begin() as conn:
            await conn.execute(sources.update().where(sources.c.key == key).values(
                last_error=note,
                failures=sa.case((sources.c.last_error == note, 0), else_=sources.c.failures)))

    async def update(self, key: str, **values: object) -> None:
        """Set scheduling fields (next_poll_at, disabled, interval_seconds)."""
        allowed = {"next_poll_at", "disabled", "interval_seconds", "name"}
        unknown = set(values) - allowed
        if unknown:
            raise ValueError(f"cannot set {sorted(unknown)} on a source")
        async with self.db.begin() as conn:
            await conn.execute(sources.update().where(sources.c.key == key).values(**values))

    async def note(self, key: str, text: str | None) -> None:
        """Set the line `briefbot sources` shows as its last error without counting a failure (a source that
        still works, e.g. a configured URL that moved: bot/poller.py); the next success clears it, as None does."""
        async with self.db.begin() as conn:
            await conn.execute(sources.update().where(sources.c.key == key).values(
                last_error=text[:1000] if text else None))

    async def config_moved(self, key: str, new: str | None, note: str | None = None) -> None:
        """Keep (``new``) or drop (None) the address a ``[[sources]]`` entry moved to for good, until the config names
        it (bot/cli_run_bot.py finishes the move at start); a failed poll leaves it, unlike ``note``, which a kept
        move also sets when given."""
        values: dict[str, object] = {"moved_to": new}
        if note is not None:
            values["last_error"] = note[:1000]
        async with self.db.begin() as conn:
            await conn.execute(sources.update().where(sources.c.key == key).values(**values))

    async def move(self, old: str, new: str) -> bool:
        """The source ``old`` known as ``new`` from now on (it moved for good), with its articles and the channels
        that follow it, in one transaction; False (nothing changed) when ``new`` is a source already or ``old``
        is none. Its failures in a row were the old address's: ``new`` starts with none (a ``[[sources]]`` entry's
        move is finished at start, maybe after the old address failed a few polls)."""
        async with self.db.begin() as conn:
            found = {str(k) for k in (await conn.execute(
                sa.select(sources.c.key).where(sources.c.key.in_([old, new])))).scalars()}
            if found != {old}:
                return False
            await conn.execute(sources.update().where(sources.c.key == old).values(  # its articles keep their ids
                key=new, id_scope=sa.func.coalesce(sources.c.id_scope, old), moved_to=None, failures=0))
            await conn.execute(articles.update().where(articles.c.source == old).values(source=new))
            both = sa.select(channel_sources.c.channel).where(channel_sources.c.source == new)
            await conn.execute(channel_sources.delete().where(  # a channel following both follows the one left
                channel_sources.c.source == old, channel_sources.c.channel.in_(both)))
            await conn.execute(channel_sources.update().where(channel_sources.c.source == old).values(source=new))
        return True

    async def remove(self, key: str) -> bool:
        async with self.db.begin() as conn:
            result = await conn.execute(sources.delete().where(sources.c.key == key))
        return bool(result.rowcount)
