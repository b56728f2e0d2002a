"""Slack incoming webhooks: the bot's Block Kit briefings without their buttons, Slack's text answers read."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.webhooks.base import Refusal, WebhookAdapter, WebhookTarget
from bot.adapter import parse_retry_after
from bot.models import Briefing
from digests.render_slack import SlackMessage, escape, render_briefing

# slack-sdk writes the URL (the webhook's token) into DEBUG lines unless its logger's own level is above DEBUG
SDK_LOG = logging.getLogger("adapters.webhooks.slack_sdk")
SDK_LOG.setLevel(logging.INFO)

_ERROR_CODE = re.compile(r"[a-z][a-z0-9_]{1,60}")
# the message's layout was refused: its plain-text version may pass
LAYOUT_ERRORS = frozenset({"invalid_blocks", "invalid_blocks_format", "msg_blocks_too_long", "invalid_payload",
                           "invalid_attachments", "too_many_attachments"})
GONE = frozenset({"no_service", "no_service_id", "no_active_hooks", "channel_not_found", "team_disabled",
                  "no_team"})
REVOKED = frozenset({"action_prohibited", "invalid_token", "posting_to_general_channel_denied",
                     "invalid_team_for_hook"})


def without_buttons(message: SlackMessage) -> SlackMessage:
    """The message minus its ``actions`` blocks: a click on a webhook's button reaches no app (the fallback text
    never had the buttons' labels)."""
    return SlackMessage(text=message.text, blocks=tuple(b for b in message.blocks if b.get("type") != "actions"))


def webhook_payload(message: SlackMessage, *, text_only: bool = False) -> dict[str, Any]:
    """The JSON an incoming webhook takes: the text fallback, the blocks, no link previews."""
    payload: dict[str, Any] = {"text": message.text, "unfurl_links": False, "unfurl_media": False}
    if message.blocks and not text_only:
        payload["blocks"] = [dict(b) for b in message.blocks]
    return payload


def retry_after_seconds(value: str | None) -> float | None:
    return parse_retry_after(value)


def slack_refusal(status: int, body: str, retry_after: str | None, target: WebhookTarget) -> Refusal:
    """What Slack's answer to a webhook POST (a status and a text body such as ``no_service``) means for us."""
    code = body.strip() if _ERROR_CODE.fullmatch(body.strip()) else ""  # an HTML error page is no code
    label = f"{code}, HTTP {status}" if code else f"HTTP {status}"
    env = f"${target.url.env_name}"
    if status == 429:
        return Refusal("retryable", f"rate limited by Slack ({label})", retry_after_seconds(retry_after))
    if status >= 500:
        return Refusal("retryable", f"Slack server error ({label})", retry_after_seconds(retry_after))
    if code in LAYOUT_ERRORS:
        return Refusal("text_only", f"Slack refused the message's layout ({label})", answer=label)
    if code == "channel_is_archived" or (status == 410 and code not in GONE):
        return Refusal("permanent", f"the channel behind the webhook is archived ({label}): unarchive it, or set "
                                    f"{env} to the URL of a webhook for another channel and restart briefbot",
                       channel_refused=True, answer=label)
    if status == 404 or code in GONE:
        return Refusal("permanent", f"the Slack webhook was removed or disabled ({label}): add a new incoming "
                                    f"webhook for the channel, set {env} to its URL and restart briefbot",
                       channel_refused=True, answer=label)
    if status in (401, 403) or code in REVOKED:
        return Refusal("permanent", f"Slack refused the webhook ({label}): it was revoked, or the workspace does "
                                    f"not let it post there; add a new incoming webhook, set {env} to its URL and "
                                    "restart briefbot", channel_refused=True, answer=label)
    return Refusal("permanent", f"Slack refused the message ({label})", answer=label)


def _header(headers: Mapping[str, Any], name: str) -> str | None:
    for key, value in headers.items():
        if str(key).lower() == name.lower():
            return str(value)
    return None


class SlackWebhookAdapter(WebhookAdapter[SlackMessage]):
    """``slack-webhook:NAME`` channels: each posts to the incoming webhook its config entry's variable holds."""

    name = "slack-webhook"
    service = "Slack"

    def render(self, briefing: Briefing) -> list[SlackMessage]:
        # every part goes to the channel itself, in order: a webhook cannot answer in a thread (no message ts)
        return [without_buttons(m) for m in render_briefing(briefing)]

    def notice(self, text: str) -> list[SlackMessage]:
        return [SlackMessage(text=escape(text))]

    async def _send(self, target: WebhookTarget, part: SlackMessage, *, text_only: bool) -> str | None:
        client = AsyncWebhookClient(target.url.value.strip(), timeout=int(self._timeout), session=self.session(),
                                    logger=SDK_LOG, retry_handlers=[])  # retries are ours: bounded and tested
        response = await client.send_dict(webhook_payload(part, text_only=text_only))
        if response.status_code == 200:
            return None  # Slack answers "ok": a webhook's message has no id we could read
        raise slack_refusal(response.status_code, response.body or "", _header(response.headers or {}, "Retry-After"),
                            target)
