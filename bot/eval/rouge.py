"""ROUGE-1/2/L F1 with stemming (the rouge-score package), single- and multi-reference, as percentages."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from statistics import fmean
from typing import Any

from rouge_score import rouge_scorer

METRICS = ("rouge1", "rouge2", "rougeL")


class Rouge:
    """Scores summaries against references; keeps running sums so callers just add and read means."""

    def __init__(self) -> None:
        logging.getLogger("absl").setLevel(logging.WARNING)  # rouge-score logs its tokenizer choice
        self._scorer: Any = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)

    def score(self, reference: str, summary: str) -> dict[str, float]:
        got = self._scorer.score(reference, summary)
        return {m: 100.0 * float(got[m].fmeasure) for m in METRICS}

    def multi(self, references: Sequence[str], summary: str) -> tuple[dict[str, float], dict[str, float]]:
        """(max over references, mean over references), per metric."""
        each = [self.score(r, summary) for r in references]
        best = {m: max(e[m] for e in each) for m in METRICS}
        mean = {m: fmean(e[m] for e in each) for m in METRICS}
        return best, mean


def average(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    """Metric-wise mean of per-item scores, rounded to 2 decimals."""
    if not rows:
        return {}
    return {k: round(fmean(r[k] for r in rows), 2) for k in rows[0]}


def format_table(results: dict[str, dict[str, dict[str, float]]]) -> str:
    """Plain-text table: one block per dataset, one row per system, one column per metric."""
    lines: list[str] = []
    for dataset, systems in results.items():
        metrics = sorted({m for row in systems.values() for m in row}, key=_metric_order)
        lines.append(f"\n{dataset}")
        width = max(9, *(len(m) + 2 for m in metrics))
        lines.append(f"  {'system':<16}" + "".join(f"{m:>{width}}" for m in metrics))
        for system, row in systems.items():
            cells = "".join(f"{row[m]:>{width}.2f}" if m in row else f"{'-':>{width}}" for m in metrics)
            lines.append(f"  {system:<16}" + cells)
    return "\n".join(lines).lstrip("\n")


def _metric_order(metric: str) -> tuple[int, str]:
    order = ("rouge1", "rouge2", "rougeL", "b3_precision", "b3_recall", "b3_f1", "pairwise_f1")
    base = metric.split("_mean")[0]
    return (order.index(base) if base in order else len(order), metric)
