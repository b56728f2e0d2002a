"""The `briefbot` command line: parse, build the App once, run one async subcommand."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import logging
import os
import sys
from collections.abc import Callable, Sequence

from bot.app import App
from bot.cli_common import Subparsers, err
from bot.config import ConfigError, load_config
from bot.config_lines import located
from bot.redact import redact_logs
from bot.store.db import StoreError

Registrar = Callable[[Subparsers], None]


def registrars() -> list[Registrar]:
    """Every subcommand group, listed explicitly (no import-time registry)."""
    from adapters.checks import platform_checks
    from adapters.discord import cli as discord_cli
    from bot import cli_channels, cli_check, cli_core, cli_eval, cli_quotes, cli_retention, cli_store

    return [cli_core.register, cli_quotes.register, cli_channels.register,
            functools.partial(cli_check.register, platform_checks=platform_checks), cli_retention.register,
            cli_store.register, cli_eval.register, discord_cli.register]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefbot",
        description="News briefings for Slack and Discord: feeds in, summarised stories and who-said-what out.")
    # the common options may also come before the command (`briefbot --config c.toml run`); they get their
    # own names here because a subcommand's defaults would overwrite the same names (see parse_args)
    parser.add_argument("--config", dest="global_config", metavar="PATH", default=None, help="config file (TOML)")
    parser.add_argument("--db", dest="global_db", metavar="PATH_OR_URL", default="", help="store (see COMMAND -h)")
    parser.add_argument("-v", "--verbose", dest="global_verbose", action="store_true", help="log debug detail")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for register in registrars():
        register(sub)
    return parser


async def _run(args: argparse.Namespace) -> int:
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        report = getattr(args, "bad_config", None)
        if report is not None:  # `briefbot check` reports it as one of its checks
            return int(report(args, exc))
        err(f"briefbot: bad configuration: {exc}{located(args.config, str(exc))}")
        return 2
    logging.basicConfig(
        level=logging.DEBUG if getattr(args, "verbose", False) else config.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if not getattr(args, "verbose", False):  # apscheduler logs every job run at INFO: once a minute, all day
        logging.getLogger("apscheduler").setLevel(max(logging.WARNING, logging.getLogger().level))
    redact_logs(config)  # a token never reaches a log line, even when a server echoes it back
    app = App(config=config, db_url=args.db)
    try:
        code: int = await args.run(args, app)
        return code
    except StoreError as exc:
        err(f"briefbot: {exc}")
        return 3
    finally:
        await app.close()


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line; an option given after the command wins over the same one given before it."""
    args = build_parser().parse_args(argv)
    args.config = args.config or args.global_config
    args.db = args.db or args.global_db
    args.verbose = args.verbose or args.global_verbose
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        code = asyncio.run(_run(args))
        sys.stdout.flush()  # here, not at the interpreter's exit: a reader gone away is met by the except below
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `briefbot brief | head`: the reader stopped early; no traceback for that
        _silence_stdout()
        return 141  # as a shell reports a command stopped by SIGPIPE


def _silence_stdout() -> None:
    """Point standard output at the null device, so the output still buffered is not flushed into the closed pipe
    (a second BrokenPipeError, printed as "Exception ignored") when the interpreter exits."""
    with contextlib.suppress(OSError, ValueError):  # a stdout with no file descriptor (captured) has none to point
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
