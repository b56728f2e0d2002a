"""`briefbot eval summaries`: ROUGE of our summariser beside Lead-3 and sumy baselines, same run."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.eval.baselines import System, lead, lead_filtered, sumy_baselines
from bot.eval.data import SummaryItem, halves, load_bbc, load_cnndm_highlights, load_writer_summaries, make_article
from bot.eval.rouge import Rouge, average, format_table
from bot.models import Article
from bot.nlp.summarise import Summariser, SummaryParams, SumySummariser

SENTENCES = 3  # every system gets the same number of sentences (Lead-3 length)
Results = dict[str, dict[str, dict[str, float]]]
Loader = Callable[[Path], list[SummaryItem]]
DATASETS: dict[str, tuple[Loader, bool]] = {  # name -> (loader, multi-reference?)
    "cnndm_writer_summaries": (load_writer_summaries, True),
    "cnndm_sample100": (load_cnndm_highlights, False),
    "bbc_sample500": (load_bbc, False),  # regression check only: its references look machine-made
}


def systems(summariser: Summariser) -> dict[str, System]:
    """Ours first, then the baselines, all on the same sentence split and the same length."""

    def ours(articles: Sequence[Article], count: int) -> list[str]:
        return [s.text for s in summariser.summarise(articles, count)]

    return {"briefbot": ours, "lead3": lead, "lead3_filtered": lead_filtered, **sumy_baselines()}


def evaluate(
    shared: Path,
    *,
    split: str = "test",
    limit: int | None = None,
    params: SummaryParams | None = None,
    only: Sequence[str] | None = None,
    datasets: Sequence[str] | None = None,
) -> Results:
    """ROUGE per dataset and system; ``split`` "dev" is for tuning, "test" is what we report."""
    rouge = Rouge()
    runners = systems(SumySummariser(params))
    if only is not None:
        runners = {k: v for k, v in runners.items() if k in only}
    results: Results = {}
    for name in datasets or list(DATASETS):
        loader, multi = DATASETS[name]
        dev, test = halves(loader(shared))
        items = (dev if split == "dev" else test)[:limit]
        articles = [make_article(item.text) for item in items]
        results[name] = {}
        for system, run in runners.items():
            best_rows: list[dict[str, float]] = []
            mean_rows: list[dict[str, float]] = []
            for item, article in zip(items, articles, strict=True):
                summary = " ".join(run([article], SENTENCES))
                best, mean = rouge.multi(item.references, summary)
                best_rows.append(best)
                mean_rows.append(mean)
            row = average(best_rows)
            if multi:
                row |= {f"{k}_meanref": v for k, v in average(mean_rows).items()}
            results[name][system] = row
    return results


def main(shared_dir: Path, *, as_json: bool, limit: int | None = None) -> int:
    """Print the table (or JSON) for the reported (test) halves; exit 2 if the data is missing."""
    if not (shared_dir / "eval" / "summaries").is_dir():
        print(f"eval data not found under {shared_dir / 'eval' / 'summaries'}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = evaluate(shared_dir, split="test", limit=limit)
    if as_json:
        print(json.dumps(results, indent=2, sort_keys=False))
    else:
        print("ROUGE F1 (rouge-score, stemming), test halves; writer summaries: max over references")
        print("(rougeX_meanref: mean over references). All systems: 3 sentences from the same split.\n")
        print(format_table(results))
        print(f"\n{time.perf_counter() - started:.1f} s")
    return 0
