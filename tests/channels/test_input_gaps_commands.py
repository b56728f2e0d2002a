"""Chat input gaps closed, through the real dispatcher and the console adapter: topics with a symbol or of common
words, unsubscribe A, B, language names, a weekday schedule without a time and ``/Brief`` in any case."""

from __future__ import annotations

import io

import pytest

from adapters.console import ConsoleAdapter
from bot.commands.base import Invocation, Reply
from bot.config import Config
from bot.store.channels import ChannelStore
from bot.store.db import Database
from tests.channels.test_channels_commands import CHAN, Bot


@pytest.fixture
def bot(db: Database, config: Config) -> Bot:
    return Bot(db, config)


async def test_topics_with_a_symbol_or_of_common_words(bot: Bot) -> None:
    added = await bot.say('subscribe c++, c#, f#, "the who"')
    assert added.text.startswith('Subscribed to `c++`, `c#`, `f#` and `"the who"`.'), added.text
    for common in ("the", "and", "of the"):
        refused = await bot.say(f"subscribe {common}")
        assert refused.error and f"`{common}` has only common words" in refused.text, refused.text
        assert "capital" in refused.text
    helped = await bot.say("subscribe help")
    assert helped.error and "`/brief help`" in helped.text and "`subscribe Help`" in helped.text, helped.text
    channel = await ChannelStore(bot.db).get(CHAN)
    assert channel is not None and sorted(channel.topics) == ['"the who"', "c#", "c++", "f#"]


async def test_unsubscribe_a_comma_list(bot: Bot) -> None:
    await bot.say("subscribe Valdoria, Merrin, Washington, D.C., 1,000 jobs, Lisport")
    both = await bot.say("unsubscribe valdoria, Merrin")
    assert not both.error and both.text == "Unsubscribed from `Valdoria` and `Merrin`.", both.text
    kept = await bot.say("unsubscribe Washington, D.C., 1,000 jobs")
    assert kept.text == "Unsubscribed from `Washington, D.C.` and `1,000 jobs`.", kept.text
    await bot.say("subscribe Merrin")
    missing = await bot.say("unsubscribe Lisport, Ardmoor, cricket")  # the listed one goes, the others are named
    assert not missing.error and missing.text == ("Unsubscribed from `Lisport`. This channel has no topic `Ardmoor` "
                                                  "or `cricket` (its topics now: `Merrin`)."), missing.text
    channel = await ChannelStore(bot.db).get(CHAN)
    assert channel is not None and channel.topics == ("Merrin",)
    none = await bot.say("unsubscribe Ardmoor, cricket")
    assert none.error and none.text == "This channel has no topic `Ardmoor` or `cricket`; its topics: `Merrin`."
    last = await bot.say("unsubscribe Merrin, Ardmoor")
    assert last.text == "Unsubscribed from `Merrin`. This channel has no topic `Ardmoor` (it has no topics now)."


async def test_languages_by_name(bot: Bot) -> None:
    chosen = await bot.say("languages Norwegian, nynorsk Syriac")
    assert not chosen.error and chosen.text.startswith(
        "Briefings here now carry stories in Norwegian (no), Norwegian Nynorsk (nn), Syriac (syr)."), chosen.text
    unknown = await bot.say("languages Klingonese")
    assert unknown.error and "English names such as `French German`" in unknown.text, unknown.text
    channel = await ChannelStore(bot.db).get(CHAN)
    assert channel is not None and channel.languages == ("no", "nn", "syr")


async def test_a_weekday_without_a_time(bot: Bot) -> None:
    reply = await bot.say("schedule every monday")
    assert reply.error and "needs a time" in reply.text and "every monday 08:00" in reply.text, reply.text
    assert "every Nh" not in reply.text


@pytest.mark.parametrize("line", ["/Brief help", "/BRIEF help", "/brief help", "/bRiEf  help"])
def test_the_console_reads_the_command_word_in_any_case(line: str) -> None:
    adapter = ConsoleAdapter(verbs=("brief", "help", "topics", "subscribe"))
    inv = adapter.invocation(line)
    assert inv is not None and (inv.command, inv.args) == ("help", "")
    kept = adapter.invocation("/BRIEF subscribe Lisport Harbour")
    assert kept is not None and (kept.command, kept.args) == ("subscribe", "Lisport Harbour")  # its case kept
    glued = adapter.invocation("/BRIEFING")
    assert glued is not None and glued.command == "brief" and glued.args == "/BRIEFING"


async def test_the_console_answers_upper_case_lines() -> None:
    seen: list[Invocation] = []

    async def dispatch(inv: Invocation) -> Reply:
        seen.append(inv)
        return Reply("ok")

    adapter = ConsoleAdapter(stdin=io.StringIO("/BRIEF topics\n/Brief\n"), stdout=io.StringIO(),
                             verbs=("brief", "topics"))
    await adapter.run(dispatch)
    assert [(i.command, i.args) for i in seen] == [("topics", ""), ("brief", "")]
