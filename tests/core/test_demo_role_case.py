"""`briefbot demo`'s "/brief story 1" loads the story's articles, as the story command does: a role keeps the
capital of its sentence's start only when its article writes that word as a name (bot/answer/role_case.py)."""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path

import pytest

from bot import cli_core
from bot.app import App
from bot.clock import ManualClock
from bot.config import load_config

# Written for this test: an invented harbour town. "Outgoing" is written only where it opens a sentence, so the
# story's own words do not say whether it is a name; the article's text does (it is not).
ARTICLES = [
    {"title": "Lumenfield ferries move to the north quay", "url": "https://quaypost.example/ferries-north-quay",
     "outlet": "Quay Post", "published": "2026-11-20T08:00:00+00:00",
     "text": "Ferries at Lumenfield will dock at the north quay from Monday, the harbour board said on Friday.\n\n"
             "Outgoing mayor Ilse Brandt said the north quay was deeper and better sheltered from the autumn "
             "storms. \"The crossings will be far calmer from now on,\" Brandt said.\n\n"
             "Passengers have complained for months about the old berth on the south side of the harbour."},
    {"title": "North quay to take Lumenfield ferries from Monday", "url": "https://tidewire.example/lumenfield-quay",
     "outlet": "Tide Wire", "published": "2026-11-20T10:30:00+00:00",
     "text": "Ferries at Lumenfield will dock at the north quay from Monday, the harbour board announced on "
             "Friday.\n\nThe board said the old berth on the south side of the harbour would be repaired over the "
             "winter.\n\nPassengers have complained for months about the old berth and its long walk to the town."},
]


def samples(folder: Path) -> Path:
    folder.mkdir()
    (folder / "lumenfield.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return folder


def test_the_demo_story_view_reads_roles_as_their_article_writes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(cli_core, "SAMPLES", samples(tmp_path / "samples"))
    monkeypatch.setattr(cli_core, "SAMPLES_LATER", samples(tmp_path / "later"))  # nothing edited
    app = App(config=load_config(None, env={}), clock=ManualClock(cli_core.DEMO_NOW))
    assert asyncio.run(cli_core.run_demo(argparse.Namespace(), app)) == 0
    story = capsys.readouterr().out.split('Asked: "/brief story 1"', 1)[1]
    assert "Ilse Brandt (outgoing mayor)" in story, story
    assert "Outgoing mayor" not in story.split("Who said what:", 1)[1]
