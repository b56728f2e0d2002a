"""CLI: ``briefbot check`` — verify a deployment read-only before ``briefbot run``; exit 1 when a check fails."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from bot.app import App
from bot.check.result import CheckResult, PlatformCheck, fail
from bot.cli_common import Subparsers, add_command, print_json
from bot.config import Config, ConfigError
from bot.config_lines import located
from bot.redact import MASK, secret_values

PlatformChecks = Callable[[Config], Sequence[PlatformCheck]]  # the enabled platforms' checks (the adapters')


def register(sub: Subparsers, platform_checks: PlatformChecks) -> None:
    """Add ``briefbot check [--offline] [--json]``; ``platform_checks`` comes from the composition root."""

    async def run(args: argparse.Namespace, app: App) -> int:
        return await run_check(args, app, platform_checks)

    p = add_command(sub, "check", "Check a deployment without changing anything: config, store, Slack, Discord "
                    "and sources; exit 1 when a check fails.", run)
    p.add_argument("--offline", action="store_true",
                   help="no network: skip Slack, Discord and the sources (the config and the store are checked)")
    p.add_argument("--json", action="store_true", help="print a JSON list of {check, status, detail}")
    p.set_defaults(bad_config=report_bad_config)


def show(results: Sequence[CheckResult], *, as_json: bool, secrets: Sequence[str] = ()) -> None:
    """Print one line per check and a count (or the JSON list); no secret value ever shows."""
    from bot.check.runner import summary

    cleaned = [CheckResult(r.check, r.status, _masked(r.detail, secrets)) for r in results]
    if as_json:
        print_json([r.as_json() for r in cleaned])
        return
    for result in cleaned:
        print(result.line())
    print(summary(cleaned))


def _masked(text: str, secrets: Sequence[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, MASK)
    return text


async def run_check(args: argparse.Namespace, app: App, platform_checks: PlatformChecks) -> int:
    from bot.check.runner import CheckPlan, failed, run_checks  # the checks import much of the bot: when they run

    plan = CheckPlan(config=app.config, config_path=args.config, database_url=app.database_url,
                     offline=args.offline, clock=app.clock, database_key="--db" if app.db_url else "database.url")
    results = await run_checks(plan, platform_checks(app.config))
    show(results, as_json=args.json, secrets=secret_values(app.config))
    return 1 if failed(results) else 0


def report_bad_config(args: argparse.Namespace, exc: ConfigError) -> int:
    """A config that does not parse is the failure after which nothing else can be checked: one line for each of
    its problems."""
    results = [fail("config", f"{problem}{located(args.config, problem)}; fix the file, nothing else was checked")
               for problem in exc.problems]
    show(results, as_json=args.json)
    return 1
