"""Cut a one-line text (a headline) to a length at a word's end, marked with "…"."""

from __future__ import annotations

ELLIPSIS = "…"
_TRAILING = " ,;:-–—/|([{“‘\"'"  # what a cut line never ends with before its "…"


def clipped(text: str, limit: int) -> str:
    """``text`` when it fits in ``limit`` characters, else its start up to the last word that fits with "…" after it
    (cut inside a word only when the text has no space in its second half to cut at: a script written without
    spaces, one very long word); never longer than ``limit``."""
    if len(text) <= limit:
        return text
    if limit < 1:
        return ""
    room = limit - 1
    kept = text[:room]
    if not text[room].isspace():
        space = max(kept.rfind(" "), kept.rfind("\u00a0"))
        if space > room // 2:
            kept = kept[:space]
    return (kept.rstrip(_TRAILING) or kept) + ELLIPSIS
