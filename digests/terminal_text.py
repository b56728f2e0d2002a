"""Markdown-ish reply text (bot/answer/plain.py escapes the article text in it) as plain text for a terminal."""

from __future__ import annotations

import re

from bot.answer.links import bare_links

_ESCAPED = re.compile(r"\\([\\`*_~\[\]<>|#])")
_HELD = re.compile("\ue000([0-9]+)\ue001")
_BOLD = re.compile(r"\*\*(\S(?:[^\n]*?\S)?)\*\*")
_CHAT_BOLD = re.compile(r"(?<![\w*])\*(\S(?:[^*\n]*?\S)?)\*(?![\w*])")
_CODE = re.compile(r"`([^`\n]+)`")
_CODE_STOP = re.compile(r"`([^`\n]*\.)`\.")  # "`Washington, D.C.`." shows one full stop, not two


def terminal_text(text: str) -> str:
    """The reply's own bold (``**x**``, ``*x*``) and code marks dropped and every backslash-escaped character shown as
    itself: a terminal reads no markup, and article text (escaped) shows as written, asterisks and all; an answer's
    source link as its outlet and URL (bot/answer/links.py)."""
    held: list[str] = []
    text = bare_links(text)

    def hold(match: re.Match[str]) -> str:
        held.append(match.group(1))
        return f"\ue000{len(held) - 1}\ue001"

    text = _ESCAPED.sub(hold, text.replace("\ue000", "").replace("\ue001", ""))
    text = _CODE_STOP.sub(r"`\1`", text)
    text = _CODE.sub(r"\1", _CHAT_BOLD.sub(r"\1", _BOLD.sub(r"\1", text)))
    return _HELD.sub(lambda m: held[int(m.group(1))], text)
