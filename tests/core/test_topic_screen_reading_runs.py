"""``reading_runs`` gives the same runs as reading the whole text again with its hyphens as spaces."""

from __future__ import annotations

import pytest

from bot.topic_screen import reading_runs, run_words
from bot.topic_words import split_hyphens


def _reference(text: str) -> set[str]:
    """The runs as first written: the text split, split again with every hyphen a space, and each run's hyphened
    words as ``split_hyphens`` splits them."""
    runs = set(text.split())
    if "-" in text:
        runs |= set(text.replace("-", " ").split())
        runs.update([part for run in runs if "-" in run for word in run_words(run) if "-" in word
                     for part in split_hyphens(word)])
    return runs


TEXTS = [
    "",
    "-",
    "- -- ---",
    "No hyphen at all, only words.",
    "The US-China talks on e-mail-based trade went ahead.",
    "A well-known co-op\u00a0non-profit\u2003re-opened -- again - and again-",
    "Edges: -start end- (mid-term) \"self-made\" x-ray's t-shirts",
    "Line\none-two\tthree-four\x1cfive-six\u2028seven-eight",
    "Hyphens only: ---abc--def--- and 1-2-3 and COVID-19's second-half",
]


@pytest.mark.parametrize("text", TEXTS)
def test_reading_runs_same_as_reading_twice(text: str) -> None:
    assert reading_runs(text) == _reference(text)
