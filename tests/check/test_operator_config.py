"""An operator's config mistakes: each one stops with its key path and where it is in the file, never a traceback."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import ConfigError, parse_config
from bot.config_lines import key_line, located
from bot.config_values import BOUNDS
from bot.schedule import ScheduleError, parse_schedule

SAMPLE = """\
log_level = "INFO"

[database]
url = ""
keep_days = 90

[slack]
enabled = false
mode = "socket"

[[channels]]
id = "console:main"
topics = ["harbour"]

[[channels]]
id = "console:desk"
schedule = "daily 07:00"
"""


@pytest.mark.parametrize(("key_path", "line"), [
    ("log_level", 1),
    ("database.keep_days", 5),
    ("slack.mode", 9),
    ("slack", 7),
    ("channels[0].topics", 13),
    ("channels[0].topics[1]", 13),
    ("channels[1].schedule", 17),
    ("channels[1].timezone", 15),  # not written: its table's header
])
def test_a_key_path_is_found_on_its_line(key_path: str, line: int) -> None:
    assert key_line(SAMPLE, key_path) == line
    assert SAMPLE.splitlines()[line - 1].strip()  # the line found holds something, not a blank


def test_a_path_that_is_not_in_the_file_has_no_line() -> None:
    assert key_line(SAMPLE, "channels[5].id") is None
    assert key_line(SAMPLE, "stories.window") is None


def test_located_names_the_file_and_line_or_nothing(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(SAMPLE, encoding="utf-8")
    assert located(config, "channels[1].schedule: expected ...") == f" ({config}, line 17)"
    assert located(config, "stories.window: expected ...") == f" ({config})"
    assert located(None, "log_level: expected ...") == ""
    # a TOML syntax error already names the file and its line
    assert located(config, f"{config}: not valid TOML: Expected ']' (at line 3, column 1)") == ""


def _error(toml: str, env: dict[str, str] | None = None) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config(tomllib.loads(toml), env or {})
    return str(caught.value)


def test_two_entries_for_one_channel_are_refused_whatever_the_platform() -> None:
    for channel_id in ("console:main", "slack:C0123456789", "discord:123456789012345678"):
        message = _error(f'[[channels]]\nid = "{channel_id}"\n[[channels]]\nid = "console:x"\n'
                         f'[[channels]]\nid = "{channel_id}"\nschedule = "daily 09:00"\n')
        assert message.startswith(f"channels[2].id: {channel_id} is already channels[0]")


@pytest.mark.parametrize("url", ["", "   ", "/srv/feeds/wire.xml", "feeds/wire.xml", "htp://example.org/feed",
                                 "ftp://example.org/feed.xml", "https://"])
def test_a_configured_source_must_be_a_url_that_run_polls(url: str) -> None:
    message = _error(f'[[sources]]\nurl = "{url}"\n')
    assert message.startswith("sources[0].url: expected an http(s) URL") and "briefbot ingest PATH" in message


def test_a_source_given_twice_is_refused_and_an_http_one_is_kept() -> None:
    assert _error('[[sources]]\nurl = "https://a.example/feed"\n[[sources]]\nurl = " https://a.example/feed"\n'
                  ).startswith("sources[1].url: https://a.example/feed is already sources[0]")
    config = parse_config(tomllib.loads('[[sources]]\nurl = "http://a.example/feed"\n'), {})
    assert [s.url for s in config.sources] == ["http://a.example/feed"]


@pytest.mark.parametrize(("section", "key", "pasted"), [
    ("slack", "bot_token_env", "xoxb-1111-2222-abcdef"),
    ("slack", "app_token_env", "xapp-1-A0-abc"),
    ("discord", "token_env", "MTA1.Gx7.abc"),
    ("health", "token_env", "s3cr3t_tok3n"),
])
def test_a_secret_pasted_where_its_variable_name_goes_is_refused_unshown(section: str, key: str,
                                                                         pasted: str) -> None:
    message = _error(f'[{section}]\n{key} = "{pasted}"\n')
    assert message.startswith(f"{section}.{key}: must be the name of an environment variable")
    assert pasted not in message


def test_variable_names_and_an_empty_health_token_env_are_accepted() -> None:
    config = parse_config(tomllib.loads('[slack]\nbot_token_env = "NEWSROOM_SLACK_BOT"\n[health]\ntoken_env = ""\n'),
                          {"NEWSROOM_SLACK_BOT": "xoxb-1"})
    assert config.slack.bot_token.value == "xoxb-1" and not config.health.token


@pytest.mark.parametrize("key", sorted(BOUNDS))
def test_a_whole_number_outside_what_works_is_refused(key: str) -> None:
    section, name = key.split(".")
    least, most = BOUNDS[key]
    assert _error(f"[{section}]\n{name} = {least - 1}\n").startswith(f"{key}: expected")
    if most < 2**62:
        assert _error(f"[{section}]\n{name} = {most + 1}\n").startswith(f"{key}: expected {least} to {most}")
    parse_config(tomllib.loads(f"[{section}]\n{name} = {least}\n"), {})


def test_a_bad_briefing_timezone_stops_at_load() -> None:
    assert _error('[briefing]\ntimezone = "Europe/Brusels"\n').startswith(
        'briefing.timezone: unknown timezone "Europe/Brusels"')


def test_a_slack_command_without_its_slash_is_refused() -> None:
    assert _error('[slack]\ncommand = "brief"\n').startswith('slack.command: expected the slash command')
    assert parse_config(tomllib.loads('[slack]\ncommand = "/news"\n'), {}).slack.command == "/news"


def test_the_unknown_key_message_lists_secrets_by_the_key_written() -> None:
    message = _error('[[channels]]\nid = "slack-webhook:desk"\nwebhook = "X"\n')
    assert "webhook_url_env" in message and "webhook_url," not in message and "webhook_url)" not in message
    assert "bot_token_env" in _error("[slack]\nbot_tokn_env = \"X\"\n")


def test_the_cli_says_the_key_file_and_line_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "newsroom.toml"
    config.write_text(SAMPLE.replace('"console:desk"', '"console:main"'), encoding="utf-8")
    db = str(tmp_path / "store.db")
    assert main(["channels", "--config", str(config), "--db", db]) == 2
    err = capsys.readouterr().err
    assert err == (f"briefbot: bad configuration: channels[1].id: console:main is already channels[0]; give each "
                   f"channel one [[channels]] entry (several topics go in its topics list) ({config}, line 16)\n")
    assert main(["check", "--offline", "--config", str(config), "--db", db]) == 1
    out = capsys.readouterr().out
    assert f"({config}, line 16); fix the file, nothing else was checked" in out and "Traceback" not in out
    assert not Path(db).exists()  # nothing was opened


@pytest.mark.parametrize("written", ['cron 0 7 * * 1-5', 'cron "0 7 * * 1-5"', "cron '0 7 * * 1-5'", "0 7 * * 1-5"])
def test_a_cron_schedule_may_say_cron_as_the_example_writes_it(written: str) -> None:
    assert parse_schedule(written) == parse_schedule("0 7 * * 1-5")


def test_a_cron_schedule_with_a_field_missing_says_how_many_it_has() -> None:
    with pytest.raises(ScheduleError, match=r'^a cron expression has 5 fields .*got 4 in "cron "61 7 \* \*""'):
        parse_schedule('cron "61 7 * *"')


@pytest.mark.parametrize(("toml", "key"), [('application_id = "briefbot"', "discord.application_id"),
                                           ('guild_ids = ["123456789012345678", "Newsroom"]', "discord.guild_ids[1]")])
def test_a_discord_id_that_is_not_digits_is_refused(toml: str, key: str) -> None:
    assert _error(f"[discord]\n{toml}\n").startswith(f"{key}: expected a Discord id, all digits")
    assert parse_config(tomllib.loads('[discord]\napplication_id = "123456789012345678"\n'), {}).discord
