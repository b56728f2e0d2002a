"""Configuration: read the TOML file and the named environment variables once, into frozen dataclasses."""

from __future__ import annotations

import dataclasses
import logging
import os
import tomllib
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import platformdirs

from bot.config_health import parse_listen
from bot.config_model import (
    MAX_ALERT_OUTLETS,
    MAX_SENTENCES,
    MAX_STORY_WINDOW,
    MIN_ALERT_OUTLETS,
    MIN_KEEP_DAYS,
    MIN_STORY_WINDOW,
    SECTIONS,
    BriefingConfig,
    ChannelConfig,
    CommandsConfig,
    Config,
    ConfigError,
    DatabaseConfig,
    DiscordConfig,
    IngestConfig,
    SchedulerConfig,
    Secret,
    SlackConfig,
    SourceConfig,
    StoriesConfig,
    collect,
    read_as,
)
from bot.config_sources import read_sources_kept
from bot.config_tables import expect, named_keys, read_section_kept, read_table_list_kept

__all__ = [  # the dataclasses are imported from here across the code (defined in bot/config_model.py)
    "APP_NAME", "LOG_LEVELS", "MAX_ALERT_OUTLETS", "MIN_ALERT_OUTLETS", "MIN_KEEP_DAYS", "BriefingConfig",
    "ChannelConfig", "CommandsConfig", "Config", "ConfigError", "DatabaseConfig", "DiscordConfig", "IngestConfig",
    "SchedulerConfig", "Secret", "SlackConfig", "SourceConfig", "StoriesConfig", "data_dir", "default_database_url",
    "load_config", "parse_config", "story_window",
]

APP_NAME = "briefbot"


def data_dir() -> Path:
    """The user's data directory for briefbot (created on demand)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'briefbot.db'}"


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def postgres_defaults() -> tuple[str, str]:
    """libpq's PGUSER and PGDATABASE ("" when unset): what a PostgreSQL URL without a user or database connects as."""
    return os.environ.get("PGUSER", ""), os.environ.get("PGDATABASE", "")


def _log_level(value: str) -> str:
    """``log_level`` in capitals; a name the logging module does not know stops start-up here, not in logging."""
    level = value.strip().upper()
    if level not in logging.getLevelNamesMapping() or level == "NOTSET":
        raise ConfigError(f"log_level: expected one of {', '.join(LOG_LEVELS)}, got {value!r}")
    return level


def parse_config(raw: Mapping[str, Any], env: Mapping[str, str]) -> Config:
    """Validate a parsed TOML mapping into a Config; raises ConfigError naming the key path, with every problem
    found (``ConfigError.problems``): all unknown keys and bad values of every table, then the checks of values
    read whole, then those of every key of every [[channels]] entry (a bad key is read as its default and not
    checked again, so nothing is said twice; the entry's other keys are), and, with these, what ``run`` checks of
    the entries (schedules, timezones, quiet hours, topics: ``check_channel_configs``)."""
    from bot.config_channels import check_channel_configs, check_channels_kept

    kwargs: dict[str, Any] = {}
    errors: list[ConfigError] = []
    for key, value in raw.items():
        read = collect(errors, _read_top, key, value, env)
        if read is not None:
            kwargs[key], found = read
            errors += found
    config = Config(**kwargs)
    for check in (_check_keep_days, _check_slack_mode, _check_health, _check_durations, _check_window,
                  _check_ingest_counts, _check_values):
        collect(errors, check, config)
    # a key with a problem said already is not checked again (read as its default, it would be); the entry's
    # other keys are
    channels, found = check_channels_kept(config, skip=named_keys(errors, "channels"))
    errors += found
    if errors:  # what `run` checks of the channels said with the rest, so that one run lists every problem
        collect(errors, check_channel_configs, dataclasses.replace(config, channels=channels),
                skip=named_keys(errors, "channels"))
        raise ConfigError.of(errors)
    return dataclasses.replace(config, channels=channels)


def _read_top(key: str, value: Any, env: Mapping[str, str]) -> tuple[Any, list[ConfigError]]:
    """One top-level key of the file read, with the problems found in it: a section or [[sources]] with its good
    keys and entries kept (so the checks after see them)."""
    if key in SECTIONS:
        return read_section_kept(expect(key, value, dict, "a table"), key, SECTIONS[key], env)
    if key == "sources":  # every entry kept at its index, so its interval is checked below too
        return read_sources_kept(value, env)
    if key == "channels":  # every entry at its index, so the channel checks below see the others
        return read_table_list_kept(value, key, ChannelConfig, env, "id")
    return _read_value(key, value, env), []


def _read_value(key: str, value: Any, env: Mapping[str, str]) -> Any:
    """One top-level key of the file that is not a section or a list of tables read: log_level."""
    if key == "log_level":
        return _log_level(expect(key, value, str, "a string"))
    known = sorted([*SECTIONS, "sources", "channels", "log_level"])
    raise ConfigError(f"{key}: unknown key (known: {', '.join(known)})")


def _check_keep_days(config: Config) -> None:
    keep = config.database.keep_days
    if 0 < keep < MIN_KEEP_DAYS:
        raise ConfigError(f"database.keep_days: expected 0 (keep everything) or at least {MIN_KEEP_DAYS} days, "
                          f"got {keep!r} (a restart reloads the last {MIN_KEEP_DAYS} days of stories)")


def _check_slack_mode(config: Config) -> None:
    if config.slack.mode not in ("socket", "http"):
        raise ConfigError(f'slack.mode: expected "socket" or "http", got {config.slack.mode!r}')


def _check_health(config: Config) -> None:
    if config.health.listen:
        parse_listen(config.health.listen)


def _check_window(config: Config) -> None:
    try:
        window = story_window(config)
    except ValueError:  # not a duration: _check_durations said so
        return
    if not MIN_STORY_WINDOW <= window <= MAX_STORY_WINDOW:
        raise ConfigError(f"stories.window: expected between 6h and 30d, got {config.stories.window!r}")


def _check_ingest_counts(config: Config) -> None:
    errors: list[ConfigError] = []
    if config.ingest.max_sentences > MAX_SENTENCES:  # full-text rowids leave room for this many per article
        errors.append(ConfigError(f"ingest.max_sentences: expected at most {MAX_SENTENCES:,}, "
                                  f"got {config.ingest.max_sentences}"))
    if config.ingest.full_text_min_words < 1 or config.ingest.full_text_max_per_source < 0:
        errors.append(ConfigError("ingest.full_text_min_words must be at least 1 and "
                                  "ingest.full_text_max_per_source at least 0, got "
                                  f"{config.ingest.full_text_min_words} and {config.ingest.full_text_max_per_source}"))
    if errors:
        raise ConfigError.of(errors)


def _check_values(config: Config) -> None:
    from bot.config_values import check_values

    check_values(config)


def story_window(config: Config) -> timedelta:
    """``stories.window`` as a timedelta (checked when the config was read)."""
    from bot.backoff import parse_duration

    return parse_duration(config.stories.window, key="stories.window")


def _check_durations(config: Config) -> None:
    """Every duration key read as a duration now, so a typo stops start-up with its key path, not later."""
    from bot.backoff import parse_duration
    from bot.schedule_words import config_zone
    from bot.timeparse import parse_since

    durations = {
        "scheduler.poll_interval": config.scheduler.poll_interval,
        "scheduler.catch_up_grace": config.scheduler.catch_up_grace,
        "scheduler.max_backoff": config.scheduler.max_backoff,
        "scheduler.pause_after_refused_for": config.scheduler.pause_after_refused_for,
        "scheduler.delivery_deadline": config.scheduler.delivery_deadline,
        "briefing.publication_grace": config.briefing.publication_grace,
        "stories.window": config.stories.window,
        **{f"sources[{i}].interval": s.interval for i, s in enumerate(config.sources) if s.interval},
    }
    errors: list[ConfigError] = []
    for key, text in durations.items():
        collect(errors, read_as, key, lambda t: parse_duration(t, key=""), text)
    # channels without their own timezone, and `briefbot brief`, use it
    collect(errors, read_as, "briefing.timezone", config_zone, config.briefing.timezone)
    collect(errors, read_as, "briefing.default_since", lambda t: parse_since(t, datetime.now(UTC)),
            config.briefing.default_since)
    if errors:
        raise ConfigError.of(errors)


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
