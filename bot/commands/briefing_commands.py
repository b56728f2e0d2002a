"""The ``brief`` verb: this channel's briefing now, or a topic briefing with ``since``."""

from __future__ import annotations

from bot.answer.when import NoBriefingYet, WhenError, parse_when
from bot.briefings import build_briefing
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.deps import CommandDeps
from bot.commands.local_time import channel_view
from bot.models import Briefing
from bot.store.ledger import DeliveryLedger
from bot.topics import TopicError


async def numbered_reply(deps: CommandDeps, inv: Invocation, briefing: Briefing) -> Reply:
    """An on-demand briefing as a reply, its text saying first that its numbers are its own: ``story N``, ``why N``,
    ``mute N`` and ``track N`` count the briefing last posted in the channel (else the next one, ``preview``), which
    the store keeps, not the lists shown on demand. Last comes the title (the console shows it once)."""
    posted = await DeliveryLedger(deps.db).last_delivered(inv.channel.key) is not None
    counted = "the briefing last posted here" if posted else "the next briefing here (`preview`)"
    note = (f"The numbers in this list are its own: `story 2`, `why 2`, `mute 2` and `track 2` count {counted}; name "
            "a story of this list by words of its headline (`story <headline words>`, `mute <headline words>`).")
    return Reply(f"{note}\n{briefing.title}", briefing=briefing)


def commands(deps: CommandDeps) -> list[Command]:
    async def brief(inv: Invocation) -> Reply:
        view = await channel_view(deps, inv)
        now = view.now
        since_text = inv.options.get("since") or deps.config.briefing.default_since
        try:
            since = parse_when(since_text, now, last_briefing=view.last_briefing)
        except NoBriefingYet as exc:
            return Reply(f"No briefing to start from: {exc}.", ephemeral=True, error=True)
        except WhenError as exc:  # worded as whosaid and ask word it
            return Reply(f"{exc}.", ephemeral=True, error=True)
        topic = (inv.options.get("topic") or "").strip() or None
        try:
            briefing = await build_briefing(deps.db, deps.config, now=now, since=since, topic=topic,
                                            max_stories=view.cap, length=view.length, languages=view.languages,
                                            muted=view.muted)
        except TopicError as exc:  # "brief OR", "brief -sport": say why, not "something went wrong"
            return Reply(f"I could not read that topic: {exc}.", ephemeral=True, error=True)
        if not briefing.items:
            what = f" on {topic}" if topic else ""
            # one plain word may be a mistyped command ("brief frobnicate"): it is searched as a topic, and said so
            hint = (f" (`{topic}` was searched as a topic: `{inv.prefix} help` lists the commands.)"
                    if topic and topic.isalpha() and not inv.options.get("since") else "")
            return Reply(f"No stories{what} since {since:%a %d %b %Y %H:%M %Z}.{hint}")
        return await numbered_reply(deps, inv, briefing)

    return [
        Command(
            name="brief",
            help="A briefing now: the latest news, or a topic's (e.g. `NATO since 3d`); `preview` shows this "
                 "channel's next one, by its topics.",
            handler=brief,
            options=(
                Option("topic", "a topic, e.g. NATO or \"Bucharest summit\"", rest=True, autocomplete="topics"),
                Option("since", "how far back: 24h, 3d, yesterday, Monday, last week, last briefing, or a date",
                       keyword=True, shown="<when>"),
            ),
            slow=True,
            heavy=True,
        )
    ]
