"""What `/brief` pays to say its numbers are its own only when they are (bot/commands/briefing_commands.py
numbered_reply, bot/commands/story_numbers.py): the list `story <n>` counts is composed too, beside the note shown
always (one ledger look-up), same run, alternating.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_brief_note.py [--stories 300 600] [--reps 15]

Each size gets a fresh SQLite store of one-article stories (tests/channels/channel_fakes.py add_story) and a
channel with a daily 08:00 schedule; `/brief` is timed there before any briefing was posted (the next briefing,
`preview`, is composed) and after the 08:00 one was (it is replayed from the ledger). Medians of --reps runs.
Results: docs/BENCHMARKS.md, "On-demand briefings: the note on their numbers".
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import bot.commands.briefing_commands as briefing_commands
from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.models import Briefing
from bot.scheduler import Scheduler
from bot.store.channels import Channel
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger, LedgerEntry
from tests.channels.channel_fakes import add_story
from tests.channels.test_briefing_length import Chat
from tests.channels.test_followups import DAY1, CapturingAdapter

WORDS = ["harbour", "bridge", "council", "ferry", "school", "budget", "museum", "tram", "rail", "clinic"]
NOTE_WHEN_NEEDED = briefing_commands.counted_briefing


async def note_always(delivery: Delivery, channel: Channel, now: datetime) -> tuple[Briefing, LedgerEntry | None]:
    """The cost before: the ledger look-up only, and a list no story matches (the note is always shown)."""
    return Briefing("-", now, ()), await DeliveryLedger(delivery.db).last_delivered(channel.key)


async def timed(chat: Chat, reps: int) -> dict[str, float]:
    runs: dict[str, list[float]] = {"note always": [], "note when numbers differ": []}
    for _ in range(reps):
        for name, counted in zip(runs, (note_always, NOTE_WHEN_NEEDED), strict=True):
            briefing_commands.counted_briefing = counted
            start = time.perf_counter()
            await chat.say("brief", manager=False)
            runs[name].append(time.perf_counter() - start)
    briefing_commands.counted_briefing = NOTE_WHEN_NEEDED
    return {name: statistics.median(v) * 1000 for name, v in runs.items()}


async def one_size(stories: int, reps: int, folder: Path) -> None:
    db = await Database.open(f"sqlite:///{folder / f'brief_note_{stories}.db'}")
    try:
        config = Config()
        for n in range(stories):
            word = WORDS[n % len(WORDS)]
            await add_story(db, f"s{n}", text=f"The Korsholt {word} board met for session {n} on Tuesday. It agreed "
                            f"plan {n} for the {word} after a long debate. Members said plan {n} would cost more.",
                            title=f"Korsholt {word} board agrees plan {n}", now=DAY1 + timedelta(hours=7, seconds=n))
        clock = ManualClock(DAY1 + timedelta(hours=7, minutes=30))
        chat = Chat(db, config, clock)
        await chat.say("schedule daily 08:00")
        for where, ms in (await timed(chat, reps)).items():
            print(f"{stories} stories, no briefing posted yet, {where}: {ms:.1f} ms")
        await Scheduler(Delivery(db, config, {"console": CapturingAdapter(clock=clock)}), clock).tick(
            DAY1 + timedelta(hours=8))
        clock.set(DAY1 + timedelta(hours=8, minutes=5))
        for where, ms in (await timed(chat, reps)).items():
            print(f"{stories} stories, a briefing posted, {where}: {ms:.1f} ms")
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--stories", type=int, nargs="+", default=[300, 600])
    parser.add_argument("--reps", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for size in args.stories:
            asyncio.run(one_size(size, args.reps, Path(folder)))


if __name__ == "__main__":
    main()
