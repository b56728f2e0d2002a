"""Chat replies as the docs describe them: a source never polled yet is polled at the next round, and language
replies name each language (``Norwegian (no)``), not only its code."""

from __future__ import annotations

import pytest

from bot.config import Config
from bot.store.db import Database
from bot.store.sources import SourceStore
from tests.channels.test_channels_commands import NOW, Bot

WIRE = "https://feeds.test/wire.xml"


@pytest.fixture
def bot(db: Database, config: Config) -> Bot:
    return Bot(db, config)


async def test_a_source_never_polled_is_polled_at_the_next_round(bot: Bot) -> None:
    await bot.say(f"sources add {WIRE}")
    listed = (await bot.say("sources list", manager=False)).text
    assert f"{WIRE} — last fetch never, next poll at the next round" in listed, listed
    assert "next poll never" not in listed


async def test_a_polled_source_shows_its_next_poll_time(bot: Bot) -> None:
    await bot.say(f"sources add {WIRE}")
    await SourceStore(bot.db).record_success(WIRE, kind="feed", name="", now=NOW, added=1, etag=None,
                                             last_modified=None)
    await SourceStore(bot.db).update(WIRE, next_poll_at=NOW.replace(hour=13))
    listed = (await bot.say("sources list", manager=False)).text
    assert "last fetch 2026-06-01 12:00 UTC, next poll 2026-06-01 13:00 UTC" in listed, listed


async def test_a_source_named_by_the_operator_keeps_its_name_in_the_list(bot: Bot) -> None:
    store = SourceStore(bot.db, names={WIRE: "Example News"})
    await store.ensure(WIRE, kind="", now=NOW, name="Example News")
    await bot.say(f"sources add {WIRE}")
    await store.record_success(WIRE, kind="feed", name="The Wire's Own Title", now=NOW, added=1, etag=None,
                               last_modified=None)
    listed = (await bot.say("sources list", manager=False)).text
    assert f"{WIRE} (Example News) — last fetch" in listed, listed


async def test_languages_set_by_name_are_named_in_the_reply(bot: Bot) -> None:
    chosen = await bot.say("languages Norwegian")
    assert not chosen.error and chosen.text.startswith("Briefings here now carry stories in Norwegian (no)."), \
        chosen.text
    several = await bot.say("languages fr, nynorsk syr")
    assert several.text.startswith(
        "Briefings here now carry stories in French (fr), Norwegian Nynorsk (nn), Syriac (syr)."), several.text
    shown = await bot.say("languages", manager=False)
    assert shown.text.startswith(
        "Briefings here carry stories in French (fr), Norwegian Nynorsk (nn), Syriac (syr)."), shown.text
    every = await bot.say("languages all")
    assert every.text.startswith("Briefings here now carry stories in all languages."), every.text
