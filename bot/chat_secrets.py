"""The secret variables the enabled chat platforms need to start, read from the loaded config (no value shown)."""

from __future__ import annotations

from bot.config import Config, Secret

SLACK_BOT_TOKEN = "the Bot User OAuth Token (xoxb-...) from OAuth & Permissions"
SLACK_APP_TOKEN = "an app-level token (xapp-...) with connections:write, from Basic Information > App-Level Tokens"
SLACK_SIGNING_SECRET = "the Signing Secret from Basic Information"
DISCORD_TOKEN = "the bot token (Developer Portal > your application > Bot > Reset Token)"


def _unset(platform: str, secret: Secret, what: str) -> list[str]:
    if secret:
        return []
    return [f"{platform}: ${secret.env_name} is not set or empty: set it to {what}"]


def missing_chat_secrets(config: Config) -> list[str]:
    """One line per variable an enabled platform needs that is unset or empty, in config order (Slack's bot token,
    then its app token in Socket Mode or its signing secret in HTTP mode; Discord's token). ``briefbot run`` asks
    this before it opens the store, so a run that could not connect makes no store and takes no run lock."""
    problems: list[str] = []
    slack = config.slack
    if slack.enabled:
        problems += _unset("slack", slack.bot_token, SLACK_BOT_TOKEN)
        if slack.mode == "socket":
            problems += _unset("slack", slack.app_token, SLACK_APP_TOKEN)
        else:
            problems += _unset("slack", slack.signing_secret, SLACK_SIGNING_SECRET)
    if config.discord.enabled:
        problems += _unset("discord", config.discord.token, DISCORD_TOKEN)
    return problems
