"""Platforms refusing the bot while posting (its token; a lost Discord, its intents): bot-wide, told once, in health."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

log = logging.getLogger("bot.delivery")  # Delivery's lines: they stay under its logger


def headline(reason: str) -> str:
    """A refusal's first clause, for a short line: ``reason`` up to its first ": " or ". " outside brackets
    ("Discord's gateway refused the bot's intents as disallowed (close 4014)", "Slack refused the bot token from
    $SLACK_BOT_TOKEN (chat.postMessage: invalid_auth)"); what was refused as the adapter said it, not always a token."""
    depth = 0
    for i, char in enumerate(reason):
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif not depth and char in ":." and reason[i + 1 : i + 2] == " ":
            return reason[:i]
    return reason.rstrip(".")


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a platform refuses the bot's token (the adapter's words: the setting and what to do) and since when."""

    reason: str
    since: datetime


@dataclass(slots=True)
class TokenRefusals:
    """What this process last found of each platform's token: refused (by a post) until a post goes out again."""

    refused: dict[str, Refusal] = field(default_factory=dict)
    told: set[str] = field(default_factory=set)  # reasons logged at ERROR already (here, or as an adapter's stop)

    def first_telling(self, reason: str) -> bool:
        """Whether ``reason`` is told for the first time (an ERROR line), not again (INFO): a lost Discord's reason is
        the adapter's "stopped" line and the delivery's refusal line, and an alert on ERROR should fire once."""
        first = reason not in self.told
        self.told.add(reason)
        return first

    def refuse(self, platform: str, reason: str, now: datetime) -> None:
        """A post to ``platform`` was refused for the bot's token: logged once, when it starts (or its reason
        changes), as one line for every channel of the platform."""
        known = self.refused.get(platform)
        if known is not None and known.reason == reason:
            return
        self.refused[platform] = Refusal(reason, known.since if known is not None else now)
        log.log(
            logging.ERROR if self.first_telling(reason) else logging.INFO,
            "%s: %s. Every %s channel's briefing waits and is retried until then (nothing is lost); no "
            "failure notice is sent through %s meanwhile",
            platform,
            reason,
            platform,
            platform,
        )

    def accepted(self, platform: str) -> None:
        """A post to ``platform`` went out: its token works (again)."""
        known = self.refused.pop(platform, None)
        if known is not None:
            self.told.discard(known.reason)  # refused again later: news again, an ERROR line
            log.warning(
                "%s: the bot token is accepted again; the briefings that waited for it are being posted", platform
            )

    def reason(self, platform: str) -> str | None:
        known = self.refused.get(platform)
        return None if known is None else known.reason
