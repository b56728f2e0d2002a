"""The ``whosaid`` and ``ask`` verbs: who said what about a topic, answered from the quote store."""

from __future__ import annotations

from dataclasses import replace

from bot.answer.plain import echoed, echoed_in
from bot.answer.question import HELP, Question, parse_question
from bot.answer.respond import Answer, answer, ask, render_text
from bot.answer.when import WhenError, parse_when
from bot.briefings import build_briefing
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.briefing_commands import numbered_reply
from bot.commands.deps import CommandDeps
from bot.commands.local_time import channel_view
from bot.commands.topic_input import MentionTopic, refuse_mention
from bot.store.articles import ArticleStore
from bot.store.quotes import QuoteStore


def _reply(result: Answer) -> Reply:
    return Reply(render_text(result), ephemeral=not result.ok)


def commands(deps: CommandDeps) -> list[Command]:
    quotes = QuoteStore(deps.db)
    articles = ArticleStore(deps.db)

    async def whosaid(inv: Invocation) -> Reply:
        topic = (inv.options.get("topic") or "").strip()
        if not topic:
            return Reply("Which topic? e.g. `whosaid Bucharest since Monday`.", ephemeral=True, error=True)
        try:
            refuse_mention(topic, "whosaid")
        except MentionTopic as exc:
            return Reply(f"I could not use that topic: {echoed_in(str(exc), inv.args)}.", ephemeral=True, error=True)
        question = Question("whosaid", topic=topic, since=(inv.options.get("since") or "").strip())
        view = await channel_view(deps, inv)
        reply = _reply(await answer(question, quotes, articles, view.now, last_briefing=view.last_briefing))
        return replace(reply, text=reply.text + await _by_them(topic, inv.prefix))

    async def _by_them(topic: str, prefix: str) -> str:
        """When the topic is a person's name (``whosaid Vasquez``), where to ask what that person said: whosaid
        finds what was said *about* them, which leaves out their own quotes that do not name them."""
        if len(topic.split()) > 3:
            return ""
        named = await quotes.speakers_named(topic, limit=1)
        if not named:
            return ""
        return (f"\n(That is what was said about {echoed(topic, 60)}; for everything {named[0]} said: "
                f"`{prefix} ask what did {named[0]} say`.)")

    async def brief_on(question: Question, inv: Invocation) -> Reply | None:
        """"what's new on X" / "brief me on X": a real topic briefing when stories match."""
        try:
            refuse_mention(question.topic, "ask what's new on")
        except MentionTopic:
            return None  # answer() then gives the refusal
        view = await channel_view(deps, inv)
        try:
            since = parse_when(question.since, view.now, last_briefing=view.last_briefing) if question.since else None
        except WhenError:
            return None  # the plain answer explains the time it could not read
        briefing = await build_briefing(deps.db, deps.config, now=view.now, since=since, topic=question.topic,
                                        max_stories=view.cap, length=view.length)  # a question: muted ones too
        return await numbered_reply(deps, inv, briefing) if briefing.items else None

    async def ask_cmd(inv: Invocation) -> Reply:
        text = inv.options.get("question") or inv.args
        if not text.strip():
            return Reply(HELP, ephemeral=True)
        question = parse_question(text)
        if question is not None and question.kind == "new" and question.topic.strip():
            briefed = await brief_on(question, inv)
            if briefed is not None:
                return briefed
        view = await channel_view(deps, inv)
        return _reply(await ask(text, quotes, articles, view.now, last_briefing=view.last_briefing))

    return [
        Command(
            name="whosaid",
            help="Who said what about a topic, grouped by speaker (e.g. `whosaid Bucharest since Monday`).",
            handler=whosaid,
            options=(
                Option("topic", "a topic, e.g. Bucharest or \"NATO enlargement\"", required=True, rest=True,
                       autocomplete="topics"),
                Option("since", "how far back: Monday, this week, 24h, last briefing, or a date", keyword=True,
                       shown="<when>"),
            ),
            heavy=True,
        ),
        Command(
            name="ask",
            help="Ask about quotes: who said what about X, what did S say, who is quoted most on X, "
                 "what's new on X.",
            handler=ask_cmd,
            options=(Option("question", "your question, e.g. who said what about Bucharest", required=True,
                            rest=True),),
            heavy=True,
        ),
    ]
