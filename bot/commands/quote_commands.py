"""The ``whosaid`` and ``ask`` verbs: who said what about a topic, answered from the quote store."""

from __future__ import annotations

from bot.answer.question import HELP, Question
from bot.answer.respond import Answer, answer, ask, render_text
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.deps import CommandDeps
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
        question = Question("whosaid", topic=topic, since=(inv.options.get("since") or "").strip())
        return _reply(await answer(question, quotes, articles, inv.now or deps.clock()))

    async def ask_cmd(inv: Invocation) -> Reply:
        text = inv.options.get("question") or inv.args
        if not text.strip():
            return Reply(HELP, ephemeral=True)
        return _reply(await ask(text, quotes, articles, inv.now or deps.clock()))

    return [
        Command(
            name="whosaid",
            help="Who said what about a topic, grouped by speaker (e.g. `whosaid Bucharest since Monday`).",
            handler=whosaid,
            options=(
                Option("topic", "a topic, e.g. Bucharest or \"NATO enlargement\"", required=True, rest=True,
                       autocomplete="topics"),
                Option("since", "how far back: Monday, this week, 24h, or a date", keyword=True),
            ),
        ),
        Command(
            name="ask",
            help="Ask about quotes: who said what about X, what did S say, who is quoted most on X, "
                 "what's new on X.",
            handler=ask_cmd,
            options=(Option("question", "your question, e.g. who said what about Bucharest", required=True,
                            rest=True),),
        ),
    ]
