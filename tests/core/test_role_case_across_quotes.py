"""A role one article wrote mid-sentence ("opposition leader") is how it reads wherever another article opened its
sentence with it ("Opposition leader Ruta Kemmel said"): the story view and the key quote show one case."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models import Attribution, SourceRef, Story, SummarySentence
from digests.key_quote import key_quote
from digests.story_view import render_story

NOW = datetime(2031, 5, 2, 9, 0, tzinfo=UTC)
LEAD = "The Orrin canal reopened to barges on Friday after a week of repairs."


def canal(first_role: str, second_role: str) -> Story:
    sources = (SourceRef("a", "Canal Gazette", "https://gazette.test/a", "Canal reopens", NOW),
               SourceRef("b", "Lock News", "https://locknews.test/b", "Barges move again", NOW))
    quotes = (Attribution("a", "Bea Tolland", "Tolland", "said", "“We lost a week we will never get back”",
                          "direct", 2, 200, 240, role=first_role),
              Attribution("b", "Bea Tolland", "Tolland", "said", "the repairs had been rushed and would not last",
                          "indirect", 3, 300, 345, role=second_role))
    return Story("s-canal", "Orrin canal reopens", sources, (SummarySentence(LEAD, "a", 0, 0, len(LEAD)),),
                 quotes, updated=NOW)


def test_the_story_view_shows_a_role_in_the_case_an_article_wrote_it_mid_sentence() -> None:
    text = render_story(canal("Barge owners' spokeswoman", "barge owners' spokeswoman"), tz=UTC)
    assert text.count("(barge owners' spokeswoman)") == 2 and "Barge owners'" not in text
    named = render_story(canal("Canal Board chair", "Canal Board chair"), tz=UTC)  # a name's capitals stay
    assert named.count("(Canal Board chair)") == 2


def test_the_key_quote_shows_the_role_in_its_mid_sentence_case() -> None:
    quote = key_quote(canal("Barge owners' spokeswoman", "barge owners' spokeswoman"))
    assert quote is not None and quote.role == "barge owners' spokeswoman"
