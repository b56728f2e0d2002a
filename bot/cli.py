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
from dataclasses import dataclass

import sqlalchemy as sa

from bot.app import App
from bot.cli_common import Subparsers, err, say_bad_config
from bot.config import ConfigError, load_config
from bot.redact import redact_logs
from bot.store.damaged import damage, damaged_store_message
from bot.store.db import StoreError, StoreUrlError, redact_url
from bot.store.sqlite_path import sqlite_file
from bot.store.unusable import unusable_store_line
from bot.store_outage import is_store_unreachable

Registrar = Callable[[Subparsers], None]


def registrars(command: str | None = None) -> list[Registrar]:
    """Every subcommand group, listed explicitly (no import-time registry). ``command``: the one about to run, when
    known; a slow group (``PRUNE``, ``DISCORD``) is then only named, for ``briefbot -h``, unless it is that command."""
    from adapters.checks import platform_checks
    from bot import cli_channels, cli_check, cli_core, cli_eval, cli_quotes, cli_store

    def slow(group: SlowGroup) -> Registrar:
        return group.named if command not in (None, group.name) else lambda sub: group.load()(sub)

    return [cli_core.register, cli_quotes.register, cli_channels.register,
            functools.partial(cli_check.register, platform_checks=platform_checks), slow(PRUNE),
            cli_store.register, cli_eval.register, slow(DISCORD)]


@dataclass(frozen=True)
class SlowGroup:
    """A subcommand group whose module takes seconds to import (the Discord adapter; the store's retention, which
    loads the NLP): imported only to run it, else only named with its help line (kept equal to its module's)."""

    name: str
    help: str
    load: Callable[[], Registrar]

    def named(self, sub: Subparsers) -> None:
        sub.add_parser(self.name, help=self.help, description=self.help)


def _load_discord() -> Registrar:
    from adapters.discord import cli as discord_cli

    return discord_cli.register


def _load_prune() -> Registrar:
    from bot import cli_retention

    return cli_retention.register


DISCORD = SlowGroup("discord", "Discord set-up helpers", _load_discord)
PRUNE = SlowGroup("prune", "Delete stories, articles and delivery records older than the retention window "
                  "(database.keep_days).", _load_prune)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; with ``command`` (the subcommand about to run), groups that are slow to import are only
    named unless they are that command."""
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
    for register in registrars(command):
        register(sub)
    return parser


def command_word(argv: Sequence[str]) -> str:
    """The subcommand named in ``argv`` (the first word that is not a global option or its value); "" if none."""
    words = iter(argv)
    for word in words:
        if word in ("--config", "--db"):
            next(words, None)
        elif not word.startswith("-"):
            return word
    return ""


async def _run(args: argparse.Namespace) -> int:
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        report = getattr(args, "bad_config", None)
        if report is not None:  # `briefbot check` reports it as one of its checks
            return int(report(args, exc))
        return say_bad_config(args.config, exc)  # every problem the file has, each with its line
    configure_logging(config.log_level, verbose=getattr(args, "verbose", False))
    redact_logs(config)  # a token never reaches a log line, even when a server echoes it back
    app = App(config=config, db_url=args.db)
    try:
        code: int = await args.run(args, app)
        return code
    except ConfigError as exc:  # a value only a command reads (the [[channels]] entries it makes): as at load
        return say_bad_config(args.config, exc)
    except StoreError as exc:  # a URL of a kind no store has is a command-line or configuration mistake: 2
        err(f"briefbot: {given_store_problem(str(exc), app)}")
        return 2 if isinstance(exc, StoreUrlError) else 3
    # a query met a damaged page of a SQLite file, or a store that cannot be used right now (locked by another process,
    # a full disk, a lost server): one line, not a traceback. Queries through Database.begin/connect name a damaged
    # store already (bot/store/db.py); this is for those on a connection of their own (bot/store/snapshot.py)
    except sa.exc.DBAPIError as exc:
        line = store_failure_line(exc, app.database_url)
        if line is None:
            raise
        err(f"briefbot: {given_store_problem(line, app)}")
        return 3
    finally:
        await app.close()


def store_failure_line(exc: sa.exc.DBAPIError, url: str) -> str | None:
    """The line for a damaged SQLite file or a store that cannot be used right now; None for any other error (a bug
    keeps its traceback)."""
    path = sqlite_file(url)
    if path is not None and (words := damage(exc)) is not None:
        return damaged_store_message(str(path), words)
    if is_store_unreachable(exc):
        return unusable_store_line(exc, url, path)
    return None


OWN_LOGGERS = ("bot", "adapters", "digests")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class LibrariesAtInfo(logging.Filter):
    """Under ``-v``: briefbot's own DEBUG lines pass, the libraries' (aiosqlite logs every SQL call, asyncio,
    urllib3 ...) only from INFO up."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.INFO or record.name.split(".")[0] in OWN_LOGGERS


# page-parsing libraries, whose warnings are about one page's content ("discarding data", "no date found") and which
# briefbot says itself as that source's error line: logged at DEBUG, never among a command's output lines
PAGE_PARSERS = ("trafilatura", "htmldate", "courlan", "justext", "readability", "charset_normalizer")


class PageParsersAtDebug(logging.Filter):
    """A page parser's record below ERROR is a DEBUG line (shown only when the log level is DEBUG); briefbot's own
    warnings and any other library's pass as they are."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR or record.name.split(".")[0] not in PAGE_PARSERS:
            return True
        record.levelno, record.levelname = logging.DEBUG, logging.getLevelName(logging.DEBUG)
        return logging.getLogger().isEnabledFor(logging.DEBUG)


def configure_logging(level: str, *, verbose: bool) -> None:
    """Log lines on stderr at ``level`` (the config's ``log_level``), set up once as ``logging.basicConfig`` would
    (not when the process already has a handler); ``-v``: briefbot's own DEBUG lines too, the libraries' staying at
    INFO (``log_level = "DEBUG"`` shows theirs as well); a page parser's warnings are DEBUG lines
    (PageParsersAtDebug)."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        handler.addFilter(PageParsersAtDebug())  # first: under -v, LibrariesAtInfo then holds back the DEBUG line
        if verbose and level != "DEBUG":
            handler.addFilter(LibrariesAtInfo())
        root.addHandler(handler)
        root.setLevel(logging.DEBUG if verbose else level)
    if not verbose:  # apscheduler logs every job run at INFO: once a minute, all day
        logging.getLogger("apscheduler").setLevel(max(logging.WARNING, root.level))


def given_store_problem(message: str, app: App) -> str:
    """A store error as the user gave the store: a bad ``--db`` value is named ``--db``, not ``database.url`` (the
    store's own messages mask a password; masked here again in case a driver quoted the URL whole)."""
    if app.db_url and message.startswith(CONFIG_KEY):
        message = "--db:" + message.removeprefix(CONFIG_KEY)
    url = app.database_url
    return message.replace(url, redact_url(url))


CONFIG_KEY = "database.url:"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line; an option given after the command wins over the same one given before it."""
    words = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(command_word(words)).parse_args(words)
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
