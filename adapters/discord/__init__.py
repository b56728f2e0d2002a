"""Discord adapter: application commands in, briefings out as embeds (discord.py)."""

from adapters.discord.client import DiscordAdapter, build_discord_adapter

__all__ = ["DiscordAdapter", "build_discord_adapter"]
