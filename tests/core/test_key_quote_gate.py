"""A briefing's key quote passes a quality gate (long enough, complete, quote marks balanced, not cut off by an
ellipsis or a dangling function word, an unnamed speaker's reported speech only as a full clause) and does not
restate what the headline and summary already show; when no candidate passes, the story shows no key quote."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.models import Attribution, SourceRef, Story, SummarySentence
from digests.compose import compose
from digests.key_quote import key_quote, reported_line
from digests.key_quote_gate import quote_flaw
from digests.key_quote_restated import figures, restates
from digests.render_text import render_text

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
HEADLINE = "Ferry link to Vellmar island suspended after storm"
LINE_1 = "The ferry link to Vellmar island was suspended on Sunday after a storm damaged the harbour wall."
LINE_2 = "Engineers inspected the wall on Monday and found two breaches near the fuel jetty."


def said(content: str, speaker: str = "Ida Varga", kind: str = "indirect", cue: str = "said",
         start: int = 500) -> Attribution:
    return Attribution("v-1", speaker, speaker, cue, content, kind, 9, start, start + len(content))  # type: ignore[arg-type]


COMPLETE = said("the ferry would not sail again until the breaches were sealed", "Ida Varga")
GOOD_DIRECT = said("“We will not put a single passenger at risk for a timetable,”", "Oren Malk", "direct")


def story(*quotes: Attribution, summary: tuple[str, ...] = (LINE_1, LINE_2), headline: str = HEADLINE) -> Story:
    lines = tuple(SummarySentence(text, "v-1", i, i * 200, i * 200 + len(text)) for i, text in enumerate(summary))
    source = SourceRef("v-1", "Vellmar Courier", "https://vellmar.example/ferry", headline, NOW)
    return Story(id="s-ferry", headline=headline, sources=(source,), summary=lines, quotes=quotes, updated=NOW,
                 url=source.url)


@pytest.mark.parametrize(("quote", "flaw"), [
    (said("for the island's councillors", "unnamed source", cue="called"), "not a full clause"),
    (said("on condition of anonymity", "unnamed official", cue="speaking"), "not a full clause"),
    (said("the harbour wall repairs and the cost to islanders", "unnamed officials", cue="denied"),
     "not a full clause"),
    (said("that more storms, like the one that broke the wall last winter, are", "coast guard", cue="warned"),
     "ends in a function word"),
    (said("the crossing would be closed to cars and to", "Ida Varga"), "ends in a function word"),
    (said("the breaches are wider than the engineers expected...", "Ida Varga"), "ends in an ellipsis"),
    (said("“The wall held for forty years and then it simply…”", "Oren Malk", "direct"), "ends in an ellipsis"),
    (said("'We weren't able to reach the jetty and although the divers searched all night, we believe the "
          "wall gave way before dawn and in closing today", "Oren Malk", cue="agreed"), "unbalanced quote marks"),
    (said("the mayor's plan was “a patch on a patch", "Ida Varga", "mixed"), "unbalanced quote marks"),
    (said("Ferries have stopped for the winter, it seems'", "Ida Varga"), "unbalanced quote marks"),
    (said("“has been selling fuel at the jetty without a permit,”", "complaint", "direct"),
     "opens mid-sentence"),
    (said("’s older harbour walls that were never rebuilt after the war", "Ida Varga", cue="according to"),
     "opens mid-sentence"),
    (said("I could not believe the wall had gone in one night", "harbour office"),
     "first person without quotation marks"),
    (said("too soon to say", "Ida Varga"), "too short"),
    (Attribution("v-1", "unnamed harbour official", "a harbour official", "said",
                 "Divers reached the jetty at dawn, a harbour official said, as the storm eased", "indirect", 9, 500,
                 580), "holds its own attribution"),
])
def test_the_gate_names_what_is_wrong_with_a_candidate(quote: Attribution, flaw: str) -> None:
    assert quote_flaw(quote) == flaw


@pytest.mark.parametrize("quote", [
    COMPLETE,
    GOOD_DIRECT,
    said("that the crossing would reopen once divers had checked the jetty", "unnamed officials"),
    said("it was too soon to say when the ferry would sail again", "unnamed officials"),
    said("Two breaches near the fuel jetty needed new stone", "unnamed engineers", cue="reported"),
    said("the islanders' boats were moved inland before the storm", "Ida Varga"),  # a plural possessive
    said("the old wall “a patch on a patch” that never held", "Ida Varga", "mixed", cue="called"),
    said("“Nobody wanted this, but we weren't going to gamble with people's lives.”", "unnamed skipper",
         "direct"),
    said("the skippers would carry on as soon as the harbour let them move on", "Ida Varga"),  # a particle
    said("“The wall is ours to mend. Nobody else is going to.”", "Oren Malk", "direct"),  # a full stop ends it
    said("‘The harbour is not what it used to be,’", "Oren Malk", "direct"),  # so does a closing mark
    said("the divers were still counting the damage the storm had", "Ida Varga"),  # "had" ends a clause well
    said("the fuel jetty would not reopen before the middle of May", "Ida Varga"),  # the month, not "may"
    said("i traghetti per Vellmar resteranno fermi fino a lunedì", "Ida Varga", cue="ha detto"),  # "i": an article
    said("le port de Vellmar restera fermé jusqu'au printemps", "unnamed source", cue="a déclaré"),  # found as a clause
    said("die Reparatur der Mole fange erst im Frühjahr an", "unnamed officials", cue="sagte"),  # German ends on "an"
    said("the islanders' “patience” had run out", "Ida Varga", "mixed"),  # a possessive before a quotation mark
])
def test_complete_candidates_pass_the_gate(quote: Attribution) -> None:
    assert quote_flaw(quote) is None


def test_the_unnamed_fragment_gives_way_and_alone_shows_no_key_quote() -> None:
    fragment = said("for the island's councillors to act", "unnamed source", cue="called")
    assert key_quote(story(fragment)) is None
    assert key_quote(story(fragment, COMPLETE)) == COMPLETE
    text = render_text(compose([story(fragment)], now=NOW, title="Island news"))
    assert "unnamed source" not in text and "councillors" not in text


def test_a_quote_cut_off_before_an_ellipsis_is_no_key_quote() -> None:
    cut = said("that more storms, like the one that broke the wall last winter, are", "coast guard", cue="warned")
    assert key_quote(story(cut)) is None
    assert key_quote(story(cut, COMPLETE)) == COMPLETE


def test_an_unclosed_quotation_is_no_key_quote() -> None:
    unclosed = said("'We weren't able to reach the jetty and although the divers searched all night, we believe "
                    "the wall gave way before dawn and in closing today", "Oren Malk", cue="agreed")
    assert key_quote(story(unclosed, COMPLETE)) == COMPLETE


def test_a_stronger_direct_quote_still_wins_over_passing_reported_speech() -> None:
    assert key_quote(story(COMPLETE, GOOD_DIRECT)) == GOOD_DIRECT


def test_reported_speech_opening_with_the_article_a_keeps_the_writers_order() -> None:
    line = reported_line("warned", "Lena Moss", "A new levy on ferry tickets will cost islanders a week's wages")
    assert line == "A new levy on ferry tickets will cost islanders a week's wages, Lena Moss warned."
    levy = said("A new levy on ferry tickets will cost islanders a week's wages", "Lena Moss", "mixed", cue="warned")
    text = render_text(compose([story(levy)], now=NOW, title="Island news"))
    assert "warned A " not in text
    assert "   A new levy on ferry tickets will cost islanders a week's wages, Lena Moss warned.\n" in text


RESTATED = said("The ferry to Vellmar island was suspended Sunday after the storm damaged its harbour wall",
                "port authority", cue="according to")


def test_a_quote_restating_a_summary_line_gives_way_to_the_next_candidate() -> None:
    assert restates(RESTATED, story(RESTATED))
    assert key_quote(story(RESTATED)) is None
    assert key_quote(story(RESTATED, COMPLETE)) == COMPLETE
    assert not restates(COMPLETE, story(COMPLETE))


def test_a_quote_repeating_the_figure_the_story_shows_is_a_restatement() -> None:
    headline = "Vellmar harbour repairs to cost one million euros"
    summary = ("Repairs to the storm-damaged harbour wall on Vellmar island will take until spring.",
               "The council said the bill for the work would come to more than 1 million euros.")
    # no shown line holds more than half of its content words, but it repeats the story's figure
    repeat = said("Fixing the wall will cost the island a million euros, the largest bill since 1987",
                  "harbour office", cue="according to")
    assert restates(repeat, story(repeat, summary=summary, headline=headline))
    other = said("Fixing the wall will cost the island 2 million euros, the largest bill since 1987",
                 "harbour office", cue="according to")
    assert not restates(other, story(other, summary=summary, headline=headline))
    assert key_quote(story(repeat, COMPLETE, summary=summary, headline=headline)) == COMPLETE


def test_figures_are_read_alike_however_written() -> None:
    assert figures("more than 1 million, a million, One Million or 1,000,000") == {1e6}
    assert figures("over 600,000 deaths since 2005 at 24.1 degrees") == {600_000, 24.1}
    assert figures("a storm and one ferry") == set()


def test_a_few_words_in_common_are_no_restatement() -> None:
    # three of its five content words are in the first summary line: more than half, too few to call it a repeat
    short = said("“The storm broke the harbour wall like a biscuit,”", "Oren Malk", "direct")
    assert not restates(short, story(short))
    assert key_quote(story(short)) == short


def test_a_quote_sharing_a_word_or_two_with_the_summary_is_kept() -> None:
    fresh = said("the fuel jetty would be rebuilt in concrete and raised by a metre before spring", "Ida Varga")
    assert not restates(fresh, story(fresh))
    assert key_quote(story(fresh)) == fresh


def test_a_participle_cue_reads_as_a_finite_verb() -> None:
    # "..., adding rain was not expected" in the article: shown alone, "Ida Varga adding rain ..." is no sentence
    assert reported_line("adding", "Ida Varga", "the ferry would not sail this week") == (
        "Ida Varga added the ferry would not sail this week.")
    assert reported_line("saying", "Oren Malk", "Divers reached the jetty at dawn") == (
        "Divers reached the jetty at dawn, Oren Malk said.")
    assert reported_line("urging", "the council", "islanders to stay off the harbour wall") == (
        "the council urged islanders to stay off the harbour wall.")


@pytest.mark.parametrize("content", [
    "He said the night trains would stop at Vellmar until March",
    "she told reporters the harbour wall would be rebuilt in stone",
    "They warned that the jetty could give way in the next gale",
])
def test_reported_words_opening_on_a_pronoun_and_its_cue_hold_another_attribution(content: str) -> None:
    # "He said ..., according to the harbour office": who "he" is was never said, and the line credits two
    quote = said(content, "harbour office", cue="according to")
    assert quote_flaw(quote) == "holds its own attribution"
    assert quote_flaw(said("the night trains would stop at Vellmar until March", "harbour office",
                           cue="according to")) is None  # the same words without the pronoun's cue pass
    assert quote_flaw(said("he would stop the night trains at Vellmar until March")) is None  # "he would": no cue


def test_reported_words_ending_on_according_to_another_hold_its_attribution() -> None:
    # "unnamed source said the pier would shut, according to the harbour office": two sources for one line
    quote = said("the pier would shut for a week, according to the harbour office", "unnamed source")
    assert quote_flaw(quote) == "holds its own attribution"
    assert quote_flaw(said("the pier would shut for a week according to plan")) is None
