"""A topic typed with terminal escape sequences or control characters (``Valdoria\\x1b]0;pwned\\x07``) is stored
without them, and ``briefbot channels`` never prints one raw to the operator's terminal (a topic an older version
stored as typed included)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.commands.topic_input import chat_topic
from bot.config import Config
from bot.models import ChannelRef
from bot.store.channels import ChannelStore
from bot.store.db import Database
from bot.topics import TopicError, parse_topic
from tests.channels.test_channels_commands import Bot
from tests.cli_run import cli

TITLE_SET = "Valdoria\x1b]0;pwned\x07"  # sets the terminal's title to "pwned"
COLOURED = "\x1b[31mMarant\x1b[0m harbour\x9b2J\x00"


def _raw(text: str) -> bool:
    return any(c in text for c in "\x1b\x07\x9b\x00")


def test_chat_topic_drops_escape_sequences_and_controls() -> None:
    assert chat_topic(TITLE_SET).text == "Valdoria"
    assert chat_topic(COLOURED).text == "Marant harbour"
    assert parse_topic("NATO\x07 -sport\x1b[2J").text == "NATO -sport"
    with pytest.raises(TopicError):
        chat_topic("\x1b]0;pwned\x07")  # nothing left: no topic


def test_cli_subscribe_stores_and_lists_the_topic_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "esc.db")
    code, out, _ = cli(capsys, "subscribe", "console:main", TITLE_SET, "--db", db)
    assert code == 0 and out.strip() == "console:main: subscribed to Valdoria"
    code, out, _ = cli(capsys, "channels", "--db", db)
    assert code == 0 and "topics: `Valdoria`\n" in out and not _raw(out)


def test_channels_prints_an_old_raw_topic_without_its_escapes(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "old.db")
    assert cli(capsys, "subscribe", "console:main", "NATO", "--db", db)[0] == 0

    async def stored_raw() -> None:  # as an older version stored a chat-typed topic
        database = await Database.open(db)
        await ChannelStore(database).subscribe(ChannelRef.parse("console:main"), TITLE_SET, user="U1",
                                               now=datetime(2026, 11, 20, tzinfo=UTC))
        await database.close()

    asyncio.run(stored_raw())
    code, out, _ = cli(capsys, "channels", "--db", db)
    assert code == 0 and "topics: `Valdoria`, `NATO`" in out and not _raw(out)


async def test_chat_subscribe_stores_the_topic_without_escapes(db: Database, config: Config) -> None:
    bot = Bot(db, config)
    reply = await bot.say(f"subscribe {TITLE_SET}")
    assert reply.text.startswith("Subscribed to `Valdoria`") and not _raw(reply.text)
    [channel] = await ChannelStore(db).all()
    assert channel.topics == ("Valdoria",)
