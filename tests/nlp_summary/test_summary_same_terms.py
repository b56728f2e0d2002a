"""The term-share repeat test (bot/nlp/summarise.py SummaryParams.same_terms) takes a sentence repeated with new
numbers for a repeat, not a longer sentence that holds a short one's words and adds facts of its own, nor one that
keeps a sentence's frame and changes its verb."""

from __future__ import annotations

import numpy as np

from bot.nlp.summarise import SumySummariser
from tests.nlp_summary.samples import article

# Written for this test: two outlets on a minister's resignation; only the second says why she resigned
NORTH = ("Transport minister Hela Strand resigned on Monday. "
         "Strand resigned a week after the Vesle bridge was closed to lorries. "
         "The transport ministry said Strand resigned in a letter to the prime minister. "
         "Strand had been transport minister since the spring election.")
WHY = ("Transport minister Hela Strand resigned on Monday after auditors found she had signed forty million crowns of "
       "road contracts for a haulage firm owned by her brother without a tender.")
VESLE = ("Hela Strand resigned as transport minister on Monday, the ministry said. " + WHY + " "
         "Strand resigned in a short letter and took no questions from reporters.")


def test_a_sentence_that_adds_facts_to_a_shorter_one_is_no_repeat_of_it() -> None:
    articles = [article(NORTH, outlet="North Post"), article(VESLE, outlet="Vesle Times", hours=1)]
    lines = [s.text for s in SumySummariser().summarise(articles, 3)]
    assert WHY in lines, lines


def frame(verb: str) -> str:
    return f"Minister Hela Strand {verb} the Vesle bridge would reopen to lorries in March."


# Written for this test: a page whose sentences all name the minister, the bridge, lorries and March, so those
# words weigh little and two sentences that differ by their verb alone have a low cosine
BRIDGE = [
    "Minister Hela Strand visited the Vesle bridge in March to see the lorries waiting at its ramps.",
    "The Vesle bridge carried lorries until a crack was found, minister Hela Strand told lorry drivers in March.",
    "Hela Strand, the minister, said in March the Vesle bridge repairs would let lorries back soon.",
    "Lorries queued at the Vesle bridge all March while minister Hela Strand met the contractor.",
]


def test_two_sentences_that_differ_by_a_word_other_than_a_number_are_not_merged_by_the_term_share() -> None:
    summariser = SumySummariser()
    said, denied = frame("promised"), frame("denied")
    articles = [article(" ".join([*BRIDGE, said]), outlet="North Post"),
                article(" ".join([*BRIDGE[:2], denied]), outlet="Vesle Times", hours=1)]
    cands = summariser._candidates(articles)
    ours, _, numeric = summariser._counts(cands)
    first, second = (i for i, c in enumerate(cands) if c.sentence.text in (said, denied))
    unlike = np.zeros((len(cands), len(cands)))  # every cosine 0: only the term-share test can call two the same
    assert summariser._same_terms(ours, unlike, numeric)[first, second] == 0.0
    numbered = [f"Lot {n}: the inspectors weighed crate number {4400 + n} and found the ice had melted."
                for n in (1, 2)]
    ours, _, numeric = summariser._counts(summariser._candidates([article(" ".join(numbered), outlet="Bay Courier")]))
    assert summariser._same_terms(ours, np.zeros((2, 2)), numeric)[0, 1] == 1.0  # new numbers only: a repeat
