"""The console shows a preview's briefing title once (the "Preview:" label, then the rendered briefing), and article
text as written, without the backslashes chat replies escape markup with."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from adapters.console import ConsoleAdapter
from bot.commands.base import Reply
from bot.models import Briefing, BriefingItem, Story

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


def briefing() -> Briefing:
    story = Story(id="s1", headline="Ferry to Ostrava Isle resumes", sources=(), summary=())
    return Briefing(title="Morning brief", generated=NOW, items=(BriefingItem(story, 1.0, "matched: ferry"),))


def test_a_preview_prints_its_title_once() -> None:
    out = io.StringIO()
    shown = briefing()
    ConsoleAdapter(stdout=out).show(Reply(f"Preview: {shown.title}", briefing=shown, ephemeral=True))
    text = out.getvalue()
    assert text.count("Morning brief") == 1
    assert text.startswith("Preview:\n") and "1. Ferry to Ostrava Isle resumes" in text


def test_other_replies_with_a_briefing_keep_their_text() -> None:
    out = io.StringIO()
    ConsoleAdapter(stdout=out).show(Reply("Two stories matched", briefing=briefing()))
    assert out.getvalue().startswith("Two stories matched\nMorning brief — ")


def test_article_text_escaped_for_chat_shows_as_written() -> None:
    from bot.answer.plain import plain
    out = io.StringIO()
    title = "Harbour [update] *now* | Ostrava Times"
    ConsoleAdapter(stdout=out).show(Reply(f"Who said what: {plain(title)}"))
    assert out.getvalue() == f"Who said what: {title}\n"
