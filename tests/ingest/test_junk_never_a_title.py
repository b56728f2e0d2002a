"""Page junk over a text ("Share this article", "Advertisement", "Skip to content", "Sign up for our newsletter") is
never its title, in a text file, a saved page or a given title: the next real line is (or, with none, the first
sentence). Every example was written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import IngestConfig
from bot.ingest.files import read_file
from bot.ingest.junk import split_title
from bot.ingest.normalise import RawArticle, build_article

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
TITLE = "Harbour ferry returns after winter repairs"
LEAD = "The Orrin ferry sailed again on Monday after three months in dry dock."
BODY = f"{LEAD} Its skipper said the new engine ran quietly.\n\nPassengers queued from dawn on the quay.\n"
JUNK = ["Share this article", "Advertisement", "Skip to content", "Sign up for our newsletter",
        "Photo: Jane Doe/Orrin Post", "Published 4 March 2026", "Copyright 2026 Orrin Post"]


@pytest.mark.parametrize("junk", JUNK)
def test_a_junk_first_line_of_a_text_file_is_no_title(junk: str, tmp_path: Path) -> None:
    assert split_title(f"{junk}\n\n{TITLE}\n\n{BODY}")[0] == TITLE
    path = tmp_path / "ferry.txt"
    path.write_text(f"{junk}\n{TITLE}\n\n{BODY}", encoding="utf-8")
    [article] = read_file(path, config=IngestConfig(), now=NOW).articles
    assert article.title == TITLE
    assert junk not in article.text and LEAD in article.text


@pytest.mark.parametrize("junk", JUNK)
def test_junk_over_the_text_itself_leaves_the_first_sentence_as_title(junk: str, tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(f"{junk}\n\n{BODY}", encoding="utf-8")
    [article] = read_file(path, config=IngestConfig(), now=NOW).articles
    assert article.title == LEAD


@pytest.mark.parametrize("junk", JUNK)
def test_a_saved_page_headed_by_junk_takes_its_real_heading(junk: str, tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    path = tmp_path / "ferry.html"
    path.write_text(f"<html><body><article><h1>{junk}</h1><h1>{TITLE}</h1>{paragraphs}</article></body></html>",
                    encoding="utf-8")
    [article] = read_file(path, config=IngestConfig(), now=NOW).articles
    assert article.title == TITLE


@pytest.mark.parametrize("junk", JUNK)
def test_a_given_junk_title_gives_way(junk: str) -> None:
    raw = RawArticle(title=junk, text=BODY, url="https://orrin-post.test/ferry")
    assert build_article(raw, source="feed", now=NOW, config=IngestConfig()).title == LEAD


@pytest.mark.parametrize("headline", [
    "Home loan approvals rise again in Orrin",
    "Comments close on the Orrin ferry plan",
    "Getty Images wins its case over the Orrin archive",
    "Video: Orrin ferry sails again after winter repairs",
    "Copyright reform passes in the Orrin parliament",
    "Updated guidance for Orrin ferry passengers",
])
def test_a_headline_that_starts_like_furniture_stays_the_title(headline: str) -> None:
    assert split_title(f"{headline}\n\n{BODY}")[0] == headline
    raw = RawArticle(title=headline, text=BODY, url="https://orrin-post.test/homes")
    assert build_article(raw, source="feed", now=NOW, config=IngestConfig()).title == headline
