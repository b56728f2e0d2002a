"""Span matching and scores for attribution evaluation: content P/R/F1 (exact, overlap) and speaker accuracy."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
OVERLAP = 0.5


@dataclass(frozen=True, slots=True)
class Item:
    """One attribution as token sets: content tokens, speaker character spans, quoted or not."""

    content: frozenset[int]  # start offsets of word tokens in the content
    speaker: tuple[tuple[int, int], ...]  # character spans (empty: no speaker)
    speaker_text: str
    quoted: bool


def tokens_in(text: str, spans: Sequence[tuple[int, int]]) -> frozenset[int]:
    """Start offsets of the word tokens of ``text`` lying inside any of ``spans``."""
    out: set[int] = set()
    for start, end in spans:
        out.update(m.start() for m in _TOKEN.finditer(text, start, end))
    return frozenset(out)


def overlap(a: frozenset[int], b: frozenset[int]) -> float:
    """Shared tokens over the larger of the two: >= 0.5 means each covers at least half the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def speaker_ok(pred: Item, gold: Item) -> bool:
    """Same speaker: overlapping spans, the same words, or both without a speaker."""
    if not gold.speaker:
        return not pred.speaker
    for ps, pe in pred.speaker:
        for gs, ge in gold.speaker:
            if ps < ge and gs < pe:
                return True
    return pred.speaker_text.lower().strip() == gold.speaker_text.lower().strip() != ""


@dataclass
class Tally:
    """Counts for one subset: predictions, gold, matches (exact and overlap), speakers right."""

    pred: int = 0
    gold: int = 0
    exact_p: int = 0  # matched predictions in this subset (by the prediction's own quote marks)
    exact_g: int = 0  # matched gold in this subset (by the gold's quote marks)
    loose_p: int = 0
    loose_g: int = 0
    speaker_right: int = 0

    def metrics(self) -> dict[str, float]:
        def prf(hit_p: int, hit_g: int) -> tuple[float, float, float]:
            p = hit_p / self.pred if self.pred else 0.0
            r = hit_g / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        ep, er, ef = prf(self.exact_p, self.exact_g)
        lp, lr, lf = prf(self.loose_p, self.loose_g)
        return {
            "gold": float(self.gold), "predicted": float(self.pred),
            "exact_p": ep, "exact_r": er, "exact_f1": ef,
            "overlap_p": lp, "overlap_r": lr, "overlap_f1": lf,
            "speaker_acc": self.speaker_right / self.loose_g if self.loose_g else 0.0,
        }


def match(preds: Sequence[Item], golds: Sequence[Item]) -> list[tuple[int, int, float]]:
    """One-to-one pairs (pred index, gold index, overlap), best overlaps first."""
    pairs = [
        (overlap(p.content, g.content), i, j)
        for i, p in enumerate(preds) for j, g in enumerate(golds)
        if p.content & g.content
    ]
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out: list[tuple[int, int, float]] = []
    for score, i, j in pairs:
        if i in used_p or j in used_g or score < OVERLAP:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j, score))
    return out


def score_document(preds: Sequence[Item], golds: Sequence[Item], tallies: dict[str, Tally]) -> None:
    """Add one document's counts to the ``all``, ``quoted`` and ``unquoted`` tallies."""
    def subsets(item: Item) -> tuple[str, ...]:
        return ("all", "quoted" if item.quoted else "unquoted")

    for p in preds:
        for name in subsets(p):
            tallies[name].pred += 1
    for g in golds:
        for name in subsets(g):
            tallies[name].gold += 1
    for i, j, _score in match(preds, golds):
        p, g = preds[i], golds[j]
        exact = int(p.content == g.content)
        for name in subsets(p):
            tallies[name].loose_p += 1
            tallies[name].exact_p += exact
        for name in subsets(g):
            tallies[name].loose_g += 1
            tallies[name].exact_g += exact
            tallies[name].speaker_right += int(speaker_ok(p, g))
