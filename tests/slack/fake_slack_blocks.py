"""Slack's Block Kit limits as the local Slack checks them, and the mentions a message would ping."""

from __future__ import annotations

import json
import re
from typing import Any

PINGS = re.compile(r"<!(?:channel|here|everyone)\b[^>]*>|<@[UW][A-Z0-9]+>|<!subteam\^"
                   r"|(?<![\w\u200b])@(?:channel|here|everyone)\b", re.IGNORECASE)
MAX_BLOCKS_JSON = 13_000
MAX_VIEW_BLOCKS = 100  # a Home tab view (a message: 50)
MAX_VIEW_BYTES = 250_000  # views.publish answers view_too_large above this


def validate_blocks(blocks: Any, *, max_blocks: int = 50, max_chars: int = MAX_BLOCKS_JSON) -> str | None:
    """Slack's Block Kit limits for the block types briefbot uses (a message's by default; a Home tab view allows
    100 blocks and 250 kB); a description of the first problem."""
    if not isinstance(blocks, list) or not blocks:
        return "blocks must be a non-empty list"
    if len(blocks) > max_blocks:
        return f"{len(blocks)} blocks (max {max_blocks})"
    if len(json.dumps(blocks, ensure_ascii=False)) > max_chars:
        return "msg_blocks_too_long"
    for i, block in enumerate(blocks):
        kind = block.get("type")
        if kind == "section":
            text, fields = block.get("text"), block.get("fields")
            if text is None and not fields:
                return f"block {i}: section needs text or fields"
            if text is not None and not 1 <= len(text.get("text", "")) <= 3000:
                return f"block {i}: section text must be 1..3000 chars"
            if text is not None and text.get("type") not in ("mrkdwn", "plain_text"):
                return f"block {i}: bad text type"
            if fields and (len(fields) > 10 or any(not 1 <= len(f.get("text", "")) <= 2000 for f in fields)):
                return f"block {i}: at most 10 fields of 1..2000 chars"
        elif kind == "header":
            text = block.get("text", {})
            if text.get("type") != "plain_text" or not 1 <= len(text.get("text", "")) <= 150:
                return f"block {i}: header must be plain_text of 1..150 chars"
        elif kind == "context":
            elements = block.get("elements", [])
            if not 1 <= len(elements) <= 10:
                return f"block {i}: context needs 1..10 elements"
            if any(not 1 <= len(e.get("text", "")) <= 3000 for e in elements):
                return f"block {i}: context element text must be 1..3000 chars"
        elif kind == "actions":
            problem = _actions_problem(block.get("elements", []))
            if problem:
                return f"block {i}: {problem}"
        elif kind != "divider":
            return f"block {i}: unexpected type {kind!r}"
    block_ids = [b["block_id"] for b in blocks if "block_id" in b]
    if len(block_ids) != len(set(block_ids)):
        return "block_id repeated in one message"
    return None


def _actions_problem(elements: Any) -> str | None:
    """An actions block holds 1..25 buttons, each with a unique action_id (1..255) and a short label."""
    if not isinstance(elements, list) or not 1 <= len(elements) <= 25:
        return "actions needs 1..25 elements"
    ids = [e.get("action_id", "") for e in elements]
    if len(ids) != len(set(ids)):
        return "action_id repeated within a block"
    for element in elements:
        text = element.get("text", {})
        if element.get("type") != "button" or not 1 <= len(element.get("action_id", "")) <= 255:
            return "a button needs an action_id of 1..255 chars"
        if text.get("type") != "plain_text" or not 1 <= len(text.get("text", "")) <= 75:
            return "a button label must be plain_text of 1..75 chars"
        if len(element.get("value", "")) > 2000:
            return "a button value is at most 2000 chars"
    return None


def message_texts(payload: dict[str, Any]) -> list[str]:
    """Every string a message shows: the text fallback and all text inside its blocks."""
    texts = [str(payload.get("text", ""))]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    texts.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(payload.get("blocks", []))
    return texts


def pings(payload: dict[str, Any]) -> list[str]:
    """The mentions that would notify people if Slack displayed this message."""
    return [m.group(0) for text in message_texts(payload) for m in PINGS.finditer(text)]
