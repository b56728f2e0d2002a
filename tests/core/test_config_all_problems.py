"""A config file with several mistakes is reported whole in one run: every unknown key and bad value, each naming
the file, its line and the key, with the exit code as for one (operator audit)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.config import ConfigError, parse_config
from tests.cli_run import cli

MISTAKES = """log_level = "LOUD"
colour = "blue"

[ingest]
allow_private_network = true
max_bytes = 0

[briefing]
max_storys = 5
max_stories = "ten"
default_since = "yesterdayish"

[database]
keep_days = 3

[[sources]]
url = "ftp://example.org/feed"
"""


def problem_keys(text: str) -> list[str]:
    """The key path of each problem the one ConfigError of the TOML ``text`` names, in order."""
    with pytest.raises(ConfigError) as raised:
        parse_config(tomllib.loads(text), {})
    return [p.split(":", 1)[0] for p in raised.value.problems]


def test_every_problem_is_in_the_one_error() -> None:
    keys = problem_keys(MISTAKES)
    assert keys == ["log_level", "colour", "ingest.allow_private_network", "briefing.max_storys",
                    "briefing.max_stories", "sources[0].url", "database.keep_days", "briefing.default_since",
                    "ingest.max_bytes"], keys


def test_one_problem_reads_as_before() -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config({"ingest": {"max_byte": 5}}, {})
    assert len(raised.value.problems) == 1 and str(raised.value) == raised.value.problems[0]
    assert str(raised.value).startswith("ingest.max_byte: unknown key (known: ")


def test_the_command_line_and_check_list_them_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(MISTAKES, encoding="utf-8")
    code, _out, err = cli(capsys, "sources", "--config", str(config), "--db", str(tmp_path / "s.db"))
    lines = err.splitlines()
    assert code == 2 and len(lines) == 9, err
    assert lines[2].startswith("briefbot: bad configuration: ingest.allow_private_network: unknown key")
    assert lines[2].endswith(f"({config}, line 5)"), lines[2]
    assert lines[4] == f"briefbot: bad configuration: briefing.max_stories: expected a whole number, got 'ten' " \
                       f"({config}, line 10)"
    code, out, _err = cli(capsys, "check", "--offline", "--config", str(config), "--db", str(tmp_path / "s.db"))
    fails = [x for x in out.splitlines() if x.startswith("fail  config: ")]
    assert code == 1 and len(fails) == 9, out
    assert fails[3].startswith("fail  config: briefing.max_storys: unknown key") and f"({config}, line 9)" in fails[3]
    assert out.splitlines()[-1] == "0 ok, 0 warnings, 9 failed", out


def test_every_source_entry_is_checked() -> None:
    text = ('[[sources]]\nurl = "ftp://example.org/feed"\n[[sources]]\nurl = "https://example.org/a.xml"\n'
            'interval = "5 parsecs"\n[[sources]]\nurl = "https://example.org/b.xml"\nevery = "1h"\n'
            '[[sources]]\nname = "no url"\n[[sources]]\nurl = "https://example.org/a.xml"\n')
    assert problem_keys(text) == ["sources[0].url", "sources[2].every", "sources[3].url", "sources[4].url",
                                  "sources[1].interval"]


CHANNEL_MISTAKES = """[[channels]]
id = "slack:C0123ABCD"
length = "novel"
alerts = 1

[[channels]]
id = "slack:C0123ABCD"
languages = ["klingon"]

[[channels]]
id = "carrier-pigeon:loft"

[[channels]]
id = "slack:C0456EFGH"
webhook_url_env = "NEWSDESK_WEBHOOK_URL"
"""


def test_every_channel_problem_is_in_the_one_error() -> None:
    assert problem_keys(CHANNEL_MISTAKES) == ["channels[0].length", "channels[0].alerts", "channels[1].id",
                                              "channels[1].languages", "channels[2].id", "channels[3].webhook_url_env"]


def test_channel_problems_come_with_the_rest_of_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text('log_level = "LOUD"\n' + CHANNEL_MISTAKES, encoding="utf-8")
    code, _out, err = cli(capsys, "sources", "--config", str(config), "--db", str(tmp_path / "s.db"))
    lines = [x for x in err.splitlines() if x.startswith("briefbot: bad configuration: ")]
    assert code == 2 and len(lines) == 7, err
    assert lines[0].startswith("briefbot: bad configuration: log_level: ") and lines[0].endswith(f"({config}, line 1)")
    assert lines[2].startswith("briefbot: bad configuration: channels[0].alerts: ")
    assert lines[2].endswith(f"({config}, line 5)"), lines[2]
    assert lines[5].startswith("briefbot: bad configuration: channels[2].id: ")
    assert lines[5].endswith(f"({config}, line 12)"), lines[5]


RUN_MISTAKES = """[[channels]]
id = "console:desk"
schedule = "sometimes"
timezone = "Mars/Olympus"

[[channels]]
id = "console:sport"
topics = ["NATO", "OR"]
quiet_hours = "all night"
"""


def test_every_schedule_timezone_quiet_hours_and_topic_problem_is_said_at_start(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(RUN_MISTAKES, encoding="utf-8")
    code, _out, err = cli(capsys, "run", "--once", "--config", str(config), "--db", str(tmp_path / "s.db"))
    lines = err.splitlines()
    assert code == 2 and [x.split(": ")[2] for x in lines] == [
        "channels[0].schedule", "channels[0].timezone", "channels[1].quiet_hours", "channels[1].topics[1]"], err
    assert all(x.startswith("briefbot: bad configuration: ") for x in lines), err
    assert lines[1].endswith(f"({config}, line 4)") and lines[3].endswith(f"({config}, line 8)"), err
    assert not (tmp_path / "s.db").exists()  # refused before a store is made


def test_an_entry_that_does_not_read_leaves_the_other_entries_checked() -> None:
    text = ('[[channels]]\nid = "console:desk"\nlanguages = "en"\n'  # a string, not a list: its own problem
            '[[channels]]\nid = "console:sport"\nlength = "novel"\n'
            '[[channels]]\nschedule = "daily 07:00"\n')  # no id
    assert problem_keys(text) == ["channels[0].languages", "channels[2].id", "channels[1].length"]


def test_every_duration_problem_is_said_together_even_one_too_long_to_read() -> None:
    text = ('[scheduler]\npoll_interval = "99999999999d"\nmax_backoff = "soon"\n'
            '[briefing]\ntimezone = "Mars/Olympus"\ndefault_since = "yesterdayish"\n'
            '[stories]\nwindow = "0h"\n')
    with pytest.raises(ConfigError) as raised:
        parse_config(tomllib.loads(text), {})
    problems = raised.value.problems
    assert [p.split(":", 1)[0] for p in problems] == [
        "scheduler.poll_interval", "scheduler.max_backoff", "stories.window", "briefing.timezone",
        "briefing.default_since"], problems
    assert "99999999999d" in problems[0] and "too long" in problems[0], problems[0]


def test_every_key_of_an_entry_with_a_bad_key_is_checked() -> None:
    text = ('[[channels]]\nid = "carrier-pigeon:loft"\nlanguages = "en"\nlength = "novel"\nalerts = 1\n'
            '[[channels]]\nlength = "epic"\nalerts = "many"\n')  # no id, and a number that is none
    assert problem_keys(text) == ["channels[0].languages", "channels[1].id", "channels[1].alerts",
                                  "channels[0].id", "channels[0].length", "channels[0].alerts", "channels[1].length"]


ENTRY_MISTAKES = """[[channels]]
id = "console:desk"
colour = "teal"
schedule = "sometimes"
timezone = "Mars/Olympus"
quiet_hours = "all night"
topics = ["NATO", "OR"]

[[channels]]
id = "console:harbour"
schedule = "weekdays 7:30am"
"""


def test_an_unknown_key_leaves_the_entrys_schedule_timezone_and_topics_checked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(ENTRY_MISTAKES, encoding="utf-8")
    code, _out, err = cli(capsys, "run", "--once", "--config", str(config), "--db", str(tmp_path / "s.db"))
    lines = err.splitlines()
    assert code == 2 and [x.split(": ")[2] for x in lines] == [
        "channels[0].colour", "channels[0].schedule", "channels[0].timezone", "channels[0].quiet_hours",
        "channels[0].topics[1]"], err  # the other entry's chat form of a schedule reads
    assert all(x.startswith("briefbot: bad configuration: ") for x in lines), err
    assert [x.rsplit("(", 1)[1] for x in lines] == [f"{config}, line {n})" for n in (3, 4, 5, 6, 7)], err
    code, out, _err = cli(capsys, "check", "--offline", "--config", str(config), "--db", str(tmp_path / "s.db"))
    assert code == 1 and len([x for x in out.splitlines() if x.startswith("fail  config: channels[0].")]) == 5, out
    assert not (tmp_path / "s.db").exists()
