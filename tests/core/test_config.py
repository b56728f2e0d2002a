"""Config: the example file loads, every key is documented, bad values name their key path."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest

from bot.config import Config, ConfigError, load_config, parse_config

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "config.example.toml"


def test_example_config_loads_and_matches_the_defaults() -> None:
    config = load_config(EXAMPLE, env={})
    assert config == Config()  # the example documents the defaults, nothing else


def test_every_config_key_is_documented_in_the_example() -> None:
    text = EXAMPLE.read_text()
    for section in ("database", "ingest", "briefing", "scheduler", "slack", "discord", "health", "commands"):
        cls = type(getattr(Config(), section))
        for f in dataclasses.fields(cls):
            default = getattr(cls(), f.name)
            key = f"{f.name}_env" if hasattr(default, "env_name") else f.name
            assert f"\n{key} =" in text, f"[{section}] {key} missing from config.example.toml"
    for table, cls_name in (("sources", "SourceConfig"), ("channels", "ChannelConfig")):
        assert f"[[{table}]]" in text, cls_name


def test_secrets_come_from_named_environment_variables_and_never_print() -> None:
    raw = tomllib.loads('[slack]\nbot_token_env = "MY_TOKEN"\n')
    config = parse_config(raw, env={"MY_TOKEN": "xoxb-secret-value"})
    assert config.slack.bot_token.value == "xoxb-secret-value"
    assert "xoxb-secret-value" not in repr(config)
    assert "xoxb-secret-value" not in str(config.slack.bot_token)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[ingest]\nmax_bytes = "lots"', r"ingest\.max_bytes: expected a whole number"),
        ("[briefing]\nmax_stories = true", r"briefing\.max_stories: expected a whole number"),
        ("[slack]\nmode = \"carrier-pigeon\"", r"slack\.mode: expected"),
        ("[slack]\nbot_token = \"xoxb-1\"", r"slack\.bot_token: secrets are never written in the file"),
        ("[nope]\nx = 1", r"nope: unknown key"),
        ("[ingest]\nmax_byte = 1", r"ingest\.max_byte: unknown key"),
        ('[[channels]]\nid = "slack:C1"\n[[channels]]\nid = "irc:#news"', r"channels\[1\]\.id: expected"),
        ('[[channels]]\nid = "discord:general"', r"channels\[0\]\.id: 'discord:general': a Discord channel id is"),
        ('[[channels]]\nid = "slack:C0 NEWS"', r"channels\[0\]\.id: 'slack:C0 NEWS': a Slack channel id is capitals"),
        ("[[sources]]\nname = \"x\"", r"sources\[0\]\.url: required"),
        ("[discord]\nguild_ids = [1, 2]", r"discord\.guild_ids\[0\]: expected a string"),
        ("[ingest]\nmax_bytes = -1", r"ingest\.max_bytes: expected a whole number of 0 or more"),
        ('[scheduler]\ncatch_up_grace = "soon"', r"scheduler\.catch_up_grace: expected a duration"),
        ("[ingest]\nmax_sentences = 5000000", r"ingest\.max_sentences: expected at most 1,000,000"),
        ('[briefing]\npublication_grace = "2 days"', r"briefing\.publication_grace: expected a duration"),
        ('[briefing]\ndefault_since = "lately"', r"briefing\.default_since: expected \"24h\""),
        ('[[sources]]\nurl = "https://a.test/f.xml"\ninterval = "often"',
         r"sources\[0\]\.interval: expected a duration"),
        ("[ingest]\ntimeout_seconds = nan", r"ingest\.timeout_seconds: expected a positive number"),
        ("[ingest]\ntimeout_seconds = 0", r"ingest\.timeout_seconds: expected a positive number"),
        # only a secret is read from a variable: a plain setting's *_env is a mistyped key, not a secret
        ('[[sources]]\nurl = "https://a.test/f.xml"\nname_env = "FEED_NAME"', r"sources\[0\]\.name_env: unknown key"),
        ('[briefing]\nmax_stories_env = "MAX"', r"briefing\.max_stories_env: unknown key"),
        ("[commands]\nmax_concurrent = -1", r"commands\.max_concurrent: expected a whole number of 0 or more"),
        ('[commands]\nmax_waiting = "lots"', r"commands\.max_waiting: expected a whole number"),
    ],
)
def test_bad_config_names_key_path_and_reason(toml: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(tomllib.loads(toml), env={})


def test_unreadable_config_files_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "missing.toml", env={})
    broken = tmp_path / "broken.toml"
    broken.write_text("[slack\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(broken, env={})
