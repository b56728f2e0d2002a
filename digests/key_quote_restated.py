"""Whether a key-quote candidate restates what a story's headline and summary lines already show."""

from __future__ import annotations

import re
from itertools import pairwise

from bot.models import Attribution, Story
from bot.nlp.terms import TermAnalyser

MIN_SHARED = 4  # this many shared content words, if most of the quote's, make a repeat whatever the lengths
MIN_ECHO = 2  # fewer make one only as all of the shorter side's content words, at least this many, with a phrase
_TERMS = TermAnalyser()
_MAGNITUDES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_FIGURE = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?|an?|one)(?:\s+(thousand|million|billion|trillion)\b)?",
                     re.IGNORECASE)


def restates(quote: Attribution, story: Story) -> bool:
    """The quote echoes one shown line (the headline or a summary line; content words stemmed, stop words aside):
    more than half of the quote's content words are in it, and either at least ``MIN_SHARED`` or all of the
    shorter side's content words (at least ``MIN_ECHO``) with a phrase of two in common: "unconstitutional chaos"
    in both the quote and a longer headline, or a three-word headline all in a quote that adds one word; or the
    quote repeats the figures the story shows ("more than a million arrests" under "Arrests top one million") and
    most of its content words are shown somewhere."""
    sequence = _TERMS.terms(_words(quote))
    terms = set(sequence)
    if not terms:
        return False
    lines = (story.headline, *(s.text for s in story.summary))
    line_sequences = [_TERMS.terms(line) for line in lines]
    if any(echoes(sequence, shown) for shown in line_sequences):
        return True
    said = figures(_words(quote))
    shown_anywhere = {term for shown in line_sequences for term in shown}
    return bool(said) and said <= figures(" ".join(lines)) and 2 * len(terms & shown_anywhere) > len(terms)


def echoes(quote_terms: list[str], line_terms: list[str]) -> bool:
    """Most of the quote's content words are in the line's, and the words in common are not a coincidence:
    ``MIN_SHARED`` or more; or every content word of the shorter side (at least ``MIN_ECHO``) with two of them
    side by side in both, a phrase the line repeats ("unconstitutional chaos"). Three of a five-word quote's words
    in a longer line, or "November", "records" and "began" scattered over "recorded ... a November high ... a dry
    spell that began", are the story's topic, not an echo."""
    said, shown = set(quote_terms), set(line_terms)
    common = len(said & shown)
    if 2 * common <= len(said):
        return False
    if common >= MIN_SHARED:
        return True
    return common >= MIN_ECHO and common == min(len(said), len(shown)) and bool(_pairs(quote_terms) & _pairs(
        line_terms))


def _pairs(terms: list[str]) -> set[tuple[str, str]]:
    """Content words that stand side by side (stop words between them aside)."""
    return set(pairwise(terms))


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
