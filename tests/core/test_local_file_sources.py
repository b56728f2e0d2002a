"""An article read from a local file is credited in a briefing by the file's name (never its folder, which would
show the server's paths in chat, and never as a file:// link): in every format and length, in the full story view
and the JSON output; a linked article keeps its link. Every example was written for these tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import IngestConfig
from bot.ingest.files import read_file
from bot.ingest.local_paths import shown_file_name
from bot.models import Briefing, BriefingLength, SourceRef, Story, SummarySentence
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.stories import StoryStore
from bot.story_loader import stories_from_rows
from digests.compose import compose
from digests.render_discord import render_discord
from digests.render_json import briefing_to_dict
from digests.render_slack import render_briefing
from digests.render_text import render_markdown, render_text
from digests.story_view import render_story

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
TEXT = ("Orrin ferry timetable changes\n\nThe winter ferry timetable for Orrin starts on Monday, the operator said. "
        "The last crossing of the day will leave at eleven.\n")
LENGTHS: tuple[BriefingLength, ...] = ("full", "short", "headlines")


def test_the_shown_name_is_the_file_name_alone() -> None:
    assert shown_file_name("/srv/briefbot/inbox/ferry-notes.txt", "") == "ferry-notes.txt"
    assert shown_file_name("notes/ferry-notes.md", "") == "ferry-notes.md"
    assert shown_file_name("/srv/briefbot/inbox/feed.xml", "https://orrin-post.test/a") == ""  # it has its link
    assert shown_file_name("https://orrin-post.test/feed.xml", "") == ""  # a feed's item without a link
    assert shown_file_name("", "") == ""


async def _stored_story(tmp_path: Path) -> Story:
    folder = tmp_path / "private-inbox"
    folder.mkdir()
    path = folder / "ferry-notes.txt"
    path.write_text(TEXT, encoding="utf-8")
    [article] = read_file(path, config=IngestConfig(), now=NOW).articles
    db = await Database.open(f"sqlite:///{tmp_path / 'files.db'}")
    try:
        articles, stories = ArticleStore(db), StoryStore(db)
        saved = await articles.save(article, now=NOW)
        await articles.set_story(saved.article_id, "ferry")
        await stories.save_profile("ferry", "", first_seen=NOW, updated=NOW)
        summary = [SummarySentence(s.text, article.id, s.index, s.start, s.end) for s in article.sentences[:1]]
        await stories.save_summary("ferry", headline=article.title, url=article.url, summary=summary, size=1,
                                   changed_at=NOW, updated=NOW)
        [story] = await stories_from_rows(db, await StoryStore(db).changed_since(None))
    finally:
        await db.close()
    return story


def _rendered(briefing: Briefing) -> list[str]:
    return [render_text(briefing), render_markdown(briefing),
            json.dumps([m.blocks for m in render_briefing(briefing)], ensure_ascii=False),
            json.dumps(render_discord(briefing), ensure_ascii=False)]


async def test_a_stored_local_file_is_credited_by_its_name(tmp_path: Path) -> None:
    story = await _stored_story(tmp_path)
    [source] = story.sources
    assert (source.url, source.file) == ("", "ferry-notes.txt")
    for length in LENGTHS:
        briefing = compose([story], now=NOW, title="Briefing", length=length)
        for text in [*_rendered(briefing), json.dumps(briefing_to_dict(briefing))]:
            assert "ferry-notes.txt" in text, (length, text)
            assert str(tmp_path) not in text and "private-inbox" not in text and "file:" not in text
    view = render_story(story, tz=UTC)
    assert "ferry-notes.txt" in view and str(tmp_path) not in view and "file:" not in view


@pytest.mark.parametrize("length", LENGTHS)
def test_a_local_file_is_no_link_and_a_linked_article_keeps_its_link(length: BriefingLength) -> None:
    sources = (SourceRef("a0", "ferry-notes", "", "Orrin ferry timetable", NOW, file="ferry-notes.txt"),
               SourceRef("a1", "Orrin Post", "https://orrin-post.test/ferry", "Ferry timetable", NOW))
    story = Story(id="s1", headline="Ferry timetable changes", sources=sources,
                  summary=(SummarySentence("The winter ferry timetable starts on Monday.", "a0", 0, 0, 44),),
                  updated=NOW, url="")
    text, markdown, slack, discord = _rendered(compose([story], now=NOW, title="Briefing", length=length))
    for shown in (text, markdown, slack, discord):
        assert "ferry-notes.txt" in shown and "https://orrin-post.test/ferry" in shown
    assert "](ferry-notes.txt" not in markdown and "<ferry-notes.txt" not in slack
    assert "](ferry-notes.txt" not in discord


def _plain_story(name: str) -> Story:
    sources = (SourceRef("a0", name, "", "Orrin ferry timetable", NOW, file="ferry-notes.txt"),)
    return Story(id="s1", headline="Ferry timetable changes", sources=sources,
                 summary=(SummarySentence("The winter ferry timetable starts on Monday.", "a0", 0, 0, 44),),
                 updated=NOW, url="")


@pytest.mark.parametrize("name", ["ferry-notes", "ferry-notes.txt"])
@pytest.mark.parametrize("length", LENGTHS)
def test_an_outlet_named_after_its_file_is_shown_once(name: str, length: BriefingLength) -> None:
    story = _plain_story(name)
    for shown in [*_rendered(compose([story], now=NOW, title="Briefing", length=length)), render_story(story, tz=UTC)]:
        assert "ferry-notes (file" not in shown and "ferry-notes.txt (file" not in shown, shown
        assert "ferry-notes: file" not in shown and "ferry-notes.txt: file" not in shown, shown
        assert "file ferry-notes.txt" in shown, shown


@pytest.mark.parametrize("length", LENGTHS)
def test_a_real_outlet_name_keeps_its_file_after_it(length: BriefingLength) -> None:
    story = _plain_story("Orrin Courier")
    for shown in [*_rendered(compose([story], now=NOW, title="Briefing", length=length)), render_story(story, tz=UTC)]:
        assert "Orrin Courier" in shown and "file ferry-notes.txt" in shown, shown
