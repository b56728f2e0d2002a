"""Replies other than briefings that credit a local file by its name (the Full story view, an ask or whosaid answer)
keep Slack from turning the name into a link: only the lines that name a file are sent as ``verbatim`` text
objects; every other line, and every other reply, is sent as before, so Slack still links its bare addresses and
#channels. Names and texts written for this test."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fake_slack import validate_blocks

from adapters.slack.translate import reply_messages
from bot.answer.respond import Answer
from bot.commands.base import Reply
from bot.commands.question_reply import answer_reply
from bot.models import Attribution, SourceRef, Story, SummarySentence
from bot.store.quotes import QuoteHit
from digests.story_view import render_story, story_files

NOW = datetime(2031, 5, 6, 9, 0, tzinfo=UTC)
LINK = "https://orrin-courier.test/quay"


def _texts(reply: Reply) -> list[dict[str, Any]]:
    (message,) = reply_messages(reply)
    assert validate_blocks(list(message.blocks)) is None
    return [block["text"] for block in message.blocks if block["type"] == "section"]


def _story() -> Story:
    sources = (
        SourceRef("a1", "Orrin Courier", LINK, "Quay to close", NOW),
        SourceRef("a2", "ferry-notes", "", "Quay notes", NOW, file="ferry-notes.txt"),
        SourceRef("a3", "Harbour Desk", "", "Quay report", NOW, file="report.co"),
    )
    summary = (
        SummarySentence("The Orrin quay will close for repairs from Monday, the harbour board said.", "a1", 0, 0, 70),
    )
    return Story("s1", "Orrin quay to close for repairs", sources, summary, url=LINK)


def test_the_full_story_view_sends_only_its_file_lines_verbatim() -> None:
    story = _story()
    assert set(story_files(story)) == {"ferry-notes.txt", "report.co"}
    texts = _texts(Reply(render_story(story, tz=UTC), ephemeral=True, verbatim=story_files(story)))
    verbatim = [t["text"] for t in texts if t.get("verbatim")]
    assert verbatim and all("file " in line for text in verbatim for line in text.split("\n"))
    assert any("file ferry-notes.txt" in t for t in verbatim) and any(
        "Harbour Desk, “Quay report” (file report.co)" in t for t in verbatim
    )
    others = "\n".join(t["text"] for t in texts if not t.get("verbatim"))
    assert "Orrin Courier" in others and "Summary:" in others and "file " not in others
    assert all(set(t) == {"type", "text"} for t in texts if not t.get("verbatim"))


def _hit(article: str, outlet: str, url: str, file: str = "") -> QuoteHit:
    said = Attribution(article, "Ilse Varn", "Ilse Varn", "said", "the quay would reopen in June", "indirect", 0, 0, 30)
    return QuoteHit(said, outlet, "Quay to close", url, NOW, file=file)


def test_an_answer_sends_only_its_file_lines_verbatim() -> None:
    hits = (_hit("a2", "Harbour Desk", "", file="notes.md"), _hit("a1", "Orrin Courier", LINK))
    result = Answer(
        "What Ilse Varn said about the quay (see #harbour, https://orrin.test/faq):", groups=(("Ilse Varn", hits),)
    )
    texts = _texts(answer_reply(result))
    verbatim = [t["text"] for t in texts if t.get("verbatim")]
    assert len(verbatim) == 1 and "(file notes.md)" in verbatim[0] and "#harbour" not in verbatim[0]
    assert "https://orrin.test/faq" in "\n".join(t["text"] for t in texts if not t.get("verbatim"))


def test_a_reply_naming_no_file_is_sent_as_before() -> None:
    result = Answer("What Ilse Varn said:", groups=(("Ilse Varn", (_hit("a1", "Orrin Courier", LINK),)),))
    reply = answer_reply(result)
    assert reply.verbatim == ()
    assert all(set(t) == {"type", "text"} for t in _texts(reply))
