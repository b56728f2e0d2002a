"""Discord's message and embed limits, checked independently of the renderer (the fake's validator)."""

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
    return problems
