"""Configuration: read the TOML file and the named environment variables once, into frozen dataclasses."""

from __future__ import annotations

import dataclasses
import logging
import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import platformdirs

APP_NAME = "briefbot"


class ConfigError(ValueError):
    """A bad configuration value, reported with its key path: ``channels[2].schedule: ...``."""


@dataclass(frozen=True)
class Secret:
    """A secret value that never shows itself in logs, reprs or tracebacks."""

    env_name: str
    value: str = field(repr=False, default="")

    def __str__(self) -> str:
        return f"<secret from ${self.env_name}>"

    def __bool__(self) -> bool:
        return bool(self.value)


# A restart reloads stories from the last 7 days (bot/pipeline.py RECOVERY_WINDOW): retention keeps at least that.
MIN_KEEP_DAYS = 7
# a story window shorter than the lag between outlets splits every story; longer than a month, unrelated events on
# one subject merge and a restart reads months of story profiles
MIN_STORY_WINDOW, MAX_STORY_WINDOW = timedelta(hours=6), timedelta(days=30)
MIN_ALERT_OUTLETS, MAX_ALERT_OUTLETS = 2, 10  # breaking alerts: one outlet is not "breaking", ten is plenty
MAX_SENTENCES = 1_000_000  # per article; below bot/store/fts_rows.SENTENCE_STRIDE


@dataclass(frozen=True)
class DatabaseConfig:
    url: str = ""  # "" = SQLite file in the user's data directory
    keep_days: int = 90  # stories whose newest article is older are deleted (bot/store/retention.py); 0 = forever


@dataclass(frozen=True)
class IngestConfig:
    timeout_seconds: float = 20.0
    connect_timeout_seconds: float = 10.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    user_agent: str = "briefbot/0.1 (+https://github.com/briefbot/briefbot)"
    allow_private_networks: bool = False
    max_sentences: int = 2000
    max_sentence_chars: int = 2000
    full_text: bool = True  # a feed item with a short body gets its article page's main text (bot/ingest/full_text.py)
    full_text_min_words: int = 150  # ... a body shorter than this is a teaser
    full_text_max_per_source: int = 20  # ... at most this many pages per read of one feed
    respect_robots: bool = True  # those page fetches honour robots.txt (RFC 9309) and its Crawl-delay


@dataclass(frozen=True)
class BriefingConfig:
    max_stories: int = 10
    summary_sentences: int = 3
    default_since: str = "24h"
    timezone: str = "UTC"
    # a briefing (scheduled, or on demand with a "since") takes stories whose newest article was published at
    # most this long before the period it covers (feeds publish late); a new feed's back catalogue stays out
    publication_grace: str = "48h"


# Header names are RFC 9110 tokens. A source may not set the ones the fetcher or HTTP itself sets.
HEADER_NAME_CHARS = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
RESERVED_HEADERS = frozenset({
    "host", "content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive", "upgrade",
    "te", "trailer", "expect", "proxy-authorization", "proxy-connection", "accept", "accept-encoding",
    "user-agent", "if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "if-range", "range",
})


@dataclass(frozen=True)
class SourceHeader:
    """One request header of a source; its value comes from an environment variable (``headers_env``)."""

    name: str
    value: Secret


@dataclass(frozen=True)
class SourceConfig:
    url: str = ""  # required
    name: str = ""
    interval: str = "30m"
    # from ``headers_env = { "X-Api-Key" = "WIRE_KEY" }``: sent only to the source's own origin
    headers: tuple[SourceHeader, ...] = ()


@dataclass(frozen=True)
class ChannelConfig:
    id: str = ""  # "slack:C0123", "discord:1234", "console:main" (required)
    topics: tuple[str, ...] = ()
    schedule: str = "daily 08:00"
    timezone: str = ""  # "" = briefing.timezone
    quiet_hours: str = ""  # "22:00-07:00"
    max_stories: int = 0  # 0 = briefing.max_stories
    alerts: int = 0  # breaking alerts: post a new story at once when this many outlets carry it (0 = off)
    length: str = "full"  # how much of each story its briefings show: full, short or headlines (digests/length.py)
    languages: tuple[str, ...] = ()  # ISO 639-1 codes of the stories its briefings carry; () = every language
    # a "slack-webhook:NAME" / "discord-webhook:NAME" channel posts to this URL, read from ``webhook_url_env``
    webhook_url: Secret = Secret("")


@dataclass(frozen=True)
class StoriesConfig:
    # an article joins a story whose reports span, give or take this, its publication time (bot/nlp/cluster.py);
    # 96h was chosen on the AllSides development half (docs/QUALITY.md): longer keeps slow stories together
    window: str = "96h"
    join_languages: bool = True  # reports of one event in different languages become one story (names, numbers)


@dataclass(frozen=True)
class SchedulerConfig:
    poll_interval: str = "30m"
    poll_jitter_seconds: int = 60
    catch_up_grace: str = "6h"
    max_failures_before_disable: int = 6
    max_backoff: str = "6h"


@dataclass(frozen=True)
class SlackConfig:
    enabled: bool = False
    mode: str = "socket"  # "socket" or "http"
    bot_token: Secret = Secret("SLACK_BOT_TOKEN")
    app_token: Secret = Secret("SLACK_APP_TOKEN")
    signing_secret: Secret = Secret("SLACK_SIGNING_SECRET")
    http_host: str = "127.0.0.1"
    http_port: int = 3000
    command: str = "/brief"
    api_base_url: str = ""  # "" = Slack's; tests point it at a local server
    admins: tuple[str, ...] = ()  # user ids allowed to manage channels besides channel managers


@dataclass(frozen=True)
class DiscordConfig:
    enabled: bool = False
    token: Secret = Secret("DISCORD_TOKEN")
    application_id: str = ""
    guild_ids: tuple[str, ...] = ()  # sync commands to these guilds (fast); empty = globally
    sharded: bool = False
    thread_per_briefing: bool = False
    api_base_url: str = ""  # "" = Discord's; tests point it at a local server
    gateway_url: str = ""
    admins: tuple[str, ...] = ()
    catch_up: bool = True  # at start, answer the mentions and DMs of the last hour sent while no run was connected


@dataclass(frozen=True)
class HealthConfig:
    listen: str = ""  # "" = off; "127.0.0.1:8081" serves /healthz and /readyz there (bot/health.py)
    token: Secret = Secret("")  # token_env names the variable; "" = no authentication (/healthz is always open)


@dataclass(frozen=True)
class CommandsConfig:
    # chat commands that read many stories (brief, whosaid, ask, story, why, preview): how many run at once
    max_concurrent: int = 4  # 0 = no limit; one person never runs two at once either way
    max_waiting: int = 16  # beyond max_concurrent, how many wait their turn; the next are told to try again


@dataclass(frozen=True)
class Config:
    database: DatabaseConfig = DatabaseConfig()
    ingest: IngestConfig = IngestConfig()
    briefing: BriefingConfig = BriefingConfig()
    stories: StoriesConfig = StoriesConfig()
    scheduler: SchedulerConfig = SchedulerConfig()
    slack: SlackConfig = SlackConfig()
    discord: DiscordConfig = DiscordConfig()
    health: HealthConfig = HealthConfig()
    commands: CommandsConfig = CommandsConfig()
    sources: tuple[SourceConfig, ...] = ()
    channels: tuple[ChannelConfig, ...] = ()
    log_level: str = "INFO"


def data_dir() -> Path:
    """The user's data directory for briefbot (created on demand)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'briefbot.db'}"


def _expect(path: str, value: Any, kind: type | tuple[type, ...], what: str) -> Any:
    if isinstance(value, bool) and kind in (int, float, (int, float)):
        raise ConfigError(f"{path}: expected {what}, got {value!r}")
    if not isinstance(value, kind):
        raise ConfigError(f"{path}: expected {what}, got {value!r}")
    return value


def _section(raw: Mapping[str, Any], path: str, cls: type, env: Mapping[str, str]) -> Any:
    defaults = cls()
    known = {f.name for f in dataclasses.fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in raw.items():
        key_path = f"{path}.{key}"
        if key.endswith("_env") and key[:-4] in known and isinstance(getattr(defaults, key[:-4]), Secret):
            name = key[:-4]
            env_name = _expect(key_path, value, str, "the name of an environment variable")
            kwargs[name] = Secret(env_name, env.get(env_name, ""))
            continue
        if key not in known:  # a secret is set by naming its variable: ``bot_token_env``, never ``bot_token``
            written = (f"{name}_env" if isinstance(getattr(defaults, name), Secret) else name for name in known)
            raise ConfigError(f"{key_path}: unknown key (known: {', '.join(sorted(written))})")
        default = getattr(defaults, key)
        if isinstance(default, Secret):
            raise ConfigError(f"{key_path}: secrets are never written in the file; set {key}_env to the "
                              "name of an environment variable instead")
        if isinstance(default, bool):
            kwargs[key] = _expect(key_path, value, bool, "true or false")
        elif isinstance(default, int):
            kwargs[key] = _expect(key_path, value, int, "a whole number")
            if kwargs[key] < 0:
                raise ConfigError(f"{key_path}: expected a whole number of 0 or more, got {value!r}")
        elif isinstance(default, float):
            number = float(_expect(key_path, value, (int, float), "a number"))
            if not math.isfinite(number) or number <= 0:
                raise ConfigError(f"{key_path}: expected a positive number, got {value!r}")
            kwargs[key] = number
        elif isinstance(default, tuple):
            items = _expect(key_path, value, list, "a list of strings")
            for i, item in enumerate(items):
                _expect(f"{key_path}[{i}]", item, str, "a string")
            kwargs[key] = tuple(items)
        else:
            kwargs[key] = _expect(key_path, value, str, "a string")
    for name in known:
        default = getattr(defaults, name)
        if isinstance(default, Secret) and name not in kwargs:
            kwargs[name] = Secret(default.env_name, env.get(default.env_name, ""))
    return cls(**kwargs)


def _table_list(raw: Any, path: str, cls: type, env: Mapping[str, str], required: str) -> tuple[Any, ...]:
    items = _expect(path, raw, list, "a list of tables")
    out = []
    for i, item in enumerate(items):
        item_path = f"{path}[{i}]"
        _expect(item_path, item, dict, "a table")
        if required not in item:
            raise ConfigError(f"{item_path}.{required}: required")
        out.append(_section(item, item_path, cls, env))
    return tuple(out)


def _source_headers(raw: Any, path: str, env: Mapping[str, str]) -> tuple[SourceHeader, ...]:
    """``headers_env``: header name -> the name of the environment variable holding its value."""
    if not isinstance(raw, dict):  # the value is not echoed: it may be the secret itself
        raise ConfigError(f'{path}: expected a table of header name = environment variable name, e.g. '
                          f'{{ "X-Api-Key" = "WIRE_KEY" }}, got a {type(raw).__name__}')
    table: dict[str, Any] = raw
    out: list[SourceHeader] = []
    seen: set[str] = set()
    for name, var in table.items():
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
        out.append(SourceHeader(name, Secret(var, env.get(var, ""))))
    return tuple(out)


def _sources(raw: Any, env: Mapping[str, str]) -> tuple[SourceConfig, ...]:
    """``[[sources]]``: the plain keys as every table list, plus their ``headers_env``."""
    items = _expect("sources", raw, list, "a list of tables")
    plain: list[Any] = []
    headers: list[tuple[SourceHeader, ...]] = []
    for i, item in enumerate(items):
        path = f"sources[{i}]"
        if isinstance(item, dict):
            if "headers" in item:
                raise ConfigError(f"{path}.headers: secrets are never written in the file; set headers_env = "
                                  '{ "Header-Name" = "ENV_VARIABLE" } instead')
            headers.append(_source_headers(item.get("headers_env", {}), f"{path}.headers_env", env))
            item = {k: v for k, v in item.items() if k != "headers_env"}
        plain.append(item)
    sources = _table_list(plain, "sources", SourceConfig, env, "url")
    for i, (source, extra) in enumerate(zip(sources, headers, strict=True)):
        try:
            userinfo = "@" in urlsplit(source.url.strip()).netloc
        except ValueError:
            userinfo = False
        if userinfo:  # the URL is the source's key in the store and is shown in chat: it is not repeated here
            raise ConfigError(f"sources[{i}].url: a user name or password in the URL would be stored and shown; "
                              'set headers_env = { "Authorization" = "ENV_VARIABLE" } instead (see the README)')
        if extra and not source.url.strip().lower().startswith(("http://", "https://")):
            raise ConfigError(f"sources[{i}].headers_env: only http(s) sources send headers, got url "
                              f"{source.url!r}")
        if not _polled_url(source.url):  # a file would be read once, at the first poll, and never again
            raise ConfigError(f"sources[{i}].url: expected an http(s) URL of a feed, sitemap or page, got "
                              f"{source.url!r}; `briefbot run` polls only those (read files and folders with "
                              "`briefbot ingest PATH`)")
    seen: dict[str, int] = {}
    for i, source in enumerate(sources):
        url = source.url.strip()
        if url in seen:
            raise ConfigError(f"sources[{i}].url: {url} is already sources[{seen[url]}]")
        seen[url] = i
    return tuple(dataclasses.replace(s, headers=h) for s, h in zip(sources, headers, strict=True))


def _polled_url(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


SECTIONS: dict[str, type] = {
    "database": DatabaseConfig,
    "ingest": IngestConfig,
    "briefing": BriefingConfig,
    "stories": StoriesConfig,
    "scheduler": SchedulerConfig,
    "slack": SlackConfig,
    "discord": DiscordConfig,
    "health": HealthConfig,
    "commands": CommandsConfig,
}


def parse_listen(text: str, key: str = "health.listen") -> tuple[str, int]:
    """``host:port`` (``[::1]:port`` for IPv6) into its parts; raises ConfigError naming ``key``."""
    example = '"127.0.0.1:8081"'
    if text.startswith("["):
        host, close, rest = text[1:].partition("]")
        if not close or not rest.startswith(":"):
            raise ConfigError(f"{key}: expected [IPv6]:port, e.g. \"[::1]:8081\", got {text!r}")
        port_text = rest[1:]
    else:
        host, colon, port_text = text.rpartition(":")
        if not colon:
            raise ConfigError(f"{key}: expected host:port, e.g. {example}, got {text!r} (no port)")
        if ":" in host:
            raise ConfigError(f"{key}: write an IPv6 host in brackets, e.g. \"[::1]:8081\", got {text!r}")
    if not host.strip():
        raise ConfigError(f"{key}: expected host:port with a host, e.g. {example} (\"0.0.0.0:8081\" for "
                          f"every interface), got {text!r}")
    if not (port_text.isascii() and port_text.isdigit()) or not 1 <= int(port_text) <= 65535:
        raise ConfigError(f"{key}: expected a port from 1 to 65535 after the colon, got {text!r}")
    return host, int(port_text)


def health_token_problem(health: HealthConfig) -> str:
    """Why ``briefbot run`` cannot serve its health endpoints as configured ("" when it can): a ``token_env`` naming
    an unset or empty variable. Checked when ``run`` starts, not at load, so other commands reading the same file
    (``briefbot channels`` from an admin's shell without the service's environment) still work."""
    if health.listen and health.token.env_name and not health.token.value:
        return (f"health.token_env: the environment variable {health.token.env_name} is not set or empty; set it "
                'to the token probes send, or set token_env = "" for no authentication')
    return ""


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _log_level(value: str) -> str:
    """``log_level`` in capitals; a name the logging module does not know stops start-up here, not in logging."""
    level = value.strip().upper()
    if level not in logging.getLevelNamesMapping() or level == "NOTSET":
        raise ConfigError(f"log_level: expected one of {', '.join(LOG_LEVELS)}, got {value!r}")
    return level


def parse_config(raw: Mapping[str, Any], env: Mapping[str, str]) -> Config:
    """Validate a parsed TOML mapping into a Config; raises ConfigError naming the key path."""
    kwargs: dict[str, Any] = {}
    for key, value in raw.items():
        if key in SECTIONS:
            kwargs[key] = _section(_expect(key, value, dict, "a table"), key, SECTIONS[key], env)
        elif key == "sources":
            kwargs[key] = _sources(value, env)
        elif key == "channels":
            kwargs[key] = _table_list(value, key, ChannelConfig, env, "id")
        elif key == "log_level":
            kwargs[key] = _log_level(_expect(key, value, str, "a string"))
        else:
            known = sorted([*SECTIONS, "sources", "channels", "log_level"])
            raise ConfigError(f"{key}: unknown key (known: {', '.join(known)})")
    config = Config(**kwargs)
    keep = config.database.keep_days
    if 0 < keep < MIN_KEEP_DAYS:
        raise ConfigError(f"database.keep_days: expected 0 (keep everything) or at least {MIN_KEEP_DAYS} days, "
                          f"got {keep!r} (a restart reloads the last {MIN_KEEP_DAYS} days of stories)")
    if config.slack.mode not in ("socket", "http"):
        raise ConfigError(f'slack.mode: expected "socket" or "http", got {config.slack.mode!r}')
    if config.health.listen:
        parse_listen(config.health.listen)
    _check_durations(config)
    window = story_window(config)
    if not MIN_STORY_WINDOW <= window <= MAX_STORY_WINDOW:
        raise ConfigError(f"stories.window: expected between 6h and 30d, got {config.stories.window!r}")
    if config.ingest.max_sentences > MAX_SENTENCES:  # full-text rowids leave room for this many per article
        raise ConfigError(f"ingest.max_sentences: expected at most {MAX_SENTENCES:,}, "
                          f"got {config.ingest.max_sentences}")
    if config.ingest.full_text_min_words < 1 or config.ingest.full_text_max_per_source < 0:
        raise ConfigError("ingest.full_text_min_words must be at least 1 and ingest.full_text_max_per_source "
                          f"at least 0, got {config.ingest.full_text_min_words} and "
                          f"{config.ingest.full_text_max_per_source}")
    from bot.config_channels import check_channels
    from bot.config_values import check_values

    check_values(config)
    return dataclasses.replace(config, channels=check_channels(config))


def story_window(config: Config) -> timedelta:
    """``stories.window`` as a timedelta (checked when the config was read)."""
    from bot.backoff import parse_duration

    return parse_duration(config.stories.window, key="stories.window")


def _check_durations(config: Config) -> None:
    """Every duration key read as a duration now, so a typo stops start-up with its key path, not later."""
    from bot.backoff import parse_duration
    from bot.timeparse import parse_since

    durations = {
        "scheduler.poll_interval": config.scheduler.poll_interval,
        "scheduler.catch_up_grace": config.scheduler.catch_up_grace,
        "scheduler.max_backoff": config.scheduler.max_backoff,
        "briefing.publication_grace": config.briefing.publication_grace,
        "stories.window": config.stories.window,
        **{f"sources[{i}].interval": s.interval for i, s in enumerate(config.sources)},
    }
    for key, text in durations.items():
        try:
            parse_duration(text, key=key)
        except ValueError as exc:
            raise ConfigError(str(exc)) from exc
    from bot.schedule import parse_timezone

    try:  # channels without their own timezone, and `briefbot brief`, use it
        parse_timezone(config.briefing.timezone)
    except ValueError as exc:
        raise ConfigError(f"briefing.timezone: {exc}") from exc
    try:
        parse_since(config.briefing.default_since, datetime.now(UTC))
    except ValueError as exc:
        raise ConfigError(f"briefing.default_since: {str(exc).removeprefix('--since: ')}") from exc


def load_config(path: str | Path | None, env: Mapping[str, str] | None = None) -> Config:
    """Read the config file (or the defaults when ``path`` is None) and the environment, once."""
    env = os.environ if env is None else env
    if path is None:
        return parse_config({}, env)
    p = Path(path)
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{p}: no such config file") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{p}: not UTF-8 text") from exc
    return parse_config(raw, env)
