"""config.example.toml against the config model: every key it shows, commented examples too, is one the loader knows
and takes, and every key the loader knows is shown there."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

from bot.config import ChannelConfig, Config, SourceConfig, parse_config
from bot.config_model import SECTIONS, Secret

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.toml"
TEXT = EXAMPLE.read_text(encoding="utf-8")
# the commented [[sources]] and [[channels]] examples start here; above it every key is written uncommented
LISTS_START = TEXT.index("# Sources polled by `briefbot run`")
ENTRY_LINE = re.compile(r"# (\[\[[a-z]+\]\]|[a-z_]+ = .*)$")
# what the commented examples' variables would hold (never a real secret)
ENV = {"WIRE_API_KEY": "invented-key-1", "NEWSDESK_WEBHOOK_URL": "https://hooks.slack.com/services/T0/B0/abc"}


def commented_entries() -> dict[str, list[dict[str, object]]]:
    """The commented [[sources]] and [[channels]] examples, uncommented and read as TOML."""
    lines = [m.group(1) for line in TEXT[LISTS_START:].splitlines() if (m := ENTRY_LINE.match(line))]
    return tomllib.loads("\n".join(lines))


def written_key(cls: type, name: str) -> str:
    """A field's key as the file writes it: a secret by the variable naming it (``bot_token_env``)."""
    return f"{name}_env" if isinstance(getattr(cls(), name), Secret) else name


def test_the_commented_sources_and_channels_examples_use_only_known_keys_and_load() -> None:
    entries = commented_entries()
    assert len(entries["sources"]) == 2 and len(entries["channels"]) == 2
    config = parse_config(entries, ENV)  # an unknown key or a bad value would raise ConfigError, naming it
    assert config.sources[1].headers[0].name == "X-Api-Key" and config.sources[1].headers[0].value
    assert config.channels[1].webhook_url.value == ENV["NEWSDESK_WEBHOOK_URL"]


def test_the_uncommented_file_and_its_commented_examples_load_together() -> None:
    raw = tomllib.loads(TEXT)
    assert not {"sources", "channels"} & raw.keys()  # only examples, commented out
    config = parse_config({**raw, **commented_entries()}, ENV)
    assert dataclasses.replace(config, sources=(), channels=()) == Config()


def test_every_key_the_loader_knows_is_shown_in_the_example() -> None:
    sections = tomllib.loads(TEXT)
    assert set(SECTIONS) <= sections.keys(), "a section missing from config.example.toml"
    for section, cls in SECTIONS.items():
        shown = sections[section].keys()
        for f in dataclasses.fields(cls):
            assert written_key(cls, f.name) in shown, f"[{section}] {written_key(cls, f.name)} not in the example"
        assert set(shown) <= {written_key(cls, f.name) for f in dataclasses.fields(cls)}
    assert "log_level" in sections
    entries = commented_entries()
    for table, cls in (("sources", SourceConfig), ("channels", ChannelConfig)):
        shown = {key for entry in entries[table] for key in entry}
        fields = {"headers_env" if f.name == "headers" else written_key(cls, f.name) for f in dataclasses.fields(cls)}
        assert fields == shown, f"[[{table}]]: shown {sorted(shown)}, known {sorted(fields)}"


def test_the_channel_example_shows_the_defaults_of_every_key_but_those_it_calls_examples() -> None:
    examples = {"id", "topics", "schedule", "timezone", "quiet_hours"}  # "Unlike the sections above, ..."
    [channel, _webhook] = commented_entries()["channels"]
    defaults = ChannelConfig()
    for key, value in channel.items():
        if key not in examples:
            assert parse_config({"channels": [{"id": "console:x", key: value}]}, {}).channels[0] == \
                dataclasses.replace(defaults, id="console:x"), f"[[channels]] {key} = {value!r} is not the default"
    for key in examples - {"id", "topics"}:  # the defaults the comment states for those left out
        assert f'{key} = "{getattr(defaults, key)}"' in TEXT, key
    assert defaults.topics == ()


def test_the_source_example_interval_is_the_poll_interval_it_stands_for() -> None:
    [source, _wire] = commented_entries()["sources"]
    assert source["interval"] == Config().scheduler.poll_interval
    assert SourceConfig().interval == ""  # left out: [scheduler] poll_interval
