"""Discord's message, embed and component limits, checked independently of the renderer (the fake's validator)."""

from __future__ import annotations

from typing import Any


def embed_chars(embed: dict[str, Any]) -> int:
    """Characters Discord counts toward the 6,000 per message: title, description, fields, footer, author."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    total += sum(len(f.get("name") or "") + len(f.get("value") or "") for f in embed.get("fields") or [])
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    return total


def embed_problems(body: dict[str, Any]) -> list[str]:
    """Every way a message body breaks Discord's limits (empty when it would be accepted)."""
    problems: list[str] = []
    content = body.get("content") or ""
    embeds = body.get("embeds") or []
    if len(content) > 2000:
        problems.append(f"content: {len(content)} > 2000")
    if len(embeds) > 10:
        problems.append(f"embeds: {len(embeds)} > 10")
    if not content and not embeds:
        problems.append("empty message")
    for i, e in enumerate(embeds):
        checks = [("title", len(e.get("title") or ""), 256),
                  ("description", len(e.get("description") or ""), 4096),
                  ("fields", len(e.get("fields") or []), 25),
                  ("footer", len((e.get("footer") or {}).get("text") or ""), 2048)]
        for j, f in enumerate(e.get("fields") or []):
            checks += [(f"fields[{j}].name", len(f.get("name") or ""), 256),
                       (f"fields[{j}].value", len(f.get("value") or ""), 1024)]
            if not f.get("name") or not f.get("value"):
                problems.append(f"embeds[{i}].fields[{j}]: empty name or value")
        problems += [f"embeds[{i}].{name}: {n} > {cap}" for name, n, cap in checks if n > cap]
    total = sum(embed_chars(e) for e in embeds)
    if total > 6000:
        problems.append(f"embeds total: {total} > 6000")
    return problems + component_problems(body)


def component_problems(body: dict[str, Any]) -> list[str]:
    """Every way a message's (classic) components break Discord's rules: at most 5 action rows (type 1) of
    1-5 buttons (type 2); a non-link button has a unique custom_id of 1-100 chars and a label of at most 80."""
    problems: list[str] = []
    rows = body.get("components") or []
    if len(rows) > 5:
        problems.append(f"components: {len(rows)} action rows > 5")
    seen: set[str] = set()
    for i, row in enumerate(rows):
        buttons = row.get("components") or []
        if row.get("type") != 1:
            problems.append(f"components[{i}]: type {row.get('type')} is not an action row")
        if not 1 <= len(buttons) <= 5:
            problems.append(f"components[{i}]: {len(buttons)} buttons, expected 1 to 5")
        for j, button in enumerate(buttons):
            where = f"components[{i}].components[{j}]"
            label, custom_id = button.get("label") or "", button.get("custom_id") or ""
            if button.get("type") != 2:
                problems.append(f"{where}: type {button.get('type')} is not a button")
            if button.get("style") not in (1, 2, 3, 4):
                problems.append(f"{where}: style {button.get('style')} is not an interactive button style")
            if not label or len(label) > 80:
                problems.append(f"{where}.label: {len(label)} chars, expected 1 to 80")
            if not custom_id or len(custom_id) > 100:
                problems.append(f"{where}.custom_id: {len(custom_id)} chars, expected 1 to 100")
            if custom_id in seen:
                problems.append(f"{where}.custom_id: {custom_id!r} used twice in one message")
            seen.add(custom_id)
    return problems
