"""Breaking alerts and tracked-story updates: posted at once, exactly once, between a channel's briefings."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from bot import outlets
from bot.channel_evidence import Evidence, EvidenceReader
from bot.config import MAX_ALERT_OUTLETS, MIN_ALERT_OUTLETS
from bot.delivery import ChannelCandidates, Delivery, Outcome
from bot.followups import plan_of
from bot.models import Briefing, BriefingItem, Story
from bot.schedule import parse_quiet_hours, parse_timezone
from bot.store.channels import Channel
from bot.store.ledger import ALERT
from bot.store.stories import StoryRow
from bot.story_feed import Outline

LOOKBACK = timedelta(hours=6)  # stories that changed this recently are looked at ...
FRESH = timedelta(hours=24)  # ... when their first article was published this recently (not a running story)
GAP = timedelta(minutes=30)  # at most one alert message per channel in this time; later ones wait
MAX_STORIES = 3  # per alert message; the rest wait for the next alert or the briefing
UPDATES_TITLE = "Updates on stories you track"
TRACKED_WHY = "tracked in this channel"


def parse_alert_outlets(text: str) -> int:
    """``3`` -> 3, ``off`` -> 0; raises ValueError (one line) for anything else."""
    value = text.strip().lower()
    if value in ("off", "none", "0"):
        return 0
    if value.isdigit() and MIN_ALERT_OUTLETS <= int(value) <= MAX_ALERT_OUTLETS:
        return int(value)
    raise ValueError(f"expected {MIN_ALERT_OUTLETS} to {MAX_ALERT_OUTLETS} outlets or off, got {text.strip()[:40]!r}")


def outlet_count(story: Story) -> int:
    """How many independent outlets report the story: one site's feeds count once, and a copy of another
    source's text (syndicated wire copy) does not count (bot/outlets.py)."""
    return outlets.outlet_count(story.sources)


def first_published(story: Story) -> datetime | None:
    """When the story's first article was published, an article without a date counting from when briefbot first
    stored it: the earliest of its articles' dates and the story's ``first_seen`` (its first articles' earliest
    date, or when they were stored if they had none: bot/store/article_rows.py ``fill_first_seen``). A dated article
    joining a story first stored long ago does not make it new again."""
    times = [s.published for s in story.sources if s.published is not None]
    if story.first_seen is not None:
        times.append(story.first_seen)
    return min(times, default=None)


def in_quiet_hours(channel: Channel, now: datetime) -> bool:
    quiet = parse_quiet_hours(channel.quiet_hours)
    return quiet is not None and quiet.contains(now.astimezone(parse_timezone(channel.timezone)).time()
                                                .replace(tzinfo=None))


def alert_title(outlets: int) -> str:
    return f"Breaking: now reported by {outlets} or more outlets"


def message_title(outlets: int, *, breaking: bool, updates: bool) -> str:
    """What an alert message is called: breaking news, updates on tracked stories, or both."""
    if breaking and updates:
        return f"{alert_title(outlets)}, and updates on stories you track"
    return alert_title(outlets) if breaking else UPDATES_TITLE


class Alerts:
    """Decides and posts a channel's alert message through the delivery ledger, like a briefing slot: claimed
    with what it carries, posted with the slot's idempotency key, finished after a crash. Stories it shows
    count as seen by the channel, so its next briefing does not repeat them (follow-ups still come).

    One message carries both kinds of news, under one rate limit: **updates** on the stories the channel
    tracks (articles it has not been shown joined them, or articles it saw were edited in a way that matters;
    shown as follow-ups, what is new since it last saw the story, whatever its topics or alert threshold, however
    old the story), first, then **breaking**
    stories (new to the channel, carried by its alert threshold of outlets). Both are "post this now",
    both go through the same ledger kind (``ALERT``: exactly once, not a schedule slot, the watermark
    unchanged), and a channel gets at most one such message every GAP with at most MAX_STORIES stories, so
    a busy running story cannot flood it: what does not fit waits for the next message or the briefing."""

    def __init__(self, delivery: Delivery) -> None:
        self.delivery = delivery
        # one read per round, shared by the channels: the fresh stories' outlines with their outlet counts, and rows
        self._changed: tuple[datetime, list[tuple[int, Outline]], dict[str, StoryRow]] | None = None
        self._reading = asyncio.Lock()  # channels alerted at the same time (Scheduler) wait for the one read

    def new_round(self) -> None:
        """Forget the last round's read of the changed stories: the next round reads them afresh, even at the
        same ``now`` (the read is shared by one round's channels, keyed by its time)."""
        self._changed = None

    async def _recent(self, now: datetime) -> list[tuple[int, Outline]]:
        """The stories changed within LOOKBACK and first published within FRESH, as outlines (their sources are
        what the screen reads: an outline's outlet count and first publication are the whole story's), each with
        its outlet count, newest change first; read a page at a time, once a round."""
        async with self._reading:
            return await self._read_recent(now)

    async def _read_recent(self, now: datetime) -> list[tuple[int, Outline]]:
        if self._changed is None or self._changed[0] != now:
            feed = self.delivery.feed
            found: list[tuple[int, Outline]] = []
            rows: dict[str, StoryRow] = {}
            async for page in feed.row_pages(now - LOOKBACK):
                found += [(outlet_count(o.story), o) for o in await feed.outlines(page)
                          if (first := first_published(o.story)) is not None and first >= now - FRESH]
                rows.update((r.id, r) for r in page)
            self._changed = (now, found, {o.story.id: rows[o.story.id] for _, o in found})
        return self._changed[1]

    async def candidates(self, channel: Channel, now: datetime) -> list[Outline]:
        """New stories (first published within FRESH, changed within LOOKBACK) carried by at least the
        channel's alert threshold of outlets, in its languages, that this channel has never been shown, as
        outlines."""
        wanted = channel.alert_outlets
        changed = await self._recent(now)
        muted = set(await self.delivery.channels.muted(channel.ref))
        ready = [o for count, o in changed if count >= wanted and o.story.id not in muted]
        if channel.languages:  # the stories' languages read once a round for every channel (``Delivery.languages``)
            rows = self._changed[2] if self._changed is not None else {}
            ready = [o for o in ready if o.story.id not in rows
                     or self.delivery.languages.passes(rows[o.story.id], channel.languages)]
        seen = await self.delivery.ledger.seen_articles(channel.key, [o.story.id for o in ready])
        return [o for o in ready if o.story.id not in seen]

    async def updates(self, channel: Channel) -> tuple[list[Story], dict[str, tuple[str, ...]]]:
        """The tracked stories with articles this channel has not been shown (with those articles), or one of
        whose articles it saw was since edited in a way that matters; one it was never shown at all comes whole,
        as a new story."""
        pending = list(await self.delivery.channels.unseen_tracked(channel.ref))
        pending += [s for s in await self.delivery.revisions.tracked_revised(channel.key) if s not in pending]
        if not pending:
            return [], {}
        # read by id as the store has them now (a channel tracks few), not out of the changed set: however
        # many other stories changed since, and however long ago this one did, its new articles are there
        stories = await self.delivery.feed.current(pending)
        return await self.delivery.not_seen(channel.key, stories)

    async def breaking(self, channel: Channel, ready: Sequence[Outline], now: datetime, *, cap: int) -> Briefing:
        """The breaking stories' message, ``cap`` stories at most. Without topics the outlines are ranked with their
        quote counts (and, for a channel that follows sources, their articles' feeds), as a scheduled briefing's are,
        and only the stories shown loaded whole. With topics (matched against each story's articles and quotes) the
        stories the topics could match (the scheduled briefings' screen over their rows: bot/channel_evidence.py,
        with the readings the ``Delivery``'s channels and rounds share) are loaded whole and composed as before."""
        delivery = self.delivery
        title = alert_title(channel.alert_outlets)
        if channel.topics:
            rows = self._changed[2] if self._changed is not None else {}  # this round's (else none is screened)
            # through the screen the scheduled briefings share (bot/screen_cache.py): a story read in an earlier
            # round, or for a briefing, is not read again while its changed_at holds
            reader = EvidenceReader(delivery.db, delivery.feed, topics=delivery.topics(channel), follows=False,
                                    analyser=delivery.analyser, shared=delivery.screens)
            passing = {r.id for r in await reader.screened([rows[o.story.id] for o in ready if o.story.id in rows])}
            stories = await delivery.feed.whole([o for o in ready if o.story.id in passing or o.story.id not in rows])
            return await delivery.compose_for(channel, stories, now, title=title, cap=cap)
        if channel.sources:  # followed sources, no topic: each candidate's articles' feeds, as a briefing reads them
            reader = EvidenceReader(delivery.db, delivery.feed, topics=[], follows=True, analyser=delivery.analyser)
            await reader.add(ready)
            evidence = reader.found
        else:
            evidence = Evidence(quotes=await delivery.feed.quote_counts(ready))
        found = ChannelCandidates(stories=[o.story for o in ready], outlines={o.story.id: o for o in ready},
                                  evidence=evidence)
        composed = await delivery.compose_candidates(replace(channel, max_stories=cap), found, now)
        return replace(composed, title=title)

    async def compose(self, channel: Channel, now: datetime,
                      tracked: list[str]) -> tuple[Briefing, dict[str, tuple[str, ...]]] | None:
        """The alert message due now (updates first, then breaking stories, MAX_STORIES in all), with the
        follow-ups' unseen articles; None when nothing is due."""
        delivery = self.delivery
        updates, unseen = await self.updates(channel) if tracked else ([], {})
        base: Briefing | None = None
        news: tuple[BriefingItem, ...] = ()
        if updates:  # keep_all: whatever the channel's topics and followed sources (a follow-up whose new
            # articles only restate what the channel saw is still left out)
            base = await delivery.compose_for(channel, updates, now, unseen=unseen, keep_all=True,
                                              title=UPDATES_TITLE, cap=MAX_STORIES)
            news = tuple(replace(i, why=TRACKED_WHY) for i in base.items)
        breaking: tuple[BriefingItem, ...] = ()
        if channel.alert_outlets > 0 and len(news) < MAX_STORIES:
            ready = [o for o in await self.candidates(channel, now) if o.story.id not in tracked]
            if ready:
                composed = await self.breaking(channel, ready, now, cap=MAX_STORIES - len(news))
                base, breaking = base or composed, composed.items
        if base is None or not news + breaking:
            return None
        title = message_title(channel.alert_outlets, breaking=bool(breaking), updates=bool(news))
        # more=(): the rest come in the next alert message or the briefing; "since" (where the channel's last
        # briefing ended) told in the channel's timezone, as the message's time is
        since = base.since.astimezone(parse_timezone(channel.timezone)) if base.since is not None else None
        return replace(base, title=title, items=news + breaking, more=(), since=since), unseen

    async def alert(self, channel: Channel, now: datetime) -> Outcome | None:
        """Post this channel's alert message if one is due now; None when there is nothing to do."""
        delivery, ledger = self.delivery, self.delivery.ledger
        if (channel.paused or channel.ref.platform not in delivery.adapters or channel.ref.platform in delivery.unposted
                or in_quiet_hours(channel, now) or await ledger.unfinished(channel.key)):
            return None
        tracked = await delivery.channels.tracked(channel.ref)
        if channel.alert_outlets <= 0 and not tracked:
            return None
        last = await ledger.last_alert(channel.key)
        if last is not None and now - last < GAP:
            return None
        composed = await self.compose(channel, now, tracked)
        if composed is None:
            return None
        briefing, unseen = composed
        slot = now.replace(microsecond=0)
        while await ledger.get(channel.key, slot) is not None:  # never share a second with another slot
            slot += timedelta(seconds=1)
        entry = await ledger.plan(channel.key, slot, kind=ALERT, cutoff=now,
                                  story_ids=[i.story.id for i in briefing.items], planned=plan_of(briefing, unseen),
                                  now=now)
        if entry is None:
            return Outcome(channel.key, "claimed", slot, "another process has this alert")
        return await delivery.finish(channel, entry, now)
