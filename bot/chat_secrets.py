"""The secret variables ``briefbot run`` needs to start (the enabled chat platforms' tokens, each webhook channel's
URL, the health endpoints' token), read from the loaded config (no value shown)."""

from __future__ import annotations

from bot.config import Config, Secret
from bot.config_health import health_token_problem
from bot.webhook_urls import WEBHOOK_PLATFORMS

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


def missing_post_token(config: Config, platform: str) -> list[str]:
    """The line naming the token variable ``briefbot post`` needs to post to a channel of ``platform`` when it is
    unset or empty (Slack's bot token, Discord's token: posting uses neither Socket Mode nor the signing secret);
    [] when it is set, or the platform is not enabled (``post`` says so itself)."""
    if platform == "slack" and config.slack.enabled:
        return _unset("slack", config.slack.bot_token, SLACK_BOT_TOKEN)
    if platform == "discord" and config.discord.enabled:
        return _unset("discord", config.discord.token, DISCORD_TOKEN)
    return []


def unset_post_tokens(config: Config) -> dict[str, str]:
    """The enabled platforms whose bot token variable is unset or empty, each with why (``$VAR is not set or empty:
    set it to ...``): ``run --once`` asks for no chat token, so it skips those platforms' channels by this."""
    unset = {platform: missing_post_token(config, platform) for platform in ("slack", "discord")}
    return {platform: lines[0].partition(": ")[2] for platform, lines in unset.items() if lines}


def missing_webhook_urls(config: Config, only: str | None = None) -> list[str]:
    """One line per [[channels]] webhook channel whose URL variable is unset or empty: its posts could only fail,
    each slot "for good", so ``briefbot run`` (and ``run --once``, which posts too) does not start without it, nor
    ``briefbot post`` to the channel ``only``."""
    problems: list[str] = []
    for i, item in enumerate(config.channels):
        platform = WEBHOOK_PLATFORMS.get(item.id.partition(":")[0])
        if platform is not None and not item.webhook_url and only in (None, item.id):
            problems.append(f"channels[{i}] {item.id}: ${item.webhook_url.env_name} is not set or empty: set it to "
                            f"the {platform.name} webhook's URL")
    return problems


def missing_run_secrets(config: Config, *, once: bool = False) -> list[str]:
    """Every secret variable ``briefbot run`` needs and lacks, one line each: the health token and the chat tokens
    (not for ``--once``, which serves no probe and connects no chat platform), then the webhook channels' URLs."""
    problems = [] if once else [p for p in (health_token_problem(config.health),) if p]
    if not once:
        problems += missing_chat_secrets(config)
    return problems + missing_webhook_urls(config)
