"""A delivery notice (a failure notice, a configurer's DM) refused for the bot's token marks the platform's token
refused in the same refusals a post does, since when on the injected clock: the refusal is told once (ERROR) and
the notices after it are not tried through the dead platform (an INFO line each), as a post's refusal does."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from bot.adapter import PostError
from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.store.db import Database
from bot.token_refusals import Refusal
from tests.channels.channel_fakes import RecordingAdapter

T0 = datetime(2026, 3, 4, 9, 15, tzinfo=UTC)
BRAMBLE = ChannelRef("console", "bramblewick")
REASON = "the console refused the bot token from $CONSOLE_TOKEN: set a new one and restart briefbot"


@dataclass
class TokenGone(RecordingAdapter):
    tried: int = 0

    async def notify(self, channel: ChannelRef, text: str) -> None:
        self.tried += 1
        raise PostError(channel, "permanent", REASON, token_refused=True)


async def test_a_notice_refused_for_the_token_marks_the_platform_refused_and_later_ones_wait(
    db: Database, config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    clock = ManualClock(T0)
    adapter = TokenGone()
    delivery = Delivery(db, config, {"console": adapter}, clock=clock)
    with caplog.at_level(logging.INFO, logger="bot.delivery"):
        await delivery.notices.notify(BRAMBLE, "The Bramblewick briefing could not be posted.")
        clock.advance(timedelta(minutes=5))
        await delivery.notices.notify(ChannelRef("console", "U-hazel", is_user=True), "A note for Hazel.")
    assert adapter.tried == 1
    assert delivery.tokens.refused == {"console": Refusal(REASON, T0)}
    lines = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "bot.delivery"]
    assert [level for level, _ in lines] == [logging.ERROR, logging.INFO]
    assert REASON in lines[0][1] and "no notice sent" in lines[1][1]
