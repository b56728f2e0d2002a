"""A feed's notes on itself said once per change: a running process remembers the last ones each source gave."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.models import IngestProblem


@dataclass(frozen=True, slots=True)
class FeedNote(IngestProblem):
    """A note on a whole feed or file as it was read, its entries read anyway (``feed is not well-formed ...``,
    ``only the newest 500 ...``, ``2 audio or video entries have a title and no text ...``): said when a read first
    gives it, not on every read that gives it again (``FeedNotes``)."""


class FeedNotes:
    """The feed notes each source's last read gave, kept for as long as the process runs (a bot's polls, one
    ``briefbot ingest`` run's reads): a note the last read gave already is not said again, a new or changed one is,
    and one that went away and comes back is said again."""

    def __init__(self) -> None:
        self._said: dict[str, frozenset[str]] = {}

    def fresh(self, source: str, problems: Sequence[IngestProblem]) -> frozenset[str]:
        """The reasons of ``source``'s feed notes in ``problems`` that its last read did not give, remembering this
        read's as its last (call once per read that got a body: a 304 or a failed read gives none)."""
        given = frozenset(p.reason for p in problems if feed_note(p, source))
        before, self._said[source] = self._said.get(source, frozenset()), given
        return given - before


def feed_note(problem: IngestProblem, source: str) -> bool:
    """Whether ``problem`` is ``source``'s note on itself (a ``FeedNote``)."""
    return isinstance(problem, FeedNote) and problem.input == source
