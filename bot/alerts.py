"""Breaking alerts: a story new to a channel is posted at once, exactly once, when enough outlets carry it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.config import MAX_ALERT_OUTLETS, MIN_ALERT_OUTLETS
from bot.delivery import Delivery, Outcome
from bot.followups import plan_of
from bot.models import Story
from bot.schedule import parse_quiet_hours, parse_timezone
from bot.store.channels import Channel
from bot.store.ledger import ALERT

LOOKBACK = timedelta(hours=6)  # stories that changed this recently are looked at ...
FRESH = timedelta(hours=24)  # ... when their first article was published this recently (not a running story)
GAP = timedelta(minutes=30)  # at most one alert message per channel in this time; later ones wait
MAX_STORIES = 3  # per alert message; the rest wait for the next alert or the briefing


def parse_alert_outlets(text: str) -> int:
    """``3`` -> 3, ``off`` -> 0; raises ValueError (one line) for anything else."""
    value = text.strip().lower()
    if value in ("off", "none", "0"):
        return 0
    if value.isdigit() and MIN_ALERT_OUTLETS <= int(value) <= MAX_ALERT_OUTLETS:
        return int(value)
    raise ValueError(f"expected {MIN_ALERT_OUTLETS} to {MAX_ALERT_OUTLETS} outlets or off, got {text.strip()[:40]!r}")


def outlet_count(story: Story) -> int:
    """How many different outlets carry the story."""
    return len({s.name.strip().casefold() for s in story.sources if s.name.strip()})


def first_published(story: Story) -> datetime | None:
    """When the story's first article was published (else first stored)."""
    dated = [s.published for s in story.sources if s.published is not None]
    return min(dated) if dated else story.first_seen


def in_quiet_hours(channel: Channel, now: datetime) -> bool:
    quiet = parse_quiet_hours(channel.quiet_hours)
    return quiet is not None and quiet.contains(now.astimezone(parse_timezone(channel.timezone)).time()
                                                .replace(tzinfo=None))


def alert_title(outlets: int) -> str:
    return f"Breaking: now reported by {outlets} or more outlets"


class Alerts:
    """Decides and posts a channel's breaking alert through the delivery ledger, like a briefing slot: claimed
    with what it carries, posted with the slot's idempotency key, finished after a crash. Stories it shows
    count as seen by the channel, so its next briefing does not repeat them (follow-ups still come)."""

    def __init__(self, delivery: Delivery) -> None:
        self.delivery = delivery
        self._changed: tuple[datetime, list[Story]] | None = None  # one read per round, shared by the channels

    async def _recent(self, now: datetime) -> list[Story]:
        if self._changed is None or self._changed[0] != now:
            self._changed = (now, await self.delivery.feed.changed_since(now - LOOKBACK))
        return self._changed[1]

    async def candidates(self, channel: Channel, now: datetime) -> list[Story]:
        """New stories (first published within FRESH, changed within LOOKBACK) carried by at least the
        channel's alert threshold of outlets, that this channel has never been shown."""
        wanted = channel.alert_outlets
        changed = await self._recent(now)
        muted = set(await self.delivery.channels.muted(channel.ref))
        ready = [s for s in changed if outlet_count(s) >= wanted and s.id not in muted
                 and (first := first_published(s)) is not None and first >= now - FRESH]
        seen = await self.delivery.ledger.seen_articles(channel.key, [s.id for s in ready])
        return [s for s in ready if s.id not in seen]

    async def alert(self, channel: Channel, now: datetime) -> Outcome | None:
        """Post this channel's alert if one is due now; None when there is nothing to do."""
        delivery, ledger = self.delivery, self.delivery.ledger
        if (channel.alert_outlets <= 0 or channel.paused or channel.ref.platform not in delivery.adapters
                or in_quiet_hours(channel, now) or await ledger.unfinished(channel.key)):
            return None
        last = await ledger.last_alert(channel.key)
        if last is not None and now - last < GAP:
            return None
        stories = await self.candidates(channel, now)
        if not stories:
            return None
        briefing = await delivery.compose_for(channel, stories, now, title=alert_title(channel.alert_outlets),
                                              cap=MAX_STORIES)
        briefing = replace(briefing, more=())  # the rest come in the next alert or the briefing
        if not briefing.items:
            return None
        slot = now.replace(microsecond=0)
        while await ledger.get(channel.key, slot) is not None:  # never share a second with another slot
            slot += timedelta(seconds=1)
        entry = await ledger.plan(channel.key, slot, kind=ALERT, cutoff=now,
                                  story_ids=[i.story.id for i in briefing.items], planned=plan_of(briefing, {}),
                                  now=now)
        if entry is None:
            return Outcome(channel.key, "claimed", slot, "another process has this alert")
        return await delivery.finish(channel, entry, now)
