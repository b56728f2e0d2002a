"""Whether a key-quote candidate restates what a story's headline and summary lines already show."""

from __future__ import annotations

import re

from bot.models import Attribution, Story
from bot.nlp.terms import TermAnalyser

MIN_SHARED = 4  # fewer shared content words than this is coincidence ("November", "records", "began"), not a repeat
_TERMS = TermAnalyser()
_MAGNITUDES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_FIGURE = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?|an?|one)(?:\s+(thousand|million|billion|trillion)\b)?",
                     re.IGNORECASE)


def restates(quote: Attribution, story: Story) -> bool:
    """Most of the quote's content words (stemmed, stop words aside; at least ``MIN_SHARED``) are in one shown line
    (the headline or a summary line); or the quote repeats the figures the story shows ("more than a million
    arrests" under "Arrests top one million") and most of its content words are shown somewhere."""
    terms = set(_TERMS.terms(_words(quote)))
    if not terms:
        return False
    lines = (story.headline, *(s.text for s in story.summary))
    line_terms = [set(_TERMS.terms(line)) for line in lines]
    if any(len(terms & shown) >= MIN_SHARED and 2 * len(terms & shown) > len(terms) for shown in line_terms):
        return True
    said = figures(_words(quote))
    shown_anywhere = set().union(*line_terms)
    return bool(said) and said <= figures(" ".join(lines)) and 2 * len(terms & shown_anywhere) > len(terms)


def figures(text: str) -> set[float]:
    """The amounts a text gives, read alike however written ("1 million", "a million", "One Million",
    "1,000,000"); years (1900 to 2099 written alone) are dates, not figures; "a" or "one" alone is no figure."""
    found: set[float] = set()
    for m in _FIGURE.finditer(text):
        number, magnitude = m.group(1).lower(), (m.group(2) or "").lower()
        if number in ("a", "an", "one"):
            if magnitude:
                found.add(_MAGNITUDES[magnitude])
            continue
        value = float(number.replace(",", ""))
        if not magnitude and "," not in number and "." not in number and 1900 <= value <= 2099:
            continue
        found.add(value * _MAGNITUDES.get(magnitude, 1))
    return found


def _words(quote: Attribution) -> str:
    return quote.content.replace("“", " ").replace("”", " ")
