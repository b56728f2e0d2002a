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
    assert reply.startswith("I could not read the time 'the day before'") and "yesterday" in reply
