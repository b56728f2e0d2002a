"""Feed snippets cut off mid-sentence ("..." / "…", or no end mark) never take a whole sentence's place in a summary."""

from __future__ import annotations

import pytest

from bot.models import Article
from bot.nlp.sentence_quality import junk_reason
from bot.nlp.summarise import SumySummariser
from tests.nlp_summary.samples import article

# The line the other outlets' details hang on: written whole it is a summary line (checked below), so leaving it out
# when the snippet cuts it off is the rule at work, not a lower score.
CORE = "The Lisport council approved a harbour repair fund of 12 million on Monday after a long debate"
OTHERS = (
    ("Lisport harbour fund", "The harbour repair fund will pay for work on the north pier, the port office said. "
     "Work is due to start in spring."),
    ("Money for the harbour", "Fishing crews in Lisport had asked the council for harbour repairs for years. "
     "Some berths have been closed since the winter storms."),
)


def story(core_line: str) -> list[Article]:
    # a snippet's cut ends its paragraph (an ellipsis inside a paragraph marks words left out of a quotation)
    first = article(core_line + "\nFerry crews welcomed the vote at the quay on Monday evening.",
                    title="Harbour fund approved", outlet="Coastline News")
    rest = [article(text, title=title, outlet=f"Outlet {k}", hours=k + 1)
            for k, (title, text) in enumerate(OTHERS)]
    return [first, *rest]


def test_the_core_line_written_whole_is_chosen() -> None:
    summary = SumySummariser().summarise(story(CORE + "."), 3)
    assert CORE + "." in [line.text for line in summary]


@pytest.mark.parametrize("cut", ["...", "…", " …"])
def test_a_line_cut_with_an_ellipsis_is_never_chosen(cut: str) -> None:
    articles = story(CORE + cut)
    assert junk_reason(CORE + cut) == "truncated"
    summary = SumySummariser().summarise(articles, 3)
    assert summary, "the other outlets' whole sentences still make a summary"
    assert all(not line.text.rstrip().endswith(("...", "…")) for line in summary)
    assert all(not line.text.startswith(CORE) for line in summary)


def test_a_snippet_cut_without_an_end_mark_is_never_chosen() -> None:
    cut_off = article(CORE, title="Harbour fund approved", outlet="Coastline News")  # the feed stopped mid-sentence
    assert junk_reason(CORE) == "fragment"
    rest = story(CORE + ".")[1:]
    summary = SumySummariser().summarise([cut_off, *rest], 3)
    assert summary
    assert all(line.article_id != cut_off.id for line in summary)
