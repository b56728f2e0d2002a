"""Build the chat adapters the config enables (used only by the composition root)."""

from __future__ import annotations

from bot.adapter import Adapter
from bot.config import Config
from bot.webhook_urls import WEBHOOK_PLATFORMS


def build_adapters(config: Config) -> list[Adapter]:
    """One adapter per enabled platform, and one per webhook platform the ``[[channels]]`` use (post-only). With
    none at all, the composition root runs the console instead."""
    adapters: list[Adapter] = []
    # slack and discord adapters are added here by their modules' factories
    if config.slack.enabled:
        from adapters.slack import build_slack_adapter
        from bot.clock import system_clock

        adapters.append(build_slack_adapter(config.slack, clock=system_clock))
    if config.discord.enabled:
        from adapters.discord import build_discord_adapter
        from bot.clock import system_clock

        adapters.append(build_discord_adapter(config.discord, clock=system_clock))
    if any(c.id.partition(":")[0] in WEBHOOK_PLATFORMS for c in config.channels):
        from adapters.webhooks import build_webhook_adapters
        from bot.clock import system_clock

        adapters += build_webhook_adapters(config, clock=system_clock)
    return adapters
