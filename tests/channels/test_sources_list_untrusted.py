"""A feed's own title is untrusted text in ``/brief sources list``: markup escaped and @everyone defused, as article
text is in every other reply (bot/answer/plain.py)."""

from __future__ import annotations

import pytest

from bot.answer.plain import ZWSP
from bot.config import Config
from bot.store.db import Database
from bot.store.sources import SourceStore
from tests.channels.test_channels_commands import NOW, Bot

WIRE = "https://feeds.test/wire.xml"


@pytest.fixture
def bot(db: Database, config: Config) -> Bot:
    return Bot(db, config)


async def test_a_feed_title_with_markup_and_a_mass_mention_is_shown_as_text(bot: Bot) -> None:
    await bot.say(f"sources add {WIRE}")
    await SourceStore(bot.db).record_success(WIRE, kind="feed", name="**Harbour** [news](https://x.test) @everyone",
                                             now=NOW, added=1, etag=None, last_modified=None)
    listed = (await bot.say("sources list", manager=False)).text
    shown = r"(\*\*Harbour\*\* \[news\](https://x.test) @" + ZWSP + "everyone)"
    assert shown in listed, listed
    assert "@everyone" not in listed

