"""`/brief pause` in a channel already paused for its refusals makes it a person's pause: the refusal note goes, so a
`briefbot post` that later goes out there no longer restarts its scheduled briefings (bot/refusal_pause.py
``resume_if_accepted``). SQLite."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.refusal_pause import pause_reason
from bot.store.channels import ChannelStore
from bot.store.db import Database
from tests.channels.test_refusal_pause import REF, at, day, set_up


async def _say(db: Database, config: Config, text: str, when: datetime) -> str:
    dispatcher = build_dispatcher(CommandDeps(config, db, ManualClock(when), None))
    inv = dispatcher.from_text(text, user="U0ALICE", channel=REF, can_manage=True, now=when)
    return (await dispatcher(inv)).text


async def test_pause_of_a_channel_paused_for_refusals_makes_it_a_persons_pause(tmp_path: Path,
                                                                               config: Config) -> None:
    db = await Database.open(f"sqlite:///{tmp_path / 'by_person.db'}")
    try:
        delivery, adapter = await set_up(db, config)
        for n in (0, 1, 2):
            assert await at(db, delivery, adapter, day(n), "gone") == ["failed"]
        stored = await ChannelStore(db).get(REF)
        assert stored is not None and pause_reason(stored)  # paused for its refusals
        reply = await _say(db, config, "pause", day(2) + timedelta(hours=1))
        assert reply.startswith("Briefings stay paused, now because you paused them")
        after = await ChannelStore(db).get(REF)
        assert after is not None and after.paused and pause_reason(after) is None
        # a second pause is the plain "already paused" again
        again = await _say(db, config, "pause", day(2) + timedelta(hours=2))
        assert again.startswith("Briefings were already paused")
    finally:
        await db.close()
