"""`briefbot channels`, `length CHANNEL` and `languages CHANNEL` only show: a [[channels]] entry the store does not
have yet is shown as `run` will make it, and nothing is written, so they work on a store the user may only read
(a PostgreSQL role with SELECT only); what they show is what they show once `run` has made the channels."""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot.app import App
from bot.cli_channels import run_channels, run_languages, run_length
from bot.clock import ManualClock
from bot.config import Config, load_config
from bot.store.channels import ChannelStore
from bot.store.db import Database
from bot.store.schema import channel_entries, channels, subscriptions
from tests.cli_run import cli
from tests.pg import PG_HOST, PG_PORT, fresh_database

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
READER, READER_PASSWORD = "briefbot_test_channels_reader", "Reader-Quay-7"
CONFIG = """[briefing]
timezone = "Europe/Brussels"

[[channels]]
id = "console:desk"
schedule = "weekdays 07:30"
topics = ["NATO", "Baltic ports", "NATO"]
quiet_hours = "22:00-07:00"
length = "short"
languages = ["fr", "en"]
alerts = 3
max_stories = 4

[[channels]]
id = "console:night"
schedule = "daily 21:00"
timezone = "Asia/Tokyo"
"""


def _config(tmp_path: Path) -> tuple[str, Config]:
    path = tmp_path / "briefbot.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return str(path), load_config(str(path))


async def _written(db: Database) -> list[int]:
    async with db.connect() as conn:
        return [int((await conn.execute(sa.select(sa.func.count()).select_from(t))).scalar() or 0)
                for t in (channels, subscriptions, channel_entries)]


def _shown(capsys: pytest.CaptureFixture[str], config: Config, url: str) -> tuple[list[dict[str, Any]], str, str]:
    """`channels --json`, `length console:desk` and `languages console:desk` at NOW, as printed."""
    async def show() -> None:
        for command, args in ((run_channels, argparse.Namespace(json=True)),
                              (run_length, argparse.Namespace(channel="console:desk", length="")),
                              (run_languages, argparse.Namespace(channel="console:desk", codes=[]))):
            app = App(config=config, db_url=url, clock=ManualClock(NOW))
            try:
                assert await command(args, app) == 0
            finally:
                await app.close()

    asyncio.run(show())
    out = capsys.readouterr().out
    listing, _, rest = out.partition("\n]\n")
    length, languages = rest.strip().splitlines()
    return json.loads(listing + "\n]"), length, languages


def test_showing_writes_nothing_and_shows_what_run_will_make(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    path, config = _config(tmp_path)
    url = f"sqlite:///{tmp_path / 'store.db'}"

    async def empty_store() -> None:
        db = await Database.open(url)
        await db.close()

    asyncio.run(empty_store())
    before = _shown(capsys, config, url)

    async def counts_then_seed() -> list[int]:
        db = await Database.open(url)
        try:
            written = await _written(db)
            await ChannelStore(db).seed(config, now=NOW)  # as `run` makes them at its start
            return written
        finally:
            await db.close()

    assert asyncio.run(counts_then_seed()) == [0, 0, 0]  # nothing was written by showing
    assert before == _shown(capsys, config, url)  # shown as `run` makes them
    [desk, night] = before[0]
    assert (desk["channel"], desk["topics"], desk["length"], desk["timezone"]) == (
        "console:desk", ["Baltic ports", "NATO"], "short", "Europe/Brussels")
    assert (night["channel"], night["timezone"]) == ("console:night", "Asia/Tokyo")
    code, out, _err = cli(capsys, "channels", "--config", path, "--db", url.removeprefix("sqlite:///"))
    assert code == 0 and "console:desk" in out and "console:night" in out


@pytest.fixture
def reader_url() -> Iterator[tuple[str, str]]:
    """A fresh PostgreSQL store, migrated by its owner: (the owner's URL, a URL for a role that may only read it)."""
    async def make() -> tuple[str, str]:
        import asyncpg  # type: ignore[import-untyped]

        owner = await fresh_database("briefbot_test_channels_reader")
        db = await Database.open(owner)
        await db.close()
        name = owner.rsplit("/", 1)[1]
        admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user="postgres", database=name)
        try:
            await admin.execute(f"DO $$ BEGIN CREATE ROLE {READER} LOGIN PASSWORD '{READER_PASSWORD}'; "
                                "EXCEPTION WHEN duplicate_object THEN NULL; END $$")
            await admin.execute(f'GRANT CONNECT ON DATABASE "{name}" TO {READER}')
            await admin.execute(f"GRANT USAGE ON SCHEMA public TO {READER}")
            await admin.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {READER}")
        finally:
            await admin.close()
        return owner, f"postgresql://{READER}:{READER_PASSWORD}@{PG_HOST}:{PG_PORT}/{name}"

    owner, reader = asyncio.run(make())
    yield owner, reader

    async def revoke() -> None:  # the role is cluster-wide: it keeps no rights on a database dropped later
        import asyncpg

        admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user="postgres", database=owner.rsplit("/", 1)[1])
        try:
            await admin.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {READER}")
            await admin.execute(f"REVOKE USAGE ON SCHEMA public FROM {READER}")
            await admin.execute(f'REVOKE CONNECT ON DATABASE "{owner.rsplit("/", 1)[1]}" FROM {READER}')
        finally:
            await admin.close()

    asyncio.run(revoke())


def test_a_role_that_may_only_read_sees_the_config_channels(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            reader_url: tuple[str, str]) -> None:
    path, config = _config(tmp_path)
    owner, reader = reader_url
    listing, length, languages = _shown(capsys, config, reader)
    assert [c["channel"] for c in listing] == ["console:desk", "console:night"]
    assert length.startswith("console:desk: ") and "not set up yet" not in length
    assert languages.startswith("console:desk: ") and "not set up yet" not in languages
    code, out, err = cli(capsys, "channels", "--config", path, "--db", reader)
    assert code == 0 and "console:desk" in out, err

    async def counts() -> list[int]:
        db = await Database.open(owner)
        try:
            return await _written(db)
        finally:
            await db.close()

    assert asyncio.run(counts()) == [0, 0, 0]
