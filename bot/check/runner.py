"""Run every check in order, each on its own: one that breaks becomes a ``fail`` line and the rest still run."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from bot.check import config_checks
from bot.check.result import CheckResult, PlatformCheck, fail, ok, skip
from bot.check.sources import SourceChecker, sources_to_check
from bot.check.store import StoreReport, inspect_store
from bot.clock import Clock, system_clock
from bot.config import Config
from bot.ingest.credentials import SourceCredentials
from bot.plurals import counted
from bot.webhook_urls import WEBHOOK_PLATFORMS


@dataclass(frozen=True)
class CheckPlan:
    """What to check: the loaded config (and its file), the store's URL, and whether the network may be used."""

    config: Config
    config_path: str | None
    database_url: str
    offline: bool = False
    database_key: str = "database.url"  # where database_url came from: "--db" or "database.url"
    clock: Clock = system_clock


def _broken(name: str, exc: Exception) -> CheckResult:
    return fail(name, f"the check itself failed ({type(exc).__name__}: {str(exc)[:200]}); please report it")


async def _guarded(name: str, work: Callable[[], Awaitable[list[CheckResult]]]) -> list[CheckResult]:
    """A check that raises something unforeseen is one ``fail`` line naming it, never the end of the run."""
    try:
        return await work()
    except Exception as exc:
        return [_broken(name, exc)]


def _guarded_now(name: str, work: Callable[[], list[CheckResult]]) -> list[CheckResult]:
    """The same for a check without I/O."""
    try:
        return work()
    except Exception as exc:
        return [_broken(name, exc)]


def chat_line(platforms: Sequence[PlatformCheck], config: Config) -> list[CheckResult]:
    if platforms:
        return []
    if any(c.id.partition(":")[0] in WEBHOOK_PLATFORMS for c in config.channels):
        return [ok("chat", "no chat platform enabled, only webhook channels: `briefbot run` posts and takes no "
                           "commands (set channels up in the config file or with the briefbot commands)")]
    return [ok("chat", "no platform enabled: `briefbot run` reads /brief lines from standard input (the console)")]


def offline_lines(platforms: Sequence[PlatformCheck], sources: int) -> list[CheckResult]:
    """What --offline leaves out, said once per kind: ``skip``, never a warning."""
    lines = [skip(p.name, "not asked (--offline): the token and the app's set-up are unchecked")
             for p in platforms]
    if sources:
        lines.append(skip("sources", f"{counted(sources, 'source')} not fetched (--offline)"))
    return lines


async def _online(plan: CheckPlan, platforms: Sequence[PlatformCheck], store: StoreReport,
                  credentials: SourceCredentials) -> list[CheckResult]:
    """The platforms and the sources, all at once; their lines in a fixed order."""
    targets = sources_to_check(plan.config, store.sources)
    checker = SourceChecker(plan.config, credentials, plan.clock, plan.config_path)
    jobs = [_guarded(p.name, p.connect) for p in platforms]
    jobs.append(_guarded("sources", lambda: checker.check(targets)))
    return [line for lines in await asyncio.gather(*jobs) for line in lines]


async def _store(url: str, key: str, config: Config, config_path: str | None) -> StoreReport:
    try:
        return await inspect_store(url, key, config, config_path)
    except Exception as exc:
        return StoreReport([_broken("store", exc)])


async def run_checks(plan: CheckPlan, platforms: Sequence[PlatformCheck]) -> list[CheckResult]:
    """Every check of ``plan``, in the order they are shown: config, store, chat, sources."""
    config = plan.config
    credentials = SourceCredentials.from_config(config.sources)
    # first: the channels shown as it has them
    store = await _store(plan.database_url, plan.database_key, config, plan.config_path)
    results = [config_checks.config_file(plan.config_path)]
    results += _guarded_now("briefing.timezone", lambda: config_checks.default_timezone(config))
    results += _guarded_now("channels", lambda: config_checks.channels(config, store.channels, plan.config_path))
    results += _guarded_now("timezones", lambda: config_checks.fixed_zones(config, plan.config_path))
    results += _guarded_now("health", lambda: config_checks.health_token(config))
    results += _guarded_now("sources", lambda: config_checks.source_headers(config, credentials))
    results += store.results
    results += chat_line(platforms, config)
    for platform in platforms:
        results += _guarded_now(platform.name, platform.settings)
    if plan.offline:
        return results + offline_lines(platforms, len(sources_to_check(config, store.sources)))
    return results + await _online(plan, platforms, store, credentials)


def summary(results: Sequence[CheckResult]) -> str:
    """``12 ok, 1 warning, 2 failed``, then ``, 3 skipped`` when some were not checked."""
    count = {s: sum(1 for r in results if r.status == s) for s in ("ok", "warn", "fail", "skip")}
    warnings = counted(count["warn"], "warning")
    skipped = f", {count['skip']} skipped" if count["skip"] else ""
    return f"{count['ok']} ok, {warnings}, {count['fail']} failed{skipped}"


def failed(results: Sequence[CheckResult]) -> bool:
    return any(r.status == "fail" for r in results)
