"""The closing line of `briefbot run --once`: sources polled, articles added, deliveries made or nothing due."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.delivery import Outcome
from bot.plurals import counted
from bot.poller import PollRound
from bot.scheduler import PollDue


class RoundRecorder:
    """Wraps the scheduler's poll callable and keeps what its rounds returned (the ``PollRound`` of each)."""

    def __init__(self, poll: PollDue) -> None:
        self._poll = poll
        self.rounds: list[PollRound] = []

    async def __call__(self, now: datetime) -> object:
        done = await self._poll(now)
        if isinstance(done, PollRound):
            self.rounds.append(done)
        return done

    def poll_line(self, *, failed: bool, held: int = 0) -> str:
        """"polled 3 sources (1 failed), 5 articles added"; "no source was due"; "polling failed (see the log)".
        ``held``: configured sources never polled, their header variable being unset (said, not "not due")."""
        if failed:
            return "polling failed (see the log)"
        polled = sum(r.polled for r in self.rounds)
        aside = (f" ({counted(held, 'source')} held back by an unset header variable: see `briefbot sources`)"
                 if held else "")
        if not polled:
            return f"no source was polled{aside}" if held else "no source was due"
        broken = sum(r.failed for r in self.rounds)
        same = sum(r.not_modified for r in self.rounds)
        detail = ", ".join(part for part in (f"{broken} failed" if broken else "",
                                             f"{same} not modified" if same else "") if part)
        added = sum(r.added for r in self.rounds)
        return (f"polled {counted(polled, 'source')}" + (f" ({detail})" if detail else "")
                + f", {counted(added, 'article')} added{aside}")


def once_summary(poll_line: str, outcomes: Sequence[Outcome]) -> str:
    """One line for the end of ``run --once``: what polling did, then the deliveries (alerts and briefings)."""
    made = sum(1 for o in outcomes if o.state == "delivered")
    if not outcomes:
        delivered = "nothing due to deliver"
    else:
        others = len(outcomes) - made
        delivered = f"{counted(made, 'delivery', 'deliveries')} made" + (
            f", {counted(others, 'other outcome')} above" if others else "")
    return f"Done: {poll_line}; {delivered}."
