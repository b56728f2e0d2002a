"""Config checks of single values read whole: counts and ports in range, Slack's command, Discord ids, and the
``*_env`` keys naming variables rather than holding the secrets themselves."""

from __future__ import annotations

import dataclasses

from bot.config_model import SECTIONS, Config, ConfigError, Secret, collect

MAX_WHOLE = 2**63 - 1
# whole numbers for which 0 means nothing useful (not "off" or "no limit", as for keep_days or max_concurrent)
BOUNDS: dict[str, tuple[int, int]] = {
    "ingest.max_bytes": (1, MAX_WHOLE),  # 0 would refuse every body
    "ingest.max_sentences": (1, MAX_WHOLE),
    "ingest.max_sentence_chars": (1, MAX_WHOLE),
    "briefing.summary_sentences": (1, MAX_WHOLE),
    "scheduler.max_failures_before_disable": (1, MAX_WHOLE),  # there is no "never": 0 would disable at once
    "scheduler.channels_at_once": (1, 1000),  # 0 would deliver nothing
    "slack.http_port": (1, 65535),
}


def check_values(config: Config) -> None:
    """Raise ConfigError, naming each key, for every value out of its range or of the wrong shape."""
    errors: list[ConfigError] = []
    if not config.slack.command.startswith("/") or len(config.slack.command.split()) != 1:
        errors.append(ConfigError(f'slack.command: expected the slash command as the Slack app names it, e.g. '
                                  f'"/brief", got {config.slack.command!r}'))
    discord_ids = {"discord.application_id": config.discord.application_id,
                   **{f"discord.guild_ids[{i}]": guild for i, guild in enumerate(config.discord.guild_ids)}}
    for key, snowflake in discord_ids.items():
        if snowflake and not (snowflake.isascii() and snowflake.isdigit()):
            errors.append(ConfigError(f"{key}: expected a Discord id, all digits (Developer Mode on, then "
                                      f"right-click > Copy ID), got {snowflake!r}"))
    for key, (least, most) in BOUNDS.items():
        section, name = key.split(".")
        number = getattr(getattr(config, section), name)
        if not least <= number <= most:
            errors.append(ConfigError(f"{key}: expected {least} to {most}, got {number}" if most < MAX_WHOLE else
                                      f"{key}: expected at least {least}, got {number}"))
    collect(errors, _check_secret_variables, config)
    if errors:
        raise ConfigError.of(errors)


def _check_secret_variables(config: Config) -> None:
    """Each ``*_env`` key of a section names a variable (capitals, digits, _), so a pasted token is refused here
    rather than looked up, shown or logged as the name of an unset variable; the value is never echoed."""
    for section in SECTIONS:
        values = getattr(config, section)
        for f in dataclasses.fields(values):
            secret = getattr(values, f.name)
            if isinstance(secret, Secret) and secret.env_name and not _is_variable_name(secret.env_name):
                raise ConfigError(f"{section}.{f.name}_env: must be the name of an environment variable in "
                                  "capitals, digits and _ (e.g. SLACK_BOT_TOKEN), not the secret itself; the "
                                  "value given is not shown")


def _is_variable_name(name: str) -> bool:
    return name.isascii() and name.isidentifier() and name == name.upper()
