"""The ``brief`` verb: this channel's briefing now, or a topic briefing with ``since``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from bot.answer.plain import echoed, echoed_code, echoed_in
from bot.answer.when import NoBriefingYet, WhenError, parse_when
from bot.briefings import build_briefing, muted_matches
from bot.commands import channel_context as context
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.channel_context import channel_or_default
from bot.commands.deps import CommandDeps
from bot.commands.local_time import channel_view
from bot.commands.question_reply import answered, brief_question
from bot.commands.story_numbers import counted_briefing, first_renumbered, same_numbers
from bot.commands.topic_input import refuse_common, refuse_mention
from bot.delivery import Delivery
from bot.language_screen import wanted_keys
from bot.models import Briefing
from bot.nlp.anchors import language_key
from bot.plurals import counted
from bot.store.articles import ArticleStore
from bot.store.channels import ChannelStore
from bot.topics import TopicError

_OLDER_DAYS = (7, 30, 365)  # the windows `brief <topic>` suggests when only older stories match (``_older``)
_OLDER_HITS = 20  # the articles that search reads


async def numbered_reply(deps: CommandDeps, inv: Invocation, briefing: Briefing, note: str = "") -> Reply:
    """An on-demand briefing as a reply, after ``note`` (a line) when given. When one of its numbered stories has
    another number (or none) in the list ``story N``, ``why N``, ``mute N`` and ``track N`` count (the briefing last
    posted in the channel, else the next one, ``preview``: bot/commands/story_numbers.py), its text says that its
    numbers are its own, with the first such number as the example. Last comes the title (the console shows it
    once)."""
    channel = await channel_or_default(deps, ChannelStore(deps.db), inv)
    listed, posted = await counted_briefing(Delivery(deps.db, deps.config, {}), channel, context.now_of(deps, inv))
    lines = [note] if note else []
    if not same_numbers(briefing, listed):
        n = first_renumbered(briefing, listed)
        where = "the briefing last posted here" if posted is not None else "the next briefing here (`preview`)"
        lines.append(f"The numbers in this list are its own: `story {n}`, `why {n}`, `mute {n}` and `track {n}` "
                     f"count {where}; name a story of this list by words of its headline (`story <headline words>`, "
                     "`mute <headline words>`).")
    return Reply("\n".join([*lines, briefing.title]), briefing=briefing)


def _unmuting(found: Sequence[str], muted: Sequence[str]) -> str:
    """How to bring back the muted stories ``found`` (ids, in the ``mute`` list ``muted``)."""
    if len(found) == 1:
        return f"(`unmute {list(muted).index(found[0]) + 1}` brings it back)"
    return "(`mute` lists them; `unmute <number>` brings one back)"


async def _older(deps: CommandDeps, topic: str, now: datetime, since: datetime,
                 languages: Sequence[str]) -> tuple[str, bool]:
    """A ``since`` that reaches the newest stored article on a topic of plain words older than ``since`` (``7d``,
    ``30d`` or ``365d``), found by the store's full-text search (a few rows read), and whether only articles outside
    the channel's ``languages`` reach it (then ``since`` alone would still find none); ("", False) when none is."""
    if not all(word.replace("'", "").isalnum() for word in topic.split()) or " OR " in f" {topic} ":
        return "", False  # "NATO -sport", "a OR b", "from:Reuters": the search would not read it as the topic does
    articles = ArticleStore(deps.db)
    found = await articles.get_many([hit.article_id for hit in await articles.search(topic, limit=_OLDER_HITS)])
    wanted = wanted_keys(tuple(languages)) if languages else None
    kept = [a for a in found if wanted is None or not a.language or language_key(a.language) in wanted]
    for articles_in, elsewhere in ((kept, False), (found, True)):
        dates = [when for a in articles_in if (when := a.published or a.fetched) is not None]
        newest = max(dates, default=None)
        if newest is not None and newest < since:
            window = next((f"{days}d" for days in _OLDER_DAYS if now - newest < timedelta(days=days)), "")
            return window, elsewhere and bool(window)
        if dates:
            return "", False  # a match in the channel's languages since ``since``: nothing older to point to
    return "", False


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
        typed_since = inv.options.get("since") or (question.since if question is not None else "")
        since_text = typed_since or deps.config.briefing.default_since
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
            left_out = await muted_matches(deps.db, deps.config, since=since, topic=topic, languages=view.languages,
                                           muted=view.muted, shown=briefing, max_stories=view.cap)
        except TopicError as exc:  # "brief OR", "brief -sport": say why, not "something went wrong"
            return Reply(f"I could not read that topic: {echoed_in(str(exc), inv.args)}.", ephemeral=True, error=True)
        if briefing.items:
            note = f"{counted(len(left_out), 'muted story', 'muted stories')} left out " \
                   f"{_unmuting(left_out, view.muted)}." if left_out else ""
            return await numbered_reply(deps, inv, briefing, note)
        what = f" on {echoed(topic)}" if topic else ""
        muted = f" but {len(left_out)} muted here {_unmuting(left_out, view.muted)}" if left_out else ""
        older, elsewhere = (await _older(deps, topic, now, since, view.languages)
                            if topic and not typed_since and not left_out else ("", False))
        # one plain word may be a mistyped command ("brief frobnicate"): it is searched as a topic, and said so
        hint = (f" Older stories match in other languages only: `languages all` takes every language here, then "
                f"`brief {topic} since {older}` finds them." if elsewhere else
                f" Older stories match: try `brief {topic} since {older}`." if older else
                f" ({echoed_code(topic)} was searched as a topic: `{inv.prefix} help` lists the commands.)"
                if topic and topic.isalpha() and not typed_since and not left_out else "")
        return Reply(f"No stories{what} since {since:%a %d %b %Y %H:%M %Z}{muted}.{hint}")

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
