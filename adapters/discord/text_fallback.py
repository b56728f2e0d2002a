"""A briefing part's plain-text version, for when Discord refuses its embeds' layout (400, code 50035)."""

from __future__ import annotations

from typing import Any

from digests.render_discord import Message

INVALID_FORM_BODY = 50035  # Discord refused the message's shape (a limit of an embed, a component, a URL)
CONTENT_MAX = 2000
SHORTENED = "\n… (shortened: Discord refused this part's layout)"


def layout_refused(status: int, code: int) -> bool:
    """Whether Discord refused the message's form (its plain-text version may pass), not the channel or the bot."""
    return status == 400 and code == INVALID_FORM_BODY


def text_version(message: Message) -> Message:
    """The part as one plain message: its content, then each embed's title, link, text, fields and footer (already
    escaped by the renderer), no buttons; cut to Discord's 2,000 characters so the part stays one message (the
    ledger counts parts: one refused part must not become several)."""
    lines: list[str] = [str(message["content"])] if message.get("content") else []
    for embed in message.get("embeds", []):
        lines.extend(_embed_lines(embed))
    text = "\n".join(line for line in lines if line.strip()) or "(a part of the briefing Discord refused)"
    if len(text) > CONTENT_MAX:
        text = text[:CONTENT_MAX - len(SHORTENED)].rstrip() + SHORTENED
    return {"content": text, "embeds": []}


def _embed_lines(embed: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    if embed.get("title"):
        lines.append(f"**{embed['title']}**")
    if embed.get("url"):
        lines.append(f"<{embed['url']}>")
    if embed.get("description"):
        lines.append(str(embed["description"]))
    for field in embed.get("fields", []):
        lines.append(f"{field.get('name', '')}: {field.get('value', '')}")
    footer = embed.get("footer") or {}
    if footer.get("text"):
        lines.append(str(footer["text"]))
    return lines
