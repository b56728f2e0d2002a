"""Shared pieces of the command line: common options, the subcommand helper, output helpers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TextIO, TypeAlias

from bot.app import App

__all__ = ["Runner", "Subparsers", "add_command", "common_options", "err", "print_json"]

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


def err(message: str, stream: TextIO | None = None) -> None:
    """One clear line on stderr."""
    print(message, file=stream or sys.stderr)


def print_json(data: Any) -> None:
    import json

    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
