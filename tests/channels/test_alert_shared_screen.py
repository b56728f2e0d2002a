"""A topic channel's breaking alerts screen through the screen its ``Delivery`` shares: a story read for a scheduled
briefing or an earlier round is not read again while it holds, and each message is what screening alone makes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import pytest

from bot import channel_evidence
from bot.alerts import Alerts
from bot.config import Config
from bot.delivery import Delivery
from bot.store.db import Database
from bot.store.story_texts import sentence_texts
from tests.channels.channel_fakes import add_story
from tests.channels.test_shared_screen_delivery import STORIES, channel

NOW = datetime.fromisoformat("2026-05-04T09:00:00+00:00")


async def breaking_ids(alerts: Alerts, name: str, topic: str, now: datetime) -> list[str]:
    """The stories of the channel's breaking message over every fresh story changed within the lookback (its
    threshold and the ledger left aside: the screen is what is tested)."""
    ready = [outline for _, outline in await alerts._recent(now)]
    found = await alerts.breaking(await channel(alerts.delivery.db, name, topic), ready, now, cap=10)
    return sorted(item.story.id for item in found.items)


async def test_alert_rounds_reuse_the_shared_reading_and_post_what_screening_alone_posts(
        db: Database, config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    for i, (story_id, (title, text)) in enumerate(STORIES.items()):
        await add_story(db, story_id, title=title, text=text, now=NOW - timedelta(hours=2, minutes=i))
    read: list[str] = []

    async def counted(db: Database, ids: Sequence[str]) -> dict[str, str]:
        read.extend(ids)
        return await sentence_texts(db, ids)

    monkeypatch.setattr(channel_evidence, "sentence_texts", counted)
    alone_delivery = Delivery(db, config, {})
    alone_delivery.screens = None
    alone = Alerts(alone_delivery)
    want = await breaking_ids(alone, "ferry", "ferry", NOW)
    assert want == ["both", "ferries", "ferry"]
    assert sorted(read) == sorted(STORIES)
    assert await breaking_ids(alone, "ferry", "ferry", NOW + timedelta(minutes=1)) == want
    assert len(read) == 2 * len(STORIES)  # without the shared screen every round reads every story again
    read.clear()

    shared = Delivery(db, config, {})
    await shared.plan_for(await channel(db, "ferry", "ferry"), NOW)  # a scheduled briefing reads every story
    assert sorted(read) == sorted(STORIES)
    read.clear()
    alerts = Alerts(shared)
    assert await breaking_ids(alerts, "ferry", "ferry", NOW) == want
    assert await breaking_ids(alerts, "ferry-too", "ferry", NOW + timedelta(minutes=1)) == want
    assert read == []  # the briefing's reading served both rounds

    # a story changes: read again, that one alone, and it now passes
    later = NOW + timedelta(minutes=2)
    await add_story(db, "road", title="Ferry replaces the coast road bus", now=later - timedelta(seconds=30),
                    text="A ferry stands in for the bus while the coast road is closed.")
    assert await breaking_ids(alerts, "ferry", "ferry", later) == ["both", "ferries", "ferry", "road"]
    assert read == ["road"]
    read.clear()
    assert await breaking_ids(alone, "ferry", "ferry", later) == ["both", "ferries", "ferry", "road"]
