"""`briefbot eval clusters`: story clustering on AllSides (B-cubed, pairwise F1) and NeuS multi-outlet ROUGE."""

from __future__ import annotations

import json
import math
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from bot.eval.baselines import System, lead_per_outlet, sumy_baselines
from bot.eval.data import (
    ClusterItem,
    StoryItem,
    halves,
    jittered_times,
    load_allsides,
    load_neus,
    make_article,
    split_allsides,
)
from bot.eval.rouge import Rouge, average, format_table
from bot.models import Article
from bot.nlp.cluster import STORY_WINDOW, ClusterParams, StoryClusterer
from bot.nlp.summarise import SummaryParams, SumySummariser
from bot.nlp.terms import TermAnalyser

BASELINE_WINDOW = timedelta(hours=72)  # the baseline's best window and threshold on the dev half (docs/QUALITY.md)
BASELINE_THRESHOLD = 0.22
NEUS_SENTENCES = 3
Results = dict[str, dict[str, dict[str, float]]]


def bcubed(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """B-cubed precision/recall/F1 and pairwise F1 (percent-free, 0..1) of a predicted clustering."""
    by_gold: defaultdict[str, set[int]] = defaultdict(set)
    by_pred: defaultdict[str, set[int]] = defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        by_gold[g].add(i)
        by_pred[p].add(i)
    precision = recall = 0.0
    for g, p in zip(gold, predicted, strict=True):
        both = len(by_gold[g] & by_pred[p])
        precision += both / len(by_pred[p])
        recall += both / len(by_gold[g])
    n = max(1, len(gold))
    precision, recall = precision / n, recall / n
    pairs_both = sum(math.comb(c, 2) for c in Counter(zip(gold, predicted, strict=True)).values())
    pairs_pred = sum(math.comb(len(m), 2) for m in by_pred.values())
    pairs_gold = sum(math.comb(len(m), 2) for m in by_gold.values())
    pp = pairs_both / pairs_pred if pairs_pred else 1.0
    pr = pairs_both / pairs_gold if pairs_gold else 1.0
    return {
        "b3_precision": round(precision, 4),
        "b3_recall": round(recall, 4),
        "b3_f1": round(_f1(precision, recall), 4),
        "pairwise_f1": round(_f1(pp, pr), 4),
    }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def arrival_order(items: Sequence[ClusterItem], seed: int = 0) -> list[Article]:
    """Articles in arrival order (jittered time), each given a time within ±48 h of its roundup date (jitter
    ``seed``: 0 for `briefbot eval clusters`, others for `--jitter-seeds`)."""
    times = jittered_times(items, seed)
    made = [
        make_article(i.text, title=i.title, outlet=i.source, url=i.url, published=t)
        for i, t in zip(items, times, strict=True)
    ]
    return sorted(made, key=lambda a: a.published or datetime.min)


def ours(articles: Sequence[Article], params: ClusterParams | None = None) -> list[str]:
    clusterer = StoryClusterer(window=STORY_WINDOW, params=params)
    return [clusterer.add(a) for a in articles]


def tfidf_single_link(articles: Sequence[Article], threshold: float = BASELINE_THRESHOLD) -> list[str]:
    """Baseline: TF-IDF cosine over title + text, join the most similar earlier article within the window."""
    analyser = TermAnalyser()
    bags = [analyser.bag(a.title + "\n" + a.text) for a in articles]
    vocab = {t: i for i, t in enumerate(sorted({t for b in bags for t in b}))}
    matrix = np.zeros((len(articles), max(1, len(vocab))))
    for row, bag in enumerate(bags):
        for term, count in bag.items():
            matrix[row, vocab[term]] = 1.0 + math.log(count)
    matrix *= np.log((len(articles) + 1) / ((matrix > 0).sum(axis=0) + 1)) + 1.0
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    labels: list[str] = []
    for i, article in enumerate(articles):
        sims = matrix[:i] @ matrix[i] if i else np.zeros(0)
        best, label = threshold, "s-" + article.id
        for j in np.argsort(-sims)[:20]:
            pub_i, pub_j = article.published, articles[int(j)].published
            near = pub_i is None or pub_j is None or abs(pub_i - pub_j) <= BASELINE_WINDOW
            if sims[j] >= best and near:
                best, label = float(sims[j]), labels[int(j)]
                break
        labels.append(label)
    return labels


def evaluate_clusters(
    shared: Path, *, split: str = "test", limit: int | None = None, params: ClusterParams | None = None
) -> dict[str, dict[str, float]]:
    dev, test = split_allsides(load_allsides(shared))
    items = (dev if split == "dev" else test)[:limit]
    articles = arrival_order(items)
    gold_of = {make_article(i.text, title=i.title, outlet=i.source, url=i.url).id: i.story_id for i in items}
    gold = [gold_of[a.id] for a in articles]
    return {
        "briefbot": bcubed(gold, ours(articles, params)),
        "tfidf_single_link": bcubed(gold, tfidf_single_link(articles)),
    }


def evaluate_neus(
    shared: Path, *, split: str = "test", limit: int | None = None, params: SummaryParams | None = None
) -> dict[str, dict[str, float]]:
    dev, test = halves(load_neus(shared))
    return score_stories((dev if split == "dev" else test)[:limit], params)


def score_stories(stories: Sequence[StoryItem], params: SummaryParams | None = None) -> dict[str, dict[str, float]]:
    """Mean ROUGE of ours and the baselines on multi-outlet stories (NeuS, AllSides roundups), 3 sentences each."""
    summariser = SumySummariser(params)

    def briefbot(articles: Sequence[Article], count: int) -> list[str]:
        return [s.text for s in summariser.summarise(articles, count)]

    systems: dict[str, System] = {
        "briefbot": briefbot,
        "lead_per_outlet": lead_per_outlet,
        **sumy_baselines(("lexrank", "textrank")),
    }
    built = [[make_article(text, title=title) for title, text in s.articles] for s in stories]
    return {name: average(_story_rows(stories, built, run)) for name, run in systems.items()}


def story_scores(stories: Sequence[StoryItem], params: SummaryParams | None = None) -> list[dict[str, float]]:
    """ROUGE of ours on each story, in order: for paired comparisons of two settings (``paired_gain``)."""
    summariser = SumySummariser(params)
    built = [[make_article(text, title=title) for title, text in s.articles] for s in stories]
    return _story_rows(stories, built, lambda arts, count: [s.text for s in summariser.summarise(arts, count)])


def _story_rows(
    stories: Sequence[StoryItem], built: Sequence[Sequence[Article]], run: System
) -> list[dict[str, float]]:
    rouge = Rouge()
    return [
        rouge.score(s.reference, " ".join(run(arts, NEUS_SENTENCES))) for s, arts in zip(stories, built, strict=True)
    ]


def paired_gain(new: Sequence[float], old: Sequence[float]) -> tuple[float, float]:
    """Mean per-item difference ``new - old`` and its standard error (sample SD / sqrt n; 0 for n < 2)."""
    diffs = [a - b for a, b in zip(new, old, strict=True)]
    if len(diffs) < 2:
        return (diffs[0] if diffs else 0.0), 0.0
    mean = math.fsum(diffs) / len(diffs)
    var = math.fsum((d - mean) ** 2 for d in diffs) / (len(diffs) - 1)
    return mean, math.sqrt(var / len(diffs))


def missing_data(shared_dir: Path) -> bool:
    """True, said on stderr, when ``shared_dir`` has no AllSides/NeuS data."""
    if (shared_dir / "eval" / "clusters" / "allsides_neus").is_dir():
        return False
    print(f"eval data not found under {shared_dir / 'eval' / 'clusters'}", file=sys.stderr)
    return True


def main(shared_dir: Path, *, as_json: bool, limit: int | None = None) -> int:
    """Print clustering and multi-outlet summary figures for the reported halves; exit 2 without data."""
    if missing_data(shared_dir):
        return 2
    started = time.perf_counter()
    results: Results = {
        "allsides_clusters": evaluate_clusters(shared_dir, limit=limit),
        "neus": evaluate_neus(shared_dir, limit=limit),
    }
    if as_json:
        print(json.dumps(results, indent=2))
    else:
        print("AllSides (later half by date; times jittered ±48 h, seed 0; windows: ours 96 h, baseline 72 h): "
              "B-cubed and pairwise F1")
        print("NeuS (second half of the test file): ROUGE F1 vs the neutral summary, 3 sentences per system\n")
        print(format_table(results))
        print(f"\n{time.perf_counter() - started:.1f} s")
    return 0
