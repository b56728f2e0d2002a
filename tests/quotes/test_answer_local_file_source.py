"""A who-said-what answer credits a quote from an article read from a local file (no link) by the file's name, as
a briefing does (bot/ingest/local_paths.py ``shown_file_name``): never its folder, never a file:// link; a linked
article keeps its link. End to end: the file read by ingest, stored in SQLite, its quotes extracted and asked for.
Every example was written for this test."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from spacy.language import Language

from bot.answer.respond import ask, render_terminal, render_text, to_json
from bot.config import IngestConfig
from bot.ingest.files import read_file
from bot.nlp.quotes import extract_attributions
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore

from .conftest import make_article

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
FILE_TEXT = ("Orrin ferry timetable changes\n\nThe winter ferry timetable for Orrin starts on Monday. "
             "\"The last Orrin crossing will leave at eleven,\" said Mira Castell, the ferry operator's manager.\n")
LINKED_TEXT = ("Orrin harbour dredging delayed\n\nDredging of Orrin harbour will start in March. "
               "\"Orrin harbour needs a deeper channel for the new ferries,\" said Tomas Brell, the harbour master.\n")
LINK = "https://orrin-post.test/dredging"


async def test_a_quote_from_a_local_file_is_credited_by_the_file_name(tmp_path: Path, nlp: Language) -> None:
    folder = tmp_path / "private-inbox"
    folder.mkdir()
    path = folder / "ferry-notes.txt"
    path.write_text(FILE_TEXT, encoding="utf-8")
    [local] = read_file(path, config=IngestConfig(), now=NOW).articles
    assert local.url == ""  # the premise: no link to show
    linked = make_article("dredging", LINKED_TEXT, title="Orrin harbour dredging delayed", outlet="Orrin Post",
                          url=LINK, published=NOW)
    db = await Database.open(f"sqlite:///{tmp_path / 'answers.db'}")
    try:
        articles, quotes = ArticleStore(db), QuoteStore(db)
        for article in (local, linked):
            saved = await articles.save(article, now=NOW)
            await quotes.replace(saved.article_id, extract_attributions(article, nlp))
        result = await ask("who said what about Orrin", quotes, articles, NOW)
    finally:
        await db.close()
    text, terminal, data = render_text(result), render_terminal(result), to_json(result)
    assert "Mira Castell" in text and "Tomas Brell" in text, text
    for shown in (text, terminal):
        castell = next(line for line in shown.splitlines() if "last Orrin crossing" in line)
        assert "file ferry-notes.txt" in castell, castell
        assert "ferry-notes (file" not in castell, castell  # the outlet name is the file's stem: shown once
        brell = next(line for line in shown.splitlines() if "deeper channel" in line)
        assert LINK in brell and "file" not in brell, brell
        assert str(tmp_path) not in shown and "private-inbox" not in shown and "file:" not in shown
    files = {a["speaker"]: a["source"]["file"] for a in data["answers"]}
    assert files == {"Mira Castell": "ferry-notes.txt", "Tomas Brell": ""}, files
