"""`sources remove` only unfollows a source someone else needs (the last of several channels to stop following one
that chat made deletes it); `sources import` names each skipped entry and checks
each feed as `sources add` does, against a local site."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web
from aiohttp.typedefs import Handler

from bot.clock import ManualClock
from bot.commands import build_dispatcher, opml_import
from bot.commands.base import Reply
from bot.commands.deps import CommandDeps
from bot.config import Config, IngestConfig
from bot.ingest.fetch import Fetcher
from bot.models import ChannelRef
from bot.opml import read_opml
from bot.pipeline import Pipeline
from bot.store.channels import ChannelStore
from bot.store.db import Database
from bot.store.sources import SourceStore
from tests.first_sentence import FirstSentence
from tests.ingest.ingest_server import FEED, serving

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
CHAN = ChannelRef("slack", "C0777")
OTHER = ChannelRef("slack", "C0888")
INGEST = IngestConfig(allow_private_networks=True, timeout_seconds=2.0)


def _site() -> web.Application:
    def fixed(body: bytes, ctype: str) -> Handler:
        async def handler(_request: web.Request) -> web.Response:
            return web.Response(body=body, content_type=ctype)
        return handler

    app = web.Application()
    for path in ("/feed.xml", "/atom.xml", "/third.xml", "/fourth.xml"):
        app.router.add_get(path, fixed(FEED, "application/rss+xml"))
    app.router.add_get("/bare", fixed(b"<html><head><title>Hill Post</title></head><body><p>A page with no feed "
                                      b"link at all.</p></body></html>", "text/html"))
    return app


@dataclass
class Bot:
    db: Database
    base: str
    deps: CommandDeps
    clock: ManualClock

    async def say(self, text: str, channel: ChannelRef = CHAN) -> Reply:
        dispatcher = build_dispatcher(self.deps)
        return await dispatcher(dispatcher.from_text(text, user="U1", channel=channel, can_manage=True,
                                                     now=self.clock()))

    async def followed(self) -> tuple[str, ...]:
        channel = await ChannelStore(self.db).get(CHAN)
        return channel.sources if channel else ()


@pytest.fixture
async def bot(db: Database, config: Config) -> AsyncIterator[Bot]:
    async with serving(_site()) as port, Fetcher(INGEST) as fetcher:
        clock = ManualClock(NOW)
        deps = CommandDeps(replace(config, ingest=INGEST), db, clock, probe=fetcher.fetch)
        yield Bot(db, f"http://127.0.0.1:{port}", deps, clock)


async def test_unfollowing_a_source_the_operator_ingested_keeps_it(bot: Bot) -> None:
    feed = f"{bot.base}/feed.xml"
    pipeline = Pipeline(bot.db, bot.deps.config, bot.clock, FirstSentence())
    async with Fetcher(INGEST) as fetcher:
        report = await pipeline.ingest([feed], fetcher)  # `briefbot ingest URL`
    assert report.added == 2
    bot.clock.advance(timedelta(hours=1))
    assert (await bot.say(f"sources add {feed}")).text.startswith(f"Following {feed};")
    bot.clock.advance(timedelta(hours=1))
    assert (await bot.say(f"sources remove {feed}")).text == f"Stopped following {feed}."
    assert await bot.followed() == ()
    kept = await SourceStore(bot.db).get(feed)
    assert kept is not None and kept.added_at == NOW  # still a source, still polled, as the operator left it


async def test_a_source_with_articles_from_before_the_follow_is_kept_even_if_its_row_is_newer(bot: Bot) -> None:
    feed = f"{bot.base}/feed.xml"
    pipeline = Pipeline(bot.db, bot.deps.config, bot.clock, FirstSentence())
    async with Fetcher(INGEST) as fetcher:
        await pipeline.ingest([feed], fetcher)
    await SourceStore(bot.db).remove(feed)  # as the old `sources remove` left it: articles stored, no source row
    bot.clock.advance(timedelta(hours=1))
    await bot.say(f"sources add {feed}")  # makes the row again, at the follow
    bot.clock.advance(timedelta(hours=1))
    await bot.say(f"sources remove {feed}")
    assert await SourceStore(bot.db).get(feed) is not None


async def test_a_source_only_this_channel_added_is_deleted_when_it_stops_following_it(bot: Bot) -> None:
    feed = f"{bot.base}/feed.xml"
    await bot.say(f"sources add {feed}")
    bot.clock.advance(timedelta(hours=1))
    await bot.say(f"sources add {feed}", channel=OTHER)
    await bot.say(f"sources remove {feed}")
    assert await SourceStore(bot.db).get(feed) is not None  # the other channel follows it still
    bot.clock.advance(timedelta(hours=1))
    await bot.say(f"sources add {bot.base}/atom.xml")
    bot.clock.advance(timedelta(hours=1))
    await bot.say(f"sources remove {bot.base}/atom.xml")
    assert await SourceStore(bot.db).get(f"{bot.base}/atom.xml") is None  # chat added it, nobody needs it


async def test_an_import_names_each_skipped_entry_and_refuses_a_dead_feed_as_add_does(bot: Bot) -> None:
    opml = (f'<opml version="2.0"><body><outline text="Atom" xmlUrl="{bot.base}/atom.xml"/>'
            '<outline text="Old" xmlUrl="ftp://files.example/x.xml"/>'
            f'<outline text="Gone" xmlUrl="{bot.base}/missing.xml"/>'
            f'<outline text="Home" xmlUrl="{bot.base}/bare"/>'
            '<outline text="Folder"><outline text="Again" xmlUrl="ftp://files.example/x.xml"/></outline>'
            '</body></opml>')
    reply = await bot.say(f"sources import {opml}")
    lines = reply.text.split("\n")
    assert lines[0] == "Imported 1 new source of 4 in the OPML.", reply.text
    assert "• ftp://files.example/x.xml: skipped, not an http(s) address (ftp scheme)" in lines
    assert f"• not followed: I could not read {bot.base}/missing.xml: HTTP 404 Not Found." in lines, lines
    assert any(line.startswith(f"• not followed: {bot.base}/bare is a web page, not a feed") for line in lines)
    assert len(lines) == 4
    assert await bot.followed() == (f"{bot.base}/atom.xml",)
    assert await SourceStore(bot.db).get(f"{bot.base}/missing.xml") is None


async def test_an_import_reads_at_most_max_checked_new_feeds_and_the_next_import_goes_on(
        bot: Bot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opml_import, "MAX_CHECKED", 2)
    paths = ("/feed.xml", "/atom.xml", "/third.xml", "/fourth.xml")
    opml = "<opml><body>" + "".join(f'<outline xmlUrl="{bot.base}{p}"/>' for p in paths) + "</body></opml>"
    first = await bot.say(f"sources import {opml}")
    assert first.text.split("\n") == [
        "Imported 2 new sources of 4 in the OPML.",
        "• 2 more new feeds not read yet: at most 2 are read and followed per import; import the same OPML again "
        "for the rest"]
    second = await bot.say(f"sources import {opml}")
    assert second.text == "Imported 2 new sources of 4 in the OPML."
    assert len(await bot.followed()) == 4


def test_read_opml_keeps_every_entry_it_cannot_follow_with_its_reason() -> None:
    feeds = read_opml('<opml><body><outline xmlUrl="https://a.example/f.xml"/><outline xmlUrl="ftp://b/x"/>'
                      '<outline xmlUrl="http:///nohost"/><outline xmlUrl="https://a.example/f.xml"/>'
                      '<outline text="folder"/></body></opml>')
    assert [o.url for o in feeds.outlines] == ["https://a.example/f.xml"]
    assert [(s.url, s.reason) for s in feeds.skipped] == [("ftp://b/x", "not an http(s) address (ftp scheme)"),
                                                         ("http:///nohost", "no host in the address")]
    assert feeds.listed == 3


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
