"""``[health]``: off and open by default, documented; a bad address names ``health.listen``, an unset token
variable ``health.token_env``."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from bot.config import Config, ConfigError, Secret, load_config, parse_config
from bot.config_health import health_token_problem, parse_listen
from bot.redact import secret_values

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


def test_no_token_by_default_and_the_example_documents_token_env() -> None:
    assert not Config().health.token
    assert not load_config(EXAMPLE, env={}).health.token
    assert '\ntoken_env = ""' in EXAMPLE.read_text(encoding="utf-8")
    assert not parse_config(tomllib.loads('[health]\ntoken_env = ""\n'), env={}).health.token


def test_token_env_reads_the_named_variable_and_the_value_is_redacted_from_logs() -> None:
    config = parse_config(tomllib.loads('[health]\nlisten = "127.0.0.1:8081"\ntoken_env = "PROBE_TOKEN"\n'),
                          env={"PROBE_TOKEN": "probe-secret-4821"})
    assert config.health.token == Secret("PROBE_TOKEN", "probe-secret-4821")
    assert "probe-secret-4821" not in repr(config) and "probe-secret-4821" in secret_values(config)


@pytest.mark.parametrize("env", [{}, {"PROBE_TOKEN": ""}])
def test_a_token_env_naming_an_unset_or_empty_variable_names_the_key_and_the_variable(env: dict[str, str]) -> None:
    # the file still loads (other commands work from a shell without the service's environment) ...
    config = parse_config(tomllib.loads('[health]\nlisten = "127.0.0.1:8081"\ntoken_env = "PROBE_TOKEN"\n'),
                          env=env)
    # ... and `run`, which serves the endpoints, is told why it cannot
    assert re.match(r'^health\.token_env: \$PROBE_TOKEN is not set or empty: set it to .*token_env = '
                    r'"" for no authentication', health_token_problem(config.health))
    no_server = parse_config(tomllib.loads('[health]\ntoken_env = "PROBE_TOKEN"\n'), env=env)
    assert health_token_problem(no_server.health) == ""  # no endpoint to protect
    served = parse_config(tomllib.loads('[health]\nlisten = "127.0.0.1:8081"\ntoken_env = "PROBE_TOKEN"\n'),
                          env={"PROBE_TOKEN": "probe-secret-4821"})
    assert health_token_problem(served.health) == ""


def test_the_token_itself_is_never_written_in_the_file() -> None:
    with pytest.raises(ConfigError, match=r"health\.token: secrets are never written in the file; set token_env"):
        parse_config(tomllib.loads('[health]\ntoken = "probe-secret-4821"\n'), env={})
