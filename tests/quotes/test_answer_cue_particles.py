"""A who-said-what answer shows a phrasal cue with its particle ("pointed to", "called for", "warned of"): the one
extraction kept between the cue and what was said, or for a row stored without it the one the article text puts
there, or the head of what was said."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from spacy.language import Language

from bot.answer.respond import ask, render_terminal, render_text, to_json
from bot.nlp.phrasal_cues import shown_cue
from bot.nlp.quotes import extract_attributions
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore

from .conftest import NOW, make_article

# invented text
_FARES = ("Ferry fares at Velmora under review\n\nThe Velmora harbour board pointed to rising fuel costs at Velmora "
          "as the main reason. The Velmora mayor called for a full audit of the Velmora ferry accounts. Velmora "
          "union leaders warned of strikes across the Velmora port.\n")


def test_the_particle_after_the_cue_in_the_text_is_shown() -> None:
    assert shown_cue("pointed", "rising fuel costs", "The board pointed to ") == ("pointed to", "rising fuel costs")
    assert shown_cue("warned", "strikes", "Leaders warned  against\n") == ("warned against", "strikes")
    assert shown_cue("hinted", "a deal", "She hinted at ") == ("hinted at", "a deal")
    assert shown_cue("referred", "delays", "It referred to ") == ("referred to", "delays")


def test_a_particle_heading_the_content_moves_to_the_cue() -> None:
    assert shown_cue("called", "for a full audit", "") == ("called for", "a full audit")
    assert shown_cue("spoke", "of a long repair", "") == ("spoke of", "a long repair")
    assert shown_cue("insisted", "on a quick decision", "") == ("insisted on", "a quick decision")


def test_other_cues_and_words_are_left_alone() -> None:
    assert shown_cue("said", "to go", "He said to ") == ("said", "to go")  # not a phrasal cue
    assert shown_cue("pointed out", "fares had doubled", "pointed out that ") == ("pointed out", "fares had doubled")
    assert shown_cue("pointed", "costs", "The board pointed firmly to ") == ("pointed", "costs")
    assert shown_cue("warned", "that costs rise", "He warned ") == ("warned", "that costs rise")
    assert shown_cue("called", "forward planning", "") == ("called", "forward planning")


async def test_an_answer_shows_the_cue_with_its_particle(db: Database, nlp: Language) -> None:
    article = make_article("fares", _FARES, title="Ferry fares at Velmora under review",
                           published=datetime(2026, 11, 17, 9, 0, tzinfo=UTC))
    found = extract_attributions(article, nlp)
    # the premise: the store keeps the bare cue, the particle is in the text or the content
    assert {a.cue for a in found} >= {"pointed", "called", "warned"}
    await ArticleStore(db).save(article, now=NOW)
    await QuoteStore(db).replace(article.id, found)
    result = await ask("who said what about Velmora", QuoteStore(db), ArticleStore(db), NOW)
    text = render_text(result)
    assert "pointed to: rising fuel costs" in text and "pointed:" not in text
    assert "called for: a full audit" in text and "called: for" not in text
    assert "warned of: strikes" in text and "warned:" not in text
    assert "pointed to: rising fuel costs" in render_terminal(result)
    cues = {a["cue"] for a in to_json(result)["answers"]}
    assert {"pointed to", "called for", "warned of"} <= cues


async def test_a_row_stored_without_its_particle_still_reads_it_from_the_article_text(
        db: Database, nlp: Language) -> None:
    article = make_article("fares", _FARES, title="Ferry fares at Velmora under review",
                           published=datetime(2026, 11, 17, 9, 0, tzinfo=UTC))
    found = extract_attributions(article, nlp)
    assert any(a.cue_particle for a in found)  # kept at extraction now; a row stored before schema v25 has none
    await ArticleStore(db).save(article, now=NOW)
    await QuoteStore(db).replace(article.id, [replace(a, cue_particle="") for a in found])
    text = render_text(await ask("who said what about Velmora", QuoteStore(db), ArticleStore(db), NOW))
    assert "pointed to: rising fuel costs" in text and "warned of: strikes" in text
