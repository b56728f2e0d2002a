"""A source failing or recovering is not told through a platform whose bot token is refused (what the delivery found,
bot/token_refusals.py): the notice is logged instead, and other platforms' channels still get it; a notice the
platform refuses for the token marks the platform refused, so the next ones are held back too."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pytest

from bot.adapter import PostError
from bot.app import App
from bot.cli_adapters import poll_with_notices
from bot.config import Config, IngestConfig, SchedulerConfig
from bot.ingest.credentials import SourceCredentials
from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.token_refusals import TokenRefusals
from tests.channels.channel_fakes import RecordingAdapter
from tests.polling.conftest import Harness, PollerFactory, make_feed
from tests.polling.feedserver import FeedServer

CREEK = ChannelRef("console", "creekside")
HARBOUR = ChannelRef("slack", "C0HARBOUR")
REFUSED = "Slack refused the bot token from $ORRIN_SLACK_KEY (chat.postMessage: token_revoked)"
CONFIG = Config(ingest=IngestConfig(allow_private_networks=True), scheduler=SchedulerConfig(poll_jitter_seconds=0))


@dataclass
class RefusingAdapter(RecordingAdapter):
    """Slack refusing the bot's token for every notice."""

    name: str = "slack"

    async def notify(self, channel: ChannelRef, text: str) -> None:
        self.attempts += 1
        raise PostError(channel, "permanent", REFUSED, token_refused=True)


async def recovering_source(server: FeedServer, make_poller: PollerFactory) -> tuple[Harness, Database]:
    h = await make_poller()
    db = h.pipeline.db
    mill = server.add(0, "millpond.xml", make_feed("millpond", 2))
    await h.pipeline.sources.ensure(mill, kind="feed", now=h.clock())
    await h.pipeline.sources.update(mill, disabled=True)  # paused after failing: this round it works again
    for ref in (CREEK, HARBOUR):
        await ChannelStore(db).ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=h.clock())
        await ChannelStore(db).follow(ref, mill, now=h.clock())
    return h, db


async def test_a_source_notice_is_logged_not_sent_while_the_platform_refuses_the_token(
    server: FeedServer, make_poller: PollerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    h, db = await recovering_source(server, make_poller)
    console, slack = RecordingAdapter(), RecordingAdapter(name="slack")
    tokens = TokenRefusals()
    tokens.refuse("slack", REFUSED, h.clock())
    poll = poll_with_notices(
        App(CONFIG, clock=h.clock),
        db,
        h.pipeline,
        h.poller.fetcher,
        {"console": console, "slack": slack},
        SourceCredentials(),
        tokens=tokens,
    )
    await poll(h.clock())
    assert [key for key, text in console.notices if "working again" in text] == [CREEK.key]
    assert slack.notices == []
    held = [r.getMessage() for r in caplog.records if HARBOUR.key in r.getMessage() and "not sent" in r.getMessage()]
    assert (
        len(held) == 1 and "working again" in held[0] and "Slack refused the bot token from $ORRIN_SLACK_KEY" in held[0]
    )


async def test_a_notice_refused_for_the_token_marks_the_platform_refused(
    server: FeedServer, make_poller: PollerFactory
) -> None:
    h, db = await recovering_source(server, make_poller)
    slack, tokens = RefusingAdapter(), TokenRefusals()
    poll = poll_with_notices(
        App(CONFIG, clock=h.clock),
        db,
        h.pipeline,
        h.poller.fetcher,
        {"console": RecordingAdapter(), "slack": slack},
        SourceCredentials(),
        tokens=tokens,
    )
    await poll(h.clock())
    assert slack.attempts == 1 and tokens.reason("slack") == REFUSED
