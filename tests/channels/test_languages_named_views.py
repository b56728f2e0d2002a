"""Every view of a channel's set-up names its languages as the ``languages`` replies do (``Norwegian (no)``): the
Home tab, ``briefbot channels`` and ``briefbot languages``; ``briefbot channels --json`` keeps the bare codes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.slack.home import setup_text
from bot.commands.describe_channel import languages_line
from bot.commands.language_input import named_languages
from bot.home import describe
from bot.store.channels import Channel
from tests.channels.test_channels_commands import CHAN
from tests.cli_run import cli

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def stored(*languages: str) -> Channel:
    return Channel(ref=CHAN, schedule="daily 08:00", timezone="UTC", quiet_hours="", max_stories=0, paused=False,
                   created_at=NOW, slots_from=NOW, delivered_up_to=None, last_error=None, topics=("Harbour ferries",),
                   sources=(), languages=languages)


@pytest.mark.parametrize("codes", [("no",), ("fr", "nn", "syr"), ()])
def test_the_languages_line_is_the_languages_reply_wording(codes: tuple[str, ...]) -> None:
    assert languages_line(codes) == named_languages(codes)


def test_the_languages_line_names_each_code() -> None:
    assert languages_line(("no", "fr")) == "Norwegian (no), French (fr)"
    assert languages_line(()) == "all languages"


def test_the_home_tab_names_the_languages() -> None:
    setup = describe(stored("en", "nb"), NOW)
    assert setup.languages == "English (en), Norwegian Bokmål (nb)"
    assert "Languages: English (en), Norwegian Bokmål (nb)" in setup_text(setup, "*Here*")
    assert describe(stored(), NOW).languages == "all languages"


def test_the_command_line_names_the_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "cli.db")
    assert cli(capsys, "languages", "slack:C1", "no", "French", "--db", store)[:2] == (
        0, "slack:C1: Norwegian (no), French (fr)\n")
    assert cli(capsys, "languages", "slack:C1", "--db", store)[:2] == (0, "slack:C1: Norwegian (no), French (fr)\n")
    code, out, _ = cli(capsys, "channels", "--db", store)
    assert code == 0 and "    languages: Norwegian (no), French (fr)\n" in out, out
    [row] = json.loads(cli(capsys, "channels", "--json", "--db", store)[1])
    assert row["languages"] == ["no", "fr"]  # machine-readable: codes only
