"""A delivery's failed post: retried later, or failed for good (part-way or not), the channel's error and notices."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.adapter import PostError
from bot.clock import Clock
from bot.delivery_notices import Notices, failure_notice
from bot.delivery_parts import stories_out
from bot.models import Briefing
from bot.plurals import counted
from bot.store.channels import Channel, ChannelStore
from bot.store.ledger import DeliveryLedger, LedgerEntry
from bot.token_refusals import TokenRefusals, headline

log = logging.getLogger("bot.delivery")  # Delivery's lines: they stay under its logger

RETRYING = "retrying: "  # a channel's last_error while a slot waits for its retry (``Delivery._retrying``)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one delivery step did for a channel."""

    channel: str
    state: str  # delivered, empty, retry, waiting, failed, skipped, claimed, no-adapter, no-token, bad-setup
    slot: datetime | None = None
    detail: str = ""


class FailedPosts:
    """``Delivery``'s handling of a post that failed (its ``finish`` calls ``_failed``)."""

    clock: Clock | None
    grace: timedelta
    ledger: DeliveryLedger
    channels: ChannelStore
    errored: set[str]
    tokens: TokenRefusals
    notices: Notices

    def failed_at(self, now: datetime) -> datetime:
        """When a post that started at ``now`` failed: the clock's time then (a platform's Retry-After counts from
        its answer, after whatever the adapter waited first), never before ``now``."""
        return max(now, self.clock()) if self.clock is not None else now

    async def _failed(self, channel: Channel, entry: LedgerEntry, exc: PostError, now: datetime,
                      briefing: Briefing) -> Outcome:
        """``now``: when the post failed (``failed_at``); ``briefing``: what was being posted."""
        if exc.token_refused:  # bot-wide: told once, the slot kept; nothing is sent through the refused token
            self.tokens.refuse(channel.ref.platform, exc.reason, now)
        if (exc.kind == "retryable" or exc.token_refused) and entry.slot >= now - self.grace:
            delay = min(timedelta(minutes=2 ** min(entry.attempts, 5)), timedelta(minutes=30))
            delay = max(delay, timedelta(seconds=exc.retry_after or 0))  # never before the platform's Retry-After
            await self.ledger.retry_later(entry, when=now + delay, error=exc.reason, posted=exc.posted, now=now)
            await self._retrying(channel, exc, now + delay)
            why = headline(exc.reason) if exc.token_refused else exc.reason  # the refusal's reason: told once
            log.log(logging.INFO if exc.token_refused else logging.WARNING, "channel %s: slot %s not posted (%s); "
                    "retrying in %s", channel.key, entry.slot.isoformat(), why, delay)
            return Outcome(channel.key, "retry", entry.slot, exc.reason)
        # each list holds the briefing's first parts in order: a part posted again (no history to find it in
        # after a restart) has a new id, so the parts out are the longer list's, not the ids of both
        posted = max(list(entry.message_ids), list(exc.posted), key=len)
        shown = stories_out(channel.ref.platform, briefing, len(posted))
        # part-way: the row keeps the parts that are out, the stories they showed are seen as a delivered slot's
        # are, the rest stay unseen for the next briefing (docs/RELIABILITY.md)
        if posted:
            await self.ledger.fail_part_way(entry, message_ids=posted, shown=shown, error=exc.reason, now=now)
            log.info("channel %s: slot %s: %s in the %s that went out are marked seen", channel.key,
                     entry.slot.isoformat(), counted(len(shown), "story", "stories"), counted(len(posted), "part"))
        else:
            await self.ledger.finish(entry, "failed", error=exc.reason, now=now)
        if exc.token_refused:  # past the grace: its stories not shown stay for the next briefing; no notice
            await self._new_error(channel, exc.reason)
            log.error("channel %s: slot %s not posted before the catch-up grace ended: %s (no notice sent through "
                      "%s; its stories come in the next briefing)", channel.key, entry.slot.isoformat(), exc.reason,
                      channel.ref.platform)
            return Outcome(channel.key, "failed", entry.slot, exc.reason)
        refused = exc.kind == "permanent" and exc.channel_refused
        if refused and await self.notices.paused(channel, entry, exc.reason, now):
            return Outcome(channel.key, "failed", entry.slot, f"{exc.reason}; paused, as it refused slot after slot")
        if not await self._new_error(channel, exc.reason):
            log.error("channel %s: slot %s failed for good again: %s (its configurers were told when this started; "
                      "briefbot channels shows it)", channel.key, entry.slot.isoformat(), exc.reason)
            return Outcome(channel.key, "failed", entry.slot, exc.reason)
        log.error("channel %s: slot %s failed for good: %s", channel.key, entry.slot.isoformat(), exc.reason)
        text = failure_notice(channel.key, exc.reason, posted, shown, entry.story_ids)
        if exc.channel_refused:  # deleted, revoked, archived: a notice there would be refused the same way
            log.info("channel %s: no failure notice posted there, as it refused the briefing itself (briefbot "
                     "channels shows why)", channel.key)
        else:
            await self.notices.notify(channel.ref, text)
        await self.notices.to_configurers(channel, text)  # the channel itself may be unreachable
        return Outcome(channel.key, "failed", entry.slot, exc.reason)

    async def _retrying(self, channel: Channel, exc: PostError, when: datetime) -> None:
        """While a slot waits for its retry the channel shows why (cleared when one is delivered), unless it shows an
        error that ended a slot (a failure for good, told once: ``_new_error`` compares with it)."""
        stored = await self.channels.get(channel.ref)
        before = stored.last_error if stored is not None else channel.last_error
        if exc.token_refused or not before or before.startswith(RETRYING):
            await self.channels.set_error(channel.ref, exc.reason if exc.token_refused else
                                          f"{RETRYING}{exc.reason} (next try at {when.isoformat()})")
            self.errored.add(channel.key)

    async def _new_error(self, channel: Channel, reason: str) -> bool:
        """Record ``reason`` as the channel's last error; whether it is new (not what the store already had): a
        channel failing the same way slot after slot is reported once, when that starts."""
        stored = await self.channels.get(channel.ref)  # as the store has it now: an earlier slot of this step may
        before = stored.last_error if stored is not None else channel.last_error  # have set it
        await self.channels.set_error(channel.ref, reason)
        self.errored.add(channel.key)
        return before != reason[:1000]  # ChannelStore.set_error keeps the first 1000 characters
