"""A loosely related article that joins a multi-outlet story reads after the story's core, never first."""

from __future__ import annotations

import pytest

from bot.models import Article
from bot.nlp.summarise import SumySummariser, _tfidf, article_fit, default_summariser, reading_order
from tests.nlp_summary.samples import article

CORE_A = ("Ferry crews across the Varnsea islands walked out on Tuesday in a strike over pay, stranding thousands of "
          "passengers at Kelby harbour. The Varnsea Seafarers Union said the stoppage would last 48 hours. "
          "The ferry operator Islink said it had cancelled all sailings between Kelby and the outer islands.")
CORE_B = ("Thousands of passengers were stranded at Kelby harbour on Tuesday as ferry crews on the Varnsea islands "
          "began a 48-hour strike over pay. Islink, which runs the ferries, cancelled every sailing to the outer "
          "islands. Union leaders said crews had not had a pay rise in three years.")
CORE_C = ("A 48-hour ferry strike halted all Islink sailings from Kelby harbour to the Varnsea outer islands on "
          "Tuesday, leaving thousands of passengers stranded. The seafarers union and Islink are due to meet on "
          "Thursday. Shops on the outer islands said fresh food deliveries had stopped.")
LOOSE = ("The Varnsea regional council approved a budget of 310 million on Monday, with new money for schools and "
         "a road tunnel under the Kelby hills. Councillors argued for four hours over the cost of the tunnel. "
         "The budget also funds a study of a new ferry terminal in ten years' time.")


def story(loose_at: int) -> list[Article]:
    arts = [article(CORE_A, title="Ferry crews strike", outlet="Island Post"),
            article(CORE_B, title="Passengers stranded as ferries stop", outlet="Coast Herald", hours=1),
            article(CORE_C, title="Ferry strike halts sailings", outlet="Varnsea Today", hours=2)]
    arts.insert(loose_at, article(LOOSE, title="Council backs tunnel budget", outlet="Hill Gazette", hours=3))
    return arts


@pytest.mark.parametrize("loose_at", [0, 1, 2, 3])
def test_a_loosely_related_article_never_opens_the_summary(loose_at: int) -> None:
    arts = story(loose_at)
    loose = arts[loose_at].id
    for count in (3, 4, 5):
        summary = default_summariser().summarise(arts, count)
        owners = [line.article_id for line in summary]
        assert owners[0] != loose, [line.text for line in summary]
        if loose in owners:  # at most a later line: after every core line
            assert all(o == loose for o in owners[owners.index(loose):]), [line.text for line in summary]


def test_the_loosely_related_article_fits_the_story_least() -> None:
    arts = story(1)
    summariser = SumySummariser()
    cands = summariser._candidates(arts)
    vectors = _tfidf(summariser._counts(cands)[0])
    fit = article_fit([c.article for c in cands], vectors, len(arts))
    assert min(range(len(arts)), key=lambda a: fit[a]) == 1
    assert fit[1] < 0.7 * max(fit)
    assert article_fit([0, 0], vectors[:2], 1) == [1.0]


def test_reading_order_puts_a_poorly_fitting_article_after_the_core() -> None:
    # article 1 has the lead pick (rank 0) but fits the story far less than 0 and 2, whose picks are rank 1
    picks = [(0, 1, 1), (1, 0, 0), (2, 1, 2), (0, 2, 3)]
    assert reading_order(picks) == [1, 0, 3, 2]
    assert reading_order(picks, [0.3, 0.1, 0.25]) == [0, 3, 2, 1]
    # among articles that fit alike, equal opening ranks go by fit, then by storage order
    assert reading_order([(0, 0, 0), (1, 0, 0), (2, 0, 0)], [0.2, 0.3, 0.25]) == [1, 2, 0]
    assert reading_order([(0, 0, 0), (1, 0, 0)], [0.2, 0.2]) == [0, 1]
