"""The warning a set-up reply adds when the platform said the bot cannot post in the channel."""

from __future__ import annotations

from bot.commands.base import Invocation


def post_warning(inv: Invocation) -> str:
    """A last line for ``subscribe`` and ``schedule``: set up all the same (an admin may grant the permission
    afterwards), but said now rather than at the first briefing's failure; "" when the bot can post or it is unknown.
    A ``post_note`` (briefings go out, not as configured) follows as a warning of its own."""
    warning = ""
    if inv.post_problem:
        warning += f"\nWarning: {inv.post_problem.rstrip('.')}; until then the briefings here cannot be posted."
    if inv.post_note:  # says itself what happens until then
        warning += f"\nWarning: {inv.post_note.rstrip('.')}."
    return warning
