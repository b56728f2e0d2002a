"""Build the ``/brief`` application-command group from the command layer's list, whatever it holds."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Optional

import discord
from discord import app_commands

from adapters.discord.translate import DESCRIPTION_MAX, command_name, description
from bot.commands.base import Command, Option

# (interaction, command, {option name: value}) -> None: runs the command and answers the interaction
Runner = Callable[[discord.Interaction, Command, Mapping[str, object]], Awaitable[None]]
# (interaction, option kind "topics"/"sources", what the user has typed) -> suggestions
Completer = Callable[[discord.Interaction, str, str], Awaitable[list[app_commands.Choice[str]]]]
AutocompleteCallback = Callable[[discord.Interaction, str], Awaitable[list[app_commands.Choice[str]]]]

GROUP_NAME = "brief"
GROUP_DESCRIPTION = "News briefings, topics and who said what"
NEEDS_MANAGE = " (needs Manage Channels)"  # a subcommand that always changes the channel's set-up
CHANGING_NEEDS_MANAGE = " (changing needs Manage Channels)"  # one that shows without arguments, sets with them


def build_group(commands: Sequence[Command], run: Runner, complete: Completer) -> app_commands.Group:
    """One ``/brief`` group; one subcommand per Command with typed, described, autocompleted options.

    Discord allows ``default_member_permissions`` only on the top-level command, so subcommands that
    manage a channel cannot be hidden per subcommand: ``/brief`` is open to every member (most of it only
    reads), each such subcommand's description says so, and the command layer refuses the change when it
    runs unless the member has Manage Channels or Administrator (Discord's resolved permissions in the
    interaction) or is in ``discord.admins``.
    """
    group = app_commands.Group(name=GROUP_NAME, description=GROUP_DESCRIPTION)
    for command in commands:
        group.add_command(_subcommand(command, run, complete))
    return group


def _subcommand(command: Command, run: Runner, complete: Completer) -> app_commands.Command[Any, ..., None]:
    # Python parameter names are positional placeholders; rename() gives Discord the option's real name
    by_key: dict[str, Option] = {f"o{i}": opt for i, opt in enumerate(command.options)}

    async def callback(interaction: discord.Interaction, **values: Any) -> None:
        await run(interaction, command, {by_key[k].name: v for k, v in values.items()})

    parameters = [inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                    annotation=discord.Interaction)]
    for key, opt in by_key.items():
        kind: type = int if opt.kind == "integer" else str
        parameters.append(inspect.Parameter(
            key, inspect.Parameter.KEYWORD_ONLY,
            annotation=kind if opt.required else Optional[kind],  # noqa: UP045 - a runtime annotation
            default=inspect.Parameter.empty if opt.required else None))
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    callback.__name__ = callback.__qualname__ = f"brief_{command_name(command.name).replace('-', '_')}"

    decorated: Callable[..., Awaitable[None]] = callback
    if by_key:
        decorated = app_commands.rename(**{k: command_name(o.name) for k, o in by_key.items()})(decorated)
        decorated = app_commands.describe(**{k: description(o.description) for k, o in by_key.items()})(
            decorated)
        completers = {k: _autocomplete(o.autocomplete, complete) for k, o in by_key.items() if o.autocomplete}
        if completers:
            decorated = app_commands.autocomplete(**completers)(decorated)  # type: ignore[arg-type]
    return app_commands.Command(name=command_name(command.name), description=subcommand_description(command),
                                callback=decorated)  # type: ignore[arg-type]


def subcommand_description(command: Command) -> str:
    """The help as Discord shows it under the name, ending with who may change the channel through it; the help is
    shortened first, so that note is never the part cut off."""
    note = NEEDS_MANAGE if command.manages_channel else CHANGING_NEEDS_MANAGE if command.manages_with_args else ""
    return description(command.help, DESCRIPTION_MAX - len(note)) + note


def _autocomplete(kind: str, complete: Completer) -> AutocompleteCallback:
    async def suggest(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await complete(interaction, kind, current)

    return suggest
