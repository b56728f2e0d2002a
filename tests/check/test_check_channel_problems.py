"""``briefbot check`` says a [[channels]] entry's schedule, timezone, quiet hours and topic problems as ``briefbot
run`` refuses them (bot/config_channels.py ``check_channel_configs``): one message format, each with its key path,
file and line, on the entry's own ``fail`` line; an id that is no channel's is the config's own failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_harness import lines

from tests.cli_run import cli

ENTRIES = """\
[[channels]]
id = "console:quay"
schedule = "daily 07:00"

[[channels]]
id = "console:lighthouse"
schedule = "sometimes"
timezone = "Mars/Olympus"
quiet_hours = "all night"
topics = ["ferries", "OR"]
"""


def _write(tmp_path: Path, text: str) -> Path:
    config = tmp_path / "briefbot.toml"
    config.write_text(text, encoding="utf-8")
    return config


def test_check_says_each_channel_problem_as_run_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _write(tmp_path, ENTRIES)
    db = str(tmp_path / "briefbot.db")
    code, _out, err = cli(capsys, "run", "--once", "--config", str(config), "--db", db)
    said = [x.removeprefix("briefbot: bad configuration: ") for x in err.splitlines()]
    assert code == 2 and len(said) == 4, err
    code, out, _err = cli(capsys, "check", "--offline", "--config", str(config), "--db", db)
    found = lines(out)
    assert code == 1 and found["channels[0] console:quay"][0] == "ok", out
    status, detail = found["channels[1] console:lighthouse"]
    assert status == "fail" and detail == "; ".join(said) + "; fix it in the config file", detail
    assert [x.split(":", 1)[0] for x in said] == [
        "channels[1].schedule",
        "channels[1].timezone",
        "channels[1].quiet_hours",
        "channels[1].topics[1]",
    ], said
    assert f"({config}, line 7)" in said[0] and f"({config}, line 10)" in said[3], said
    assert "OR needs a word on each side" in said[3], said


def test_a_channel_id_of_no_platform_fails_the_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _write(tmp_path, ENTRIES.replace("console:lighthouse", "pigeon:loft"))
    code, out, _err = cli(capsys, "check", "--offline", "--config", str(config), "--db", str(tmp_path / "b.db"))
    fails = [x for x in out.splitlines() if x.startswith("fail  config: ")]
    assert code == 1 and fails[0].startswith("fail  config: channels[1].id: expected "), out
    assert "'pigeon:loft'" in fails[0] and f"({config}, line 6)" in fails[0], out
    assert [x.split(": ")[1].split(":")[0] for x in fails] == [
        "channels[1].id",
        "channels[1].schedule",
        "channels[1].timezone",
        "channels[1].quiet_hours",
        "channels[1].topics[1]",
    ], out
