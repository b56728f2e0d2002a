"""Post-only channels reached through a webhook (Slack incoming, Discord channel): no app installed, no commands."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from adapters.webhooks.base import RetryPolicy, Sleep, WebhookAdapter, WebhookTarget, webhook_targets
from bot.adapter import Adapter
from bot.config import Config

__all__ = ["RetryPolicy", "WebhookAdapter", "WebhookTarget", "build_webhook_adapters"]


def build_webhook_adapters(config: Config, *, clock: Callable[[], datetime], sleep: Sleep = asyncio.sleep,
                           policy: RetryPolicy | None = None) -> list[Adapter]:
    """One adapter per webhook platform the config's ``[[channels]]`` use; its SDK is imported only then."""
    adapters: list[Adapter] = []
    slack = webhook_targets(config, "slack-webhook")
    if slack:
        from adapters.webhooks.slack_hook import SlackWebhookAdapter

        adapters.append(SlackWebhookAdapter(slack, clock=clock, sleep=sleep, policy=policy))
    discord = webhook_targets(config, "discord-webhook")
    if discord:
        from adapters.webhooks.discord_hook import DiscordWebhookAdapter

        adapters.append(DiscordWebhookAdapter(discord, clock=clock, sleep=sleep, policy=policy))
    return adapters
