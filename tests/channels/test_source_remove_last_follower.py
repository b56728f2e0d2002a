"""`sources remove` by the last of several channels deletes a source that chat made, so it is not polled forever; one
the operator ingested before any follow stays."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.ingest.fetch import Fetcher
from bot.pipeline import Pipeline
from bot.store.db import Database
from bot.store.sources import SourceStore
from tests.channels.test_source_remove_and_import import INGEST, NOW, OTHER, Bot, _site
from tests.first_sentence import FirstSentence
from tests.ingest.ingest_server import serving


@pytest.fixture
async def bot(db: Database, config: Config) -> AsyncIterator[Bot]:
    async with serving(_site()) as port, Fetcher(INGEST) as fetcher:
        clock = ManualClock(NOW)
        deps = CommandDeps(replace(config, ingest=INGEST), db, clock, probe=fetcher.fetch)
        yield Bot(db, f"http://127.0.0.1:{port}", deps, clock)


async def test_the_last_channel_to_stop_following_a_chat_made_source_deletes_it(bot: Bot) -> None:
    feed = f"{bot.base}/feed.xml"
    await bot.say(f"sources add {feed}")  # makes the source
    bot.clock.advance(timedelta(hours=1))
    await bot.say(f"sources add {feed}", channel=OTHER)
    bot.clock.advance(timedelta(hours=1))
    await bot.say(f"sources remove {feed}")
    assert await SourceStore(bot.db).get(feed) is not None  # the other channel follows it still
    bot.clock.advance(timedelta(hours=1))
    assert (await bot.say(f"sources remove {feed}", channel=OTHER)).text == f"Stopped following {feed}."
    assert await SourceStore(bot.db).get(feed) is None  # nobody follows it and no operator added it


async def test_an_operator_source_stays_after_every_channel_stops_following_it(bot: Bot) -> None:
    feed = f"{bot.base}/feed.xml"
    pipeline = Pipeline(bot.db, bot.deps.config, bot.clock, FirstSentence())
    async with Fetcher(INGEST) as fetcher:
        await pipeline.ingest([feed], fetcher)  # `briefbot ingest URL`
    bot.clock.advance(timedelta(hours=1))
    await bot.say(f"sources add {feed}")
    bot.clock.advance(timedelta(hours=1))
    await bot.say(f"sources add {feed}", channel=OTHER)
    await bot.say(f"sources remove {feed}")
    await bot.say(f"sources remove {feed}", channel=OTHER)
    assert await SourceStore(bot.db).get(feed) is not None
