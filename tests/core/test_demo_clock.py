"""`briefbot demo` shows the same briefing whatever day it is run: its clock is pinned to the samples' own dates,
so an undated sample file and a dated feed item about the same event stay one story as the wall clock moves."""

from __future__ import annotations

import argparse
import asyncio
import re
from datetime import UTC, datetime

import pytest

from bot.app import App
from bot.cli_core import run_demo
from bot.clock import ManualClock
from bot.config import load_config


def demo_output(today: datetime, capsys: pytest.CaptureFixture[str]) -> str:
    app = App(config=load_config(None, env={}), clock=ManualClock(today))
    assert asyncio.run(run_demo(argparse.Namespace(), app)) == 0
    out = capsys.readouterr().out
    return re.sub(r"\(s-[0-9a-f]+\)", "(s-ID)", out)  # story ids name the temporary store's rows, not the news


def headlines(out: str) -> list[str]:
    briefing = out.split('Asked: "', 1)[0]
    return [m.group(1) for m in re.finditer(r"^\d+\. (.+)$", briefing, re.M)]


def test_the_demo_is_the_same_on_two_different_days(capsys: pytest.CaptureFixture[str]) -> None:
    soon = demo_output(datetime(2026, 11, 21, 9, 0, tzinfo=UTC), capsys)
    later = demo_output(datetime(2027, 3, 2, 16, 30, tzinfo=UTC), capsys)
    assert soon == later
    titles = headlines(soon)
    assert len(titles) == 4, titles  # the dry spell from the text file and from the feed is one story
    assert sum("heat record" in t.lower() for t in titles) == 1, titles
    assert not any(">" in t for t in titles), titles  # no breadcrumb for a headline
    heat = next(block for block in soon.split("\n\n") if "heat record" in block.lower())
    assert "The Valley Post" in heat and "The Coastal Courier" in heat, heat
    assert "2027" not in soon and "Mar" not in soon  # nothing dated by the wall clock of the run
