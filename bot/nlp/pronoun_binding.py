"""A pronoun before reported words is not the person those words name ("he said he trusted Mr Hale")."""

from __future__ import annotations

import re

from bot.nlp.quote_rules import Found


def named_in_content(text: str, found: Found, canonical: str) -> bool:
    """Whether the reported content after the pronoun speaker names ``canonical`` by its last word: "he insisted he
    still trusted Mr Hale" is not Hale speaking (a pronoun before a name it governs cannot be that name). Content
    before the phrase ("Hale will stay, he said") and quotations (people name themselves) are left alone."""
    if found.kind == "direct" or not 0 <= found.speaker_start < found.start:
        return False
    parts = canonical.split()
    if len(parts) < 2 or not parts[-1][:1].isupper():
        return False
    # a name in the possessive is left alone: "He notes there was an issue with Hale's microphone" is news
    # writing's Hale as often as not
    return re.search(rf"(?<!\w){re.escape(parts[-1])}(?!\w)(?![’']s\b)", text[found.start:found.end]) is not None
