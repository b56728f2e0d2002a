"""How a channel reads on-demand answers: its local time (for "yesterday" or "Monday"), length, story cap and
languages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.commands.base import Invocation
from bot.commands.deps import CommandDeps
from bot.models import BriefingLength
from bot.schedule import ScheduleError, parse_timezone
from bot.store.channels import ChannelStore


@dataclass(frozen=True, slots=True)
class ChannelView:
    """One read of the channel asked from: what an on-demand briefing or answer there needs to know."""

    now: datetime  # ``inv.now`` (else the clock) in the channel's timezone
    length: BriefingLength  # how much of each story its briefings show
    cap: int | None  # its story cap (``schedule ... max <n>``); None: the configured one
    last_briefing: datetime | None = None  # what its last scheduled briefing covered up to ("since last briefing")
    languages: tuple[str, ...] = ()  # the languages of the stories its briefings carry (ISO 639-1); (): every one
    muted: tuple[str, ...] = ()  # the ids of the stories muted there (``mute``): its briefings leave them out


async def channel_view(deps: CommandDeps, inv: Invocation) -> ChannelView:
    """The channel's timezone, length, cap, languages and muted stories as its scheduled briefings have them; for a
    channel not set up, the configured timezone, full, the configured cap, every language and none muted."""
    now = inv.now or deps.clock()
    store = ChannelStore(deps.db)
    channel = await store.get(inv.channel)
    name = channel.timezone if channel is not None and channel.timezone else deps.config.briefing.timezone
    try:
        local = now.astimezone(parse_timezone(name))
    except ScheduleError:  # a zone this machine's tz database lacks: read the time in UTC rather than fail
        local = now.astimezone(UTC)
    if channel is None:
        return ChannelView(local, "full", None)
    return ChannelView(local, channel.length, channel.max_stories or None, channel.delivered_up_to,
                       channel.languages, tuple(await store.muted(inv.channel)))
