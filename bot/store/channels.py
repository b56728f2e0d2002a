"""ChannelStore: channels with their schedule, briefing length and languages, topics, paused flag and followed
sources."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from bot.channel_languages import stored_languages
from bot.config import ChannelConfig, Config
from bot.models import BriefingLength, ChannelRef
from bot.store.articles import utc
from bot.store.channel_entries import Entry, record_entry
from bot.store.db import Database
from bot.store.schema import (
    articles,
    channel_articles,
    channel_mutes,
    channel_sources,
    channel_tracks,
    channels,
    subscriptions,
)
from digests.length import stored_length


@dataclass(frozen=True, slots=True)
class Channel:
    """A channel's set-up as stored: the store, not the config, is the truth once a channel exists."""

    ref: ChannelRef
    schedule: str
    timezone: str
    quiet_hours: str
    max_stories: int  # 0 = briefing.max_stories
    paused: bool
    created_at: datetime
    slots_from: datetime
    delivered_up_to: datetime | None
    last_error: str | None
    topics: tuple[str, ...]
    sources: tuple[str, ...]
    alert_outlets: int = 0  # breaking alerts when a new story reaches this many outlets; 0 = off
    length: BriefingLength = "full"  # how much of each story its briefings show (digests/length.py)
    languages: tuple[str, ...] = ()  # ISO 639-1 codes of the stories its briefings carry; (): every language

    @property
    def key(self) -> str:
        return self.ref.key


@dataclass(frozen=True, slots=True)
class ChannelDefaults:
    """What a channel gets when a command creates it."""

    schedule: str
    timezone: str

    @classmethod
    def from_config(cls, config: Config) -> ChannelDefaults:
        return cls(ChannelConfig(id="console:main").schedule, config.briefing.timezone)


def _utc(value: datetime | None) -> datetime:
    got = utc(value)
    assert got is not None
    return got


class ChannelStore:
    """Explicit methods over channels, subscriptions and channel_sources."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def all(self) -> list[Channel]:
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(channels).order_by(channels.c.key))).all()
            subs = (await conn.execute(sa.select(subscriptions).order_by(subscriptions.c.added_at,
                                                                         subscriptions.c.topic))).all()
            srcs = (await conn.execute(sa.select(channel_sources).order_by(channel_sources.c.source))).all()
        topics: dict[str, list[str]] = {}
        for s in subs:
            topics.setdefault(s.channel, []).append(s.topic)
        followed: dict[str, list[str]] = {}
        for f in srcs:
            followed.setdefault(f.channel, []).append(f.source)
        return [self._channel(r, topics.get(r.key, []), followed.get(r.key, [])) for r in rows]

    async def get(self, ref: ChannelRef) -> Channel | None:
        async with self.db.connect() as conn:
            row = (await conn.execute(sa.select(channels).where(channels.c.key == ref.key))).first()
            if row is None:
                return None
            subs = (await conn.execute(
                sa.select(subscriptions.c.topic).where(subscriptions.c.channel == ref.key)
                .order_by(subscriptions.c.added_at, subscriptions.c.topic))).all()
            srcs = (await conn.execute(
                sa.select(channel_sources.c.source).where(channel_sources.c.channel == ref.key)
                .order_by(channel_sources.c.source))).all()
        return self._channel(row, [s.topic for s in subs], [s.source for s in srcs])

    @staticmethod
    def _channel(row: sa.Row[tuple[object, ...]], topics: list[str], sources: list[str]) -> Channel:
        m = row._mapping
        return Channel(
            ref=ChannelRef.parse(str(m["key"])), schedule=str(m["schedule"]), timezone=str(m["timezone"]),
            quiet_hours=str(m["quiet_hours"] or ""), max_stories=int(m["max_stories"] or 0),
            paused=bool(m["paused"]), created_at=_utc(m["created_at"]), slots_from=_utc(m["slots_from"]),
            delivered_up_to=utc(m["delivered_up_to"]), last_error=m["last_error"],
            topics=tuple(topics), sources=tuple(sources), alert_outlets=int(m["alert_outlets"] or 0),
            length=stored_length(m["length"]), languages=stored_languages(m["languages"]))

    async def ensure(self, ref: ChannelRef, defaults: ChannelDefaults, *, now: datetime) -> Channel:
        """The channel, created with the defaults when it is new (its first slot is after ``now``)."""
        async with self.db.begin() as conn:
            exists = (await conn.execute(sa.select(channels.c.key).where(channels.c.key == ref.key))).first()
            if exists is None:
                await conn.execute(channels.insert().values(
                    key=ref.key, schedule=defaults.schedule, timezone=defaults.timezone, quiet_hours="",
                    max_stories=0, paused=False, created_at=now, slots_from=now))
        got = await self.get(ref)
        assert got is not None
        return got

    async def set_schedule(self, ref: ChannelRef, *, now: datetime, schedule: str | None = None,
                           timezone: str | None = None, quiet_hours: str | None = None) -> None:
        """Change when a channel is briefed; slots of the old schedule up to now are never due."""
        values: dict[str, object] = {"slots_from": now}
        if schedule is not None:
            values["schedule"] = schedule
        if timezone is not None:
            values["timezone"] = timezone
        if quiet_hours is not None:
            values["quiet_hours"] = quiet_hours
        await self._update(ref, **values)

    async def set_paused(self, ref: ChannelRef, paused: bool, *, now: datetime) -> None:
        # resuming does not replay the slots that fell while paused
        await self._update(ref, paused=paused, **({} if paused else {"slots_from": now}))

    async def set_max_stories(self, ref: ChannelRef, max_stories: int) -> None:
        await self._update(ref, max_stories=max_stories)

    async def set_alerts(self, ref: ChannelRef, outlets: int) -> None:
        """Breaking alerts at ``outlets`` outlets (0 turns them off)."""
        await self._update(ref, alert_outlets=outlets)

    async def set_length(self, ref: ChannelRef, length: BriefingLength) -> None:
        """How much of each story this channel's briefings, alerts and updates show."""
        await self._update(ref, length=length)

    async def set_languages(self, ref: ChannelRef, languages: tuple[str, ...]) -> None:
        """The languages of the stories this channel's briefings and breaking alerts carry (ISO 639-1 codes, checked
        by ``channel_languages.parse_languages``); () clears the choice: every language."""
        await self._update(ref, languages=" ".join(languages))

    async def set_error(self, ref: ChannelRef, error: str | None) -> None:
        await self._update(ref, last_error=error[:1000] if error else None)

    async def _add_once(self, table: sa.Table, *, instead_of: sa.Table | None = None, **values: object) -> bool:
        """Insert a row unless one with the same primary key exists (in one transaction); False if it did.
        ``instead_of``: first delete the row with that key from this other table (mute <-> track)."""
        key = [c == values[c.name] for c in table.primary_key.columns]
        async with self.db.begin() as conn:
            if instead_of is not None:
                await conn.execute(instead_of.delete().where(
                    *(instead_of.c[c.name] == values[c.name] for c in table.primary_key.columns)))
            if (await conn.execute(sa.select(*table.primary_key.columns).where(*key))).first() is not None:
                return False
            await conn.execute(table.insert().values(**values))
        return True

    async def _update(self, ref: ChannelRef, **values: object) -> None:
        async with self.db.begin() as conn:
            await conn.execute(channels.update().where(channels.c.key == ref.key).values(**values))

    async def subscribe(self, ref: ChannelRef, topic: str, *, user: str, now: datetime) -> bool:
        """Add a topic; False when the channel already had it."""
        return await self._add_once(subscriptions, channel=ref.key, topic=topic, added_at=now, added_by=user)

    async def configured_by(self, ref: ChannelRef) -> list[str]:
        """Platform user ids that set up this channel's topics (not the CLI or the config file)."""
        async with self.db.connect() as conn:
            rows = (await conn.execute(
                sa.select(subscriptions.c.added_by).where(subscriptions.c.channel == ref.key).distinct()
            )).all()
        return sorted(str(r.added_by) for r in rows if r.added_by and r.added_by != "cli"
                      and not str(r.added_by).startswith("config#"))

    async def seeded_topics(self, ref: ChannelRef) -> list[str]:
        """The topics this channel still has from its [[channels]] entry (added when ``seed`` created it)."""
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(subscriptions.c.topic).where(
                subscriptions.c.channel == ref.key, subscriptions.c.added_by.startswith("config#")))).all()
        return sorted(str(r.topic) for r in rows)

    async def set_up_by(self, platform: str, user: str) -> list[str]:
        """Keys of ``platform``'s channels where ``user`` (a platform user id) added a topic: one query."""
        sub = subscriptions.c
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(sub.channel).where(
                sub.added_by == user, sub.channel.startswith(f"{platform}:", autoescape=True)).distinct())).all()
        return sorted(str(r.channel) for r in rows)

    async def unsubscribe(self, ref: ChannelRef, topic: str) -> bool:
        async with self.db.begin() as conn:
            result = await conn.execute(subscriptions.delete().where(
                subscriptions.c.channel == ref.key, subscriptions.c.topic == topic))
        return bool(result.rowcount)

    async def follow(self, ref: ChannelRef, source: str, *, now: datetime) -> bool:
        """Add a source to the channel's follow-list; False when it was already there."""
        return await self._add_once(channel_sources, channel=ref.key, source=source, added_at=now)

    async def unfollow(self, ref: ChannelRef, source: str) -> bool:
        async with self.db.begin() as conn:
            result = await conn.execute(channel_sources.delete().where(
                channel_sources.c.channel == ref.key, channel_sources.c.source == source))
        return bool(result.rowcount)

    async def mute(self, ref: ChannelRef, story_id: str, *, user: str, now: datetime) -> bool:
        """Hear no more of a story (nor of its follow-ups) in this channel, which un-tracks it; False when it
        was muted already."""
        return await self._add_once(channel_mutes, instead_of=channel_tracks, channel=ref.key, story_id=story_id,
                                    muted_at=now, muted_by=user)

    async def unmute(self, ref: ChannelRef, story_id: str) -> datetime | None:
        """Bring a story back; returns when it had been muted (None: it was not muted here)."""
        where = (channel_mutes.c.channel == ref.key, channel_mutes.c.story_id == story_id)
        async with self.db.begin() as conn:
            muted_at = (await conn.execute(sa.select(channel_mutes.c.muted_at).where(*where))).scalar()
            if muted_at is None:
                return None
            await conn.execute(channel_mutes.delete().where(*where))
        return utc(muted_at)

    async def muted(self, ref: ChannelRef) -> list[str]:
        """The story ids this channel muted, oldest mute first."""
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(channel_mutes.c.story_id).where(
                channel_mutes.c.channel == ref.key).order_by(channel_mutes.c.muted_at, channel_mutes.c.story_id)))
        return [str(r.story_id) for r in rows]

    async def track(self, ref: ChannelRef, story_id: str, *, user: str, now: datetime) -> bool:
        """Post a story's follow-ups here as soon as they come (bot/alerts.py), which un-mutes it; False when it
        was tracked already."""
        return await self._add_once(channel_tracks, instead_of=channel_mutes, channel=ref.key, story_id=story_id,
                                    tracked_at=now, tracked_by=user)

    async def untrack(self, ref: ChannelRef, story_id: str) -> bool:
        """Its follow-ups wait for the briefings again; False when it was not tracked here."""
        async with self.db.begin() as conn:
            result = await conn.execute(channel_tracks.delete().where(
                channel_tracks.c.channel == ref.key, channel_tracks.c.story_id == story_id))
        return bool(result.rowcount)

    async def tracked(self, ref: ChannelRef) -> list[str]:
        """The story ids this channel tracks, oldest first."""
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(channel_tracks.c.story_id).where(
                channel_tracks.c.channel == ref.key).order_by(channel_tracks.c.tracked_at,
                                                              channel_tracks.c.story_id)))
        return [str(r.story_id) for r in rows]

    async def unseen_tracked(self, ref: ChannelRef) -> dict[str, set[str]]:
        """Per story this channel tracks, the ids of its articles the channel has not been shown (stories with
        none are left out): one indexed query, so a polling round finds quickly that there is nothing to post."""
        t, a, seen = channel_tracks.c, articles.c, channel_articles.c
        query = (sa.select(a.story_id, a.id)
                 .select_from(channel_tracks.join(articles, a.story_id == t.story_id).outerjoin(
                     channel_articles, sa.and_(seen.channel == t.channel, seen.article_id == a.id)))
                 .where(t.channel == ref.key, seen.article_id.is_(None)))
        async with self.db.connect() as conn:
            rows = (await conn.execute(query)).all()
        out: dict[str, set[str]] = {}
        for r in rows:
            out.setdefault(str(r.story_id), set()).add(str(r.id))
        return out

    async def tracking(self) -> set[str]:
        """Keys of the channels that track at least one story (one query for all channels)."""
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(channel_tracks.c.channel).distinct())).all()
        return {str(r.channel) for r in rows}

    async def followers(self, source: str) -> list[ChannelRef]:
        """Channels that follow a source (for failure and recovery notices)."""
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(channel_sources.c.channel).where(
                channel_sources.c.source == source).order_by(channel_sources.c.channel))).all()
        return [ChannelRef.parse(r.channel) for r in rows]

    async def seed(self, config: Config, *, now: datetime) -> list[ChannelRef]:
        """Create the config's channels that the store does not have yet, recording the entry each was made from
        (bot/channel_drift.py compares it with the file at the next starts); returns those created."""
        created: list[ChannelRef] = []
        for item in config.channels:
            ref = ChannelRef.parse(item.id)
            if await self.get(ref) is not None:
                continue
            try:
                async with self.db.begin() as conn:
                    await conn.execute(channels.insert().values(
                        key=ref.key, schedule=item.schedule, timezone=item.timezone or config.briefing.timezone,
                        quiet_hours=item.quiet_hours, max_stories=item.max_stories, paused=False,
                        created_at=now, slots_from=now, alert_outlets=item.alerts,
                        length=stored_length(item.length), languages=" ".join(item.languages)))
                    for n, topic in enumerate(dict.fromkeys(item.topics)):
                        await conn.execute(subscriptions.insert().values(
                            channel=ref.key, topic=topic, added_at=now, added_by=f"config#{n}"))
                    await record_entry(conn, ref, Entry.of(item, config.briefing.timezone), now=now)
            except sa.exc.IntegrityError:  # another command (`run`, `briefbot channels`) made it meanwhile
                if await self.get(ref) is not None:
                    continue
                raise
            created.append(ref)
        return created
