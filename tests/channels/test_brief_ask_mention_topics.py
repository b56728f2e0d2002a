"""``brief <topic>`` and the topic of an ``ask`` question refuse a channel or person mention (``<#123>``,
``<@42> NATO``, ``#general``) with the hint ``subscribe`` and ``whosaid`` give, instead of searching its markup as
words; ``brief`` alone, ``brief since ...`` and a word with a symbol inside (``C#``) are read as before."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.base import Reply
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.models import ChannelRef
from bot.nlp.summarise import default_summariser
from bot.pipeline import Pipeline
from bot.store.db import Database

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
HINT = "topics are words in the news, not channels or people mentions"
MENTIONS = ["<#123456789012345678>", "<@42> NATO", "<@!42>", "#general", "<#C0123|general>", "<!here>"]


async def _say(db: Database, config: Config, text: str) -> Reply:
    dispatcher = build_dispatcher(CommandDeps(config, db, ManualClock(NOW), None))
    inv = dispatcher.from_text(text, user="U1", channel=ChannelRef("discord", "C1"), can_manage=True, now=NOW)
    return await dispatcher(inv)


@pytest.mark.parametrize("typed", MENTIONS)
async def test_brief_on_a_mention_is_refused_with_a_hint(db: Database, config: Config, typed: str) -> None:
    reply = await _say(db, config, f"brief {typed}")
    assert reply.error and reply.ephemeral and HINT in reply.text and "`brief NATO`" in reply.text


async def test_brief_on_a_mention_since_a_time_is_refused_too(db: Database, config: Config) -> None:
    reply = await _say(db, config, "brief <#123> since 3d")
    assert reply.error and HINT in reply.text


@pytest.mark.parametrize("text", ["brief", "brief since 3d", "brief C#", "brief NATO since 3d"])
async def test_brief_without_a_mention_is_read_as_before(db: Database, config: Config, text: str) -> None:
    reply = await _say(db, config, text)
    assert not reply.error and HINT not in reply.text and reply.text.startswith("No stories")


@pytest.mark.parametrize("question", ["who said what about <#123>", "who said what about <@42> NATO",
                                      "who is quoted most on #general", "brief me on <#123>",
                                      "what's new on #general since 3d", "what did Rutte say about <@42>"])
async def test_ask_about_a_mention_is_refused_with_a_hint(db: Database, config: Config, question: str) -> None:
    reply = await _say(db, config, f"ask {question}")
    assert reply.ephemeral and HINT in reply.text and "`ask " in reply.text


@pytest.mark.parametrize("question", ["who said what about C#", "brief me on NATO", "what did Rutte say"])
async def test_ask_about_words_is_not_refused(db: Database, config: Config, question: str) -> None:
    reply = await _say(db, config, f"ask {question}")
    assert HINT not in reply.text


async def test_brief_me_on_a_mention_is_refused_when_stories_match_its_words(db: Database, config: Config,
                                                                             tmp_path: Path) -> None:
    """``brief me on #NATO`` took the topic briefing path first, which found stories on NATO: refused there too."""
    path = tmp_path / "nato.json"
    path.write_text(json.dumps([{"title": "NATO ministers meet in Merrin", "url": "https://example.test/nato",
                                 "outlet": "Example Post", "published": NOW.isoformat(),
                                 "text": "NATO defence ministers met in Merrin on Monday to agree a new training "
                                         "plan for the alliance, officials said after the meeting ended."}]))
    pipeline = Pipeline(db, config, ManualClock(NOW), default_summariser())
    assert not (await pipeline.ingest([str(path)], None)).problems
    assert not (await _say(db, config, "ask brief me on NATO")).error  # the words alone find the story
    reply = await _say(db, config, "ask brief me on #NATO")
    assert reply.briefing is None and HINT in reply.text
