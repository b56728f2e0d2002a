"""The verbs whose answer is always for the asker alone declare it (``Command.private``), so a chat adapter can defer
them privately; one that may answer the channel does not."""

from __future__ import annotations

from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.store.db import Database
from tests.channels.test_topic_mentions_refused import NOW


def test_story_why_and_preview_are_private_and_brief_is_not(db: Database, config: Config) -> None:
    dispatcher = build_dispatcher(CommandDeps(config, db, ManualClock(NOW), None))
    private = {c.name for c in dispatcher.commands if c.private}
    assert {"story", "why", "preview"} <= private
    assert not private & {"brief", "whosaid", "subscribe", "mute", "track"}
