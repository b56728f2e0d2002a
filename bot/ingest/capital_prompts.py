"""A short line in capitals that calls the reader to act ("SCROLL DOWN FOR VIDEOS.", "WATCH ...", "PICTURED: ...")."""

from __future__ import annotations

import re

PROMPT_WORDS = 12  # "WATCH THE MOMENT THE FERRY HIT THE ROCKS OFF TARROW POINT ." has this many
# the call it opens with, in capitals (case counts: "Watch the tide tables ..." is prose); a whole word, so a heading
# opening "WATCHDOG" or "VIDEOGRAPHERS" is none
_PROMPT = re.compile(
    r"^\W*(?:SCROLL|WATCH|CLICK|TAP|SWIPE|READ MORE|SEE MORE|MORE VIDEOS?|VIDEOS?|PICTURED|"
    r"ADVERTISEMENT)(?![\w'’-])"
)


def is_capital_prompt(line: str) -> bool:
    """Whether ``line`` is a call to act written in capitals: at most PROMPT_WORDS words, no lower-case letter, and
    opening with a call (scroll, watch, click, tap, swipe, read more, see more, video, pictured, advertisement). A
    crosshead in capitals ("CITY HALL RESPONDS.") is none: it may stay in the text (no summary sentence is one)."""
    words = sum(1 for word in line.split() if any(c.isalnum() for c in word))  # a spaced stop (" .") is no word
    return words <= PROMPT_WORDS and not any(c.islower() for c in line) and _PROMPT.match(line) is not None
