"""discord.py's HTTP client with its sleeps (retries of a 5xx, a Retry-After waited out) moving a ManualClock."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import discord
import pytest

from bot.clock import ManualClock


class ClockedAsyncio:
    """``asyncio`` as discord.py's HTTP client sees it, but a ``sleep`` of some seconds moves ``clock`` (as a real wait
    moves the wall clock), records them and returns at once; ``sleep(0)`` (a yield to the loop) and everything else
    are asyncio's own."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.slept: list[float] = []

    async def sleep(self, seconds: float, result: Any = None) -> Any:
        if seconds <= 0:
            return await asyncio.sleep(0, result)
        self.slept.append(seconds)
        self.clock.advance(timedelta(seconds=seconds))
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)


def clocked_http(clock: ManualClock, monkeypatch: pytest.MonkeyPatch) -> ClockedAsyncio:
    """Patch discord.py's HTTP module to wait through ``clock`` (undone with ``monkeypatch``)."""
    clocked = ClockedAsyncio(clock)
    monkeypatch.setattr(discord.http, "asyncio", clocked)
    return clocked
