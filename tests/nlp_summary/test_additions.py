"""What each outlet alone reports in a multi-outlet story: its first clean statement no other outlet repeats."""

from __future__ import annotations

from bot.eval.data import make_article
from bot.nlp.summarise import SumySummariser

LEDGER = make_article(
    "The Orsa dam reopened its spillway on Monday after a week of heavy rain, the water board said. "
    "Engineers lowered the reservoir by two metres overnight. "
    '"We will not take risks with the towns below," said Anika Ros, the board chair. '
    "The board also ordered a survey of the old eastern embankment, which last had one in 1987.",
    title="Orsa dam opens spillway", outlet="Valley Ledger")
COURIER = make_article(
    "Water was released from the Orsa dam on Monday as the reservoir rose after a week of rain. "
    "The reservoir was lowered by two metres overnight, engineers said. "
    "Farmers downstream moved livestock to higher fields as a precaution.",
    title="Dam releases water after rain", outlet="Orsa Courier")
SECOND_LEDGER = make_article(
    "The Orsa water board will publish the survey of the eastern embankment in March, a spokesman said.",
    title="Embankment survey due", outlet="Valley Ledger")


def test_each_outlet_gets_its_first_statement_nobody_else_reports() -> None:
    found = SumySummariser().additions([LEDGER, COURIER])
    assert {k: v.text for k, v in found.items()} == {
        LEDGER.id: "The board also ordered a survey of the old eastern embankment, which last had one in 1987.",
        COURIER.id: "Farmers downstream moved livestock to higher fields as a precaution."}
    for article_id, line in found.items():  # provenance: the exact span of the article's text
        article = next(a for a in (LEDGER, COURIER) if a.id == article_id)
        assert article.text[line.start:line.end] == line.text


def test_shown_sentences_are_skipped_and_one_outlet_has_nothing_to_compare() -> None:
    skip = {(COURIER.id, 2)}  # the livestock sentence, already in the summary
    assert COURIER.id not in SumySummariser().additions([LEDGER, COURIER], skip=skip)
    assert SumySummariser().additions([LEDGER, SECOND_LEDGER]) == {}  # the same outlet twice
    assert SumySummariser().additions([LEDGER]) == {}
