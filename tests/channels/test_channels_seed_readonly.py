"""`briefbot channels` (it only shows) on a config with a [[channels]] entry `run` would refuse still lists the
store, and says why that entry is not among them; two commands seeding the same config at once both succeed."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import load_config
from bot.store.channels import ChannelStore
from bot.store.db import Database
from tests.cli_run import cli

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
GOOD = '[[channels]]\nid = "console:desk"\nschedule = "daily 07:30"\ntopics = ["NATO"]\n'
BAD_TOPIC = '[[channels]]\nid = "console:late"\nschedule = "daily 09:00"\ntopics = ["NATO OR"]\n'


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "briefbot.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _seeded_store(path: Path, config_path: str) -> str:
    async def make() -> None:
        db = await Database.open(str(path))
        await ChannelStore(db).seed(load_config(config_path), now=NOW)
        await db.close()

    asyncio.run(make())
    return str(path)


def test_channels_lists_the_store_though_a_config_topic_is_bad(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    db = _seeded_store(tmp_path / "b.db", _write(tmp_path, GOOD))
    config = _write(tmp_path, GOOD + BAD_TOPIC)  # an entry added since, with a topic `run` refuses
    code, out, err = cli(capsys, "channels", "--config", config, "--db", db)
    assert code == 0, (out, err)
    assert "console:desk" in out
    assert "channels[1].topics[0]" in err


def test_two_seeds_at_once_both_succeed(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, GOOD))

    async def both() -> list[str]:
        db = await Database.open(str(tmp_path / "race.db"))
        try:
            await asyncio.gather(ChannelStore(db).seed(config, now=NOW), ChannelStore(db).seed(config, now=NOW))
            return [c.key for c in await ChannelStore(db).all()]
        finally:
            await db.close()

    assert asyncio.run(both()) == ["console:desk"]
