"""On-demand briefings show news: an article published long ago but stored today is left out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.briefings import build_briefing
from bot.config import BriefingConfig, Config
from bot.store.db import Database
from tests.channels.channel_fakes import add_story

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
TEXT = "The {0} council met on Monday to discuss repairs. Officials said work on the {0} would start soon."


async def test_brief_since_leaves_out_old_articles_stored_lately(tmp_path: Path) -> None:
    db = await Database.open(str(tmp_path / "b.db"))
    try:
        stored = NOW - timedelta(hours=1)
        await add_story(db, "archive", text=TEXT.format("lighthouse"), title="Lighthouse restored", now=stored,
                        published=NOW - timedelta(days=300))
        await add_story(db, "today", text=TEXT.format("harbour"), title="Harbour repairs", now=stored)
        config = Config(briefing=BriefingConfig(publication_grace="48h"))
        recent = await build_briefing(db, config, now=NOW, since=NOW - timedelta(hours=24), topic=None)
        assert [i.story.id for i in recent.items] == ["today"]
        everything = await build_briefing(db, config, now=NOW, since=None, topic=None)  # no "since": all
        assert {i.story.id for i in everything.items} == {"archive", "today"}
    finally:
        await db.close()
