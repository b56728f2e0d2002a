"""`briefbot eval clusters --jitter-seeds N`: AllSides B-cubed F1 over several jitter seeds, mean and spread."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.eval.clusters import arrival_order, bcubed, missing_data, ours, paired_gain, tfidf_single_link
from bot.eval.data import load_allsides, make_article, split_allsides
from bot.models import Article
from bot.nlp.cluster import ClusterParams

Labeller = Callable[[Sequence[Article]], list[str]]


@dataclass(frozen=True, slots=True)
class Spread:
    """One system's figure on each seed, with their mean and sample standard deviation."""

    per_seed: tuple[float, ...]

    @property
    def mean(self) -> float:
        return math.fsum(self.per_seed) / len(self.per_seed)

    @property
    def sd(self) -> float:
        n = len(self.per_seed)
        if n < 2:
            return 0.0
        mean = self.mean
        return math.sqrt(math.fsum((x - mean) ** 2 for x in self.per_seed) / (n - 1))


def seed_gain(new: Spread, old: Spread) -> tuple[float, float, float]:
    """(mean per-seed gain ``new - old``, its standard error, the worst per-seed gain): what the clustering rounds'
    adoption rule reads (docs/QUALITY.md, "Story clustering")."""
    gain, se = paired_gain(new.per_seed, old.per_seed)
    return gain, se, min(a - b for a, b in zip(new.per_seed, old.per_seed, strict=True))


def shipped_systems(params: ClusterParams | None = None) -> dict[str, Labeller]:
    """Ours (with ``params``) and the TF-IDF single-link baseline, as `briefbot eval clusters` runs them."""
    return {"briefbot": lambda articles: ours(articles, params), "tfidf_single_link": tfidf_single_link}


def over_seeds(
    shared: Path, systems: dict[str, Labeller], *, split: str = "dev", seeds: int = 5, limit: int | None = None,
    metric: str = "b3_f1",
) -> dict[str, Spread]:
    """Each system's ``metric`` on one AllSides half (``split`` "dev": the earlier one) with the jitter of seeds
    0 .. seeds-1; seed 0 is the figure `briefbot eval clusters` prints for that half."""
    dev, test = split_allsides(load_allsides(shared))
    items = (dev if split == "dev" else test)[:limit]
    gold_of = {make_article(i.text, title=i.title, outlet=i.source, url=i.url).id: i.story_id for i in items}
    got: dict[str, list[float]] = {name: [] for name in systems}
    for seed in range(seeds):
        articles = arrival_order(items, seed)
        gold = [gold_of[a.id] for a in articles]
        for name, run in systems.items():
            got[name].append(bcubed(gold, run(articles))[metric])
    return {name: Spread(tuple(values)) for name, values in got.items()}


def main(shared_dir: Path, *, seeds: int, split: str, as_json: bool, limit: int | None = None) -> int:
    """Print ours and the baseline's B-cubed F1 on each seed with mean and SD; exit 2 without data."""
    if missing_data(shared_dir):
        return 2
    started = time.perf_counter()
    spreads = over_seeds(shared_dir, shipped_systems(), split=split, seeds=seeds, limit=limit)
    rows = {name: {"mean": round(s.mean, 4), "sd": round(s.sd, 4), "per_seed": list(s.per_seed)}
            for name, s in spreads.items()}
    if as_json:
        print(json.dumps({f"allsides_clusters_{split}_seeds": rows}, indent=2))
        return 0
    half = "earlier (dev)" if split == "dev" else "later (reported)"
    print(f"AllSides, {half} half, B-cubed F1 over jitter seeds 0..{seeds - 1} (seed 0: `eval clusters`)")
    for name, row in rows.items():
        each = " ".join(f"{x:.4f}" for x in spreads[name].per_seed)
        print(f"{name:<18} mean {row['mean']:.4f}  sd {row['sd']:.4f}  seeds {each}")
    print(f"\n{time.perf_counter() - started:.1f} s")
    return 0
