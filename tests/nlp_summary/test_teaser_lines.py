"""A story told only by feed teasers cut mid-sentence gets its cut text as a last-resort summary line, shown cut."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.models import Article, Briefing, BriefingItem, SourceRef, Story, SummarySentence
from bot.nlp.cut_lines import CUT_MARK, cut_line_end
from bot.nlp.summarise import SummaryParams, SumySummariser
from digests.render_discord import render_discord
from digests.render_slack import render_briefing
from digests.render_text import render_text
from tests.nlp_summary.samples import article

# invented teasers, each cut by its feed mid-sentence
MILL = "Workers at the Ostrava paper mill stopped the presses on Tuesday over unpaid overtime, and the union said the stoppage could go on until the owners"  # noqa: E501
MILL_TOO = "The Ostrava paper mill stood idle on Tuesday after its workers walked out over overtime pay that the union said had gone unpaid for"  # noqa: E501
WHOLE = ("Workers at the Ostrava paper mill stopped the presses on Tuesday over unpaid overtime. "
         "The union said the stoppage could go on for a week.")


def lines(articles: list[Article], count: int = 3, params: SummaryParams | None = None) -> list[SummarySentence]:
    return list(SumySummariser(params).summarise(articles, count))


def test_a_single_teaser_gets_a_line_shown_cut() -> None:
    teaser = article(MILL, title="Paper mill stops", outlet="Valley Post")
    [line] = lines([teaser])
    assert line.text.endswith(CUT_MARK) and not line.text.endswith("." + CUT_MARK)
    # the dangling "until the owners" keeps its content word; only function words are trimmed back
    assert line.text == MILL + CUT_MARK
    assert teaser.text[line.start:line.end] + CUT_MARK == line.text  # provenance: the span is the words shown


def test_dangling_function_words_are_trimmed_back() -> None:
    teaser = article(MILL_TOO, title="Mill idle", outlet="Mill Gazette")
    [line] = lines([teaser])
    assert line.text == MILL_TOO.removesuffix(" for") + CUT_MARK


@pytest.mark.parametrize("cut", ["...", "…", " […]", " [...]", " ...", ", ...", " —", ",", "...\u201d", " the …"])
def test_a_teaser_cut_with_an_ellipsis_shows_one_cut_mark(cut: str) -> None:
    teaser = article(MILL + cut, title="Paper mill stops", outlet="Valley Post")
    [line] = lines([teaser])
    assert line.text == MILL + CUT_MARK


def test_a_story_of_teasers_only_gets_a_summary_without_repeats() -> None:
    story = [article(MILL, title="Paper mill stops", outlet="Valley Post"),
             article(MILL_TOO, title="Mill idle", outlet="Mill Gazette", hours=1)]
    summary = lines(story)
    assert summary, "every outlet's only text is a cut teaser: before, the story had no summary line at all"
    assert all(s.text.endswith(CUT_MARK) for s in summary)
    assert len(summary) == 1  # the second teaser says the same thing: the repeat rules still apply


def test_whole_sentences_come_first_and_a_story_with_them_is_unchanged() -> None:
    whole = article(WHOLE, title="Paper mill stops", outlet="Valley Post")
    teaser = article(MILL_TOO, title="Mill idle", outlet="Mill Gazette", hours=1)
    assert lines([whole]) == lines([whole], params=SummaryParams(cut_teasers=False))
    assert all(not s.text.endswith(CUT_MARK) for s in lines([whole, teaser], 2))


def test_cut_lines_only_fill_what_whole_lines_leave_and_come_after_them() -> None:
    whole = article("Workers at the Ostrava paper mill stopped the presses on Tuesday over unpaid overtime.",
                    title="Paper mill stops", outlet="Valley Post")
    teaser = article("Managers of the mill said talks with the workers' council would resume next week in Brno as",
                     title="Talks next week", outlet="Mill Gazette", hours=1)
    alone = lines([whole, teaser], params=SummaryParams(cut_teasers=False))
    summary = lines([whole, teaser])
    assert summary[: len(alone)] == alone  # the whole lines as before: same choice, same order
    assert [s.text for s in summary[len(alone):]] == [
        "Managers of the mill said talks with the workers' council would resume next week in Brno" + CUT_MARK]
    assert lines([whole, teaser], 1) == alone[:1]  # nothing left to fill: no cut line


def test_a_teaser_after_a_whole_sentence_is_not_used() -> None:
    # the outlet has a whole sentence of its own: its cut last sentence is not needed to give it a voice
    first = "Workers at the Ostrava paper mill stopped the presses on Tuesday over unpaid overtime."
    teaser = article(f"{first} {MILL_TOO}", title="Paper mill stops", outlet="Valley Post")
    assert [s.text for s in lines([teaser])] == [first]


def test_the_option_off_leaves_a_teaser_only_story_without_a_summary() -> None:
    assert lines([article(MILL, title="Paper mill stops", outlet="Valley Post")],
                 params=SummaryParams(cut_teasers=False)) == []


@pytest.mark.parametrize("junk", [
    "Click here to read more about the paper mill strike in Ostrava and what the",
    "Subscribe to continue reading this story about the Ostrava paper mill and its",
    "Read more: the Ostrava paper mill strike enters a second day as the union and",
    "Photo: workers outside the Ostrava paper mill on Tuesday morning as the",
    "workers at the Ostrava paper mill stopped the presses on Tuesday over",  # starts mid-sentence
    "The Ostrava paper mill strike ...",  # too short once cut
    "Visit https://example.org/mill for the latest on the Ostrava paper mill and",
])
def test_junk_teasers_never_become_lines(junk: str) -> None:
    assert cut_line_end(junk) is None
    assert lines([article(junk, title="Paper mill", outlet="Valley Post")]) == []


def test_trimming_stops_where_the_line_would_be_too_short() -> None:
    text = "The Ostrava paper mill workers stopped the"
    end = cut_line_end(text)
    assert end is not None and text[:end] == "The Ostrava paper mill workers stopped"
    short = "The Ostrava mill workers struck over the"  # five words without "over the": it keeps "over"
    end = cut_line_end(short)
    assert end is not None and short[:end] == "The Ostrava mill workers struck over"


def test_whole_sentences_are_no_cut_lines() -> None:
    assert cut_line_end(WHOLE.split(". ")[0] + ".") is None


def _briefing(summary: tuple[SummarySentence, ...]) -> Briefing:
    story = Story(id="s-mill", headline="Paper mill stops", summary=summary, url="https://valley.example/mill",
                  sources=(SourceRef(summary[0].article_id, "Valley Post", "https://valley.example/mill",
                                     "Paper mill stops", None),))
    return Briefing(title="Briefing", generated=datetime(2026, 11, 24, tzinfo=UTC),
                    items=(BriefingItem(story, 1.0),))


def test_slack_discord_and_text_show_the_cut_line() -> None:
    teaser = article(MILL_TOO, title="Mill idle", outlet="Mill Gazette")
    briefing = _briefing(tuple(lines([teaser])))
    shown = MILL_TOO.removesuffix(" for") + CUT_MARK
    assert shown in render_text(briefing)
    [slack] = render_briefing(briefing)
    assert shown in json.dumps(slack.blocks, ensure_ascii=False) and shown in slack.text
    assert shown in json.dumps(render_discord(briefing), ensure_ascii=False)
    short = replace(briefing, length="short")
    assert shown in render_text(short)
