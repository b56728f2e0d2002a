"""A line break inside a sentence of plain text wrapped by hand is a space: the one rule for feed fields and pages."""

from __future__ import annotations

import re

# a line break inside a sentence: after a character that ends none, before a word's first letter (a lowercase one is
# checked by ``wraps_joined``): a description of plain text wrapped by hand ("... in April,\nthe operator said")
_WRAP = re.compile(r"(?<=[^\s.!?:;\"'\u201d\u2019)\]])[ \t]*\n[ \t]*(?=\w)")


def wraps_joined(text: str) -> str:
    """``text`` with each line break inside a sentence made a space (a line ending in no sentence's end, the next
    starting with a lowercase letter): a first line would otherwise be taken for a heading and dropped with the
    start of its sentence. A line ending a sentence, a blank line, a next line in capitals keep their break."""
    if "\n" not in text:
        return text
    return _WRAP.sub(lambda found: " " if text[found.end()].islower() else found.group(), text)
