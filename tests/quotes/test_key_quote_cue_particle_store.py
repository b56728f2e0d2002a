"""End to end, from invented article text through the store to the rendered key quote and story view: the particle
the text puts between a phrasal cue and the words ("pointed to cyclical surges") is kept at extraction, stored
(schema v25, attributions.cue_particle) and shown ("pointed to"); a row stored before v25 reads as before, with the
bare cue, until `briefbot store requote` extracts it again. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
import sqlalchemy as sa
from spacy.language import Language

from bot.models import Article, Attribution, SourceRef, Story
from bot.nlp.quotes import extract_attributions
from bot.requote import requote
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from bot.store.quotes import QuoteStore, attr
from bot.story_loader import completed
from digests.compose import compose
from digests.key_quote import key_quote
from digests.render_text import render_text
from digests.story_view import render_story
from tests.old_store import CUE_PARTICLES_FROM, upgraded
from tests.pg import fresh_database
from tests.quotes.conftest import NOW, make_article

# invented text: one reported statement whose phrasal cue and particle come before the words
TEXT = ("Freight at Velmora harbour falls again\n\n"
        "Freight through Velmora harbour fell for a third month in October. "
        "The harbour master Lena Moss pointed to cyclical surges in freight traffic across the northern ports.")
SHOWN = "Lena Moss (harbour master) pointed to cyclical surges in freight traffic across the northern ports"


def _article() -> Article:
    return make_article("vh-1", TEXT, title="Freight at Velmora harbour falls again", outlet="Velmora Post")


def _outline(article: Article) -> tuple[Story, dict[str, list[SourceRef]]]:
    ref = SourceRef(article.id, article.outlet, article.url, article.title, article.published)
    story = Story(id="s-freight", headline=article.title, sources=(ref,), summary=(), updated=NOW, url=article.url)
    return story, {story.id: [ref]}


async def _loaded(db: Database, article: Article) -> Story:
    """The story as briefings and the story view load it: its outline made whole from the store's quotes."""
    story, refs = _outline(article)
    return (await completed(db, [story], refs))[0]


def _pointed(found: tuple[Attribution, ...] | list[Attribution]) -> Attribution:
    return next(a for a in found if a.cue == "pointed")


async def test_the_particle_goes_from_the_article_text_through_the_store_to_the_key_quote(
        db: Database, nlp: Language) -> None:
    article = _article()
    found = extract_attributions(article, nlp)
    # the cue stays bare (the key quote gate reads it as before); the particle is kept beside it
    assert (_pointed(found).cue, _pointed(found).cue_particle) == ("pointed", "to")
    assert _pointed(found).content == "cyclical surges in freight traffic across the northern ports"
    await ArticleStore(db).save(article, now=NOW)
    await QuoteStore(db).replace(article.id, found)
    story = await _loaded(db, article)
    assert _pointed(story.quotes).cue_particle == "to"
    assert key_quote(story) == _pointed(story.quotes)
    text = render_text(compose([story], now=NOW, title="Harbour news"))
    assert f"   {SHOWN}.\n" in text, text
    view = render_story(story, tz=UTC)
    assert "*Lena Moss* (harbour master) pointed to: cyclical surges in freight traffic" in view, view


async def _fill_v24(old: Database) -> None:
    """What a v24 briefbot stored: the article and its attributions, the bare cue and no particle column (the
    particle today's extraction finds is not written: tests/old_store.py)."""
    article = _article()
    await ArticleStore(old).save(article, now=NOW)
    found = (Attribution(article.id, "Lena Moss", "Lena Moss", "pointed",
                         "cyclical surges in freight traffic across the northern ports", "indirect", 1,
                         TEXT.index("cyclical"), len(TEXT) - 1, "harbour master", cue_particle="to"),)
    await QuoteStore(old).replace(article.id, found)
    async with old.connect() as conn:
        columns = await conn.run_sync(lambda c: {col["name"] for col in sa.inspect(c).get_columns("attributions")})
    assert "cue_particle" not in columns


async def _particles(db: Database) -> list[tuple[str, str]]:
    async with db.connect() as conn:
        return [(str(c), str(p)) for c, p in await conn.execute(sa.select(attr.c.cue, attr.c.cue_particle))]


@pytest.fixture(params=["sqlite", "postgresql"])
async def old_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.db'}"
    return await fresh_database("briefbot_test_cue_particles")


async def test_an_old_row_reads_as_before_until_requote_gives_it_the_particle(old_url: str, nlp: Language) -> None:
    upgraded_db = await upgraded(old_url, CUE_PARTICLES_FROM - 1, _fill_v24)
    try:
        assert await upgraded_db.schema_version() == len(MIGRATIONS) >= CUE_PARTICLES_FROM
        assert await _particles(upgraded_db) == [("pointed", "")]
        before = await _loaded(upgraded_db, _article())
        shown = render_text(compose([before], now=NOW, title="Harbour news"))
        assert "   Lena Moss (harbour master) pointed cyclical surges" in shown
        report = await requote(upgraded_db, lambda a: extract_attributions(a, nlp))
        assert (report.articles, report.unchanged) == (1, 0)
        assert await _particles(upgraded_db) == [("pointed", "to")]
        after = await _loaded(upgraded_db, _article())
        assert f"   {SHOWN}.\n" in render_text(compose([after], now=NOW, title="Harbour news"))
        again = await requote(upgraded_db, lambda a: extract_attributions(a, nlp))
        assert again.unchanged == 1  # nothing left to refresh
    finally:
        await upgraded_db.close()
