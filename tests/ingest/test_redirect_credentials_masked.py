"""A redirect target carrying a password is masked in every FetchError reason, whoever catches it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web
from ingest_server import serving

from bot.answer.plain import unescaped
from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.config import Config, IngestConfig
from bot.ingest.fetch import Fetcher, FetchError, RedirectRefused
from bot.ingest.full_text import FullText
from bot.ingest.normalise import RawArticle, build_article
from bot.ingest.sources import SourceResult
from bot.models import ChannelRef
from bot.store.db import Database

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
CONFIG = IngestConfig(allow_private_networks=True, timeout_seconds=3.0, connect_timeout_seconds=2.0)
CHAN = ChannelRef("slack", "C0789")
SECRET = "secret"


@dataclass
class Looping:
    """A local server whose /start and /x send the client on to /x with a user name and password in it (a loop);
    /hop/N sends it on to /hop/N+1, with them too (no loop, but no end)."""

    port: int

    @property
    def start(self) -> str:
        return f"http://127.0.0.1:{self.port}/start"

    @property
    def target(self) -> str:
        return f"http://user:{SECRET}@127.0.0.1:{self.port}/x"


@pytest.fixture
async def looping() -> AsyncIterator[Looping]:
    state = Looping(0)

    async def loop(_request: web.Request) -> web.Response:
        raise web.HTTPFound(state.target)

    async def onward(request: web.Request) -> web.Response:
        raise web.HTTPFound(f"http://user:{SECRET}@127.0.0.1:{state.port}/hop/{int(request.match_info['n']) + 1}")

    app = web.Application()
    app.router.add_get("/start", loop)
    app.router.add_get("/x", loop)
    app.router.add_get("/hop/{n}", onward)
    async with serving(app) as port:
        state.port = port
        yield state


async def test_a_redirect_loop_names_its_target_without_the_password(looping: Looping) -> None:
    async with Fetcher(CONFIG) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(looping.start)
    masked = f"http://user:***@127.0.0.1:{looping.port}/x"
    assert caught.value.reason.startswith("redirect loop: ") and masked in caught.value.reason
    assert SECRET not in caught.value.reason and SECRET not in str(caught.value)


async def test_too_many_redirects_and_a_refused_hop_mask_it_too(looping: Looping) -> None:
    async with Fetcher(IngestConfig(allow_private_networks=True, max_redirects=1)) as fetcher:
        with pytest.raises(FetchError) as many:
            await fetcher.fetch(f"http://127.0.0.1:{looping.port}/hop/0")

        async def refuse(_target: str) -> str:
            return "not on the list"

        with pytest.raises(RedirectRefused) as refused:
            await fetcher.fetch(looping.start, may_follow=refuse)
    assert many.value.reason.startswith("too many redirects") and "user:***@" in many.value.reason
    assert refused.value.reason.startswith("redirect to ") and "user:***@" in refused.value.reason
    assert SECRET not in many.value.reason and SECRET not in refused.value.reason
    assert SECRET not in str(many.value) and SECRET not in str(refused.value)


async def test_sources_add_in_chat_does_not_show_the_password(looping: Looping, tmp_path: Path) -> None:
    db = await Database.open(f"sqlite:///{tmp_path / 'channels.db'}")
    try:
        async with Fetcher(CONFIG) as fetcher:
            deps = CommandDeps(Config(ingest=CONFIG), db, ManualClock(NOW), probe=fetcher.fetch)
            dispatcher = build_dispatcher(deps)
            reply = await dispatcher(dispatcher.from_text(f"sources add {looping.start}", user="U1", channel=CHAN,
                                                          can_manage=True, now=NOW))
    finally:
        await db.close()
    # as chat shows it: the masked URL's asterisks come backslash-escaped (a reason's text is made inert)
    assert "redirect loop" in reply.text and "user:***@127.0.0.1" in unescaped(reply.text)
    assert SECRET not in reply.text


async def test_a_teasers_page_fetch_does_not_log_the_password(looping: Looping) -> None:
    feed = f"http://127.0.0.1:{looping.port}/feed.xml"
    item = build_article(RawArticle(title="Ferry timetable changes for the winter", url=looping.start,
                                    text="The ferry runs less often from next week.", guid="f-1", published=NOW),
                         source=feed, now=NOW, config=CONFIG)
    read = SourceResult(feed, "feed", "Lake Gazette", (item,), ())

    async def nothing_stored(ids: object) -> set[str]:
        return set()

    async def no_wait(_seconds: float) -> None:
        return None

    full_text = FullText(CONFIG, max_age=timedelta(days=9), robots=None, sleep=no_wait)
    async with Fetcher(CONFIG) as fetcher:
        done = await full_text.complete(read, fetcher=fetcher, stored=nothing_stored, now=NOW)
    assert done.articles == (item,)  # the teaser stays
    [note] = done.problems
    assert "redirect loop" in note.reason and "user:***@127.0.0.1" in note.reason
    assert SECRET not in note.reason
