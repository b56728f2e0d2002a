"""The ``[[sources]]`` entries read and checked: polled http(s) URLs, each once, and their ``headers_env``."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from bot.config_model import ConfigError, Secret, SourceConfig, SourceHeader, collect
from bot.config_tables import expect, read_section_kept

# Header names are RFC 9110 tokens. A source may not set the ones the fetcher or HTTP itself sets.
HEADER_NAME_CHARS = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
RESERVED_HEADERS = frozenset({
    "host", "content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive", "upgrade",
    "te", "trailer", "expect", "proxy-authorization", "proxy-connection", "accept", "accept-encoding",
    "user-agent", "if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "if-range", "range",
})


def _source_headers(raw: Any, path: str, env: Mapping[str, str]) -> tuple[SourceHeader, ...]:
    """``headers_env``: header name -> the name of the environment variable holding its value; every bad header
    said at once (ConfigError.of), one line each."""
    if not isinstance(raw, dict):  # the value is not echoed: it may be the secret itself
        raise ConfigError(f'{path}: expected a table of header name = environment variable name, e.g. '
                          f'{{ "X-Api-Key" = "WIRE_KEY" }}, got a {type(raw).__name__}')
    table: dict[str, Any] = raw
    out: list[SourceHeader] = []
    errors: list[ConfigError] = []
    seen: set[str] = set()
    for name, var in table.items():
        header = collect(errors, _source_header, name, var, path, seen, env)
        if header is not None:
            out.append(header)
    if errors:
        raise ConfigError.of(errors)
    return tuple(out)


def _source_header(name: str, var: Any, path: str, seen: set[str], env: Mapping[str, str]) -> SourceHeader:
    """One header of ``headers_env``, its name added to ``seen``; ConfigError naming ``path`` when it is bad."""
    if not name or not set(name) <= HEADER_NAME_CHARS:
        raise ConfigError(f"{path}: {name!r} is not a valid HTTP header name")
    if name.lower() in RESERVED_HEADERS:
        raise ConfigError(f"{path}: {name} is set by briefbot itself and cannot be configured")
    if name.lower() in seen:
        raise ConfigError(f"{path}: {name} is given twice (header names ignore case)")
    seen.add(name.lower())
    # capitals only, so a pasted secret is refused rather than logged as "the variable abc123 is unset";
    # never echoed: a value that is not a variable name may be the secret itself
    if not isinstance(var, str) or not var.isascii() or not var.isidentifier() or var != var.upper():
        raise ConfigError(f"{path}: the value for {name} must be the name of an environment variable in "
                          "capitals, digits and _ (e.g. WIRE_KEY), not the secret itself; the value given "
                          "is not shown")
    return SourceHeader(name, Secret(var, env.get(var, "")))


def read_sources(raw: Any, env: Mapping[str, str]) -> tuple[SourceConfig, ...]:
    """``[[sources]]``: the plain keys as every table list, plus their ``headers_env``; every entry's problems in
    one ConfigError."""
    sources, errors = read_sources_kept(raw, env)
    if errors:
        raise ConfigError.of(errors)
    return sources


def read_sources_kept(raw: Any, env: Mapping[str, str]) -> tuple[tuple[SourceConfig, ...], list[ConfigError]]:
    """Every ``[[sources]]`` entry as far as it reads (a bad key at its default, an entry that is no table empty,
    so each keeps its index for the checks that follow), and every problem found."""
    items = expect("sources", raw, list, "a list of tables")
    errors: list[ConfigError] = []
    out: list[SourceConfig] = []
    for i, item in enumerate(items):
        out.append(collect(errors, _read_source, item, f"sources[{i}]", env, errors) or SourceConfig())
    seen: dict[str, int] = {}
    for i, source in enumerate(out):
        url = source.url.strip()
        if url and url in seen:
            errors.append(ConfigError(f"sources[{i}].url: {url} is already sources[{seen[url]}]"))
        seen.setdefault(url, i)
    # the URL as it is read and stored (bot/ingest/sources.py strips it): one source, which keeps its name
    return tuple(dataclasses.replace(s, url=s.url.strip()) for s in out), errors


def _read_source(item: Any, path: str, env: Mapping[str, str], errors: list[ConfigError]) -> SourceConfig:
    """One entry, its problems added to ``errors``; ConfigError when it cannot be read at all (no table, no url)."""
    expect(path, item, dict, "a table")
    if "headers" in item:
        errors.append(ConfigError(f"{path}.headers: secrets are never written in the file; set headers_env = "
                                  '{ "Header-Name" = "ENV_VARIABLE" } instead'))
    headers = collect(errors, _source_headers, item.get("headers_env", {}), f"{path}.headers_env", env) or ()
    if "url" not in item:
        raise ConfigError(f"{path}.url: required")
    plain = {k: v for k, v in item.items() if k not in ("headers_env", "headers")}
    read, found = read_section_kept(plain, path, SourceConfig, env)
    source: SourceConfig = read
    errors += found
    if any(p.startswith(f"{path}.url:") for e in found for p in e.problems):  # said once: not a string
        return dataclasses.replace(source, headers=headers)
    try:
        userinfo = "@" in urlsplit(source.url.strip()).netloc
    except ValueError:
        userinfo = False
    if userinfo:  # the URL is the source's key in the store and is shown in chat: it is not repeated here
        errors.append(ConfigError(f"{path}.url: a user name or password in the URL would be stored and shown; "
                                  'set headers_env = { "Authorization" = "ENV_VARIABLE" } instead (see the README)'))
    elif headers and not source.url.strip().lower().startswith(("http://", "https://")):
        errors.append(ConfigError(f"{path}.headers_env: only http(s) sources send headers, got url "
                                  f"{source.url!r}"))
    elif not _polled_url(source.url):  # a file would be read once, at the first poll, and never again
        errors.append(ConfigError(f"{path}.url: expected an http(s) URL of a feed, sitemap or page, got "
                                  f"{source.url!r}; `briefbot run` polls only those (read files and folders with "
                                  "`briefbot ingest PATH`)"))
    return dataclasses.replace(source, headers=headers)


def source_interval_seconds(source: SourceConfig) -> int:
    """How often the source is polled, as the store keeps it: its own ``interval``, or 0 for the scheduler's
    ``poll_interval`` (bot/poller.py reads 0 so, so an edit of poll_interval holds for it at the next start)."""
    from bot.backoff import parse_duration

    if not source.interval:
        return 0
    return int(parse_duration(source.interval, key=f"sources[{source.url}].interval").total_seconds())


def _polled_url(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
