"""`whosaid <a person>` finds what was said about them (not their own words), and points to `ask what did <them>
say` for those; a topic that names nobody gets no such pointer."""

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
ARTICLE = """Tarnholm opens its new ferry quay

Tarnholm opened its new ferry quay on Monday after two years of building work.

"The ferry will run every hour from Tuesday, and twice an hour at the weekend," mayor Ilse Marovic said at the \
opening.

Harbour master Jonas Vell said the quay could take ships twice the size of the old ones.

Local traders said they hoped the ferry would bring more visitors to the old town.
"""


async def test_whosaid_a_person_points_to_what_they_said(tmp_path: Path) -> None:
    (tmp_path / "quay.txt").write_text(ARTICLE, encoding="utf-8")
    app = App(config=Config(), db_url=f"sqlite:///{tmp_path}/s.db", clock=lambda: NOW)
    try:
        await (await make_pipeline(app)).ingest([str(tmp_path / "quay.txt")], None)
        dispatch = build_dispatcher(CommandDeps(app.config, await app.db(), app.clock))
        channel = ChannelRef("console", "main")

        async def say(verb: str, args: str) -> str:
            return (await dispatch(Invocation(verb, args, "u1", channel, now=NOW, prefix="/news"))).text

        # her own words are not said about her, though their sentence names her: nobody else was quoted about her
        person = await say("whosaid", "Marovic")
        assert person == ("I found nothing anyone said about Marovic; for what Ilse Marovic said: "
                          "`/news ask what did Ilse Marovic say`."), person
        assert "Ilse Marovic" in await say("ask", "what did Marovic say")
        topic = await say("whosaid", "ferry quay")
        assert "That is what was said about" not in topic and "ask what did" not in topic, topic
    finally:
        await app.close()
