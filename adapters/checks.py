"""The enabled chat platforms' ``briefbot check`` checks (handed to the core by the composition root)."""

from __future__ import annotations

from bot.check.result import PlatformCheck
from bot.config import Config


def platform_checks(config: Config) -> list[PlatformCheck]:
    """One check per enabled platform; their SDKs are imported only when enabled."""
    checks: list[PlatformCheck] = []
    if config.slack.enabled:
        from adapters.slack.check import SlackCheck

        checks.append(SlackCheck(config.slack))
    if config.discord.enabled:
        from adapters.discord.check import DiscordCheck

        checks.append(DiscordCheck(config.discord))
    return checks
