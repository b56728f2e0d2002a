"""A story told in several languages is summarised in one: its main language (most articles, on a tie the lead
article's); headline and summary agree, and every outlet stays among its sources."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.config import Config
from bot.nlp.summarise import default_summariser
from bot.pipeline import Pipeline
from bot.store.db import Database
from bot.story_feed import StoreFeed
from bot.story_language import summary_articles
from tests.crosslang_samples import FIRE_DE, FIRE_EN, FIRE_IT
from tests.multilingual_samples import FERRY_DE_1, FERRY_FR_1, FERRY_FR_2, article

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_one_language_keeps_every_article() -> None:
    both = [article(FERRY_FR_1, "fr", outlet="courrier"), article(FERRY_FR_2, "fr-CA", outlet="gazette", hours=1)]
    assert summary_articles(both, both[0]) == both


def test_the_main_language_is_the_one_most_articles_are_in_else_the_leads() -> None:
    fr1 = article(FERRY_FR_1, "fr", outlet="courrier")
    de1 = article(FERRY_DE_1, "de", outlet="seebote", hours=1)
    fr2 = article(FERRY_FR_2, "fr", outlet="gazette", hours=2)
    assert summary_articles([de1, fr1, fr2], de1) == [fr1, fr2]  # two French reports against one German
    assert summary_articles([fr1, de1], de1) == [de1]  # one each: the lead's language
    english = article(FIRE_EN, "", outlet="wire")  # no language given: English
    assert summary_articles([english, article(FIRE_EN, "en", outlet="post", hours=1)], english) == [
        english, article(FIRE_EN, "en", outlet="post", hours=1)]


async def test_a_story_joined_across_languages_is_summarised_in_its_lead_language(tmp_path: Path) -> None:
    db = await Database.open(str(tmp_path / "stories.db"))
    for name, (title, body) in {"de": FIRE_DE, "en": FIRE_EN, "it": FIRE_IT}.items():
        (tmp_path / f"{name}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    pipeline = Pipeline(db, Config(), lambda: NOW, default_summariser())
    report = await pipeline.ingest([str(tmp_path / f"{n}.txt") for n in ("de", "en", "it")], None)
    assert report.added == 3, report.lines
    [story] = await StoreFeed(db).changed_since(None)  # the three reports are one story
    await db.close()
    assert len(story.sources) == 3  # every outlet stays a source
    assert story.headline == FIRE_DE[0]  # the first stored leads, and its language (German) is the story's
    assert story.summary and all(s.text in FIRE_DE[1] for s in story.summary)
