"""[[sources]] headers_env: read from the named variables, validated with the key path, never shown."""

from __future__ import annotations

import tomllib

import pytest

from bot.config import ConfigError, parse_config
from bot.ingest.credentials import SourceCredentials
from bot.redact import secret_values

WIRE = 'url = "https://wire.example/feed.xml"\n'


def _sources(body: str, env: dict[str, str] | None = None) -> SourceCredentials:
    return SourceCredentials.from_config(parse_config(tomllib.loads(body), env or {}).sources)


def test_headers_come_from_the_named_variables_and_never_print() -> None:
    raw = tomllib.loads('[[sources]]\nurl = "https://plain.example/rss"\n[[sources]]\n' + WIRE
                        + 'headers_env = { "X-Api-Key" = "WIRE_KEY", Authorization = "WIRE_AUTH" }\n')
    config = parse_config(raw, {"WIRE_KEY": "  wk-0123456789\n", "WIRE_AUTH": "Basic dXNlcjpwYXNzd29yZA=="})
    assert config.sources[0].headers == ()
    assert [(h.name, h.value.env_name) for h in config.sources[1].headers] == [("X-Api-Key", "WIRE_KEY"),
                                                                               ("Authorization", "WIRE_AUTH")]
    creds = SourceCredentials.from_config(config.sources)
    auth = creds.for_source("https://wire.example/feed.xml")
    assert auth is not None and auth.origin == ("https", "wire.example", 443)
    assert dict(auth.headers) == {"X-Api-Key": "wk-0123456789", "Authorization": "Basic dXNlcjpwYXNzd29yZA=="}
    assert creds.for_source("https://plain.example/rss") is None and creds.problems == {}
    for text in (repr(config), str(config), repr(creds), repr(auth)):
        assert "wk-0123456789" not in text and "dXNlcjpwYXNzd29yZA" not in text
    # the log masks the whole value and the credentials after "Basic " alone
    assert set(secret_values(config)) >= {"wk-0123456789", "Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA=="}


def test_an_unset_or_unusable_variable_holds_only_its_source_back() -> None:
    body = ('[[sources]]\nurl = "https://a.example/feed"\nheaders_env = { "X-Api-Key" = "A_KEY" }\n'
            '[[sources]]\nurl = "https://b.example/feed"\nheaders_env = { "X-Api-Key" = "B_KEY" }\n'
            '[[sources]]\nurl = "https://c.example/feed"\nheaders_env = { "X-Api-Key" = "C_KEY" }\n'
            '[[sources]]\nurl = "https://d.example/feed"\n')
    creds = _sources(body, {"B_KEY": "", "C_KEY": "abc\r\nX-Injected: 1"})
    assert creds.problem("https://a.example/feed") == ("not polled: environment variable A_KEY (its X-Api-Key "
                                                       "header, sources[0].headers_env) is unset or empty")
    assert "B_KEY" in creds.problem("https://b.example/feed") and "unset or empty" in creds.problem(
        "https://b.example/feed")
    assert creds.problem("https://c.example/feed").endswith("C_KEY (its X-Api-Key header, sources[2].headers_env) "
                                                            "holds a line break or another control character")
    assert "X-Injected" not in repr(creds)
    assert creds.problem("https://d.example/feed") == "" and creds.auth == {}


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('headers_env = { "X Api" = "WIRE_KEY" }', r"sources\[1\]\.headers_env: 'X Api' is not a valid HTTP header"),
        ('headers_env = { "X-Key:" = "WIRE_KEY" }', r"sources\[1\]\.headers_env: 'X-Key:' is not a valid"),
        ('headers_env = { "" = "WIRE_KEY" }', r"sources\[1\]\.headers_env: '' is not a valid HTTP header"),
        ('headers_env = { Host = "WIRE_KEY" }', r"sources\[1\]\.headers_env: Host is set by briefbot itself"),
        ('headers_env = { "if-none-match" = "A" }', r"sources\[1\]\.headers_env: if-none-match is set by briefbot"),
        ('headers_env = { "Accept-Encoding" = "A" }', r"Accept-Encoding is set by briefbot itself"),
        ('headers_env = { "Content-Length" = "A" }', r"Content-Length is set by briefbot itself"),
        ('headers_env = { "If-Modified-Since" = "A" }', r"If-Modified-Since is set by briefbot itself"),
        ('headers_env = { "User-Agent" = "A" }', r"User-Agent is set by briefbot itself"),
        ('headers_env = { "X-Key" = "A", "x-key" = "B" }', r"sources\[1\]\.headers_env: x-key is given twice"),
        ('headers_env = { "X-Key" = "wire-key-123" }', r"sources\[1\]\.headers_env: the value for X-Key must be "
                                                       r"the name of an environment variable"),
        ('headers_env = { "X-Key" = "a1b2c3d4" }', r"not the secret itself; the value given is not shown"),
        ('headers_env = { "X-Key" = 7 }', r"sources\[1\]\.headers_env: the value for X-Key must be"),
        ('headers_env = "WIRE_KEY"', r"sources\[1\]\.headers_env: expected a table of header name = environment"),
        ('headers = { "X-Key" = "wire-key-123" }', r"sources\[1\]\.headers: secrets are never written in the file"),
        ('headers_env = { "X-Key" = "WIRE_KEY" }\nurl_extra = 1', r"sources\[1\]\.url_extra: unknown key"),
    ],
)
def test_bad_headers_name_their_key_path_and_never_echo_a_value(entry: str, message: str) -> None:
    body = '[[sources]]\nurl = "https://ok.example/f"\n[[sources]]\nurl = "https://wire.example/f"\n' + entry
    with pytest.raises(ConfigError, match=message) as caught:
        parse_config(tomllib.loads(body), {})
    for secret in ("wire-key-123", "a1b2c3d4"):
        assert secret not in str(caught.value)


def test_only_http_sources_send_headers_and_urls_carry_no_passwords() -> None:
    with pytest.raises(ConfigError, match=r"sources\[0\]\.headers_env: only http\(s\) sources send headers"):
        parse_config(tomllib.loads('[[sources]]\nurl = "/srv/feeds/wire.xml"\nheaders_env = { X-Key = "K" }'), {})
    with pytest.raises(ConfigError, match=r"sources\[0\]\.url: a user name or password in the URL") as caught:
        parse_config(tomllib.loads('[[sources]]\nurl = "https://desk:hunter22@cms.example/feed"'), {})
    assert "hunter22" not in str(caught.value)



def test_every_bad_header_of_an_entry_is_said_in_one_run() -> None:
    body = ('[[sources]]\nurl = "https://wire.example/f"\n'
            'headers_env = { Host = "WIRE_HOST", "Bad Name" = "X", "X-Ok" = "wire-key-123", "X-Fine" = "FINE" }\n')
    with pytest.raises(ConfigError) as caught:
        parse_config(tomllib.loads(body), {})
    assert caught.value.problems == (
        "sources[0].headers_env: Host is set by briefbot itself and cannot be configured",
        "sources[0].headers_env: 'Bad Name' is not a valid HTTP header name",
        "sources[0].headers_env: the value for X-Ok must be the name of an environment variable in capitals, digits "
        "and _ (e.g. WIRE_KEY), not the secret itself; the value given is not shown",
    )
