"""The text and Markdown briefings credit a key quote's speaker with their role, as Discord does: "Name (role)"."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models import Attribution, Briefing, BriefingItem, SourceRef, Story, SummarySentence
from digests.render_text import render_markdown, render_text

NOW = datetime(2031, 5, 2, 9, 0, tzinfo=UTC)
LEAD = "The Orrin canal reopened to barges on Friday after a week of repairs."
WORDS = "We lost a week we will never get back"
REPORTED = "the lock gates would be replaced in spring"


def briefing(*quotes: Attribution) -> Briefing:
    story = Story("s-canal", "Orrin canal reopens", (SourceRef("a", "Canal Gazette", "https://g.test/a", "t", NOW),),
                  (SummarySentence(LEAD, "a", 0, 0, len(LEAD)),), quotes, updated=NOW)
    return Briefing("Briefing", NOW, (BriefingItem(story, 1.0),))


def test_a_direct_key_quote_names_the_speakers_role() -> None:
    shown = briefing(Attribution("a", "Bea Tolland", "Tolland", "said", f"“{WORDS}”", "direct", 2, 200, 240,
                                 role="barge owners' spokeswoman"))
    assert f"   “{WORDS}” — Bea Tolland (barge owners' spokeswoman)\n" in render_text(shown)
    assert f"> “{WORDS}” — **Bea Tolland** (barge owners' spokeswoman)" in render_markdown(shown)


def test_reported_speech_names_the_role_too_and_a_speaker_without_one_stays_as_is() -> None:
    shown = briefing(Attribution("a", "Ivo Brask", "Brask", "said", REPORTED, "indirect", 3, 300, 345,
                                 role="canal engineer"))
    assert f"   Ivo Brask (canal engineer) said {REPORTED}.\n" in render_text(shown)
    bare = briefing(Attribution("a", "Ivo Brask", "Brask", "said", REPORTED, "indirect", 3, 300, 345))
    assert f"   Ivo Brask said {REPORTED}.\n" in render_text(bare)
