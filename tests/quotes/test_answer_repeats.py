"""A quote carried by several articles (a wire copy, two outlets' reports of the same words by the same speaker) is
answered once, with every source that carried it ("also in: ..."); the answer's order and limits count such a quote
once. The comparison ignores whitespace, quote marks and case. On SQLite and PostgreSQL, and as a pure function."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.answer.question import Question
from bot.answer.repeats import said_once, same_words
from bot.answer.respond import MAX_ALSO, MAX_PER_SPEAKER, Answer, ask, render_text, to_json
from bot.models import Article, Attribution, AttributionKind
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteHit, QuoteStore

from .conftest import NOW, make_article

# two outlets' reports of one harbour dispute: the union secretary's words as each outlet printed them
GAZETTE = make_article(
    "g-1", "Ferry crews at Orsund walked off on Tuesday. "
    "\u201cNo crew will sail until the rota is fixed,\u201d said Tomas Rehn, the union's harbour secretary. "
    "Rehn said the pilots would join them by Friday.",
    title="Orsund ferry crews walk off", outlet="Orsund Gazette", published=datetime(2026, 11, 18, 8, 0, tzinfo=UTC))
WIRE = make_article(
    "w-1", "A walkout stopped the Orsund ferries. "
    "\"No  crew will sail until the ROTA is fixed,\" said Tomas Rehn, the union's harbour secretary. "
    "The harbour master said the quay would stay open.",
    title="Walkout stops Orsund ferries", outlet="Nordwire", published=datetime(2026, 11, 18, 9, 0, tzinfo=UTC))
# a third outlet with other words by Rehn, and the same words from someone else
BULLETIN = make_article(
    "b-1", "Tomas Rehn said the ferry crews had waited a year for a fair rota. "
    "\"No crew will sail until the rota is fixed,\" said Mira Holt, who captains the night ferry.",
    title="Night ferry idle", outlet="Harbour Bulletin", published=datetime(2026, 11, 18, 10, 0, tzinfo=UTC))


def said(article: Article, speaker: str, content: str, kind: AttributionKind = "direct") -> Attribution:
    start = article.text.index(content)
    sentence = next(s.index for s in article.sentences if s.start <= start < s.end)
    return Attribution(article.id, speaker, speaker, "said", content, kind, sentence, start, start + len(content))


QUOTES = {
    "g-1": [said(GAZETTE, "Tomas Rehn", "\u201cNo crew will sail until the rota is fixed,\u201d"),
            said(GAZETTE, "Tomas Rehn", "the pilots would join them by Friday", "indirect")],
    "w-1": [said(WIRE, "Tomas Rehn", "\"No  crew will sail until the ROTA is fixed,\"")],
    "b-1": [said(BULLETIN, "Tomas Rehn", "the ferry crews had waited a year for a fair rota", "indirect"),
            said(BULLETIN, "Mira Holt", "\"No crew will sail until the rota is fixed,\"")],
}


async def fill(db: Database) -> None:
    articles, quotes = ArticleStore(db), QuoteStore(db)
    for article in (GAZETTE, WIRE, BULLETIN):
        await articles.save(article, now=NOW)
        await quotes.replace(article.id, QUOTES[article.id])


async def test_a_quote_two_outlets_carried_is_answered_once_with_both_sources(db: Database) -> None:
    await fill(db)
    result = await ask("who said what about the rota", QuoteStore(db), ArticleStore(db), NOW)
    text = render_text(result)
    groups = dict(result.groups)
    # Rehn's words once, with both outlets; Holt's same words stay hers
    sailing = [h for h in groups["Tomas Rehn"] if "sail" in h.attribution.content]
    assert len(sailing) == 1
    assert {sailing[0].outlet, *(h.outlet for h in sailing[0].also)} == {"Orsund Gazette", "Nordwire"}
    assert len([h for h in groups["Mira Holt"] if "sail" in h.attribution.content]) == 1
    assert sum("No crew will sail" in line for line in text.splitlines()) == 2  # Rehn's and Holt's
    shown = next(line for line in text.splitlines() if "sail" in line and "Harbour Bulletin" not in line)
    assert "; also in: " in shown and "Orsund Gazette" in shown and "Nordwire" in shown, text
    assert "Orsund Gazette](<https://example.org/g-1>)" in shown and "Nordwire](<https://example.org/w-1>)" in shown
    data = to_json(result)
    answers = data["answers"]
    assert isinstance(answers, list)
    rehn_sailing = [a for a in answers if a["speaker"] == "Tomas Rehn" and "sail" in a["text"]]
    assert len(rehn_sailing) == 1
    sources = {rehn_sailing[0]["source"]["name"], *(s["name"] for s in rehn_sailing[0]["also_in"])}
    assert sources == {"Orsund Gazette", "Nordwire"}
    assert data["counts"] == [{"speaker": "Tomas Rehn", "quotes": 2}, {"speaker": "Mira Holt", "quotes": 1}]


def hit(article_id: str, speaker: str, content: str, outlet: str, *, mentions: bool = True) -> QuoteHit:
    a = Attribution(article_id, speaker, speaker, "said", content, "direct", 0, 0, len(content))
    return QuoteHit(a, outlet, f"Title {article_id}", f"https://example.org/{article_id}",
                    datetime(2026, 11, 18, tzinfo=UTC), mentions)


def test_said_once_keeps_the_first_place_and_gathers_the_other_sources() -> None:
    hits = [hit("a1", "Ada Berg", "\u201cThe quay stays shut,\u201d", "First Post"),
            hit("a2", "Ada Berg", "Prices will rise", "Second Post"),
            hit("a3", "Ada Berg", "  \"the QUAY stays   shut\" ", "Wire", mentions=False),
            hit("a1", "Ada Berg", "'The quay stays shut'", "First Post"),  # a pull quote: the same article again
            hit("a4", "Olaf Dunn", "The quay stays shut", "Third Post"),  # other speaker: not a repeat
            hit("a5", "Ada Berg", "prices will rise.", "Fourth Post")]
    once = said_once(hits)
    assert [(h.attribution.article_id, [x.attribution.article_id for x in h.also]) for h in once] == [
        ("a1", ["a3"]), ("a2", ["a5"]), ("a4", [])]
    assert once[0].mentions and once[0].outlet == "First Post"


def test_same_words_ignores_marks_space_and_case_only() -> None:
    assert same_words("\u201cWe will sail,\u201d", "\"we  will SAIL\"")
    assert same_words("\u2018We don\u2019t sail\u2019", "'We don't sail'")
    assert not same_words("We will sail", "We will not sail")


async def test_the_per_speaker_limit_counts_a_carried_quote_once(db: Database) -> None:
    articles, quotes = ArticleStore(db), QuoteStore(db)
    lines = [f"Vera Lind said the rota number {n} was unfair." for n in range(MAX_PER_SPEAKER + 1)]
    for n, outlet in enumerate(("Lind Post", "Lind Wire")):
        article = make_article(f"l-{n}", " ".join(lines), title=f"Rota row {n}", outlet=outlet,
                               published=datetime(2026, 11, 18, 8 + n, tzinfo=UTC))
        await articles.save(article, now=NOW)
        await quotes.replace(article.id, [said(article, "Vera Lind", f"the rota number {k} was unfair", "indirect")
                                          for k in range(MAX_PER_SPEAKER + 1)])
    result = await ask("who said what about the rota", quotes, articles, NOW)
    text = render_text(result)
    assert len(dict(result.groups)["Vera Lind"]) == MAX_PER_SPEAKER + 1
    assert "… and 1 more" in text, text
    assert text.count("also in: [Lind") == MAX_PER_SPEAKER


def test_a_quote_many_articles_carried_names_a_few_sources_and_counts_the_rest() -> None:
    carried = said_once([hit(f"a{n}", "Ada Berg", "The quay stays shut", f"Post {n}") for n in range(MAX_ALSO + 3)])
    assert len(carried) == 1 and len(carried[0].also) == MAX_ALSO + 2
    text = render_text(Answer("Who said what about the quay:", groups=(("Ada Berg", tuple(carried)),),
                              question=Question("whosaid", topic="the quay")))
    line = next(line for line in text.splitlines() if "quay stays shut" in line)
    assert line.endswith("; also in: [Post 1](<https://example.org/a1>), [Post 2](<https://example.org/a2>), "
                         "[Post 3](<https://example.org/a3>) and 2 more"), line
    assert "Post 4" not in text and "Post 5" not in text
