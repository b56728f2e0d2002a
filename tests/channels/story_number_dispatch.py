"""A real Dispatcher over small ``brief``, ``story``, ``ask`` and ``help`` commands (and ``why``) that remember what
reached them: for the tests of a bare ``#N`` as ``story N`` and of ``why`` starting a question on every path (typed,
Discord's options, a mention)."""

from __future__ import annotations

from bot.command_stats import CommandStats
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.dispatch import Dispatcher, help_text


def story_number_dispatcher(seen: list[Invocation], *, stats: CommandStats | None = None) -> Dispatcher:
    """The commands answer with their name and options; each invocation that ran is appended to ``seen``; ``stats``
    counts them."""
    holder: list[Command] = []

    async def echo(inv: Invocation) -> Reply:
        seen.append(inv)
        return Reply(f"{inv.command}: {dict(inv.options)}")

    async def show_help(inv: Invocation) -> Reply:
        return Reply(help_text(holder), ephemeral=True)

    holder += [
        Command(
            "brief",
            "A briefing now.",
            echo,
            options=(Option("topic", "a topic", rest=True), Option("since", "how far back", keyword=True)),
        ),
        Command(
            "story", "One story in full.", echo, options=(Option("story", "its number", required=True, rest=True),)
        ),
        Command("why", "Why a story was briefed.", echo,
                options=(Option("story", "its number", required=True, rest=True),)),
        Command("ask", "A question.", echo, options=(Option("question", "the question", required=True, rest=True),)),
        Command("help", "What this bot can do.", show_help),
    ]
    return Dispatcher(holder, stats=stats)
