"""Cookie and consent prompts ("By continuing you agree to our use of cookies"): page furniture, not speech."""

from __future__ import annotations

import re

# "you agree to our use of cookies", "you consent to our cookie policy", "you accept our terms of use"
_PROMPT = re.compile(
    r"\byou\b[^.!?]{0,40}\b(?:agree|consent|accept|acknowledge)\w*\b[^.!?]{0,60}"
    r"\b(?:cookies?|privacy (?:policy|notice|statement)|terms (?:of (?:use|service)|and conditions))\b",
    re.IGNORECASE,
)


def is_consent_prompt(sentence: str) -> bool:
    """Whether a sentence asks the reader to accept cookies, a privacy policy or terms of use."""
    return _PROMPT.search(sentence) is not None


__all__ = ["is_consent_prompt"]
