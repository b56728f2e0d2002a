"""``[health] listen``: off by default, documented, and a bad address names ``health.listen``."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.config import Config, ConfigError, load_config, parse_config, parse_listen

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.toml"


def test_off_by_default_and_documented_in_the_example() -> None:
    assert Config().health.listen == ""
    assert load_config(EXAMPLE, env={}).health.listen == ""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "\n[health]\n" in text and '\nlisten = ""' in text


@pytest.mark.parametrize(("listen", "parts"), [
    ("127.0.0.1:8081", ("127.0.0.1", 8081)),
    ("0.0.0.0:1", ("0.0.0.0", 1)),
    ("localhost:65535", ("localhost", 65535)),
    ("[::1]:8081", ("::1", 8081)),
])
def test_good_addresses(listen: str, parts: tuple[str, int]) -> None:
    config = parse_config(tomllib.loads(f'[health]\nlisten = "{listen}"\n'), env={})
    assert config.health.listen == listen
    assert parse_listen(listen) == parts


@pytest.mark.parametrize(("toml", "message"), [
    ('listen = "127.0.0.1"', r"health\.listen: expected host:port, .* \(no port\)"),
    ('listen = "127.0.0.1:0"', r"health\.listen: expected a port from 1 to 65535"),
    ('listen = "127.0.0.1:65536"', r"health\.listen: expected a port from 1 to 65535"),
    ('listen = "127.0.0.1:http"', r"health\.listen: expected a port from 1 to 65535"),
    ('listen = "127.0.0.1:-1"', r"health\.listen: expected a port from 1 to 65535"),
    ('listen = "127.0.0.1:"', r"health\.listen: expected a port from 1 to 65535"),
    ('listen = ":8081"', r"health\.listen: expected host:port with a host"),
    ('listen = "::1:8081"', r"health\.listen: write an IPv6 host in brackets"),
    ('listen = "[::1]8081"', r"health\.listen: expected \[IPv6\]:port"),
    ("listen = 8081", r"health\.listen: expected a string"),
    ('port = 8081', r"health\.port: unknown key"),
])
def test_bad_addresses_name_the_key(toml: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(tomllib.loads(f"[health]\n{toml}\n"), env={})
