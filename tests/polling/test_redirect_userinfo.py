"""A permanent redirect to an address with a user name and password does not move the source (`briefbot sources`
would show the password); no log line or last error names a redirect target's password."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.store.sources import SourceState
from tests.polling.conftest import Harness, PollerFactory, make_feed
from tests.polling.feedserver import Feed, FeedServer, Reply

SECRET = "hunter2secret"


def moved(status: int, to: str) -> Feed:
    return Feed(failing=Reply(status, (("Location", to),)))


def with_userinfo(url: str) -> str:
    scheme, rest = url.split("://", 1)
    return f"{scheme}://reader:{SECRET}@{rest}"


async def _only(h: Harness) -> SourceState:
    [state] = await h.pipeline.sources.list()
    return state


@pytest.mark.parametrize("status", [301, 308])
async def test_a_move_to_an_address_with_a_password_is_refused(status: int, server: FeedServer,
                                                               make_poller: PollerFactory,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    h = await make_poller()
    new = server.add(1, "feeds/harbour.xml", make_feed("harbour", 2))
    old = server.add(0, "harbour.rss", moved(status, with_userinfo(new)))
    await h.pipeline.sources.ensure(old, kind="feed", now=h.clock())
    with caplog.at_level(logging.INFO):
        await h.poller.poll_due()
        h.clock.advance(timedelta(hours=1))
        await h.poller.poll_due()
    state = await _only(h)
    assert state.key == old  # still polled at the old address
    assert len(server.requests_to(old)) == 2
    assert state.last_error is not None and SECRET not in state.last_error
    assert "user name and password" in state.last_error and "reader:***@" in state.last_error, state.last_error
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and old in warnings[0], warnings
    assert all(SECRET not in r.getMessage() for r in caplog.records)


async def test_a_redirect_loop_through_a_password_is_told_without_it(server: FeedServer,
                                                                      make_poller: PollerFactory,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    h = await make_poller()
    url = server.url(0, "loop.xml")
    server.add(0, "loop.xml", moved(302, with_userinfo(url)))
    await h.pipeline.sources.ensure(url, kind="feed", now=h.clock())
    with caplog.at_level(logging.INFO):
        await h.poller.poll_due()
    state = await _only(h)
    assert state.failures == 1 and state.last_error is not None
    assert SECRET not in state.last_error and "reader:***@" in state.last_error, state.last_error
    assert all(SECRET not in r.getMessage() for r in caplog.records)



@pytest.mark.parametrize(("text", "shown"), [
    ("redirect loop: https://a.example/f -> https://u:pw@a.example/f", "redirect loop: https://a.example/f -> "
                                                                      "https://u:***@a.example/f"),
    ("to https://TOKEN@b.example/feed?x=1 not followed", "to https://***@b.example/feed?x=1 not followed"),
    ("mail me@example.org at https://c.example/a@b", "mail me@example.org at https://c.example/a@b")])
def test_mask_userinfo(text: str, shown: str) -> None:
    from bot.ingest.userinfo import has_userinfo, mask_userinfo

    assert mask_userinfo(text) == shown
    assert has_userinfo("https://u:pw@a.example/f") and not has_userinfo("https://c.example/a@b")
