"""An ``ask`` question answered from the quote store, as a chat reply (``ask``, ``whosaid``, and ``brief`` typed
with a question)."""

from __future__ import annotations

import re

from bot.answer.plain import link_url
from bot.answer.question import Question, parse_question
from bot.answer.respond import Answer, answer, render_text
from bot.commands.base import Invocation, Reply
from bot.commands.deps import CommandDeps
from bot.commands.local_time import channel_view
from bot.store.articles import ArticleStore
from bot.store.quotes import QuoteStore

# "brief me on NATO", "brief about NATO": the words before the topic ("brief" itself is the verb already read)
_BRIEF_ON = re.compile(r"^(?:me\s+)?(?:on|about)\s+(?=\S)", re.IGNORECASE)


def answer_reply(result: Answer) -> Reply:
    """An answer as a reply: only the asker sees one that found nothing."""
    return Reply(render_text(result), ephemeral=not result.ok, verbatim=answer_files(result))


def answer_files(result: Answer) -> tuple[str, ...]:
    """The local file names an answer shows as text (a quote's article read from a file, with no link), each once."""
    hits = [hit for _, group in result.groups for first in group for hit in (first, *first.also)] if result.ok else []
    return tuple(dict.fromkeys(hit.file for hit in hits if hit.file and not link_url(hit.url)))


async def answered(deps: CommandDeps, inv: Invocation, question: Question) -> Reply:
    """``question`` answered as ``ask`` answers it in the channel asked from (its time, its last briefing)."""
    view = await channel_view(deps, inv)
    return answer_reply(await answer(question, QuoteStore(deps.db), ArticleStore(deps.db), view.now,
                                     last_briefing=view.last_briefing))


def brief_question(topic: str) -> Question | None:
    """What the words typed after ``brief`` ask, when they are a question: a ``new`` one briefs on its topic,
    without the question's phrasing (``me on NATO``, ``what's new on NATO``, ``about NATO``: ``NATO``; its own time,
    ``this week``, as its ``since``); another is answered as ``ask`` answers it (``who said what about Bucharest``,
    ``what did Rutte say``). None: a topic as typed."""
    question = parse_question(topic) or parse_question(f"brief {topic}")
    if question is None and (phrased := _BRIEF_ON.match(topic)) is not None:
        question = Question("new", topic=topic[phrased.end():].strip())
    return question
