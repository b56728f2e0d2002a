"""A role shown in a story's view and a briefing's key quote, where no article text is at hand, reads as the story's
own words write it: a sentence-start capital on a word they write in lower case goes ("Harbourmaster" ->
"harbourmaster", "Outgoing mayor"), a word they capitalise mid-sentence or never write keeps it ("Lumenfield council
spokesperson"); with the article's text (the story command loads it) that text decides, as answers do."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.answer.role_case import known_case, story_case
from bot.models import Attribution, SourceRef, Story, SummarySentence
from digests.key_quote import key_quote
from digests.story_view import render_story

# Written for this test: an invented harbour town and its officials.
SUMMARY = ("Ferries at Lumenfield will dock at the north quay from Monday, the harbourmaster said. "
           "The outgoing mayor backed the change on Friday.")
WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def quote(speaker: str, role: str, content: str, article: str = "a-1") -> Attribution:
    return Attribution(article, speaker, speaker, "said", content, "direct", 3, 200, 200 + len(content), role)


def story(*quotes: Attribution, summary: str = SUMMARY) -> Story:
    return Story("s-1", "Ferries move to the north quay", (SourceRef("a-1", "Quay Post", "", "Ferries move", WHEN),),
                 (SummarySentence(summary, "a-1", 0, 0, len(summary)),), quotes)


HARBOUR = quote("Ilse Brandt", "Harbourmaster", "The north quay is deeper and the crossings will be far calmer")
MAYOR = quote("Per Alm", "Outgoing mayor", "We have waited eleven years for the ferries to have a proper berth")
COUNCIL = quote("Tova Lind", "Lumenfield council spokesperson",
                "The timetable stays the same and every crossing keeps its usual slot")


@pytest.mark.parametrize(("given", "shown"), [
    (HARBOUR, "harbourmaster"),
    (MAYOR, "outgoing mayor"),
    (COUNCIL, "Lumenfield council spokesperson"),  # "Lumenfield" capitalised mid-sentence in the summary
])
def test_the_key_quotes_role_reads_as_the_story_writes_it(given: Attribution, shown: str) -> None:
    found = key_quote(story(given))
    assert found is not None and found.role == shown


def test_a_word_the_story_never_writes_keeps_its_capital() -> None:
    found = key_quote(story(HARBOUR, summary="Ferries will dock at the north quay from Monday."))
    assert found is not None and found.role == "Harbourmaster"
    assert "ombudsman" in known_case(["The harbourmaster said so."])  # never written: a name for all we know
    assert "harbourmaster" not in story_case(story(HARBOUR))


def test_the_story_view_lowers_the_capital_the_story_writes_in_lower_case() -> None:
    text = render_story(story(HARBOUR, MAYOR, COUNCIL), tz=UTC)
    assert "*Ilse Brandt* (harbourmaster)" in text and "*Per Alm* (outgoing mayor)" in text
    assert "*Tova Lind* (Lumenfield council spokesperson)" in text


def test_the_story_view_follows_the_articles_text_when_given() -> None:
    quiet = story(HARBOUR, MAYOR, summary="Ferries will dock at the north quay from Monday.")
    assert "*Ilse Brandt* (Harbourmaster)" in render_story(quiet, tz=UTC)
    shown = render_story(quiet, tz=UTC, proper={"a-1": frozenset({"ferries", "monday"})})
    assert "*Ilse Brandt* (harbourmaster)" in shown and "*Per Alm* (outgoing mayor)" in shown
    kept = render_story(quiet, tz=UTC, proper={"a-1": frozenset({"harbourmaster"})})
    assert "*Ilse Brandt* (Harbourmaster)" in kept
