"""Cloud metadata and link-local addresses stay refused with allow_private_networks; trusted_hosts is the narrow way."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import IngestConfig, parse_config
from bot.ingest.fetch import Fetcher
from bot.ingest.normalise import RawArticle, build_all
from bot.ingest.ssrf import AddressGuard, Refused

NOW = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)
TABLE = {"metadata.test": ["169.254.169.254"], "lan.test": ["10.1.2.3"], "feeds.internal": ["169.254.10.10"],
         "loop.test": ["127.0.0.1"]}


async def _dns(host: str, port: int) -> list[str]:
    """Resolution without connecting: the guard's decisions only (nothing leaves 127.0.0.1)."""
    if host not in TABLE:
        raise OSError(-2, "Name or service not known")
    return TABLE[host]


@pytest.mark.parametrize("host", ["169.254.169.254", "metadata.test", "[fd00:ec2::254]", "100.100.100.200",
                                  "169.254.1.1", "[fe80::1]", "2852039166", "0xa9fea9fe", "0251.0376.0251.0376",
                                  "0xA9.0xFE.0xA9.0xFE", "169.254.43518", "[::ffff:169.254.169.254]"])
async def test_metadata_and_link_local_refused_even_with_private_networks_allowed(host: str) -> None:
    guard = AddressGuard(allow_private=True, resolver=_dns)
    with pytest.raises(Refused) as caught:
        await guard.resolve(host, 80)
    assert "trusted_hosts" in str(caught.value)


@pytest.mark.parametrize("host", ["10.1.2.3", "lan.test", "127.0.0.1", "loop.test", "[::1]"])
async def test_private_networks_still_allowed_by_the_flag(host: str) -> None:
    guard = AddressGuard(allow_private=True, resolver=_dns)
    assert await guard.resolve(host, 80)


async def test_trusted_host_with_port_is_exempt_only_on_that_port() -> None:
    guard = AddressGuard(allow_private=False, resolver=_dns, trusted_hosts=["feeds.internal:8080"])
    assert await guard.resolve("feeds.internal", 8080) == ["169.254.10.10"]
    with pytest.raises(Refused):
        await guard.resolve("feeds.internal", 9090)
    with pytest.raises(Refused):
        await guard.resolve("metadata.test", 8080)


async def test_trusted_host_without_port_is_exempt_on_any_port() -> None:
    guard = AddressGuard(allow_private=False, resolver=_dns, trusted_hosts=["FEEDS.internal."])
    assert await guard.resolve("feeds.internal", 443) == ["169.254.10.10"]


def test_trusted_hosts_read_from_config_and_used_by_the_fetcher() -> None:
    config = parse_config({"ingest": {"trusted_hosts": ["feeds.internal:8080"]}}, {})
    assert config.ingest.trusted_hosts == ("feeds.internal:8080",)
    fetcher = Fetcher(config.ingest, resolver=_dns)
    assert fetcher.trusted_hosts == frozenset({"feeds.internal:8080"})


def test_feed_item_link_to_metadata_is_dropped_with_a_note() -> None:
    raws = [RawArticle(title="Ellon ladder truck", text="The Ellon fire brigade bought a new ladder truck.",
                       url="http://169.254.169.254/latest/meta-data/", guid="a5"),
            RawArticle(title="Ellon ladder again", text="The Ellon brigade showed its ladder truck to pupils.",
                       url="http://2852039166/latest/", guid="a6"),
            RawArticle(title="Ellon bridge", text="Ellon bridge got a new coat of paint on Monday.",
                       url="http://127.0.0.1:8000/p/bridge", guid="a7")]
    articles, problems = build_all(raws, source="s", input_name="feed.xml", now=NOW, config=IngestConfig())
    assert [a.url for a in articles] == ["", "", "http://127.0.0.1:8000/p/bridge"]
    notes = [p for p in problems if "metadata" in p.reason or "link-local" in p.reason]
    assert len(notes) == 2 and all(p.kept for p in notes)
    assert "169.254.169.254" in notes[0].reason and "link dropped" in notes[0].reason
