"""``briefbot check`` warns about a timezone that is a fixed offset without summer time ("EST", "GMT"), which the
config still loads (existing configs keep working) but chat refuses: with the file, the line and the place zone
to write instead (bot/schedule_words.py), for a channel's timezone and for ``[briefing] timezone``."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_harness import lines

from tests.cli_run import cli

CONFIG = """\
[briefing]
timezone = "{default}"

[[channels]]
id = "console:desk"
schedule = "daily 07:00"

[[channels]]
id = "console:harbour"
schedule = "daily 08:00"
timezone = "{channel}"
"""


def _check(tmp_path: Path, capsys: pytest.CaptureFixture[str], default: str, channel: str) -> tuple[int, str, Path]:
    config = tmp_path / "briefbot.toml"
    config.write_text(CONFIG.format(default=default, channel=channel), encoding="utf-8")
    code, out, _err = cli(capsys, "check", "--offline", "--config", str(config), "--db",
                          str(tmp_path / "briefbot.db"))
    return code, out, config


def test_a_fixed_offset_zone_is_a_warning_with_its_line_and_the_place_zone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, config = _check(tmp_path, capsys, "GMT", "EST")
    found = lines(out)
    assert code == 0, out
    status, detail = found["briefing.timezone"]
    assert status == "warn" and f"{config}, line 2" in detail and "Europe/London" in detail, detail
    assert "summer time" in detail, detail
    status, detail = found["channels[1].timezone"]
    assert status == "warn" and f"{config}, line 11" in detail and "America/New_York" in detail, detail


def test_a_place_zone_gives_no_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _config = _check(tmp_path, capsys, "Europe/London", "America/New_York")
    found = lines(out)
    assert code == 0 and "briefing.timezone" not in found and "channels[1].timezone" not in found, out
    assert "summer time" not in out, out


@pytest.mark.parametrize(("zone", "kept"), [("UTC+2", "Etc/GMT-2"), ("GMT-5", "Etc/GMT+5"), ("+02:00", "Etc/GMT-2")])
def test_an_offset_zoneinfo_cannot_read_is_an_error_with_the_advice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], zone: str, kept: str) -> None:
    config = tmp_path / "briefbot.toml"
    config.write_text(CONFIG.format(default=zone, channel="Europe/London"), encoding="utf-8")
    code, _out, err = cli(capsys, "sources", "--config", str(config), "--db", str(tmp_path / "briefbot.db"))
    assert code == 2, err
    line = err.strip()
    assert line.startswith(f'briefbot: bad configuration: briefing.timezone: "{zone}" is a fixed offset'), err
    assert "summer time" in line and "Europe/" in line and kept in line and "unknown timezone" not in line, err
    assert line.endswith(f"({config}, line 2)"), err


def test_a_channel_offset_zone_is_refused_by_run_and_check_with_the_advice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, config = _check(tmp_path, capsys, "Europe/London", "UTC+2")
    status, detail = lines(out)["channels[1] console:harbour"]
    assert code == 1 and status == "fail", out
    assert '"UTC+2" is a fixed offset' in detail and "summer time" in detail and "Etc/GMT-2" in detail, detail
    code, _out, err = cli(capsys, "run", "--once", "--config", str(config), "--db", str(tmp_path / "briefbot.db"))
    assert code == 2 and err.startswith('briefbot: bad configuration: channels[1].timezone: "UTC+2" is a fixed'), err
    assert "summer time" in err and err.strip().endswith(f"({config}, line 11)"), err
