"""The direct-quotes-only baseline files each prediction in the subset its gold would be in (straight or curly
double marks: "quoted"; anything else, doubled single marks included: "unquoted"), as ``briefbot`` does, so its
"unquoted" row never shows matches beside zero predictions."""

from __future__ import annotations

from spacy.language import Language

from bot.eval.quote_metrics import Item, Tally, score_document, tokens_in
from bot.eval.quotes import SUBSETS, direct_only

TEXT = ("The ferry captain Ilse Marrow said \"the crossing will be rough all week\" on Monday. "
        "Harbour master Tomas Brede added ''the pier stays closed until Friday morning'' in a note.")


def gold(start_text: str, end_text: str, quoted: bool) -> Item:
    start = TEXT.index(start_text)
    end = TEXT.index(end_text) + len(end_text)
    return Item(tokens_in(TEXT, [(start, end)]), (), "", quoted)


def test_the_subset_of_a_baseline_quotation_follows_its_marks(nlp: Language) -> None:
    items = direct_only(nlp(TEXT))
    assert [item.quoted for item in items] == [True, False]


def test_the_unquoted_row_counts_the_predictions_it_matches(nlp: Language) -> None:
    golds = [gold('"the crossing', 'week"', True), gold("''the pier", "morning''", False)]  # as PolNeAR flags them
    tallies = {s: Tally() for s in SUBSETS}
    score_document(direct_only(nlp(TEXT)), golds, tallies)
    for subset in SUBSETS:
        m = tallies[subset].metrics()
        assert m["predicted"] > 0 and m["overlap_p"] == m["overlap_r"] == 1.0, subset
