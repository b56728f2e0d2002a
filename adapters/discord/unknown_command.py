"""What a slash command the CommandTree could not run is answered (privately) and logged as, in one line each."""

from __future__ import annotations

from collections.abc import Sequence

from discord import app_commands

from bot.commands.base import DEFAULT_PREFIX, Command
from bot.commands.dispatch import help_text

FAILED = "Something went wrong answering that; it has been logged."


def tree_error(error: app_commands.AppCommandError, commands: Sequence[Command]) -> tuple[str, str]:
    """(the private answer, the log line) for a slash command the tree could not run: one this version does not
    have (a subcommand retired since the user's Discord cached the list, another app's name, ``/brief`` alone) or
    whose options do not match what it registered (a client with an older list). "" as the answer: a failure of
    briefbot's own, logged with its traceback by the caller."""
    usage = help_text(commands, DEFAULT_PREFIX)
    if isinstance(error, app_commands.CommandNotFound):
        typed = "/" + " ".join([*error.parents, error.name])
        return (
            f"Unknown command `{typed}`. Discord may be showing an old list of commands: reload it "
            f"(Ctrl+R) to see the current ones.\n{usage}",
            f"unknown command {typed}",
        )
    if isinstance(error, app_commands.CommandSignatureMismatch):
        name = error.command.qualified_name
        if isinstance(error.command, app_commands.Group):
            return f"`/{name}` needs a command after it.\n{usage}", f"/{name} without a command"
        return (
            f"`/{name}` could not be read: its options differ from this version's. Reload Discord (Ctrl+R) "
            f"and try again.\n{usage}",
            f"/{name} could not be read: its options differ from this version's",
        )
    return "", ""
