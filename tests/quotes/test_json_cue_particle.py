"""JSON output keeps a phrasal cue's particle ("pointed to"): ``cue_particle`` beside the bare ``cue`` in
`briefbot brief --format json` quotes and `briefbot quotes --json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.models import Attribution, BriefingItem, Story
from digests.render_json import item_to_dict
from tests.cli_run import cli


def test_briefing_json_quotes_carry_the_particle() -> None:
    quotes = (Attribution("a1", "Orla Penning", "Penning", "pointed", "rising fuel costs", "indirect", 1, 0, 10,
                          cue_particle="to"),
              Attribution("a1", "Ilse Marovic", "Marovic", "said", "fares will rise", "indirect", 2, 0, 10))
    shown = item_to_dict(BriefingItem(Story("s1", "Fares rise", (), (), quotes=quotes), 1.0))["quotes"]
    assert [(q["cue"], q["cue_particle"]) for q in shown] == [("pointed", "to"), ("said", "")]


def test_quotes_json_carries_the_particle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "fares.txt"  # invented text
    article.write_text("Ferry fares at Velmora rise\n\nThe Velmora harbour board pointed to rising fuel costs at "
                       "Velmora as the main reason for the new fares.\n", encoding="utf-8")
    code, out, _ = cli(capsys, "quotes", "--json", str(article))
    assert code == 0
    found = [a for a in json.loads(out)["attributions"] if a["cue"] == "pointed"]
    assert found and found[0]["cue_particle"] == "to", out


def test_quotes_text_shows_the_cue_with_its_particle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "fares.txt"  # invented text
    article.write_text("Ferry fares at Velmora rise\n\nThe Velmora harbour board pointed to rising fuel costs at "
                       "Velmora as the main reason for the new fares.\n", encoding="utf-8")
    code, out, _ = cli(capsys, "quotes", str(article))
    assert code == 0
    [line] = [line for line in out.splitlines() if "pointed" in line]
    assert " pointed to (indirect" in line, out
    assert "): to " not in line, out  # the particle is not repeated at the head of the content
