"""The same-outlet penalty knows an outlet however its name is written: with or without a leading "The", in
another case or spacing ("The Lindholt Courier", "lindholt  courier"), as bot/outlets.py compares names."""

from __future__ import annotations

import math

from bot.nlp.cluster import StoryClusterer, article_terms, same_outlet
from bot.nlp.terms import TermAnalyser
from tests.nlp_summary.samples import article

# Written for this test: an invented lake town's ferry.
FIRST = ("The Lindholt lake ferry ran aground on a sandbank on Sunday evening with sixty passengers aboard. "
         "Rescue boats brought everyone ashore within two hours, and no one was hurt, the ferry operator said.")
SECOND = ("Sixty passengers were brought ashore after the Lindholt lake ferry ran aground on a sandbank on Sunday. "
          "The operator said the ferry would stay out of service while divers checked its hull.")


def test_an_outlet_named_with_and_without_the_is_one_outlet() -> None:
    assert same_outlet("The Lindholt Courier", ("Lindholt Courier",))
    assert same_outlet("lindholt  COURIER", ("Valley Post", "The Lindholt Courier"))
    assert not same_outlet("Lindholt Courier", ("Lindholt Courant", "Courier"))
    assert not same_outlet("", ("",)) and not same_outlet(" ", (" ",))  # no name is no outlet


def test_the_penalty_applies_to_the_same_outlet_under_another_spelling_of_its_name() -> None:
    def similarity(first_outlet: str, second_outlet: str) -> float:
        clusterer = StoryClusterer()
        story = clusterer.add(article(FIRST, title="Lindholt ferry runs aground", outlet=first_outlet))
        new = article(SECOND, title="Passengers ashore after Lindholt ferry grounding", outlet=second_outlet, hours=2)
        vector = article_terms(new, TermAnalyser(), clusterer.params)
        [sim] = clusterer._similarities(vector, [story], new.outlet).tolist()
        return float(sim)

    other = similarity("The Lindholt Courier", "Valley Post")
    assert other > 0.0
    keep = 1.0 - StoryClusterer().params.same_outlet_penalty
    for first, second in [("The Lindholt Courier", "Lindholt Courier"), ("Lindholt Courier", "the lindholt courier"),
                          ("The Lindholt Courier", "The  Lindholt COURIER")]:
        assert math.isclose(similarity(first, second), keep * other, rel_tol=1e-9), (first, second)
