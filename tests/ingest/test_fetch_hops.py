"""The caller's say on each redirect target: asked before the target is requested, after the address checks."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from ingest_server import Server, serve

from bot.config import IngestConfig
from bot.ingest.fetch import Fetcher, FetchError, RedirectRefused

LOCAL = IngestConfig(allow_private_networks=True, timeout_seconds=2.0, connect_timeout_seconds=2.0)
PUBLIC_ONLY = IngestConfig(timeout_seconds=2.0)  # private networks NOT allowed


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    async with serve() as running:
        yield running


class Gate:
    """A ``may_follow`` that refuses the URLs it is told to and remembers what it was asked."""

    def __init__(self, *refuse: str) -> None:
        self.refuse = set(refuse)
        self.asked: list[str] = []

    async def __call__(self, url: str) -> str:
        self.asked.append(url)
        return "the gate says no" if url in self.refuse else ""


async def test_a_refused_redirect_target_is_never_requested(server: Server) -> None:
    gate = Gate(server.url("/chain/2"))
    async with Fetcher(LOCAL) as fetcher:
        with pytest.raises(RedirectRefused) as caught:
            await fetcher.fetch(server.url("/chain/0"), may_follow=gate)
    assert gate.asked == [server.url("/chain/1"), server.url("/chain/2")]  # each hop, not the first URL
    assert server.requested == ["/chain/0", "/chain/1"]
    assert caught.value.target == server.url("/chain/2") and caught.value.status is None
    assert caught.value.reason == f"redirect to {server.url('/chain/2')} not followed: the gate says no"


async def test_allowed_hops_are_followed_and_loops_and_chains_still_end(server: Server) -> None:
    gate = Gate()
    async with Fetcher(LOCAL) as fetcher:
        moved = await fetcher.fetch(server.url("/moved"), may_follow=gate)
        with pytest.raises(FetchError, match="redirect loop: "):
            await fetcher.fetch(server.url("/loop-a"), may_follow=gate)
        with pytest.raises(FetchError, match=r"too many redirects \(more than 5\)"):
            await fetcher.fetch(server.url("/chain/0"), may_follow=gate)
    assert moved.url == server.url("/feed.xml") and moved.body.startswith(b"<?xml")
    assert gate.asked[:2] == [server.url("/feed.xml"), server.url("/loop-b")]
    assert gate.asked[2:] == [server.url(f"/chain/{n}") for n in range(1, 6)]


async def _fake_dns(host: str, port: int) -> list[str]:
    return {"allowed.test": ["127.0.0.1"], "internal.test": ["10.1.2.3"]}[host]


async def test_an_address_refusal_comes_first_and_the_gate_is_not_asked(server: Server) -> None:
    gate = Gate()
    url = server.url("/to-internal", host="allowed.test")
    async with Fetcher(PUBLIC_ONLY, resolver=_fake_dns, trusted_hosts=["allowed.test"]) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(url, may_follow=gate)
    assert not isinstance(caught.value, RedirectRefused)
    assert "internal.test resolves to 10.1.2.3, which is a private address" in caught.value.reason
    assert gate.asked == []
