"""The channel a command is typed in: its stored set-up (or the one it would get) and its local time."""

from __future__ import annotations

from datetime import datetime

from bot.commands.base import Invocation
from bot.commands.deps import CommandDeps
from bot.schedule import parse_timezone
from bot.store.channels import Channel, ChannelDefaults, ChannelStore


def when(moment: datetime | None, tz: str) -> str:
    """``Mon 23 Nov 08:00 CET`` in the channel's zone, or "never"."""
    return moment.astimezone(parse_timezone(tz)).strftime("%a %d %b %H:%M %Z") if moment else "never"


def now_of(deps: CommandDeps, inv: Invocation) -> datetime:
    return inv.now or deps.clock()


async def channel_of(deps: CommandDeps, store: ChannelStore, inv: Invocation) -> Channel:
    """The stored channel, created with the configured defaults when it is new (set-up verbs)."""
    return await store.ensure(inv.channel, ChannelDefaults.from_config(deps.config), now=now_of(deps, inv))


async def channel_or_default(deps: CommandDeps, store: ChannelStore, inv: Invocation) -> Channel:
    """The stored channel, or the set-up it would get, without creating it (read-only verbs)."""
    found = await store.get(inv.channel)
    if found is not None:
        return found
    defaults, now = ChannelDefaults.from_config(deps.config), now_of(deps, inv)
    return Channel(inv.channel, defaults.schedule, defaults.timezone, "", 0, False, now, now, None, None, (), ())
