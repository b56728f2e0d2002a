"""Build the chat adapters the config enables (used only by the composition root)."""

from __future__ import annotations

from bot.adapter import Adapter
from bot.config import Config


def build_adapters(config: Config) -> list[Adapter]:
    """One adapter per enabled platform; the console adapter when none is enabled."""
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
    return adapters
