"""The [[channels]] entry each channel was made from, as the file gave it: canonical JSON of its keys and a hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.config import ChannelConfig
from bot.models import ChannelRef
from bot.schedule import ScheduleError, parse_quiet_hours
from bot.schedule_words import canonical_schedule
from bot.store.db import Database
from bot.store.schema import channel_entries
from digests.length import stored_length

EntryValue = str | int | list[str]
ENTRY_KEYS = ("schedule", "timezone", "quiet_hours", "max_stories", "alerts", "length", "languages", "topics")


@dataclass(frozen=True, slots=True)
class Entry:
    """The effective value of each key of a [[channels]] entry (a key left out counts with its default, and an
    entry without ``timezone`` with ``[briefing] timezone``); ``text`` is canonical JSON, ``digest`` its SHA-256."""

    values: Mapping[str, EntryValue]

    @classmethod
    def of(cls, item: ChannelConfig, default_timezone: str) -> Entry:
        return cls({
            "schedule": normal_schedule(item.schedule), "timezone": item.timezone or default_timezone,
            "quiet_hours": normal_quiet(item.quiet_hours), "max_stories": item.max_stories, "alerts": item.alerts,
            "length": stored_length(item.length), "languages": sorted(set(item.languages)),
            "topics": sorted(set(item.topics))})

    @classmethod
    def parse(cls, text: str) -> Entry:
        """An entry read back from the store (keys it lacks, from a later briefbot's keys, are left out)."""
        loaded = json.loads(text)
        return cls({key: value for key, value in loaded.items() if isinstance(value, str | int | list)})

    @property
    def text(self) -> str:
        return json.dumps(dict(self.values), sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def normal_quiet(text: str) -> str:
    """Quiet hours as ``HH:MM-HH:MM`` (``22:00 - 7:00`` and chat's ``22:00-07:00`` are one), or as written (stripped)
    when they do not parse."""
    try:
        quiet = parse_quiet_hours(text)
    except ScheduleError:
        return text.strip()
    return "" if quiet is None else f"{quiet.start:%H:%M}-{quiet.end:%H:%M}"


def normal_value(key: str, value: EntryValue) -> EntryValue:
    """A recorded value in today's canonical form (an entry recorded before quiet hours or schedules were
    normalised: ``daily 8:00`` recorded as written compares equal to today's ``daily 08:00``)."""
    if key == "quiet_hours" and isinstance(value, str):
        return normal_quiet(value)
    if key == "schedule" and isinstance(value, str):
        return normal_schedule(value)
    return value


def normal_schedule(text: str) -> str:
    """A schedule as chat stores it ("Every  1h" and "every 1h" are one, "daily 8:00" and "daily 08:00" too), or as
    written when it does not parse."""
    return canonical_schedule(text)


async def record_entry(conn: AsyncConnection, ref: ChannelRef, entry: Entry, *, now: datetime) -> None:
    """Keep ``entry`` as the one ``ref`` was made from (replacing any), inside the caller's transaction."""
    await conn.execute(channel_entries.delete().where(channel_entries.c.channel == ref.key))
    await conn.execute(channel_entries.insert().values(
        channel=ref.key, entry=entry.text, digest=entry.digest, recorded_at=now))


class ChannelEntries:
    """Read and replace the recorded [[channels]] entry of a channel."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, ref: ChannelRef) -> Entry | None:
        """The entry recorded for ``ref``; None when the channel was not made from the file since briefbot keeps
        them (schema v18), was made from chat or a command, or its row does not match its hash (taken as none)."""
        async with self.db.connect() as conn:
            row = (await conn.execute(sa.select(channel_entries.c.entry, channel_entries.c.digest).where(
                channel_entries.c.channel == ref.key))).first()
        if row is None or hashlib.sha256(str(row.entry).encode("utf-8")).hexdigest() != row.digest:
            return None
        try:
            return Entry.parse(str(row.entry))
        except (ValueError, AttributeError):  # not JSON, or not an object
            return None

    async def put(self, ref: ChannelRef, entry: Entry, *, now: datetime) -> None:
        async with self.db.begin() as conn:
            await record_entry(conn, ref, entry, now=now)

    async def drop(self, ref: ChannelRef) -> None:
        """Forget the entry ``ref`` was made from (its entry left the file: bot/channel_removed.py)."""
        async with self.db.begin() as conn:
            await conn.execute(channel_entries.delete().where(channel_entries.c.channel == ref.key))
