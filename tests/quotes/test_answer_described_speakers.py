"""An unnamed description ("company", "unnamed spokesperson") is one speaker only within its own article: two
articles' "the company" are not one speaker in an answer; a description tied to a named organisation ("a Valmont Air
spokesperson") may be one label across articles, shown as the description it is."""

from __future__ import annotations

from datetime import UTC, datetime

from spacy.language import Language

from bot.answer.described import article_bound
from bot.answer.respond import ask, render_text, to_json
from bot.nlp.quotes import extract_attributions
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore

from .conftest import NOW, make_article

# invented text: two outlets on two different firms at the Corvel harbour, each quoting "the company" and an
# unnamed spokesperson; both also quote a spokesperson of one named airline
_FIRST = ("Corvel ferry stopped\n\nThe Corvel ferry run by Brasko Lines stopped on Monday. The company said the "
          "engines at Corvel would be checked by Friday. A spokesperson said the Corvel crossing would reopen "
          "within a week. A Valmont Air spokesperson said flights from Corvel would run as planned.\n")
_SECOND = ("Corvel crane broke\n\nA crane owned by Tarlin Docks broke at the Corvel harbour on Tuesday. The company "
           "said no one at Corvel was hurt. A spokesperson said a new crane would reach Corvel in March. A Valmont "
           "Air spokesperson said Corvel cargo flights had been moved to the evening.\n")


async def _store(db: Database, nlp: Language) -> None:
    articles, quotes = ArticleStore(db), QuoteStore(db)
    for n, (key, text) in enumerate((("ferry", _FIRST), ("crane", _SECOND))):
        article = make_article(key, text, title=text.splitlines()[0], outlet=f"Outlet {n}",
                               published=datetime(2026, 11, 17 + n, 9, 0, tzinfo=UTC))
        await articles.save(article, now=NOW)
        await quotes.replace(article.id, extract_attributions(article, nlp))


async def test_two_articles_descriptions_are_not_one_speaker(db: Database, nlp: Language) -> None:
    await _store(db, nlp)
    result = await ask("who said what about Corvel", QuoteStore(db), ArticleStore(db), NOW)
    assert result.ok
    sizes = sorted((name, len(hits), len({h.attribution.article_id for h in hits})) for name, hits in result.groups)
    # the premise: each article has its own "company" and its own unnamed spokesperson
    assert sizes == [("company", 1, 1), ("company", 1, 1), ("unnamed Valmont Air spokesperson", 2, 2),
                     ("unnamed spokesperson", 1, 1), ("unnamed spokesperson", 1, 1)]
    text = render_text(result)
    assert text.count("*company*") == 2 and text.count("*unnamed spokesperson*") == 2
    assert text.count("*unnamed Valmont Air spokesperson*") == 1


async def test_one_articles_description_is_one_speaker(db: Database, nlp: Language) -> None:
    articles, quotes = ArticleStore(db), QuoteStore(db)
    text = ("Corvel pier closed\n\nThe Corvel pier closed on Monday. The company said the Corvel pier was unsafe. "
            "The company said repairs at Corvel would take a month.\n")
    article = make_article("pier", text, title="Corvel pier closed")
    await articles.save(article, now=NOW)
    await quotes.replace(article.id, extract_attributions(article, nlp))
    result = await ask("who said what about Corvel", quotes, articles, NOW)
    assert [(name, len(hits)) for name, hits in result.groups] == [("company", 2)]


def test_which_speakers_are_bound_to_their_article() -> None:
    for described in ("company", "unnamed spokesperson", "unnamed Officials", "the snapper", "he",
                      "unnamed senior official"):
        assert article_bound(described), described
    for tied in ("unnamed Valmont Air spokesperson", "Sources within NATO", "Mark Rutte", "NATO",
                 "unnamed spokesperson for the Averley Transport Workers' Union", "Brasko Lines"):
        assert not article_bound(tied), tied


async def test_who_is_quoted_most_leaves_out_descriptions_summed_over_articles(db: Database, nlp: Language) -> None:
    # three articles' "the company" (three firms, one quote each) outnumber one named speaker's two quotes
    articles, quotes = ArticleStore(db), QuoteStore(db)
    texts = [f"A Lossa firm closed. The company said {n} jobs at Lossa would go." for n in (10, 20, 30)]
    texts.append("Ida Varn said the Lossa jobs would come back. Ida Varn said the firms would return.")
    for n, text in enumerate(texts):
        article = make_article(f"m{n}", text, title=f"Lossa jobs {n}")
        await articles.save(article, now=NOW)
        await quotes.replace(article.id, extract_attributions(article, nlp))
    assert (await quotes.known_speakers())[0] == "company"  # the premise: the store counts them as one
    result = await ask("who is quoted most", quotes, articles, NOW)
    assert result.ok, result.message
    assert [name for name, _ in result.groups] == ["Ida Varn"]


async def test_json_counts_each_shown_group_apart(db: Database, nlp: Language) -> None:
    await _store(db, nlp)
    result = await ask("who said what about Corvel", QuoteStore(db), ArticleStore(db), NOW)
    data = to_json(result)
    # one count per group the answer shows, in its order: two articles' "company" are two groups of one quote each
    assert data["counts"] == [{"speaker": name, "quotes": len(hits)} for name, hits in result.groups]
    assert sorted((c["speaker"], c["quotes"]) for c in data["counts"]) == [
        ("company", 1), ("company", 1), ("unnamed Valmont Air spokesperson", 2), ("unnamed spokesperson", 1),
        ("unnamed spokesperson", 1)]
    # each answer names the group it is shown in
    for answer in data["answers"]:
        assert data["counts"][answer["group"]]["speaker"] == answer["speaker"]
    firms = {data["answers"][n]["source"]["article_id"] for n in range(len(data["answers"]))
             if data["answers"][n]["speaker"] == "company"}
    assert len(firms) == 2
