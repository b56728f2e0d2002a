"""Answers as an audit drove them: ``whosaid <person>`` points to what that person said without a "did you mean"
of the same person, without counting their own words as said about them, and only to a speaker the topic names
(not a joint speaker holding the word); a topic of only common words is refused as ``subscribe`` refuses it; ``ask``
reads "what's new", "who is quoted most" without a topic and a role ("the mayor"), and keeps "the" as typed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.answer.question import parse_question
from bot.answer.respond import ask, render_text
from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.base import Reply
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.models import Article, Attribution, ChannelRef, SourceRef, Story
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from digests.story_view import render_story

from .conftest import NOW, make_article

# Written for this test: an invented river town, its mayor and a harbour board.
TEXT = ("The Harbour Board said ferries would run every ten minutes across the Kessel. "
        "Mayor Ilse Marrow said the Kessel bridge would stay shut until spring. "
        "Tessland and Korvia agreed to share the cost of the Kessel repairs. "
        "Karl Brenn said Marrow had closed the Kessel bridge far too late.")
ARTICLE = make_article("k-1", TEXT, title="Kessel bridge shut until spring", outlet="Kessel Post",
                       published=datetime(2026, 11, 19, 8, 0, tzinfo=UTC))


def said(article: Article, speaker: str, cue: str, content: str, role: str | None = None) -> Attribution:
    start = article.text.index(content)
    sentence = next(s.index for s in article.sentences if s.start <= start < s.end)
    return Attribution(article.id, speaker, speaker, cue, content, "indirect", sentence, start, start + len(content),
                       role)


QUOTES = [
    said(ARTICLE, "Ilse Marrow", "said", "the Kessel bridge would stay shut until spring", role="Mayor"),
    said(ARTICLE, "Tessland and Korvia", "agreed", "to share the cost of the Kessel repairs"),
    said(ARTICLE, "Karl Brenn", "said", "Marrow had closed the Kessel bridge far too late"),
    said(ARTICLE, "Harbour Board", "said", "ferries would run every ten minutes across the Kessel"),
]


@pytest.fixture
async def stored(db: Database) -> Database:
    await ArticleStore(db).save(ARTICLE, now=NOW)
    await QuoteStore(db).replace(ARTICLE.id, QUOTES)
    return db


async def _say(db: Database, text: str) -> Reply:
    dispatcher = build_dispatcher(CommandDeps(Config(), db, ManualClock(NOW), None))
    inv = dispatcher.from_text(text, user="U1", channel=ChannelRef("slack", "C1"), can_manage=True, now=NOW)
    return await dispatcher(inv)


@pytest.mark.parametrize("typed", ["Brenn", "Karl Brenn"])
async def test_whosaid_a_speaker_no_one_quoted_about_points_to_their_words(stored: Database, typed: str) -> None:
    reply = await _say(stored, f"whosaid {typed}")
    assert "Did you mean" not in reply.text, reply.text
    assert "That is what was said" not in reply.text, reply.text
    assert reply.text.startswith(f"I found nothing anyone said about {typed}; for what Karl Brenn"), reply.text
    assert "for what Karl Brenn said: `/brief ask what did Karl Brenn say`" in reply.text, reply.text


async def test_whosaid_leaves_out_the_topics_own_words(stored: Database) -> None:
    reply = await _say(stored, "whosaid Marrow")
    assert "Karl Brenn" in reply.text and "far too late" in reply.text, reply.text
    assert "stay shut until spring" not in reply.text, reply.text  # her own words, not said about her
    assert "for everything Ilse Marrow said: `/brief ask what did Ilse Marrow say`" in reply.text, reply.text


async def test_whosaid_points_only_to_a_speaker_the_topic_names(stored: Database) -> None:
    reply = await _say(stored, "whosaid Tessland")
    assert "Tessland and Korvia" in reply.text, reply.text  # their words are about the topic
    assert "ask what did" not in reply.text, reply.text


@pytest.mark.parametrize(("typed", "example"), [
    ("whosaid the", "whosaid"), ("whosaid according to", "whosaid"), ("brief the", "brief"),
    ("ask who said what about of the", "ask who said what about"), ("ask what's new on the", "ask what's new on"),
    ("ask what did Karl Brenn say about the", "ask what did Rutte say about")])
async def test_a_topic_of_only_common_words_is_refused(stored: Database, typed: str, example: str) -> None:
    reply = await _say(stored, typed)
    assert "only common words" in reply.text and f"(e.g. `{example} NATO`)" in reply.text, reply.text
    assert "Karl Brenn said" not in reply.text and "far too late" not in reply.text, reply.text


@pytest.mark.parametrize(("text", "kind", "topic"), [
    ("what's new", "new", ""), ("whats new", "new", ""), ("whats new on cod", "new", "cod"),
    ("what’s new about cod", "new", "cod"), ("who is quoted most", "most", ""), ("who was quoted most", "most", ""),
    ("who is quoted most on cod", "most", "cod")])
def test_questions_without_a_topic_are_read(text: str, kind: str, topic: str) -> None:
    question = parse_question(text)
    assert question is not None and (question.kind, question.topic) == (kind, topic)


async def test_who_is_quoted_most_lists_the_speakers(stored: Database) -> None:
    result = await ask("who is quoted most", QuoteStore(stored), ArticleStore(stored), NOW)
    assert result.ok, result.message
    text = render_text(result)
    assert text.startswith("Quoted most:") and "*Karl Brenn* (1 quote)" in text, text


async def test_whats_new_without_a_topic_is_the_briefing(stored: Database) -> None:
    reply = await _say(stored, "ask what's new")
    brief = await _say(stored, "brief")
    assert "didn't understand" not in reply.text and reply.text == brief.text, reply.text


async def test_a_role_finds_the_speaker_who_holds_it(stored: Database) -> None:
    result = await ask("what did the mayor say", QuoteStore(stored), ArticleStore(stored), NOW)
    assert result.ok, result.message
    assert "stay shut until spring" in render_text(result)
    assert {name for name, _ in result.groups} == {"Ilse Marrow"}


async def test_the_heading_keeps_the_article_as_typed(stored: Database) -> None:
    result = await ask("what did the Harbour Board say", QuoteStore(stored), ArticleStore(stored), NOW)
    assert result.ok and result.heading == "What the Harbour Board said:", result.heading
    result = await ask("what did Karl Brenn say", QuoteStore(stored), ArticleStore(stored), NOW)
    assert result.heading == "What Karl Brenn said:", result.heading


def test_the_story_view_leaves_out_a_signs_words() -> None:
    sign = Attribution("k-1", "sign at the Kessel gate", "sign at the Kessel gate", "says", "Keep Out", "indirect",
                       0, 0, 8)
    story = Story(id="s-k", headline="Kessel bridge shut",
                  sources=(SourceRef("k-1", "Kessel Post", "https://kessel.test/a", "Bridge shut", NOW),),
                  summary=(), quotes=(sign, QUOTES[2]))
    text = render_story(story, tz=UTC)
    assert "Karl Brenn" in text and "Keep Out" not in text and "sign at" not in text, text


async def test_ask_who_said_what_about_a_person_points_to_their_words_too(stored: Database) -> None:
    reply = await _say(stored, "ask who said what about Marrow")
    assert "far too late" in reply.text and "stay shut until spring" not in reply.text, reply.text
    assert reply.text.endswith("for everything Ilse Marrow said: `/brief ask what did Ilse Marrow say`.)"), reply.text
    reply = await _say(stored, "ask who said what about Brenn")
    assert reply.text == ("I found nothing anyone said about Brenn; for what Karl Brenn said: "
                          "`/brief ask what did Karl Brenn say`."), reply.text
