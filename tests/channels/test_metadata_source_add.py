"""Adding a link-local or cloud metadata URL as a source is refused at once, naming it, and nothing is stored: in chat
(`sources add`) and on the command line (`briefbot sources add`, `briefbot ingest`)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.config import Config, IngestConfig
from bot.ingest.fetch import Fetcher
from bot.models import ChannelRef
from bot.store.channels import ChannelStore
from bot.store.db import Database
from bot.store.schema import sources
from bot.store.sources import SourceStore
from tests.channels.test_feed_discovery import NOW
from tests.cli_run import cli

CHAN = ChannelRef("slack", "C0789")
TABLE = {"metadata.test": ["169.254.169.254"]}


async def _dns(host: str, port: int) -> list[str]:
    """Resolution without connecting: the guard's decisions only (nothing leaves 127.0.0.1)."""
    if host not in TABLE:
        raise OSError(-2, "Name or service not known")
    return TABLE[host]


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/", "http://metadata.test/latest/meta-data/"])
async def test_chat_sources_add_of_a_metadata_url_is_refused_and_nothing_stored(
        db: Database, config: Config, url: str) -> None:
    ingest = IngestConfig(allow_private_networks=True, timeout_seconds=2.0)
    async with Fetcher(ingest, resolver=_dns) as fetcher:
        deps = CommandDeps(replace(config, ingest=ingest), db, ManualClock(NOW), probe=fetcher.fetch)
        dispatcher = build_dispatcher(deps)
        reply = await dispatcher(dispatcher.from_text(f"sources add {url}", user="U1", channel=CHAN,
                                                      can_manage=True, now=NOW))
    assert reply.error and url in reply.text and "Nothing was followed." in reply.text, reply.text
    assert "trusted_hosts" in reply.text
    channel = await ChannelStore(db).get(CHAN)
    assert (channel.sources if channel else ()) == ()
    assert await SourceStore(db).list() == []


def _source_keys(db: str) -> list[str]:
    async def read() -> list[str]:
        database = await Database.open(db)
        try:
            async with database.connect() as conn:
                return [str(k) for k in (await conn.execute(sa.select(sources.c.key))).scalars()]
        finally:
            await database.close()

    return asyncio.run(read())


@pytest.mark.parametrize("verb", [("ingest",), ("sources", "add")])
def test_cli_add_of_a_metadata_url_is_refused_and_not_made_a_source(
        verb: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    url = "http://169.254.169.254/latest/"  # an address literal: the guard refuses it before any connection
    code, out, err = cli(capsys, *verb, url, "--no-quotes", "--db", db)
    said = out + err
    assert url in said and "169.254.169.254 is a cloud metadata address" in said, said
    assert "not added as a source" in said, said
    assert code != 0
    assert _source_keys(db) == []
