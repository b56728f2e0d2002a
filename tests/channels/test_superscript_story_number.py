"""A story number typed with a digit ``int`` cannot read (``story ²``) is read as headline words, never a crash."""

from __future__ import annotations

from pathlib import Path

from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.store.db import Database
from tests.channels.test_followups import REF
from tests.channels.test_preview_numbers import three_stories


async def test_a_story_number_written_with_a_superscript_is_a_headline_search(
        db: Database, config: Config, tmp_path: Path) -> None:
    world, _ids = await three_stories(db, config, tmp_path)
    dispatcher = build_dispatcher(CommandDeps(config, db, world.clock))
    for typed in ("story ²", "story #²", "mute ²", "track ²"):
        inv = dispatcher.from_text(typed, user="U7", channel=REF, can_manage=True, now=world.clock())
        reply = await dispatcher(inv)
        assert reply.text and "went wrong" not in reply.text.lower(), (typed, reply.text)
