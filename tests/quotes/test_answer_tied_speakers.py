"""What did an organisation say: its own statements first, then, under a line of their own, those of people or
sources tied to it ("sources within TORVA", "a TORVA official"), never as if it had said them itself."""

from __future__ import annotations

from spacy.language import Language

from bot.answer.respond import ask, render_text, to_json
from bot.answer.tied import tied_to
from bot.nlp.quotes import extract_attributions
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore

from .conftest import NOW, make_article

# invented: a bridge authority, TORVA, quoted itself and through sources and an official within it
_OWN = "TORVA said the Lossa bridge would reopen in June."
_AROUND = ("Sources within TORVA said the Lossa repairs had cost twice the estimate. A TORVA official said the Lossa "
           "toll would rise.")
_BESIDE = "Sources within TORVA said the Lossa bridge was safe."


async def _store(db: Database, nlp: Language, *texts: str) -> None:
    articles, quotes = ArticleStore(db), QuoteStore(db)
    for n, text in enumerate(texts):
        article = make_article(f"t{n}", text, title="Lossa bridge", outlet=f"Outlet {n}")
        await articles.save(article, now=NOW)
        await quotes.replace(article.id, extract_attributions(article, nlp))


async def test_an_organisations_own_words_come_apart_from_those_tied_to_it(db: Database, nlp: Language) -> None:
    await _store(db, nlp, _OWN, _AROUND)
    result = await ask("what did TORVA say", QuoteStore(db), ArticleStore(db), NOW)
    assert result.ok, result.message
    assert result.heading == "What TORVA said:"
    assert result.groups[0][0] == "TORVA"
    assert {name for name, _ in result.groups[1:]} == {"Sources within TORVA", "unnamed TORVA official"}
    lines = render_text(result).splitlines()
    tied = lines.index("From people or sources tied to TORVA (not TORVA itself):")
    assert any("reopen in June" in line for line in lines[:tied])
    assert any("twice the estimate" in line for line in lines[tied:])
    assert any("toll would rise" in line for line in lines[tied:])
    answers = to_json(result)["answers"]
    assert {a["speaker"]: a["tied"] for a in answers} == {"TORVA": False, "Sources within TORVA": True,
                                                         "unnamed TORVA official": True}


async def test_only_sources_within_it_are_not_what_it_said(db: Database, nlp: Language) -> None:
    await _store(db, nlp, _BESIDE)
    result = await ask("what did TORVA say", QuoteStore(db), ArticleStore(db), NOW)
    assert result.ok, result.message
    assert result.heading == "Nothing by TORVA itself; what people or sources tied to it said:"
    assert "From people or sources tied to" not in render_text(result)
    assert [name for name, _ in result.groups] == ["Sources within TORVA"]


def test_which_speakers_are_tied_to_the_one_asked() -> None:
    for own, asked in (("TORVA", "TORVA"), ("Mark Rutte", "Rutte"), ("the Velmora Council", "Velmora Council"),
                       ("Ada Quist and Per Odde", "Quist"), ("Charles de Gaulle", "Gaulle")):
        assert not tied_to(asked, own), own
    for tied, asked in (("Sources within TORVA", "TORVA"), ("unnamed TORVA official", "torva"),
                        ("unnamed spokesperson for TORVA", "TORVA"), ("Russian embassy in Velmora", "Velmora")):
        assert tied_to(asked, tied), tied


async def test_whosaid_points_to_the_organisation_not_to_sources_within_it(db: Database, nlp: Language) -> None:
    from bot.clock import ManualClock
    from bot.commands import build_dispatcher
    from bot.commands.deps import CommandDeps
    from bot.config import Config
    from bot.models import ChannelRef

    # the description quoted more often than the organisation itself
    await _store(db, nlp, _OWN, _BESIDE, "Sources within TORVA said the Lossa tolls would stay.")
    dispatcher = build_dispatcher(CommandDeps(Config(), db, ManualClock(NOW), None))
    inv = dispatcher.from_text("whosaid TORVA", user="U1", channel=ChannelRef("slack", "C1"), can_manage=True,
                               now=NOW)
    text = (await dispatcher(inv)).text
    assert "ask what did TORVA say`" in text, text
    assert "ask what did Sources" not in text, text


# invented: a named spokesman speaks for TORVA; another man's role only mentions a word holding it
_SPOKESMAN = ("TORVA spokesman Ivo Marek said the Lossa bridge would reopen in June. Ivo Marek later said the tolls "
              "would stay. Torvaland historian Ana Roy said the Lossa bridge was built in 1901.")


async def test_a_named_spokesperson_of_the_body_asked_speaks_for_it(db: Database, nlp: Language) -> None:
    await _store(db, nlp, _SPOKESMAN)
    result = await ask("what did TORVA say", QuoteStore(db), ArticleStore(db), NOW)
    assert result.ok, result.message
    assert result.heading == "Nothing by TORVA itself; what people or sources tied to it said:"
    assert [name for name, _ in result.groups] == ["Ivo Marek"]  # not Ana Roy: "Torvaland" is not "TORVA"
    text = render_text(result)
    assert "*Ivo Marek* (TORVA spokesman)" in text and "reopen in June" in text
    assert {a["speaker"]: a["tied"] for a in to_json(result)["answers"]} == {"Ivo Marek": True}


async def test_whosaid_keeps_sources_within_it_apart_not_as_its_own_words(db: Database, nlp: Language) -> None:
    # "who said what about TORVA": TORVA's own words are left out (said by it, not about it); the sources within it
    # are not TORVA and stay, apart, under the line ask uses for them
    await _store(db, nlp, _OWN, _AROUND, "Ada Quist said TORVA had waited too long on the Lossa bridge.")
    result = await ask("who said what about TORVA", QuoteStore(db), ArticleStore(db), NOW)
    assert result.ok, result.message
    names = [name for name, _ in result.groups]
    assert names[0] == "Ada Quist" and "TORVA" not in names
    assert set(names[1:]) == {"Sources within TORVA", "unnamed TORVA official"}
    lines = render_text(result).splitlines()
    tied = lines.index("From people or sources tied to TORVA (not TORVA itself):")
    assert any("waited too long" in line for line in lines[:tied])
    assert any("twice the estimate" in line for line in lines[tied:])
    assert {a["speaker"]: a["tied"] for a in to_json(result)["answers"]} == {
        "Ada Quist": False, "Sources within TORVA": True, "unnamed TORVA official": True}
