"""What a Slack or Discord webhook URL looks like, and why a given one is refused (never repeating it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class WebhookPlatform:
    """What a webhook URL of one platform looks like: the hosts it is on, its path, an example for messages."""

    name: str  # "Slack"
    hosts: tuple[str, ...]
    path: re.Pattern[str]
    example: str


# Channels reached only through a webhook (no app installed). Plain http is allowed only to this machine (tests).
WEBHOOK_PLATFORMS: dict[str, WebhookPlatform] = {
    "slack-webhook": WebhookPlatform("Slack", ("hooks.slack.com", "hooks.slack-gov.com"),
                                     re.compile(r"/services/[A-Za-z0-9]+/[A-Za-z0-9]+/[A-Za-z0-9]+/?"),
                                     "https://hooks.slack.com/services/T.../B.../..."),
    "discord-webhook": WebhookPlatform("Discord", ("discord.com", "discordapp.com", "ptb.discord.com",
                                                   "canary.discord.com"),
                                       re.compile(r"/api(?:/v\d+)?/webhooks/\d+/[A-Za-z0-9._-]+/?"),
                                       "https://discord.com/api/webhooks/<id>/<token>"),
}
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
WEBHOOK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def webhook_url_problem(platform: str, url: str) -> str:
    """Why ``url`` cannot be a webhook URL of ``platform`` ("" when it can). The answer never repeats the URL: it
    carries the webhook's token."""
    shape = WEBHOOK_PLATFORMS[platform]
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        userinfo = bool(parts.username or parts.password)
    except ValueError:
        return "it is not a URL"
    if userinfo:
        return "it carries a user name or password"
    if not host:
        return f"it is not a URL (expected {shape.example})"
    if parts.scheme != "https" and not (parts.scheme == "http" and host in LOOPBACK_HOSTS):
        return "it is not https (plain http is accepted only to 127.0.0.1 or localhost, for tests)"
    if not shape.path.fullmatch(parts.path):
        return f"it is not a {shape.name} webhook URL (expected {shape.example})"
    return ""


def webhook_host_note(platform: str, url: str) -> str:
    """A webhook URL on a host that is not the platform's own (a relay, a typo): what to say ("" when it is)."""
    shape = WEBHOOK_PLATFORMS[platform]
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""
    if host in shape.hosts or host in LOOPBACK_HOSTS:
        return ""
    return (f"the URL is not on {shape.name}'s host ({shape.hosts[0]}) but on {host}: check it was copied "
            "whole, or that this relay is meant")
