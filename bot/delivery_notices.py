"""Delivery's notices: to a channel or its configurers by DM, a failure's text, a refusal pause's and resume's."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.adapter import Adapter, PostError
from bot.clock import Clock, system_clock
from bot.models import ChannelRef
from bot.plurals import counted
from bot.refusal_pause import PausePolicy, pause_if_gone, pause_notice, pause_reason, resume_if_accepted, resume_notice
from bot.store.channels import Channel, ChannelStore
from bot.store.ledger import DeliveryLedger, LedgerEntry
from bot.token_refusals import TokenRefusals, headline

log = logging.getLogger("bot.delivery")  # Delivery's lines: they stay under its logger


def failure_notice(channel_key: str, reason: str, posted: Sequence[str], shown: Sequence[str],
                   story_ids: Sequence[str]) -> str:
    """What a briefing that failed for good tells the channel and its configurers: ``posted``, the parts that went
    out first; ``shown``, the stories those parts showed."""
    out = f" ({counted(len(posted), 'part')} of it went out first)" if posted else ""
    left = len(set(story_ids) - set(shown))
    rest = ("" if not left else " The stories those parts did not show" if shown else " Its stories") + (
        " will come in the next briefing once this is fixed." if left else "")
    return f"I could not post the briefing for {channel_key}{out}: {reason}.{rest}"


@dataclass(slots=True)
class Notices:
    """Short notices to a channel or to its configurers, and the refusal pause's glue (bot/refusal_pause.py)."""

    adapters: Mapping[str, Adapter]
    channels: ChannelStore
    ledger: DeliveryLedger
    policy: PausePolicy  # when a channel refusing every briefing is paused
    errored: set[str] = field(default_factory=set)  # Delivery's: channels this process set a last_error on
    tokens: TokenRefusals = field(default_factory=TokenRefusals)  # Delivery's: platforms whose token is refused
    clock: Clock = system_clock  # when a notice found the bot's token refused (the refusal's since); Delivery's

    async def notify(self, ref: ChannelRef, text: str) -> None:
        """A short notice to a channel, or to a user directly (``is_user``: the adapter sends a DM)."""
        adapter = self.adapters.get(ref.platform)
        if adapter is None:
            return
        refused = self.tokens.reason(ref.platform)
        if refused is not None:  # it would be refused the same way: the log has it once
            log.info("%s: no notice sent: %s", ref.key, headline(refused))
            return
        try:
            await adapter.notify(ref, text)
        except Exception as exc:
            if isinstance(exc, PostError) and exc.token_refused:  # bot-wide, as a post's: told once, and the next
                self.tokens.refuse(ref.platform, exc.reason, self.clock())  # notices are not tried through it
            else:  # the channel may be unreachable too; the log and `channels` keep it
                log.warning("%s: notice not delivered either: %s", ref.key, exc)

    async def to_configurers(self, channel: Channel, text: str) -> None:
        """``text`` by DM to each person who configured the channel."""
        for user in await self.channels.configured_by(channel.ref):
            await self.notify(ChannelRef(channel.ref.platform, user, is_user=True), text)

    async def resumed(self, channel: Channel, now: datetime) -> None:
        """After a briefing went out to a channel paused for its refusals (``briefbot post``): resume it, telling its
        configurers once by DM; a channel paused by a person stays paused."""
        if await resume_if_accepted(self.channels, channel, now) is None:
            return
        log.warning("channel %s accepted a briefing again: scheduled briefings resumed", channel.key)
        await self.to_configurers(channel, resume_notice(channel))

    async def paused(self, channel: Channel, entry: LedgerEntry, reason: str, now: datetime) -> bool:
        """After a refusal of the channel itself: pause it when it has refused long enough (bot/refusal_pause.py),
        telling its configurers once by DM (not the channel: it would refuse that too); whether it is paused for
        that now (paused for it already: a manual post refused again keeps the note and tells no one)."""
        stored = await self.channels.get(channel.ref)
        if stored is not None and pause_reason(stored):
            log.error("channel %s: slot %s refused again: %s (paused for that already; resume restarts it)",
                      channel.key, entry.slot.isoformat(), reason)
            return True
        run = await pause_if_gone(self.channels, self.ledger, self.policy, channel, reason, now)
        if run is None:
            return False
        self.errored.add(channel.key)
        log.error("channel %s: slot %s refused: %s; paused after %s in a row (resume restarts it)", channel.key,
                  entry.slot.isoformat(), reason, counted(run.count, "refused briefing"))
        await self.to_configurers(channel, pause_notice(channel, run, reason))
        return True
