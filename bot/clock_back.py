"""A clock set back after running ahead: times stored while it was ahead are taken back to now, with a WARNING."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta

from bot.store.channels import Channel, ChannelStore
from bot.store.clock_back import TakenBack, take_back
from bot.store.ledger import DeliveryLedger
from bot.store.sources import SourceState, SourceStore

log = logging.getLogger(__name__)

# Stored times (a slot, a watermark, a poll) are never ahead of the clock that wrote them; one more than this ahead
# of the clock says it ran ahead and was set back since.
CLOCK_SLACK = timedelta(minutes=10)


def ahead(when: datetime | None, now: datetime, allowed: timedelta = timedelta(0)) -> bool:
    """``when`` lies further ahead of ``now`` than ``allowed`` and the slack."""
    return when is not None and when > now + allowed + CLOCK_SLACK


def _times(taken: TakenBack) -> str:
    parts = []
    if taken.slots:
        parts.append(f"slot(s) up to {taken.slots[-1].isoformat()}")
    if taken.watermark is not None:
        parts.append(f"briefed up to {taken.watermark.isoformat()}")
    if taken.slots_from is not None:
        parts.append(f"slots from {taken.slots_from.isoformat()}")
    return ", ".join(parts)


async def channel_set_back(
    channels: ChannelStore,
    ledger: DeliveryLedger,
    channel: Channel,
    last: datetime | None,
    now: datetime,
    *,
    alerts: Mapping[str, datetime] | None = None,
) -> tuple[Channel, datetime | None]:
    """The channel and its newest schedule slot as the scheduler (and ``briefbot post``) should count from: unchanged
    unless one of its stored times (its newest breaking alert's too) lies ahead of the clock; then they are taken back
    to now (``bot.store.clock_back.take_back``) and one WARNING names the channel and the times. ``alerts``: each
    channel's newest alert slot (none for a channel without one) when already read, as a tick reads them for all
    channels at once; else the channel's is read here."""
    stored = (last, channel.delivered_up_to, channel.slots_from)
    if not any(ahead(t, now) for t in stored):
        newest_alert = alerts.get(channel.key) if alerts is not None else await ledger.last_alert(channel.key)
        if not ahead(newest_alert, now):
            return channel, last
    taken = await take_back(ledger.db, channel.key, beyond=now + CLOCK_SLACK, now=now)
    if taken:
        log.warning(
            "channel %s: %s lie ahead of the clock (now %s): the clock ran ahead and was set back; "
            "counted from now instead, so the next slot due is the schedule's next one and carries what "
            "came in since (nothing it had is posted again)",
            channel.key,
            _times(taken),
            now.isoformat(),
        )
    return await channels.get(channel.ref) or channel, await ledger.last_slot(channel.key)


async def sources_set_back(
    store: SourceStore, states: list[SourceState], now: datetime, longest: Callable[[SourceState], timedelta]
) -> list[SourceState]:
    """The sources as a polling round should see them: one whose next poll lies further ahead than the rules can
    put it (``longest``: its interval, the backoff cap or a day's Retry-After), or ahead while its last fetch lies
    ahead of the clock, was polled while the clock ran ahead: its next poll becomes now, with one WARNING."""
    out = []
    for state in states:
        when = state.next_poll_at
        if when is not None and (ahead(when, now, longest(state)) or (ahead(state.last_fetch_at, now) and when > now)):
            fetched = state.last_fetch_at.isoformat() if state.last_fetch_at else "never"
            log.warning(
                "source %s: its next poll %s (last fetched %s) lies ahead of the clock (now %s): the clock ran ahead "
                "and was set back; polled now instead",
                state.key,
                when.isoformat(),
                fetched,
                now.isoformat(),
            )
            await store.update(state.key, next_poll_at=now)
            state = replace(state, next_poll_at=now)
        out.append(state)
    return out
