"""`ask "brief me on X"` answers with a real topic briefing built by the same composer as `brief`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.app import App, make_pipeline
from bot.commands import build_dispatcher
from bot.commands.base import Invocation
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.models import ChannelRef

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


async def test_brief_me_on_a_topic_returns_a_briefing(tmp_path: Path, shared_dir: Path) -> None:
    app = App(config=Config(), db_url=f"sqlite:///{tmp_path}/s.db", clock=lambda: NOW)
    try:
        pipeline = await make_pipeline(app)
        await pipeline.ingest([str(shared_dir / "seeds")], None)
        dispatch = build_dispatcher(CommandDeps(app.config, await app.db(), app.clock))
        channel = ChannelRef("console", "main")
        reply = await dispatch(Invocation("ask", "brief me on NATO", "u1", channel, now=NOW))
        assert reply.briefing is not None and not reply.error
        assert len(reply.briefing.items) == 1
        assert len(reply.briefing.items[0].story.sources) == 2
        assert reply.briefing.items[0].why.startswith("matched:")
        nothing = await dispatch(Invocation("ask", "brief me on cricket", "u1", channel, now=NOW))
        assert nothing.briefing is None and "cricket" in nothing.text
    finally:
        await app.close()
