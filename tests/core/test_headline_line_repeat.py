"""A story headed by its own first sentence (an untitled article's fallback title) shows that sentence once."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.models import Briefing, BriefingItem, SourceRef, Story, SummarySentence
from bot.text_cut import clipped
from digests.headline_line import repeats_headline, unrepeated_summary
from digests.render_discord import briefing_parts as discord_parts
from digests.render_slack import briefing_parts as slack_parts
from digests.render_text import render_markdown, render_text

NOW = datetime(2031, 4, 7, 8, 0, tzinfo=UTC)

# Written for this test: an untitled notice about a flooded tram depot (no title, so headed by its first sentence).
LONG = ("The regional transport office of Velmora closed the Orlin tram depot on Thursday after the river rose "
        "over its northern wall and flooded the repair sheds.")
SECOND = "Forty trams were moved to the eastern yard before the water reached the tracks."
THIRD = "Engineers expect the depot to reopen within two weeks."
SHORT = "Velmora closed the Orlin tram depot after a flood."


def story(headline: str, first: str) -> Story:
    summary = (SummarySentence(first, "a", 0, 0, len(first)), SummarySentence(SECOND, "a", 1, 0, len(SECOND)),
               SummarySentence(THIRD, "a", 2, 0, len(THIRD)))
    source = (SourceRef("a", "Velmora Notices", "https://notices.test/depot", headline, NOW),)
    return Story("s-depot", headline, source, summary, updated=NOW, url="https://notices.test/depot")


def briefing(headline: str, first: str, length: str = "full") -> Briefing:
    return Briefing("Briefing", NOW, (BriefingItem(story(headline, first), 1.0),), length=length)  # type: ignore[arg-type]


def slack_text(b: Briefing) -> str:
    return json.dumps([p.message.blocks for p in slack_parts(b)], ensure_ascii=False)


def discord_text(b: Briefing) -> str:
    return json.dumps([p.message for p in discord_parts(b)], ensure_ascii=False)


def test_a_cut_or_equal_headline_is_the_line_s_own_sentence() -> None:
    cut = clipped(LONG, 120)
    assert cut.endswith("…") and repeats_headline(cut, LONG) and repeats_headline(SHORT, SHORT)
    assert repeats_headline(" The  regional transport office", "The regional transport office")  # spacing only
    assert not repeats_headline("Depot flooded", LONG) and not repeats_headline(SHORT, SECOND)
    assert not repeats_headline("The regional…", SECOND)  # a cut headline of another sentence
    assert not repeats_headline("", LONG)
    lines = unrepeated_summary(story(cut, LONG))
    assert [s.text for s in lines] == [SECOND, THIRD] and lines[0].article_id == "a"  # provenance kept


def test_text_and_markdown_show_the_headline_s_sentence_once() -> None:
    cut = clipped(LONG, 120)
    for render in (render_text, render_markdown):
        out = render(briefing(cut, LONG))
        assert cut in out and LONG not in out and SECOND in out and THIRD in out
        assert "https://notices.test/depot" in out
        out = render(briefing(SHORT, SHORT))
        assert out.count(SHORT) == 1 and SECOND in out


def test_short_briefing_shows_the_next_sentence_not_the_headline_again() -> None:
    out = render_text(briefing(SHORT, SHORT, "short"))
    assert out.count(SHORT) == 1 and SECOND in out and THIRD not in out


def test_slack_and_discord_show_the_headline_s_sentence_once() -> None:
    cut = clipped(LONG, 120)
    for text in (slack_text(briefing(cut, LONG)), discord_text(briefing(cut, LONG))):
        assert cut[:-1] in text and LONG not in text and SECOND in text and THIRD in text
        assert "https://notices.test/depot" in text
    for text in (slack_text(briefing(SHORT, SHORT)), discord_text(briefing(SHORT, SHORT))):
        assert text.count(SHORT) == 1 and SECOND in text


def test_a_real_title_keeps_every_summary_line() -> None:
    out = render_text(briefing("Tram depot flooded in Velmora", LONG))
    assert LONG in out and SECOND in out and THIRD in out
