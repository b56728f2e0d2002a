"""The ``brief`` verb: this channel's briefing now, or a topic briefing with ``since``."""

from __future__ import annotations

from dataclasses import replace

from bot.answer.plain import echoed, echoed_code, echoed_in
from bot.answer.when import NoBriefingYet, WhenError, parse_when
from bot.briefings import build_briefing
from bot.commands import channel_context as context
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.channel_context import channel_or_default
from bot.commands.deps import CommandDeps
from bot.commands.local_time import channel_view
from bot.commands.question_reply import answered, brief_question
from bot.commands.story_numbers import counted_briefing, same_numbers
from bot.commands.topic_input import refuse_common, refuse_mention
from bot.delivery import Delivery
from bot.models import Briefing
from bot.store.channels import ChannelStore
from bot.topics import TopicError


async def numbered_reply(deps: CommandDeps, inv: Invocation, briefing: Briefing) -> Reply:
    """An on-demand briefing as a reply. When one of its numbered stories has another number (or none) in the list
    ``story N``, ``why N``, ``mute N`` and ``track N`` count (the briefing last posted in the channel, else the
    next one, ``preview``: bot/commands/story_numbers.py), its text says first that its numbers are its own. Last
    comes the title (the console shows it once)."""
    channel = await channel_or_default(deps, ChannelStore(deps.db), inv)
    counted, posted = await counted_briefing(Delivery(deps.db, deps.config, {}), channel, context.now_of(deps, inv))
    if same_numbers(briefing, counted):
        return Reply(briefing.title, briefing=briefing)
    where = "the briefing last posted here" if posted is not None else "the next briefing here (`preview`)"
    note = (f"The numbers in this list are its own: `story 2`, `why 2`, `mute 2` and `track 2` count {where}; name "
            "a story of this list by words of its headline (`story <headline words>`, `mute <headline words>`).")
    return Reply(f"{note}\n{briefing.title}", briefing=briefing)


def commands(deps: CommandDeps) -> list[Command]:
    async def brief(inv: Invocation) -> Reply:
        topic = (inv.options.get("topic") or "").strip() or None
        question = brief_question(topic) if topic is not None else None
        if question is not None and question.kind != "new":  # "brief who said what about X": as `ask` answers it
            return await answered(deps, inv, replace(question, since=inv.options.get("since") or question.since))
        if question is not None:  # "brief me on X", "what's new on X": a briefing on X
            topic = question.topic
        view = await channel_view(deps, inv)
        now = view.now
        since_text = (inv.options.get("since") or (question.since if question is not None else "")
                      or deps.config.briefing.default_since)
        try:
            since = parse_when(since_text, now, last_briefing=view.last_briefing)
        except NoBriefingYet as exc:
            return Reply(f"No briefing to start from: {echoed_in(str(exc), inv.args)}.", ephemeral=True, error=True)
        except WhenError as exc:  # worded as whosaid and ask word it
            return Reply(f"{echoed_in(str(exc), inv.args)}.", ephemeral=True, error=True)
        try:
            if topic is not None:
                refuse_mention(topic, "brief")  # "brief <#123>": a mention is in no story (MentionTopic)
                refuse_common(topic, "brief", inv.prefix)  # "brief the": every story holds it (CommonTopic)
            briefing = await build_briefing(deps.db, deps.config, now=now, since=since, topic=topic,
                                            max_stories=view.cap, length=view.length, languages=view.languages,
                                            muted=view.muted)
        except TopicError as exc:  # "brief OR", "brief -sport": say why, not "something went wrong"
            return Reply(f"I could not read that topic: {echoed_in(str(exc), inv.args)}.", ephemeral=True, error=True)
        if not briefing.items:
            what = f" on {echoed(topic)}" if topic else ""
            # one plain word may be a mistyped command ("brief frobnicate"): it is searched as a topic, and said so
            hint = (f" ({echoed_code(topic)} was searched as a topic: `{inv.prefix} help` lists the commands.)"
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
