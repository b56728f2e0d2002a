"""Stories across languages: B-cubed F1 of the clusterer with and without cross-language joins on our own sample set.

    .venv/bin/python benchmarks/bench_crosslang.py

The set (tests/crosslang_samples.py) is hand-written for this: seven invented events, each told in two or three of
English, French, German, Spanish and Italian, and hard negatives (another event in the same town, or with the same
person, in another language, within the same days). Both clusterers read the same articles in the same order in one
run; "shipped" is the clusterer with cross-language joins off (cross_threshold above 1), which is the clusterer as it
was before them. The threshold was set on the first part ("tuning"), so its figure is no evaluation at all; the
second part ("held out": three events, two negatives) was written after the threshold was set and changed nothing,
but it is small, written by the same hand, and so no independent evaluation either.
With --speed N it then times clustering N articles of the English evaluation texts (read from ../shared/eval at
run time, as benchmarks/bench_summarise_cluster.py does), with and without cross-language joins, interleaved: as
they are, and with every other article labelled German (so the cross-language lookup runs on half of them).
Results and their reading: docs/QUALITY.md, "Stories across languages".
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.eval.clusters import bcubed
from bot.nlp.cluster import ClusterParams, StoryClusterer
from tests.crosslang_samples import HELD_OUT, SAMPLES, samples

OFF = ClusterParams(cross_threshold=2.0)


def speed(count: int, rounds: int = 3) -> None:
    """Milliseconds per 1,000 articles clustered, median of interleaved rounds, with and without the joins."""
    from benchmarks.bench_summarise_cluster import corpus

    english = corpus(count)
    mixed = [replace(a, language="de") if k % 2 else a for k, a in enumerate(english)]
    for label, articles in (("English", english), ("half labelled German", mixed)):
        times: dict[str, list[float]] = {"without": [], "with": []}
        for _ in range(rounds):
            for name, params in (("without", OFF), ("with", ClusterParams())):
                clusterer = StoryClusterer(params=params)
                start = time.perf_counter()
                for a in articles:
                    clusterer.add(a)
                times[name].append((time.perf_counter() - start) * 1000 / count * 1000)
        print(f"{label}, {count} articles: ms per 1,000 without {statistics.median(times['without']):.0f}, "
              f"with {statistics.median(times['with']):.0f}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--speed", type=int, default=0, help="also time clustering this many evaluation articles")
    args = parser.parse_args()
    for part, rows in (("tuning", SAMPLES), ("held out", HELD_OUT), ("both", SAMPLES + HELD_OUT)):
        found = samples(rows)
        gold = [event for event, _ in found]
        print(f"\n{part}: {len(found)} articles, {len(set(gold))} events "
              f"({sum(1 for e in set(gold) if gold.count(e) > 1)} told in more than one language)")
        print(f"{'clusterer':<28}{'B3 P':>8}{'B3 R':>8}{'B3 F1':>8}{'pair F1':>9}{'stories':>9}")
        for label, params in (("shipped (no cross-language)", OFF),
                              ("with cross-language joins", ClusterParams())):
            clusterer = StoryClusterer(params=params)
            predicted = [clusterer.add(a) for _, a in found]
            s = bcubed(gold, predicted)
            print(f"{label:<28}{s['b3_precision']:>8.4f}{s['b3_recall']:>8.4f}{s['b3_f1']:>8.4f}"
                  f"{s['pairwise_f1']:>9.4f}{len(set(predicted)):>9}")
    if args.speed:
        print()
        speed(args.speed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
