"""A key quote that echoes a short headline or summary line is a restatement even with fewer than four content
words in common: the words in common are weighed against the shorter side's content words (most of a short
quote in a longer line, or all of a short line in a quote that adds little), while a quote sharing only the
story's topic words with a short line is kept."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models import Attribution, SourceRef, Story, SummarySentence
from digests.key_quote import key_quote
from digests.key_quote_restated import restates

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LINE = "The Vellmar harbour board approved the new ferry rules on Monday after a vote of seven to two."
# Written for these tests: invented headlines, speakers and statements.


def said(content: str, speaker: str = "Ida Varga", kind: str = "indirect") -> Attribution:
    return Attribution("v-1", speaker, speaker, "said", content, kind, 9, 900, 900 + len(content))  # type: ignore[arg-type]


def story(*quotes: Attribution, headline: str, summary: tuple[str, ...] = (LINE,)) -> Story:
    lines = tuple(SummarySentence(text, "v-1", i, i * 200, i * 200 + len(text)) for i, text in enumerate(summary))
    source = SourceRef("v-1", "Vellmar Courier", "https://vellmar.example/rules", headline, NOW)
    return Story(id="s-rules", headline=headline, sources=(source,), summary=lines, quotes=quotes, updated=NOW,
                 url=source.url)


ECHO = said("“This is unconstitutional chaos,”", "Oren Malk", "direct")
FRESH = said("the island's ferry crews would stop work on Friday unless the rules were withdrawn")


def test_a_short_quote_echoing_a_longer_headline_is_a_restatement() -> None:
    # the quote is the shorter side: both of its content words are in the headline
    s = story(ECHO, FRESH, headline="Ferry rules are unconstitutional chaos, Vellmar skippers tell harbour board")
    assert restates(ECHO, s)
    assert key_quote(s) == FRESH
    assert key_quote(story(ECHO, headline=s.headline)) is None


def test_a_short_headline_echoed_by_a_quote_that_adds_little_is_a_restatement() -> None:
    # the headline is the shorter side: all three of its content words are in the quote, which adds one more
    echo = said("Vellmar was thrown into unconstitutional chaos", "Oren Malk")
    s = story(echo, FRESH, headline="Unconstitutional chaos in Vellmar")
    assert restates(echo, s)
    assert key_quote(s) == FRESH


def test_a_short_summary_line_counts_like_the_headline() -> None:
    s = story(ECHO, FRESH, headline="Skippers protest at Vellmar harbour",
              summary=("Skippers called the rules unconstitutional chaos.",))
    assert restates(ECHO, s)
    assert key_quote(s) == FRESH


def test_a_quote_sharing_only_the_topic_with_a_short_headline_is_kept() -> None:
    # the headline's two content words are in the quote, but most of the quote is its own
    s = story(FRESH, headline="Ferry rules")
    assert not restates(FRESH, s)
    assert key_quote(s) == FRESH


def test_a_short_quote_sharing_one_word_is_kept() -> None:
    other = said("“Nobody asked the crews what they wanted,”", "Oren Malk", "direct")
    s = story(other, headline="Ferry crews angry at new rules")
    assert not restates(other, s)
    assert key_quote(s) == other


def test_a_short_quotes_words_scattered_over_a_line_are_the_topic() -> None:
    # all three of the quote's content words ("November", "records", "began") in a longer line, but apart
    record = said("“We have not seen a November like this since records began,”", "Oren Malk", "direct")
    s = story(record, headline="Dry spell sets November heat record",
              summary=("Vellmar recorded 24.1 degrees on Tuesday, a November high, as a dry spell that began in "
                       "October went on.",))
    assert not restates(record, s)
    assert key_quote(s) == record
