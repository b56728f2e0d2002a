"""The ``whosaid`` and ``ask`` verbs: who said what about a topic, answered from the quote store."""

from __future__ import annotations

from dataclasses import replace

from bot.answer.named import names_speaker
from bot.answer.plain import echoed, echoed_in
from bot.answer.question import HELP, Question, parse_question
from bot.answer.respond import Answer, answer, ask, closest_note, render_text
from bot.answer.tied import tied_to
from bot.answer.when import WhenError, parse_when
from bot.briefings import build_briefing
from bot.commands import briefing_commands
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.briefing_commands import numbered_reply
from bot.commands.deps import CommandDeps
from bot.commands.local_time import channel_view
from bot.commands.question_reply import answer_reply
from bot.commands.topic_input import CommonTopic, MentionTopic, refuse_common, refuse_mention
from bot.store.articles import ArticleStore
from bot.store.quotes import QuoteStore


def commands(deps: CommandDeps) -> list[Command]:
    quotes = QuoteStore(deps.db)
    articles = ArticleStore(deps.db)
    # "what's new" with no topic: the latest news, as ``brief`` gives it
    brief = next(c.handler for c in briefing_commands.commands(deps) if c.name == "brief")

    async def whosaid(inv: Invocation) -> Reply:
        topic = (inv.options.get("topic") or "").strip()
        if not topic:
            return Reply("Which topic? e.g. `whosaid Bucharest since Monday`.", ephemeral=True, error=True)
        try:
            refuse_mention(topic, "whosaid")
            refuse_common(topic, "whosaid", inv.prefix)  # "whosaid the": every story holds it
        except (MentionTopic, CommonTopic) as exc:
            return Reply(f"I could not use that topic: {echoed_in(str(exc), inv.args)}.", ephemeral=True, error=True)
        question = Question("whosaid", topic=topic, since=(inv.options.get("since") or "").strip())
        view = await channel_view(deps, inv)
        result = await answer(question, quotes, articles, view.now, last_briefing=view.last_briefing)
        return replace(answer_reply(result), text=await _by_them(topic, inv.prefix, result))

    async def _by_them(topic: str, prefix: str, result: Answer) -> str:
        """The answer, and when the topic is a person's name or surname (``whosaid Vasquez``) where to ask what that
        person said: whosaid finds what was said *about* them, which leaves out their own words. After an answer
        that found nothing it reads as its end ("I found nothing anyone said about Peskov; for what Dmitry Peskov
        said: ..."). A speaker that only holds the word ("Valdoria and Merrin" for ``Valdoria``) is not pointed to."""
        text = render_text(result)
        if len(topic.split()) > 3 or not (result.ok or result.found_nothing):
            return text
        named = [name for name in await quotes.speakers_named(topic, limit=5)
                 if names_speaker(topic, name) and not tied_to(topic, name)]  # not "Sources within TORVA"
        if not named:
            return text
        asked = f"`{prefix} ask what did {named[0]} say`"
        if not result.ok:
            return f"{text.removesuffix('.')}; for what {named[0]} said: {asked}."
        return f"{text}\n(That is what was said about {echoed(topic, 60)}; for everything {named[0]} said: {asked}.)"

    async def brief_on(question: Question, inv: Invocation) -> Reply | None:
        """"what's new on X" / "brief me on X": a real topic briefing when stories match."""
        try:
            refuse_mention(question.topic, "ask what's new on")
            refuse_common(question.topic, "ask what's new on")
        except (MentionTopic, CommonTopic):
            return None  # answer() then gives the refusal
        view = await channel_view(deps, inv)
        try:
            since = parse_when(question.since, view.now, last_briefing=view.last_briefing) if question.since else None
        except WhenError:
            return None  # the plain answer explains the time it could not read
        # a question: muted ones too; a why-question the one closest story, said to be no explanation
        briefing = await build_briefing(deps.db, deps.config, now=view.now, since=since, topic=question.topic,
                                        max_stories=1 if question.why else view.cap, length=view.length)
        note = closest_note(question.topic) if question.why else ""
        return await numbered_reply(deps, inv, briefing, note) if briefing.items else None

    async def ask_cmd(inv: Invocation) -> Reply:
        text = inv.options.get("question") or inv.args
        if not text.strip():
            return Reply(HELP, ephemeral=True)
        question = parse_question(text)
        if question is not None and question.kind == "new" and not question.topic.strip():
            return await brief(replace(inv, options={"since": question.since} if question.since else {}))
        if question is not None and question.kind == "new" and question.topic.strip():
            briefed = await brief_on(question, inv)
            if briefed is not None:
                return briefed
        view = await channel_view(deps, inv)
        result = await ask(text, quotes, articles, view.now, last_briefing=view.last_briefing)
        if question is not None and question.kind == "whosaid":  # about a person: where their own words are
            return replace(answer_reply(result), text=await _by_them(question.topic, inv.prefix, result))
        return answer_reply(result)

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
            help="Ask about quotes: who said what about X, what did S (or the mayor) say, who is quoted most "
                 "(on X), what's new (on X), stories about X, why ... (the closest story).",
            handler=ask_cmd,
            options=(Option("question", "your question, e.g. who said what about Bucharest", required=True,
                            rest=True),),
            heavy=True,
        ),
    ]
