"""A strict reader of the Prometheus text exposition format (0.0.4) for tests: it fails on any line that is not
well formed, on a sample before its family's TYPE, and on a histogram whose buckets are not cumulative."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
SAMPLE = re.compile(rf"^({NAME})(?:\{{(.*)\}})? (\S+)$")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"')
TYPES = ("counter", "gauge", "histogram", "summary", "untyped")
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")

Labels = tuple[tuple[str, str], ...]


@dataclass
class Family:
    name: str
    type: str
    help: str = ""
    samples: list[tuple[str, Labels, float]] = field(default_factory=list)  # (sample name, labels, value)

    def value(self, sample: str, **labels: str) -> float:
        wanted = tuple(sorted(labels.items()))
        found = [v for n, ls, v in self.samples if n == sample and tuple(sorted(ls)) == wanted]
        assert len(found) == 1, f"{sample}{labels}: {len(found)} samples"
        return found[0]


def _labels(text: str, line: str) -> Labels:
    if not text:
        return ()
    pairs = []
    rest = text
    while rest:
        match = LABEL.match(rest)
        assert match, f"bad labels in {line!r}"
        pairs.append((match.group(1), match.group(2)))
        rest = rest[match.end():]
        if rest:
            assert rest.startswith(","), f"bad labels in {line!r}"
            rest = rest[1:]
    names = [n for n, _ in pairs]
    assert len(names) == len(set(names)), f"a label repeated in {line!r}"
    return tuple(pairs)


def _family_of(sample: str, families: dict[str, Family]) -> Family:
    if sample in families and families[sample].type != "histogram":
        return families[sample]
    for suffix in HISTOGRAM_SUFFIXES:
        base = sample.removesuffix(suffix)
        if base != sample and base in families and families[base].type == "histogram":
            return families[base]
    raise AssertionError(f"sample {sample} comes before (or without) its # TYPE line")


def parse(text: str) -> dict[str, Family]:
    """Every family by name; raises AssertionError naming the first line that breaks the format."""
    assert text.endswith("\n"), "the exposition ends with a newline"
    families: dict[str, Family] = {}
    helps: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("# HELP "):
            name, _, help_text = line[len("# HELP "):].partition(" ")
            assert re.fullmatch(NAME, name) and name not in helps, line
            helps[name] = help_text
        elif line.startswith("# TYPE "):
            name, _, kind = line[len("# TYPE "):].partition(" ")
            assert re.fullmatch(NAME, name) and kind in TYPES and name not in families, line
            families[name] = Family(name, kind, helps.get(name, ""))
        elif line.startswith("#") or not line.strip():
            assert not line.strip() or line.startswith("#"), line
        else:
            match = SAMPLE.match(line)
            assert match, f"not a sample line: {line!r}"
            sample, labels, value = match.group(1), _labels(match.group(2) or "", line), float(match.group(3))
            _family_of(sample, families).samples.append((sample, labels, value))
    for family in families.values():
        if family.type == "histogram":
            check_histogram(family)
        if family.type == "counter":
            assert all(v >= 0 for _, _, v in family.samples), family.name
    return families


def check_histogram(family: Family) -> None:
    """Per label set: ascending ``le`` ending in +Inf, cumulative counts, +Inf equal to _count, a _sum."""
    series: dict[Labels, list[tuple[float, float]]] = {}
    counts: dict[Labels, float] = {}
    sums: dict[Labels, float] = {}
    for sample, labels, value in family.samples:
        rest = tuple(p for p in labels if p[0] != "le")
        if sample.endswith("_bucket"):
            le = dict(labels)["le"]
            series.setdefault(rest, []).append((math.inf if le == "+Inf" else float(le), value))
        elif sample.endswith("_count"):
            counts[rest] = value
        else:
            sums[rest] = value
    assert series.keys() == counts.keys() == sums.keys(), family.name
    for labels, buckets in series.items():
        bounds = [b for b, _ in buckets]
        assert bounds == sorted(bounds) and len(set(bounds)) == len(bounds) and bounds[-1] == math.inf, labels
        values = [v for _, v in buckets]
        assert values == sorted(values), f"{family.name}{labels}: buckets not cumulative"
        assert values[-1] == counts[labels], f"{family.name}{labels}: +Inf differs from _count"
