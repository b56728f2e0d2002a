"""Where a byline opening an article's text ends ("By . Ana Roy . and Tom Ode ."): its names are the writers'."""

from __future__ import annotations

import re

_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
_BYLINE = re.compile(rf"\A\s*By\s*\.?\s+(?:(?:and\s+)?{_NAME}(?:\s+(?:For|for)\s+{_NAME})?\s*(?:\.\s|\n)\s*)+")


def byline_end(text: str) -> int:
    """The offset where an opening byline ends (0: the text opens with none). A byline is "By", then names of one to
    four capitalised words, each ended by a full stop or a line break ("By . Ana Roy For Mailonline . ")."""
    match = _BYLINE.match(text)
    return match.end() if match else 0
