"""The warning a set-up reply adds when the platform said the bot cannot post in the channel."""

from __future__ import annotations

from bot.commands.base import Invocation


def post_warning(inv: Invocation) -> str:
    """A last line for ``subscribe`` and ``schedule``: set up all the same (an admin may grant the permission
    afterwards), but said now rather than at the first briefing's failure; "" when the bot can post or it is unknown."""
    if not inv.post_problem:
        return ""
    return f"\nWarning: {inv.post_problem.rstrip('.')}; until then the briefings here cannot be posted."
