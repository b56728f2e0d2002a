"""The cross-outlet repeat rule (bot/nlp/summarise.py, ``_repeats``) takes two outlets' lines saying that the same
someone gave no comment or explanation ("did not comment" / "did not offer an explanation") for the same fact."""

from __future__ import annotations

import pytest

from bot.nlp.silence import silent_subject
from bot.nlp.summarise import SumySummariser
from tests.nlp_summary.samples import article


@pytest.mark.parametrize(("text", "subject"), [
    ("The tribunal did not comment in rejecting the port authority's appeal.", "tribunal"),
    ("The tribunal did not offer an explanation for its decision to turn down the appeal.", "tribunal"),
    ("The magistrates declined to comment on the ruling.", "magistrates"),
    ("The council also refused to explain why the ferry was stopped.", "council"),
    ("Harbour officials didn't immediately comment.", "officials"),
    ("The ministry gave no reason for the delay.", "ministry"),
    ("The board would not say why the vote was moved.", "board"),
    ("The court provided no explanation.", "court"),
    ("The family did not comment on the inquiry.", "family"),  # "family" is a noun, no adverb
    ("Port officials repeatedly declined to explain the closure.", "officials"),
    # who is silent is unknown, or nobody is: no subject
    ("He did not comment on the ruling.", None),
    ("They declined to comment.", None),
    ("The tribunal rejected the appeal without comment.", None),
    ("The tribunal commented on the appeal on Monday.", None),
    ("The council did not approve the ferry plan.", None),
    ("The minister did not rule out a new vote.", None),
])
def test_silent_subject(text: str, subject: str | None) -> None:
    assert silent_subject(text) == subject


# Written for this test: two outlets on one invented ruling; their lines on the tribunal's silence share no name
NORTH = ("The Vellmar high tribunal on Monday left in place a harbour law requiring ferry operators to publish "
         "their fares before each season. "
         "The tribunal did not comment in refusing to review an appeals ruling that upheld the law. "
         "Operators had argued that the rule exposed their prices to rivals.")
SOUTH = ("Ferry companies lost their bid to overturn the fare rule at the high tribunal this week. "
         "The tribunal did not offer an explanation for its decision to refuse to hear a challenge to the ruling "
         "that upheld the harbour restrictions. "
         "Passenger groups welcomed the outcome and said fares would now be easier to compare.")


def test_two_outlets_silence_is_said_once() -> None:
    articles = [article(NORTH, outlet="North Post"), article(SOUTH, outlet="South Herald", hours=1)]
    lines = [s.text for s in SumySummariser().summarise(articles, 4)]
    assert sum("tribunal did not" in line for line in lines) == 1, lines
    assert len(lines) == 4


def test_one_outlet_and_other_subjects_are_kept() -> None:
    """Two different silent parties ("The union" / "The company did not comment") are two facts."""
    union = ("Dock workers at Vellmar walked out on Tuesday over a new shift plan. "
             "The union did not comment on how long the strike would last.")
    owners = ("The Vellmar port company said its new shift plan would go ahead despite the walkout. "
              "The company did not comment on the dispute's likely length.")
    articles = [article(union, outlet="North Post"), article(owners, outlet="South Herald", hours=1)]
    lines = [s.text for s in SumySummariser().summarise(articles, 4)]
    assert sum("did not comment" in line for line in lines) == 2, lines
