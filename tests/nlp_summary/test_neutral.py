"""Neutral wording in multi-outlet summaries: the subjectivity lexicon, hedges, and the paired-gain harness."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.eval.clusters import paired_gain
from bot.eval.roundups import compare_on_dev
from bot.nlp.subjectivity import hedged, opinion_score, subjectivity
from bot.nlp.summarise import SummaryParams, SumySummariser
from tests.nlp_summary.samples import HARBOUR_A, HARBOUR_B, HARBOUR_C, article

LOADED = "The council's disastrous, ridiculous vote on Tuesday shut the Lisport ferry terminal in March."
FACTUAL = "The council voted on Tuesday by seven votes to two to shut the Lisport ferry terminal in March."


@pytest.mark.parametrize(("text", "subjective"), [
    (LOADED, True),
    ("Critics called the plan a terrible, stupid waste of money.", True),
    (FACTUAL, False),
    ("The bill passed 51-49 in the Senate on Tuesday.", False),
])
def test_lexicon_subjectivity(text: str, subjective: bool) -> None:
    score = subjectivity(text)
    assert 0.0 <= score <= 1.0
    assert (score >= 0.5) is subjective, score


@pytest.mark.parametrize(("text", "hedges"), [
    ("The strike could spread to other ports next week.", True),
    ("Officials said the fire was probably caused by a faulty cable.", True),
    ('"It could take months," the harbour master said of the repairs.', False),  # quoted: the speaker's hedge
    ("The strike spread to two other ports on Monday.", False),
    ("Coulson, the harbour master, gave no date.", False),  # a word, not a prefix
])
def test_hedges_outside_quotes(text: str, hedges: bool) -> None:
    assert hedged(text) is hedges
    assert opinion_score(text) == pytest.approx(subjectivity(text) + (1.0 if hedges else 0.0))


def test_a_loaded_lead_gives_way_to_a_neutral_one_across_outlets() -> None:
    """Two outlets' leads alike in position, length and support: the neutral one is the one-line summary."""
    loaded = article(LOADED, title="Ferry terminal shut", outlet="North Post")
    factual = article(FACTUAL, title="Council closes ferry terminal", outlet="Valley Times", hours=1)
    pick = SumySummariser().summarise([loaded, factual], 1)
    assert [s.article_id for s in pick] == [factual.id]
    # without the term the two tie, and the first outlet's lead wins: the term is what decides
    flat = SumySummariser(SummaryParams(opinion_weight=0.0)).summarise([loaded, factual], 1)
    assert [s.article_id for s in flat] == [loaded.id]


def test_single_article_summaries_do_not_change() -> None:
    for text in (HARBOUR_A, HARBOUR_B, HARBOUR_C, LOADED + " " + FACTUAL):
        one = [article(text, title="Portvale", outlet="Coastline News")]
        with_term = SumySummariser().summarise(one, 3)
        without = SumySummariser(SummaryParams(opinion_weight=0.0)).summarise(one, 3)
        assert with_term == without and with_term


def test_the_lexicon_needs_no_nltk_data(tmp_path: Path) -> None:
    """textblob's pattern lexicon ships inside the wheel: nothing is downloaded or read from NLTK data."""
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "none"), "HOME": str(tmp_path)}
    code = "from bot.nlp.subjectivity import subjectivity; print(subjectivity('A shameful, disastrous vote.'))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert float(done.stdout) > 0.5
    assert not (tmp_path / "nltk_data").exists()


def test_paired_gain() -> None:
    mean, se = paired_gain([3.0, 5.0, 4.0, 6.0], [2.0, 4.0, 4.0, 4.0])
    assert mean == pytest.approx(1.0)  # differences 1, 1, 0, 2
    assert se == pytest.approx((2.0 / 3.0) ** 0.5 / 2.0)  # sample SD sqrt(2/3), over sqrt(4)
    assert paired_gain([1.5], [1.0]) == (0.5, 0.0)
    assert paired_gain([], []) == (0.0, 0.0)


def test_compare_on_dev_pairs_story_by_story(shared_dir: Path) -> None:
    same = compare_on_dev(shared_dir, SummaryParams(), SummaryParams(), limit=4)
    assert same == {"neus_dev": (0.0, 0.0), "roundups": (0.0, 0.0), "pooled": (0.0, 0.0)}
    gains = compare_on_dev(shared_dir, SummaryParams(), SummaryParams(opinion_weight=0.0), limit=12)
    assert set(gains) == {"neus_dev", "roundups", "pooled"}
    assert all(se >= 0.0 and -100.0 <= mean <= 100.0 for mean, se in gains.values())
    # another metric: the ROUGE-L gain of the same change, which differs from its ROUGE-1 gain
    gains_l = compare_on_dev(shared_dir, SummaryParams(), SummaryParams(opinion_weight=0.0), limit=12, metric="rougeL")
    assert set(gains_l) == set(gains) and gains_l != gains
