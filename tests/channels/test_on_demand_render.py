"""An on-demand briefing (`/brief`) shows its title once on Slack (its header) and keeps Discord's header line (title,
story count); the note that its numbers are its own comes before the stories on Slack, Discord and the console."""

from __future__ import annotations

import io
from datetime import timedelta

from adapters.console import ConsoleAdapter
from adapters.discord.client import reply_messages as discord_messages
from adapters.slack.translate import reply_messages as slack_messages
from bot.clock import ManualClock
from bot.config import Config
from bot.store.db import Database
from digests.render_discord import header
from tests.channels.test_briefing_length import Chat
from tests.channels.test_followups import DAY1
from tests.channels.test_on_demand_mutes import OWN_NUMBERS, three_stories


def block_texts(reply_blocks: tuple[dict[str, object], ...]) -> list[str]:
    out = []
    for block in reply_blocks:
        text = block.get("text")
        if isinstance(text, dict):
            out.append(str(text.get("text", "")))
    return out


async def test_the_title_is_shown_once_and_the_note_before_the_stories(db: Database, config: Config) -> None:
    await three_stories(db)
    chat = Chat(db, config, ManualClock(DAY1 + timedelta(hours=9)))
    plain = await chat.say("brief", manager=False)  # numbered as `story <n>` counts: no note
    preview = (await chat.say("preview", manager=False)).briefing
    assert preview is not None
    noted = await chat.say(f"brief {preview.items[1].story.id}", manager=False)  # number 2 there, 1 here: a note
    for reply, note in ((plain, False), (noted, True)):
        assert reply.briefing is not None
        title = reply.briefing.title
        first = slack_messages(reply)[0]
        texts = block_texts(first.blocks)
        assert first.blocks[0]["type"] == "header" and texts[0] == title
        assert texts.count(title) == 1, texts  # the header only, not again in a section under it
        assert texts[1].startswith(OWN_NUMBERS) == note  # the note right under the header, before the stories
        content = discord_messages(reply)[0]["content"]
        assert content.endswith(header(reply.briefing)), content  # "**Briefing** — 1 story": title and count kept
        assert content.startswith(OWN_NUMBERS) == note
        printed = io.StringIO()
        ConsoleAdapter(stdout=printed).show(reply)
        assert printed.getvalue().startswith(OWN_NUMBERS) == note
        lines = printed.getvalue().splitlines()
        assert sum(line.startswith(title) for line in lines) == 1, lines  # "Briefing — <when>", once
