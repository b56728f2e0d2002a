"""Times typed in chat ("since yesterday", "last week", "3 days") are read in the channel's own timezone."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.commands import build_commands
from bot.commands.base import Invocation
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.schema import channels

NOW = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)  # Monday 23 Nov, 09:00 in Auckland (UTC+13)
AUCKLAND = ChannelRef("console", "auckland")
LONDON = ChannelRef("console", "london")


async def brief(db: Database, config: Config, ref: ChannelRef, since: str) -> str:
    verbs = {c.name: c for c in build_commands(CommandDeps(config, db, lambda: NOW))}
    inv = Invocation("brief", f"since {since}", "U1", ref, {"since": since}, now=NOW)
    return (await verbs["brief"].handler(inv)).text


async def test_yesterday_and_weekdays_are_the_channels_days(db: Database, config: Config) -> None:
    store = ChannelStore(db)
    await store.ensure(AUCKLAND, ChannelDefaults("daily 08:00", "Pacific/Auckland"), now=NOW)
    await store.ensure(LONDON, ChannelDefaults("daily 08:00", "Europe/London"), now=NOW)
    assert await brief(db, config, AUCKLAND, "yesterday") == "No stories since Sun 22 Nov 2026 00:00 NZDT."
    assert await brief(db, config, LONDON, "yesterday") == "No stories since Sat 21 Nov 2026 00:00 GMT."
    assert await brief(db, config, AUCKLAND, "Monday") == "No stories since Mon 23 Nov 2026 00:00 NZDT."
    assert await brief(db, config, LONDON, "last week") == "No stories since Mon 09 Nov 2026 00:00 GMT."
    assert await brief(db, config, LONDON, "3 days") == "No stories since Thu 19 Nov 2026 20:00 GMT."
    assert await brief(db, config, AUCKLAND, "2026-11-20") == "No stories since Fri 20 Nov 2026 00:00 NZDT."


async def test_a_channel_not_set_up_reads_times_in_the_configured_zone(db: Database, config: Config) -> None:
    assert config.briefing.timezone == "UTC"
    assert await brief(db, config, ChannelRef("console", "new"), "yesterday") == \
        "No stories since Sat 21 Nov 2026 00:00 UTC."


async def test_an_unreadable_time_says_what_works(db: Database, config: Config) -> None:
    reply = await brief(db, config, LONDON, "the day before")
    assert reply == ("I can't read the time 'the day before': try 24h, 3 days, yesterday, Monday, this week, "
                     "last week, last briefing or a date like 2026-11-01.")


async def test_since_last_briefing_starts_where_the_channels_last_briefing_ended(db: Database, config: Config) -> None:
    store = ChannelStore(db)
    await store.ensure(LONDON, ChannelDefaults("daily 08:00", "Europe/London"), now=NOW)
    reply = await brief(db, config, LONDON, "last briefing")
    assert reply.startswith("No briefing to start from: this channel has had no scheduled briefing yet")
    async with db.begin() as conn:  # as the delivery ledger moves it when a scheduled briefing is posted
        await conn.execute(channels.update().where(channels.c.key == LONDON.key).values(
            delivered_up_to=datetime(2026, 11, 22, 8, 0, tzinfo=UTC)))
    for typed in ("last briefing", "the last briefing", "my last briefing"):
        assert await brief(db, config, LONDON, typed) == "No stories since Sun 22 Nov 2026 08:00 GMT."


async def test_whosaid_and_ask_read_since_last_briefing_too(db: Database, config: Config) -> None:
    await ChannelStore(db).ensure(LONDON, ChannelDefaults("daily 08:00", "Europe/London"), now=NOW)
    verbs = {c.name: c for c in build_commands(CommandDeps(config, db, lambda: NOW))}

    async def run(verb: str, args: str, options: dict[str, str]) -> str:
        return (await verbs[verb].handler(Invocation(verb, args, "U1", LONDON, options, now=NOW))).text

    whosaid = await run("whosaid", "Bucharest since last briefing", {"topic": "Bucharest", "since": "last briefing"})
    assert whosaid == ('No briefing to start from: this channel has had no scheduled briefing yet: try "since 24h" or '
                       '"since Monday".')  # worded as `brief ... since last briefing` words it
    async with db.begin() as conn:
        await conn.execute(channels.update().where(channels.c.key == LONDON.key).values(
            delivered_up_to=datetime(2026, 11, 22, 8, 0, tzinfo=UTC)))
    whosaid = await run("whosaid", "Bucharest since last briefing", {"topic": "Bucharest", "since": "last briefing"})
    asked = await run("ask", "what's new on Bucharest since last briefing",
                      {"question": "what's new on Bucharest since last briefing"})
    for reply in (whosaid, asked):
        assert "no scheduled briefing" not in reply and "Sun 22 Nov 2026" in reply, reply
