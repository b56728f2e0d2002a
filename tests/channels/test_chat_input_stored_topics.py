"""unsubscribe through the real dispatcher finds a topic stored before chat input was tidied (a closing full stop,
typographic quotes and apostrophes)."""

from __future__ import annotations

from bot.config import Config
from bot.store.channels import ChannelStore
from bot.store.db import Database
from tests.channels.test_channels_commands import CHAN, NOW, Bot


async def test_unsubscribe_removes_a_topic_stored_with_a_full_stop_or_curly_quotes(db: Database,
                                                                                  config: Config) -> None:
    bot = Bot(db, config)
    assert not (await bot.say("subscribe Merrin")).error
    store = ChannelStore(db)
    for stored in ("Acme Inc.", "O’Neill", "“Harbour Bridge”"):  # as `briefbot subscribe` or an older bot kept them
        assert await store.subscribe(CHAN, stored, user="cli", now=NOW)
    for typed, stored in [("Acme Inc.", "Acme Inc."), ("O’Neill", "O’Neill"), ("“Harbour Bridge”", "“Harbour Bridge”")]:
        reply = await bot.say(f"unsubscribe {typed}")
        assert reply.text == f"Unsubscribed from `{stored}`.", reply.text
    channel = await store.get(CHAN)
    assert channel is not None and list(channel.topics) == ["Merrin"]


async def test_subscribe_washington_dc_is_one_topic(db: Database, config: Config) -> None:
    bot = Bot(db, config)
    reply = await bot.say("subscribe Washington, D.C.")
    assert reply.text.startswith("Subscribed to `Washington, D.C.`."), reply.text


async def test_unsubscribe_names_both_topics_when_the_typed_one_could_be_either(db: Database, config: Config) -> None:
    bot = Bot(db, config)
    for typed in ("subscribe NATO", "subscribe nato"):
        assert not (await bot.say(typed)).error
    unsure = await bot.say("unsubscribe Nato")
    assert unsure.error and unsure.text == ("`Nato` could be `NATO` or `nato`: type it as `topics` lists it."), \
        unsure.text
    assert (await bot.say("unsubscribe nato")).text == "Unsubscribed from `nato`."


async def test_subscribe_washington_dc_shows_one_full_stop_in_a_terminal(db: Database, config: Config) -> None:
    from digests.terminal_text import terminal_text

    bot = Bot(db, config)
    shown = terminal_text((await bot.say("subscribe Washington, D.C.")).text)
    assert shown.startswith("Subscribed to Washington, D.C. Next briefing:"), shown
    assert terminal_text((await bot.say("unsubscribe Washington, D.C.")).text) == "Unsubscribed from Washington, D.C."
