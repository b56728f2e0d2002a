"""Shared pieces of the command line: common options, the subcommand helper, output helpers."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeAlias

from bot.app import App
from bot.store.db import Database, StoreError
from bot.store.sqlite_path import missing_sqlite_file

__all__ = ["Runner", "Subparsers", "add_command", "common_options", "err", "existing_store", "no_adapter_reason",
           "print_json"]

if TYPE_CHECKING:
    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
else:  # not subscriptable at run time
    Subparsers = argparse._SubParsersAction
Runner = Callable[[argparse.Namespace, App], Awaitable[int]]


def common_options() -> argparse.ArgumentParser:
    """--db and --config, accepted by every subcommand."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db", metavar="PATH_OR_URL", default="",
                        help="store: a SQLite path or sqlite:/// URL, or a postgresql:// URL "
                             "(default: database.url, else a file in the user's data directory)")
    parser.add_argument("--config", metavar="PATH", default=None, help="config file (TOML)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail")
    return parser


def add_command(subparsers: Subparsers, name: str, help_text: str, run: Runner) -> argparse.ArgumentParser:
    """A subcommand with the common options whose handler is ``async run(args, app) -> exit code``."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name, help=help_text, description=help_text, parents=[common_options()])
    parser.set_defaults(run=run)
    return parser


async def existing_store(app: App) -> Database:
    """The store of a command that only reads: a SQLite path with no file behind it (a mistyped --db or
    database.url, or nothing ingested yet) is a StoreError of one line, and nothing is created."""
    missing = missing_sqlite_file(app.database_url)
    if missing is not None:
        raise StoreError(no_store_message(app, missing))
    return await app.db()


def no_store_message(app: App, path: Path) -> str:
    """What to do about a SQLite store that does not exist, by where its path came from."""
    if app.db_url:
        return (f"no store at {path}: check --db, or create one there with "
                f"`briefbot ingest PATH_OR_URL --db {shlex.quote(app.db_url)}`")
    if app.config.database.url:
        return (f"no store at {path}: check database.url in the config, or create one there with "
                "`briefbot ingest PATH_OR_URL`")
    return (f"no store at {path} yet: nothing was ingested; start with `briefbot ingest PATH_OR_URL` "
            "(or give --db / database.url for another store)")


def no_adapter_reason(platform: str) -> str:
    """Why this configuration gives a channel of ``platform`` no adapter to post with (``briefbot post``)."""
    if platform == "console":
        return "the console posts only when the config enables no chat platform"
    return (f"[{platform}] is not enabled in the config given (--config; see docs/{platform.upper()}.md), so no "
            f"{platform} adapter is running")


def err(message: str, stream: TextIO | None = None) -> None:
    """One clear line on stderr."""
    print(message, file=stream or sys.stderr)


def say_bad_config(config_path: str | Path | None, exc: ValueError) -> int:
    """Each problem of a bad configuration (every one of a ConfigError, ``ConfigError.problems``) on its line, with
    where it is in the file; exit code 2."""
    from bot.config_lines import located
    from bot.config_model import ConfigError

    for problem in exc.problems if isinstance(exc, ConfigError) else (str(exc),):
        err(f"briefbot: bad configuration: {problem}{located(config_path, problem)}")
    return 2


def print_json(data: Any) -> None:
    import json

    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
