"""A headline-only item (a breaking item whose text is "Developing story, more to follow.", a news sitemap's entry)
is briefed as its headline alone: the summariser's last-resort cut line, the headline again with "…" (and its
"BREAKING:" label), is no second line. Titles written for this test."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import IngestConfig
from bot.ingest.normalise import RawArticle, build_all
from bot.models import Briefing, BriefingItem, SourceRef, Story
from bot.nlp.summarise import default_summariser
from digests.headline_line import repeats_headline
from digests.render_text import render_text

NOW = datetime(2031, 3, 3, 17, 0, tzinfo=UTC)
HEADLINE = "Explosion reported at Orlen fuel depot"


@pytest.mark.parametrize("line", [f"{HEADLINE}…", f"BREAKING: {HEADLINE}…", f"BREAKING: {HEADLINE}",
                                  f"LIVE: {HEADLINE} – latest updates…"])
def test_the_headline_cut_or_labelled_is_a_repeat(line: str) -> None:
    assert repeats_headline(HEADLINE, line)


@pytest.mark.parametrize("line", [f"{HEADLINE}, police said.", "Explosion reported…",
                                  f"Second {HEADLINE.lower()}…"])
def test_other_lines_are_not(line: str) -> None:
    assert not repeats_headline(HEADLINE, line)


def test_a_bare_breaking_item_is_briefed_as_its_headline_alone() -> None:
    raw = RawArticle(title=f"BREAKING: {HEADLINE}", text="Developing story, more to follow.",
                     url="https://wire.test/orlen-depot", outlet="Southport Wire")
    [article], _ = build_all([raw], source="s", input_name="s", now=NOW, config=IngestConfig())
    summary = default_summariser().summarise([article], 3)
    ref = SourceRef(article.id, article.outlet, article.url, article.title, NOW)
    story = Story("s-depot", HEADLINE, (ref,), summary, updated=NOW, url=article.url)
    text = render_text(Briefing("Briefing", NOW, (BriefingItem(story, 1.0),)))
    assert f"1. {HEADLINE}\n   Sources: Southport Wire\n" in text, text
