"""Pause a channel that has refused its briefings slot after slot for long enough (deleted, bot removed, revoked)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.backoff import parse_duration
from bot.config import Config
from bot.plurals import counted
from bot.store.channels import Channel, ChannelStore
from bot.store.ledger import ALERT, DeliveryLedger, SlotOutcome
from bot.webhook_urls import WEBHOOK_PLATFORMS

# the start of the last_error of a channel paused here (``pause_note``): `briefbot channels` and `/brief` show it
PAUSE_NOTE_START = "briefings paused after "
NEUTRAL = ("pending", "posting", "empty", "skipped")  # slots that did not try the channel (or not yet to the end)
PAGE = 200  # ledger rows read at a time, newest first, back to the slot that ends the run (``run_since``)


@dataclass(frozen=True, slots=True)
class RefusalRun:
    """The channel's latest briefings refused in a row, the same way: how many, and the oldest one's slot."""

    count: int = 0
    first: datetime | None = None


@dataclass(frozen=True, slots=True)
class PausePolicy:
    """``[scheduler] pause_after_refusals`` refused briefings in a row (0: never pause) spanning at least
    ``pause_after_refused_for`` from the first of them to the latest failure."""

    refusals: int = 3
    span: timedelta = timedelta(hours=24)

    @classmethod
    def from_config(cls, config: Config) -> PausePolicy:
        return cls(config.scheduler.pause_after_refusals,
                   parse_duration(config.scheduler.pause_after_refused_for, key="scheduler.pause_after_refused_for"))

    def due(self, run: RefusalRun, now: datetime) -> bool:
        """Whether ``run`` is long enough, and old enough at ``now``, to pause the channel."""
        return (self.refusals > 0 and run.count >= self.refusals and run.first is not None
                and now - run.first >= self.span)


def refusal_run(newest_first: Iterable[SlotOutcome], reason: str) -> RefusalRun:
    """The run of briefings (any kind but an alert) that ended failed with ``reason`` (the refusal that just
    happened; the ledger keeps its first 1000 characters), newest first, up to the first slot that broke it: one
    delivered (an alert too), or failed another way (a message refused, not the channel; a retryable failure that
    outlived the catch-up grace; another refusal). Slots that did not try the channel (empty, skipped) and
    unfinished ones neither count nor break it, nor does a failed alert."""
    count, first = 0, None
    for row in newest_first:
        if ends_run(row, reason):
            break
        if row.state not in NEUTRAL and row.kind != ALERT:
            count, first = count + 1, row.slot
    return RefusalRun(count, first)


def ends_run(row: SlotOutcome, reason: str) -> bool:
    """Whether this slot ends a run of refusals with ``reason`` (``refusal_run``)."""
    if row.state in NEUTRAL:
        return False
    if row.state == "delivered":
        return True
    return row.kind != ALERT and (row.state != "failed" or row.error != reason[:1000])


async def run_since(ledger: DeliveryLedger, channel: str, after: datetime, reason: str) -> RefusalRun:
    """``refusal_run`` of the channel's slots after ``after``, read newest first a page at a time, only back to the
    slot that ends the run: a channel with years of slots reads no more than one set up last week."""
    rows: list[SlotOutcome] = []
    before: datetime | None = None
    while True:
        page = await ledger.outcomes(channel, after=after, before=before, limit=PAGE)
        rows += page
        if len(page) < PAGE or any(ends_run(row, reason) for row in page):
            return refusal_run(rows, reason)
        before = page[-1].slot


def pausable(channel: Channel) -> bool:
    """Whether a channel can be paused for refusals: one that ``/brief resume`` can restart (a webhook channel
    takes no commands, so it is never paused: it keeps failing once a slot, and `briefbot channels` says why)."""
    return channel.ref.platform not in WEBHOOK_PLATFORMS


def _utc(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def pause_note(run: RefusalRun, reason: str) -> str:
    """The paused channel's last_error: ``briefings paused after 3 refused in a row (since 2031-05-05 08:00 UTC):
    not_in_channel; `resume` restarts them``."""
    since = f" (since {_utc(run.first)})" if run.first is not None else ""
    return f"{PAUSE_NOTE_START}{run.count} refused in a row{since}: {reason}; `resume` restarts them"


def pause_reason(channel: Channel) -> str | None:
    """Why a paused channel was paused for refusals (its ``pause_note``); None when it is running or was paused
    by a person."""
    if channel.paused and channel.last_error and channel.last_error.startswith(PAUSE_NOTE_START):
        return channel.last_error
    return None


def pause_notice(channel: Channel, run: RefusalRun, reason: str) -> str:
    """What its configurers are told, once, when a channel is paused here."""
    since = f" since {_utc(run.first)}" if run.first is not None else ""
    return (f"I paused the briefings for {channel.key}: it refused {counted(run.count, 'briefing')} in a row{since}"
            f" ({reason}), so I stopped trying. Once I can post there again, `/brief resume` in the channel "
            "restarts them.")


async def pause_if_gone(channels: ChannelStore, ledger: DeliveryLedger, policy: PausePolicy, channel: Channel,
                        reason: str, now: datetime) -> RefusalRun | None:
    """After a slot of ``channel`` was refused (``PostError.channel_refused``) with ``reason`` at ``now``: pause it
    when its run of refusals since it was last resumed or rescheduled (``slots_from``) is long enough (``policy``),
    with ``pause_note`` as its last error; the run when it paused it, else None (already paused: None too)."""
    stored = await channels.get(channel.ref)  # as the store has it now: paused already, resumed since
    if stored is None or stored.paused or not pausable(stored) or policy.refusals <= 0:
        return None
    run = await run_since(ledger, channel.key, stored.slots_from, reason)
    if not policy.due(run, now):
        return None
    await channels.set_paused(channel.ref, True, now=now)
    await channels.set_error(channel.ref, pause_note(run, reason))
    return run


def resume_notice(channel: Channel) -> str:
    """What its configurers are told, once, when a briefing went out to a channel paused here (``briefbot post``)."""
    return (f"{channel.key} accepted a briefing again, so I resumed its scheduled briefings (`/brief pause` in the "
            "channel stops them).")


async def resume_if_accepted(channels: ChannelStore, channel: Channel, now: datetime) -> Channel | None:
    """After a briefing was delivered to ``channel`` at ``now``: resume it when the store has it paused for refusals
    (``pause_reason``: read before the delivery clears its last error), as ``/brief resume`` does (``slots_from``
    moves to ``now``); the channel as it was when it resumed it, else None (running, or paused by a person)."""
    stored = await channels.get(channel.ref)
    if stored is None or pause_reason(stored) is None:
        return None
    await channels.set_paused(channel.ref, False, now=now)
    return stored
