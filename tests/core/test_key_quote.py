"""The quote a briefing shows for a story: never one whose words the summary already carries."""

from __future__ import annotations

from dataclasses import replace

from bot.models import Attribution, Story, SummarySentence
from digests.key_quote import key_quote

LEAD = 'Ministers agreed to close the northern fishery for a year, the ministry said.'
SAID = '"Without this pause there will be no fishery left to save," minister Anja Holt said after the talks.'
TEXT = f"{LEAD} {SAID}"  # article a-1
HOLT = Attribution("a-1", "Anja Holt", "Anja Holt", "said",
                   '"Without this pause there will be no fishery left to save,"', "direct", 1,
                   len(LEAD) + 1, len(LEAD) + 1 + 59)
LAARSEN = Attribution("a-2", "Piet Laarsen", "Laarsen", "said", "“They balanced the books on small boats”",
                      "direct", 2, 120, 160)
COPY = replace(HOLT, article_id="a-3", start=300, end=359)  # another outlet's copy of Holt's words


def story(summary: tuple[SummarySentence, ...], *quotes: Attribution) -> Story:
    return Story(id="s-1", headline="Fishery closed", sources=(), summary=summary, quotes=quotes)


def test_a_quote_the_summary_already_carries_gives_way_to_another_voice() -> None:
    lead = SummarySentence(LEAD, "a-1", 0, 0, len(LEAD))
    said = SummarySentence(SAID, "a-1", 1, len(LEAD) + 1, len(TEXT))
    assert TEXT[HOLT.start:HOLT.end] == HOLT.content
    assert key_quote(story((lead,), HOLT, LAARSEN)) == HOLT  # the stronger quote, when the summary lacks it
    assert key_quote(story((lead, said), HOLT, LAARSEN)) == LAARSEN  # its span is in a summary sentence
    assert key_quote(story((lead, said), COPY, LAARSEN)) == LAARSEN  # its words are, from another outlet
    assert key_quote(story((lead, said), HOLT, COPY)) is None  # nothing new to show: no quote line
