"""The bot scopes briefbot needs, read from the app manifest (adapters/slack_manifest.yaml): one list, not two."""

from __future__ import annotations

from pathlib import Path

MANIFEST = Path(__file__).resolve().parent.parent / "slack_manifest.yaml"
SCOPES_PATH = ("oauth_config", "scopes", "bot")


def manifest_bot_scopes(text: str) -> tuple[str, ...]:
    """The items of ``oauth_config.scopes.bot`` in a manifest laid out as ours is (block YAML, one item a line,
    ``#`` comments); raises ValueError when there is no such list."""
    path: list[tuple[int, str]] = []  # (indent, key) of the mappings the current line is inside
    scopes: list[str] = []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        content = line.strip()
        while path and path[-1][0] >= indent and not content.startswith("- "):
            path.pop()
        if content.startswith("- "):
            if tuple(key for _, key in path) == SCOPES_PATH:
                scopes.append(content[2:].strip().strip("\"'"))
            continue
        key, colon, _value = content.partition(":")
        if colon:
            path.append((indent, key.strip()))
    if not scopes:
        raise ValueError("the Slack app manifest lists no oauth_config.scopes.bot")
    return tuple(scopes)


def required_scopes(manifest: Path = MANIFEST) -> tuple[str, ...]:
    """The bot scopes of the shipped manifest."""
    return manifest_bot_scopes(manifest.read_text(encoding="utf-8"))
