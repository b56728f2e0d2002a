"""Redirect chains and a moved source: a 301 then a 302 moves the source up to the temporary hop only; a loop of
permanent redirects moves nothing (the read fails, naming the loop); a move to the same path with a trailing slash
is a move like any other, and the source is read there directly afterwards."""

from __future__ import annotations

from datetime import timedelta

from tests.polling.conftest import PollerFactory, make_feed
from tests.polling.feedserver import Feed, FeedServer, Reply


def moved(status: int, to: str) -> Feed:
    return Feed(failing=Reply(status, (("Location", to),)))


async def test_301_302_301_moves_the_source_to_the_temporary_hop(server: FeedServer,
                                                                 make_poller: PollerFactory) -> None:
    h = await make_poller()
    final = server.add(3, "feed.xml", make_feed("harbour", 2))
    third = server.add(2, "moved-again.xml", moved(301, final))
    temporary = server.add(1, "for-now.xml", moved(302, third))
    first = server.add(0, "harbour.rss", moved(301, temporary))
    await h.pipeline.sources.ensure(first, kind="feed", now=h.clock())
    assert (await h.poller.poll_due()).added == 2
    assert [s.key for s in await h.pipeline.sources.list()] == [temporary]
    h.clock.advance(timedelta(hours=1))
    again = await h.poller.poll_due()  # read at the temporary hop, whose 302 is no move
    assert (again.polled, again.failed) == (1, 0)
    assert [s.key for s in await h.pipeline.sources.list()] == [temporary]
    assert len(server.requests_to(first)) == 1 and len(server.requests_to(temporary)) == 2


async def test_a_permanent_redirect_loop_moves_nothing(server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    a, b = server.url(0, "a.xml"), server.url(1, "b.xml")
    server.add(0, "a.xml", moved(301, b))
    server.add(1, "b.xml", moved(308, a))
    await h.pipeline.sources.ensure(a, kind="feed", now=h.clock())
    assert (await h.poller.poll_due()).failed == 1
    [state] = await h.pipeline.sources.list()
    assert state.key == a and state.failures == 1 and "redirect loop" in (state.last_error or "")


async def test_a_trailing_slash_move_is_followed(server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    slashed = server.add(0, "feed/", make_feed("harbour", 2))
    bare = server.add(0, "feed", moved(301, slashed))
    await h.pipeline.sources.ensure(bare, kind="feed", now=h.clock())
    await h.poller.poll_due()
    h.clock.advance(timedelta(hours=1))
    await h.poller.poll_due()
    [state] = await h.pipeline.sources.list()
    assert state.key == slashed and state.articles == 2
    assert len(server.requests_to(bare)) == 1 and len(server.requests_to(slashed)) == 2
