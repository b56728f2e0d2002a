"""The time as a channel lives it: the injected now in the channel's timezone, to read "yesterday" or "Monday"."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.commands.base import Invocation
from bot.commands.deps import CommandDeps
from bot.schedule import ScheduleError, parse_timezone
from bot.store.channels import ChannelStore


async def local_now(deps: CommandDeps, inv: Invocation) -> datetime:
    """``inv.now`` (else the clock) in the channel's timezone; the configured default for a channel not set up."""
    now = inv.now or deps.clock()
    channel = await ChannelStore(deps.db).get(inv.channel)
    name = channel.timezone if channel is not None and channel.timezone else deps.config.briefing.timezone
    try:
        return now.astimezone(parse_timezone(name))
    except ScheduleError:  # a zone this machine's tz database lacks: read the time in UTC rather than fail
        return now.astimezone(UTC)
