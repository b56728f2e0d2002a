"""Breaking alerts as they were composed before they screened outlines: every story changed within the lookback
loaded whole each round (the reference tests/channels/test_alert_equivalence.py and benchmarks/bench_alerts.py
compare with)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.alerts import (
    FRESH,
    LOOKBACK,
    MAX_STORIES,
    TRACKED_WHY,
    UPDATES_TITLE,
    Alerts,
    alert_title,
    first_published,
    message_title,
    outlet_count,
)
from bot.delivery import Delivery
from bot.models import Briefing, BriefingItem, Story
from bot.store.channels import Channel


class WholeLoadingAlerts(Alerts):
    """``Alerts`` with the candidate reading of before, kept as it was: each round every story that changed within
    LOOKBACK loaded whole (quotes, edits), then screened by outlets, freshness, mutes and what the channel saw."""

    def __init__(self, delivery: Delivery) -> None:
        super().__init__(delivery)
        self._whole: tuple[datetime, list[Story]] | None = None  # one read per round, shared by the channels

    async def whole_recent(self, now: datetime) -> list[Story]:
        if self._whole is None or self._whole[0] != now:
            self._whole = (now, await self.delivery.feed.changed_since(now - LOOKBACK))
        return self._whole[1]

    async def whole_candidates(self, channel: Channel, now: datetime) -> list[Story]:
        wanted = channel.alert_outlets
        changed = await self.whole_recent(now)
        muted = set(await self.delivery.channels.muted(channel.ref))
        ready = [s for s in changed if outlet_count(s) >= wanted and s.id not in muted
                 and (first := first_published(s)) is not None and first >= now - FRESH]
        seen = await self.delivery.ledger.seen_articles(channel.key, [s.id for s in ready])
        return [s for s in ready if s.id not in seen]

    async def compose(self, channel: Channel, now: datetime,
                      tracked: list[str]) -> tuple[Briefing, dict[str, tuple[str, ...]]] | None:
        delivery = self.delivery
        updates, unseen = await self.updates(channel) if tracked else ([], {})
        base: Briefing | None = None
        news: tuple[BriefingItem, ...] = ()
        if updates:
            base = await delivery.compose_for(channel, updates, now, unseen=unseen, keep_all=True,
                                              title=UPDATES_TITLE, cap=MAX_STORIES)
            news = tuple(replace(i, why=TRACKED_WHY) for i in base.items)
        breaking: tuple[BriefingItem, ...] = ()
        if channel.alert_outlets > 0 and len(news) < MAX_STORIES:
            fresh = [s for s in await self.whole_candidates(channel, now) if s.id not in tracked]
            if fresh:
                composed = await delivery.compose_for(channel, fresh, now, title=alert_title(channel.alert_outlets),
                                                      cap=MAX_STORIES - len(news))
                base, breaking = base or composed, composed.items
        if base is None or not news + breaking:
            return None
        title = message_title(channel.alert_outlets, breaking=bool(breaking), updates=bool(news))
        return replace(base, title=title, items=news + breaking, more=()), unseen
