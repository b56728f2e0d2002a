"""The ``brief`` verb: this channel's briefing now, or a topic briefing with ``since``."""

from __future__ import annotations

from bot.briefings import build_briefing
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.deps import CommandDeps
from bot.timeparse import parse_since
from bot.topics import TopicError


def commands(deps: CommandDeps) -> list[Command]:
    async def brief(inv: Invocation) -> Reply:
        now = inv.now or deps.clock()
        since_text = inv.options.get("since") or deps.config.briefing.default_since
        try:
            since = parse_since(since_text, now)
        except ValueError:
            return Reply(f'I could not read the time {since_text[:40]!r}: try "24h", "3d" or 2026-11-01.',
                         ephemeral=True, error=True)
        topic = (inv.options.get("topic") or "").strip() or None
        try:
            briefing = await build_briefing(deps.db, deps.config, now=now, since=since, topic=topic)
        except TopicError as exc:  # "brief OR", "brief -sport": say why, not "something went wrong"
            return Reply(f"I could not read that topic: {exc}.", ephemeral=True, error=True)
        if not briefing.items:
            what = f" on {topic}" if topic else ""
            return Reply(f"No stories{what} since {since:%Y-%m-%d %H:%M} UTC.")
        return Reply(briefing.title, briefing=briefing)

    return [
        Command(
            name="brief",
            help="A briefing now: this channel's news, or a topic's (e.g. `brief NATO since 3d`).",
            handler=brief,
            options=(
                Option("topic", "a topic, e.g. NATO or \"Bucharest summit\"", rest=True, autocomplete="topics"),
                Option("since", "how far back: 24h, 3d, or a date", keyword=True),
            ),
            slow=True,
        )
    ]
