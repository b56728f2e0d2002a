"""The explicit list of commands every adapter offers; built from collaborators, no import-time registry."""

from __future__ import annotations

from bot.command_stats import CommandStats
from bot.commands.base import Command, Invocation, Reply
from bot.commands.deps import CommandDeps
from bot.commands.dispatch import Dispatcher, help_text
from bot.commands.guard import CommandGuard
from bot.store.schema_watch import SchemaWatch


def build_commands(deps: CommandDeps) -> list[Command]:
    """Every verb of ``/brief``, in the order help lists them."""
    from bot.commands import briefing_commands, channel_commands, quote_commands

    commands: list[Command] = []
    commands += briefing_commands.commands(deps)
    commands += quote_commands.commands(deps)
    commands += channel_commands.commands(deps)
    # help last, generated from the list itself
    holder: list[Command] = []

    async def _help(inv: Invocation) -> Reply:
        return Reply(help_text(holder, inv.prefix), ephemeral=True)  # named as the asker's platform registered it

    commands.append(Command("help", "What this bot can do.", _help))
    holder.extend(commands)
    return commands


def build_dispatcher(deps: CommandDeps, *, guard: CommandGuard | None = None,
                     stats: CommandStats | None = None) -> Dispatcher:
    """The dispatcher over every verb; ``briefbot run`` gives it the pile-up guard and the command metrics. A verb
    that may write (``Command.may_change_setup``) first checks the store was not upgraded by a newer briefbot."""
    if guard is not None and stats is not None:
        stats.watch_load(lambda: (guard.running, guard.waiting))
    watch = deps.schema or SchemaWatch(deps.db, deps.clock)  # a command that writes checks the store first
    return Dispatcher(build_commands(deps), guard=guard, stats=stats, upgraded=watch.upgraded)
