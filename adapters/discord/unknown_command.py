"""What a slash command the CommandTree could not run is answered (privately) and logged as, in one line each."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import discord
from discord import app_commands

from bot.commands.base import DEFAULT_PREFIX, Command
from bot.commands.dispatch import help_text
from digests.render_discord import render_text_messages

log = logging.getLogger(__name__)

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


async def answer_tree_error(
    interaction: discord.Interaction, error: app_commands.AppCommandError, commands: Sequence[Command], channel_id: str
) -> None:
    """The CommandTree's on_error: the user alone is told what to type, and the log says it in one line (typing in
    such a command gets no suggestions, and an INFO line); a failure of briefbot's own is logged with its
    traceback, and the user told it was."""
    answer, line = tree_error(error, commands)
    if answer and interaction.type is discord.InteractionType.autocomplete:  # no suggestions; it is told when sent
        log.info("discord: no suggestions for an %s (user %s)", line, interaction.user.id)
        return
    if answer:
        log.warning("discord: %s (user %s, channel %s); told them the commands", line, interaction.user.id, channel_id)
    else:
        log.error("discord: a slash command failed (user %s)", interaction.user.id, exc_info=error)
        answer = FAILED
    if interaction.response.is_done():
        return
    try:
        await interaction.response.send_message(render_text_messages(answer)[0], ephemeral=True)
    except discord.HTTPException as exc:
        log.error("discord: could not answer that command (HTTP %s: %s)", exc.status, exc.text[:200])
