"""Reported speech as a reader wants it after "said": no leading "that", no comma left before a closing mark."""

from __future__ import annotations

import re

# "that" opening reported speech, unless it is the subject itself ("he said that is wrong")
_LEADING_THAT = re.compile(
    r"^that\s+(?!(?:is|was|'s|are|were|would|will|could|should|can|may|might|must|has|had|does|did|seems|"
    r"means|makes|remains)\b)(?=\S)")
_COMMA_BEFORE_CLOSE = re.compile(r",\s*([\"\u201d\u2019'])$")


def readable_content(content: str) -> str:
    """What was said, as a reader wants it after "said:": reported speech without its leading "that",
    a quotation without the comma that led into the attribution (``"..., " she said``)."""
    text = _LEADING_THAT.sub("", content.strip())
    return _COMMA_BEFORE_CLOSE.sub(r"\1", text)
