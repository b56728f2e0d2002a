"""Cross-outlet repeats told by grammar: the same subject, verb and object in other words (bot/nlp/clause_repeats.py,
``SummaryParams.clause_repeats``). All sample text is invented."""

from __future__ import annotations

import pytest

from bot.nlp.clause_repeats import ClauseReader, main_clause, parse_english
from bot.nlp.summarise import SummaryParams, SumySummariser
from tests.nlp_summary.samples import article

_COURIER = (
    "The harbour board closed the north quay to cargo ships on Monday after the storm.\n"
    "Repairs to the sea wall will cost about four million euros, the board's engineer estimated.\n"
    "The ferry to the outer islands will keep running from the south pier while the work goes on.\n"
)
_GAZETTE = (
    "Citing damage from the gale, the harbour board has closed the Marrow Bay quay to freight traffic.\n"
    "Fishing crews said they had been warned two days before the storm reached the coast.\n"
)


def _lines(params: SummaryParams) -> list[str]:
    arts = [article(_COURIER, outlet="Bay Courier"), article(_GAZETTE, outlet="Marrow Gazette", hours=1)]
    return [line.text for line in SumySummariser(params).summarise(arts, 3)]


def test_one_statement_in_two_outlets_words_is_one_line() -> None:
    lines = _lines(SummaryParams())
    assert len(lines) == 3
    assert sum("closed the" in line for line in lines) == 1, lines
    assert any(line.startswith("Fishing crews") for line in lines)


def test_without_the_rule_the_paraphrase_is_a_second_line() -> None:
    # the two lines share too few words and names for the word tests: the case the rule is for
    lines = _lines(SummaryParams(clause_repeats=False))
    assert sum("closed the" in line for line in lines) == 2, lines


@pytest.mark.parametrize(("first", "second", "same"), [
    ("The county council approved a budget that would double the money for flood barriers.",
     "For the second year running, the county council has approved spending plans that add money for barriers.",
     True),
    ("Officials said the harbour board closed the north quay to cargo ships.",
     "The harbour board closed the north quay to cargo ships on Monday after the storm.", True),
    # the same subject and verb, but another object: two facts
    ("The harbour board closed its offices early for the holiday weekend.",
     "The harbour board closed the north quay to cargo ships on Monday after the storm.", False),
    # a pronoun names no one
    ("He closed the north quay to cargo ships.",
     "The harbour board closed the north quay to cargo ships on Monday after the storm.", False),
    ("The union closed the north quay to cargo ships in protest.",
     "The harbour board closed the north quay to cargo ships on Monday after the storm.", False),
])
def test_main_clauses_repeat_with_the_same_subject_verb_and_object(first: str, second: str, same: bool) -> None:
    reader = ClauseReader(parse_english)
    mine, theirs = reader.clause(first), reader.clause(second)
    assert (mine is not None and theirs is not None and mine.repeats(theirs)) is same


def test_each_sentence_is_parsed_once_per_reader() -> None:
    seen: list[str] = []

    def parse(text: str):  # type: ignore[no-untyped-def]
        seen.append(text)
        return parse_english(text)

    reader = ClauseReader(parse)
    text = "The harbour board closed the north quay to cargo ships."
    assert reader.clause(text) == reader.clause(text) == main_clause(parse_english(text))
    assert seen == [text]
