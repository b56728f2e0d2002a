"""`/brief preview` in Slack shows the briefing's title once: in the header block, not again in the intro."""

from __future__ import annotations

import json

from slack_helpers import make_briefing

from adapters.slack.translate import reply_messages
from bot.commands.base import Reply


def preview_reply() -> Reply:
    """The reply as the preview command builds it (bot/commands/channel_commands.py)."""
    briefing = make_briefing(2, title="Harbour morning digest")
    return Reply(f"Preview: {briefing.title}", briefing=briefing, ephemeral=True)


def test_a_preview_shows_its_title_once() -> None:
    [first, *_] = reply_messages(preview_reply())
    assert first.blocks[0]["type"] == "header"
    assert first.blocks[0]["text"]["text"] == "Harbour morning digest"
    assert json.dumps(first.blocks).count("Harbour morning digest") == 1
    assert first.text.count("Harbour morning digest") == 1  # the plain-text fallback too
    assert "Preview:" in json.dumps(first.blocks[1])  # the label stays, just after the header


def test_a_briefing_reply_with_other_words_keeps_them() -> None:
    [first, *_] = reply_messages(Reply("Two stories matched", briefing=make_briefing(2, title="Harbour digest")))
    assert "Two stories matched" in json.dumps(first.blocks)
