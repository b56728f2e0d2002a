"""A story's headline is feed text: repeated in the why/mute/unmute/track/untrack replies (and their lists) it
shows as text on Slack and Discord, with no link, bold, spoiler, code break-out, mention or broadcast made of it."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from benchmarks.reliability_render import assert_discord_safe, assert_slack_safe, strings
from bot.commands.base import Invocation
from bot.commands.channel_commands import commands
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from digests.render_discord import render_text_messages
from digests.render_slack import render_text
from tests.channels.test_followups import DAY1, REF, World

# invented for this test: a feed whose title carries a masked link, bold, a code break-out, a spoiler, a Slack
# broadcast token and Discord/Slack mentions
HOSTILE = {"title": "Harbour [click](https://evil.example) **bold** a`b ||spoiler|| <!channel> @everyone <@U999>",
           "outlet": "Quay Ledger", "url": "https://ledger.test/harbour-tolls", "text": (
               "The harbour board of Ostwick voted on Tuesday to raise mooring tolls for cargo ships by a tenth. "
               "Fishing boats are left out of the rise, the board said in a statement after the meeting. "
               "Shipping firms have until the end of the month to object before the new tolls take effect.")}

_MD_LINK = re.compile(r"(?<!\\)\]\((?:<)?https?://evil")
_MD_BOLD = re.compile(r"(?<!\\)\*\*bold")
_MD_SPOILER = re.compile(r"(?<!\\)\|\|spoiler")


def _assert_inert(said: str, text: str) -> None:
    for content in render_text_messages(text):
        assert_discord_safe(content, content=True)
        assert not _MD_LINK.search(content), (said, content)
        assert not _MD_BOLD.search(content), (said, content)
        assert not _MD_SPOILER.search(content), (said, content)
        assert "a`b" not in content, (said, content)
    for message in render_text(text):
        for shown in strings(message.blocks):
            assert_slack_safe(shown)
            assert "<https://evil" not in shown, (said, shown)
            assert "*bold*" not in shown, (said, shown)
            assert "a`b" not in shown, (said, shown)


async def test_a_hostile_headline_is_text_in_every_story_verb_reply(
        db: Database, config: Config, tmp_path: Path) -> None:
    world = World(db, config, tmp_path)
    await ChannelStore(db).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    await world.ingest(DAY1 + timedelta(hours=6), HOSTILE)
    story = await world.story_of(HOSTILE)
    verbs = {c.name: c for c in commands(CommandDeps(config, db, world.clock))}

    async def say(verb: str, text: str = "") -> str:
        options = {"story": text} if text else {}
        inv = Invocation(verb, text, "U7", REF, options, can_manage=True, now=world.clock())
        return (await verbs[verb].handler(inv)).text

    said = [("why", story), ("mute", story), ("mute", story), ("mute", ""), ("unmute", story), ("track", story),
            ("track", story), ("track", ""), ("untrack", story), ("mute", story), ("track", "1"), ("unmute", "1")]
    headlines = 0
    for verb, text in said:
        reply = await say(verb, text)
        _assert_inert(f"{verb} {text}", reply)
        headlines += "Harbour" in reply and "evil.example" in reply
    assert headlines >= 9  # the replies do repeat the headline: the checks were not vacuous
