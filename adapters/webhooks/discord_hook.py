"""Discord channel webhooks: the bot's embeds without their buttons, POSTed with ``wait=true`` so each id comes back.

Plain aiohttp rather than discord.py's ``Webhook``: that one posts to its process-wide API base, not the URL as
configured, sleeps out 429s and 5xx by itself (unbounded by our policy, untestable without real sleeps) and logs the
URL, which carries the webhook's token, in its DEBUG lines.
"""

from __future__ import annotations

import json
from typing import Any

import yarl

from adapters.webhooks.base import Refusal, WebhookAdapter, WebhookTarget
from bot.adapter import parse_retry_after
from bot.models import Briefing
from digests.render_discord import Message, render_discord, render_text_messages

UNKNOWN_WEBHOOK = 10015  # Discord's JSON error codes for a deleted webhook and a wrong or reset token
INVALID_WEBHOOK_TOKEN = 50027
NO_MENTIONS: dict[str, list[str]] = {"parse": []}  # an article titled "@everyone ..." pings nobody


def without_components(message: Message) -> Message:
    """The message minus its buttons: a webhook not owned by an application cannot carry them."""
    return {k: v for k, v in message.items() if k != "components"}


def webhook_body(message: Message) -> dict[str, Any]:
    return {"content": message.get("content") or "", "embeds": message.get("embeds") or [],
            "allowed_mentions": NO_MENTIONS}


def _retry_after(data: Any, header: str | None) -> float | None:
    """Seconds to wait: the JSON's ``retry_after`` (fractions), else the Retry-After header."""
    for value in (data.get("retry_after") if isinstance(data, dict) else None, header):
        if (seconds := parse_retry_after(value)) is not None:
            return seconds
    return None


def discord_refusal(status: int, data: Any, retry_after: str | None, target: WebhookTarget) -> Refusal:
    """What Discord's answer to a webhook POST (a status and its JSON error) means for us."""
    fields = data if isinstance(data, dict) else {}
    raw_code = fields.get("code")
    code = raw_code if isinstance(raw_code, int) else 0
    message = str(fields.get("message") or "")[:200]
    label = f"HTTP {status}" + (f", code {code}" if code else "") + (f": {message}" if message else "")
    env = f"${target.url.env_name}"
    if status == 429:
        return Refusal("retryable", f"rate limited by Discord ({label})", _retry_after(data, retry_after))
    if status >= 500:
        return Refusal("retryable", f"Discord server error (HTTP {status})", _retry_after(data, retry_after))
    if code == UNKNOWN_WEBHOOK or status == 404:
        return Refusal("permanent", f"the Discord webhook was deleted ({label}): make a new one (Edit Channel > "
                                    f"Integrations > Webhooks > New Webhook, then Copy Webhook URL), set {env} to "
                                    "its URL and restart briefbot", channel_refused=True, answer=label)
    if code == INVALID_WEBHOOK_TOKEN or status == 401:
        return Refusal("permanent", f"Discord refused the webhook's token ({label}): its URL was reset or copied "
                                    f"incompletely; copy it again into {env} and restart briefbot",
                       channel_refused=True, answer=label)
    if status == 403:
        return Refusal("permanent", f"Discord refused the webhook ({label}): it may no longer post in its channel; "
                                    f"make a new webhook there, set {env} to its URL and restart briefbot",
                       channel_refused=True, answer=label)
    return Refusal("permanent", f"Discord refused the message ({label})", answer=label)


def _json(text: str) -> Any:
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


class DiscordWebhookAdapter(WebhookAdapter[Message]):
    """``discord-webhook:NAME`` channels: each posts to the channel webhook its config entry's variable holds."""

    name = "discord-webhook"
    service = "Discord"

    def render(self, briefing: Briefing) -> list[Message]:
        return [without_components(m) for m in render_discord(briefing)]

    def notice(self, text: str) -> list[Message]:
        return [{"content": c, "embeds": []} for c in render_text_messages(text)]

    async def _send(self, target: WebhookTarget, part: Message, *, text_only: bool) -> str | None:
        url = yarl.URL(target.url.value.strip()).update_query(wait="true")  # answer with the message, not 204
        async with self.session().post(url, json=webhook_body(part)) as response:
            data = _json(await response.text())
            if 200 <= response.status < 300:
                ident = data.get("id") if isinstance(data, dict) else None
                return str(ident) if ident else None
            raise discord_refusal(response.status, data, response.headers.get("Retry-After"), target)
