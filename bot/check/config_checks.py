"""Checks of the configuration itself: channels, the health token and sources' header variables (no I/O)."""

from __future__ import annotations

from collections.abc import Mapping

from bot.check.channels import HeldChannel
from bot.check.result import CheckResult, fail, ok, warn
from bot.config import ChannelConfig, Config, ConfigError
from bot.config_channels import check_channel_configs
from bot.config_health import health_token_problem
from bot.config_lines import located, where
from bot.config_tables import named_keys
from bot.ingest.credentials import SourceCredentials
from bot.plurals import counted
from bot.schedule import ScheduleError
from bot.schedule_words import config_zone, fixed_zone_advice
from bot.webhook_urls import WEBHOOK_PLATFORMS, webhook_host_note


def config_file(path: str | None) -> CheckResult:
    """The file parsed (``briefbot`` would have stopped before any check otherwise)."""
    if path is None:
        return ok("config", "no --config given: the defaults (no chat platform enabled: the console)")
    return ok("config", f"{path} parses")


def default_timezone(config: Config) -> list[CheckResult]:
    """``briefing.timezone``, which channels without their own timezone use: a line only when it is bad."""
    try:
        config_zone(config.briefing.timezone)
    except ScheduleError as exc:
        return [fail("briefing.timezone", f"{exc}; channels without their own timezone use it")]
    return []


def fixed_zones(config: Config, path: str | None) -> list[CheckResult]:
    """A warning for each timezone that is a fixed offset without summer time ("EST", "GMT"): the config loads it,
    but chat refuses it (bot/schedule_words.py); where it is in the file and the place's zone to write instead."""
    keys = [("briefing.timezone", config.briefing.timezone),
            *((f"channels[{i}].timezone", item.timezone) for i, item in enumerate(config.channels))]
    results = []
    for key, zone in keys:
        advice = fixed_zone_advice(zone or "")
        if advice:
            place = f" ({where(path, key)})" if path is not None else ""
            results.append(warn(key, f"{advice}{place}"))
    return results


def _channel_problems(config: Config, path: str | None) -> dict[int, list[str]]:
    """Every problem of the [[channels]] entries as ``run`` refuses them (``check_channel_configs``), by entry, each
    with its key path and where it is in the file (the ids were checked when the file was read)."""
    problems: dict[int, list[str]] = {}
    try:
        check_channel_configs(config)
    except ConfigError as exc:
        for problem in exc.problems:
            index = min((i for i, _ in named_keys([ConfigError(problem)], "channels")), default=-1)
            problems.setdefault(index, []).append(f"{problem}{located(path, problem)}")
    return problems


def _platform_note(item: ChannelConfig, config: Config) -> str:
    """Why a channel's briefings would not reach it: its platform is not enabled ("" when it is)."""
    platform = item.id.partition(":")[0]
    enabled = {"slack": config.slack.enabled, "discord": config.discord.enabled, "console": True}
    if enabled.get(platform, True):
        return ""
    return f"[{platform}] is not enabled, so its briefings are not posted: set enabled = true in [{platform}]"


def _webhook(name: str, summary: str, item: ChannelConfig) -> CheckResult | None:
    """A webhook channel: its variable is set (the URL's shape was checked when the file was read). Nothing is
    sent to it: a test message would land in the newsroom's channel."""
    platform = item.id.partition(":")[0]
    if platform not in WEBHOOK_PLATFORMS:
        return None
    env = item.webhook_url.env_name
    if not item.webhook_url:
        return fail(name, f"{summary}; webhook_url_env: ${env} is not set or empty, so nothing can be posted to it: "
                          "set it in the service's environment to the webhook's URL")
    how = f"posts through the {WEBHOOK_PLATFORMS[platform].name} webhook in ${env} (post-only; check sent it nothing)"
    note = webhook_host_note(platform, item.webhook_url.value)
    return warn(name, f"{summary}; {how}; {note}") if note else ok(name, f"{summary}; {how}")


def _in_use(item: ChannelConfig, config: Config, held: Mapping[int, HeldChannel] | None, i: int) -> str:
    """The schedule, timezone and topics ``run`` uses for entry ``i``: the store's once it has the channel (the
    entry only creates it), else the file's; where they come from said when the store was read."""
    stored = held.get(i) if held is not None else None
    if stored is not None:
        schedule, timezone, topic_list = stored.channel.schedule, stored.channel.timezone, stored.channel.topics
    else:
        schedule, timezone, topic_list = item.schedule, item.timezone or config.briefing.timezone, tuple(item.topics)
    topics = counted(len(topic_list), "topic") if topic_list else "no topics (everything)"
    where = "" if held is None else (" (as the store has it)" if stored is not None else
                                     " (from the file: `briefbot run` creates the channel)")
    return f"{schedule} ({timezone}), {topics}{where}"


def channels(config: Config, held: Mapping[int, HeldChannel] | None = None,
             path: str | None = None) -> list[CheckResult]:
    """One line per [[channels]] entry (of the file at ``path``): its schedule, timezone, quiet hours and topics all
    read; with ``held`` (the store was read), what the store uses for it and a warning, as ``run`` gives, on a file
    edit it has not taken."""
    results: list[CheckResult] = []
    found = _channel_problems(config, path)
    for i, item in enumerate(config.channels):
        name = f"channels[{i}] {item.id}"
        problems = found.get(i)
        if problems:
            results.append(fail(name, "; ".join(problems) + "; fix it in the config file"))
            continue
        summary = _in_use(item, config, held, i)
        drift = held[i].drift if held is not None and i in held else ""
        webhook = _webhook(name, summary, item)
        if webhook is None:
            note = _platform_note(item, config)
            webhook = warn(name, f"{summary}; {note}") if note else ok(name, summary)
        if drift and webhook.status != "fail":
            webhook = warn(name, f"{webhook.detail}; {drift}")
        results.append(webhook)
    return results


def health_token(config: Config) -> list[CheckResult]:
    """The health endpoints' token variable, when they are on (``briefbot run`` refuses to start without it)."""
    health = config.health
    if not health.listen:
        return []
    problem = health_token_problem(health)
    if problem:
        return [fail("health", problem)]
    how = f"token from ${health.token.env_name}" if health.token.env_name else "no token (open to whoever reaches it)"
    return [ok("health", f"/healthz and /readyz on {health.listen}, {how}")]


def source_headers(config: Config, credentials: SourceCredentials) -> list[CheckResult]:
    """One line per configured source with ``headers_env``: every variable set (else it is never polled)."""
    results: list[CheckResult] = []
    for i, source in enumerate(config.sources):
        if not source.headers:
            continue
        name = f"sources[{i}] headers"
        reason = credentials.reason(source.url)
        if reason:
            results.append(fail(name, f"{source.url.strip()} is not polled: {reason}; set it in the service's "
                                      "environment"))
        else:
            names = ", ".join(f"{h.name} from ${h.value.env_name}" for h in source.headers)
            results.append(ok(name, f"{source.url.strip()}: {names}"))
    return results
