"""Counts and latencies of chat commands per verb that answered (``/brief #2``: ``story``) and outcome, for /metrics."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

Monotonic = Callable[[], float]  # seconds from an arbitrary start that never goes back (time.monotonic)
# ok: answered; error: answered with Reply.error (a usage error, a refusal); failed: the handler raised;
# busy: not run, because the same person's last request is still running or too many are waiting
Outcome = Literal["ok", "error", "failed", "busy"]
UNKNOWN_VERB = "unknown"  # a verb the dispatcher does not have (bounded label values)
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)  # seconds; +Inf is implied


@dataclass(frozen=True)
class Latency:
    """One verb's latency histogram: cumulative counts per upper bound (``le``), then count and sum."""

    buckets: tuple[tuple[float, int], ...]  # (upper bound, answers that took at most that long), ascending
    count: int  # every answer: the +Inf bucket
    total_seconds: float


@dataclass(frozen=True)
class CommandCounts:
    """A snapshot: answers per (verb, outcome) and a latency histogram per verb, sorted for stable output."""

    answers: Mapping[tuple[str, str], int]
    latency: Mapping[str, Latency]
    load: tuple[int, int] | None = None  # heavy commands running and waiting now (None: no guard watched)


class CommandStats:
    """Records each answered command; time comes from the injected monotonic clock, never read here directly."""

    def __init__(self, monotonic: Monotonic, buckets: tuple[float, ...] = LATENCY_BUCKETS) -> None:
        if list(buckets) != sorted(set(buckets)):
            raise ValueError(f"latency buckets must be ascending and distinct, got {buckets!r}")
        self._monotonic = monotonic
        self._bounds = tuple(buckets)
        self._answers: Counter[tuple[str, str]] = Counter()
        self._in_bucket: dict[str, list[int]] = {}  # per verb: answers per bucket, the last one for +Inf
        self._seconds: dict[str, float] = {}
        self._load: Callable[[], tuple[int, int]] | None = None

    def watch_load(self, load: Callable[[], tuple[int, int]]) -> None:
        """Report ``load()`` (heavy commands running, waiting: the pile-up guard's) with every snapshot."""
        self._load = load

    def now(self) -> float:
        """The monotonic clock's reading, to pass back to ``record`` as when the command started."""
        return self._monotonic()

    def record(self, verb: str, outcome: Outcome, started: float) -> None:
        """One answer of ``verb`` with ``outcome``, begun at ``started`` (a ``now()`` reading). ``verb``: the command
        that answered, not the words typed (the dispatcher's ``routed``: a bare ``#2`` is ``story``, ``why`` then a
        question is ``ask``)."""
        seconds = max(0.0, self._monotonic() - started)
        self._answers[(verb, outcome)] += 1
        slots = self._in_bucket.setdefault(verb, [0] * (len(self._bounds) + 1))
        slots[next((i for i, bound in enumerate(self._bounds) if seconds <= bound), len(self._bounds))] += 1
        self._seconds[verb] = self._seconds.get(verb, 0.0) + seconds

    def snapshot(self) -> CommandCounts:
        latency: dict[str, Latency] = {}
        for verb in sorted(self._in_bucket):
            slots = self._in_bucket[verb]
            cumulative, running = [], 0
            for bound, n in zip(self._bounds, slots, strict=False):
                running += n
                cumulative.append((bound, running))
            latency[verb] = Latency(tuple(cumulative), sum(slots), self._seconds[verb])
        return CommandCounts(dict(sorted(self._answers.items())), latency,
                             self._load() if self._load is not None else None)
