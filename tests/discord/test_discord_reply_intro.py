"""A briefing reply on Discord follows ``Reply.intro()`` as the console and Slack do: the reply's words without the
briefing's title, then the header line (the title once, in bold, with the story count), whatever the reply's wording."""

from __future__ import annotations

from discord_harness import real_briefing

from adapters.discord.client import reply_messages
from bot.commands.base import Reply
from digests.render_discord import header

TITLE = "Harbour morning digest"


def first_content(reply: Reply) -> str:
    return str(reply_messages(reply)[0]["content"])


def test_a_preview_shows_its_label_and_the_header_line_with_the_title_once() -> None:
    """The preview command's reply (bot/commands/channel_commands.py): ``Preview: <title>``."""
    briefing = real_briefing(2, title=TITLE)
    content = first_content(Reply(f"Preview: {briefing.title}", briefing=briefing, ephemeral=True))
    assert content == f"Preview:\n{header(briefing)}"  # the label above the header line, as Slack shows it
    assert content.count(TITLE) == 1 and "2 stories" in content


def test_a_note_before_the_title_stays_on_its_own_line_above_the_header() -> None:
    briefing = real_briefing(2, title=TITLE)
    note = "Nothing new since your last briefing; the latest stories:"
    assert first_content(Reply(f"{note}\n{TITLE}", briefing=briefing)) == f"{note}\n{header(briefing)}"


def test_the_title_alone_is_the_header_line_and_other_words_are_kept_above_it() -> None:
    briefing = real_briefing(2, title=TITLE)
    assert first_content(Reply(TITLE, briefing=briefing)) == header(briefing)
    reply = Reply("Two stories matched", briefing=briefing)
    assert first_content(reply) == f"{reply.intro()}\n{header(briefing)}"
