"""An opinion piece is told as one: a story headed by a column keeps "Opinion:" before its headline, and a story with
a news report is summarised from its news reports, not from a columnist's first-person argument. Texts written for
this test; outlets and places invented."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import App, make_pipeline
from bot.config import Config
from bot.followups import whats_new
from bot.headline_choice import is_opinion, shown_headline
from bot.models import Article
from bot.nlp.sentences import split_sentences
from bot.nlp.summarise import default_summariser
from bot.nlp.terms import TermAnalyser

NOW = datetime(2031, 3, 3, 18, tzinfo=UTC)
NEWS = ("Twelve people died when the ferry Saint Brann capsized off Orlen harbour on Monday, the coastguard said. "
        "The ferry was carrying 64 people to the island of Tarn. Nine people are still missing.")
COLUMN = ("I have crossed to Tarn on the Saint Brann more times than I can count. Monday's capsizing, which killed "
          "twelve people on the ferry off Orlen harbour, was not an act of God. We must ground every old ferry now.")


def _article(key: str, title: str, url: str, text: str, hour: int) -> Article:
    return Article(id=key, url=url, title=title, outlet=key, text=text, sentences=split_sentences(text),
                   published=datetime(2031, 3, 3, hour, tzinfo=UTC))


@pytest.mark.parametrize("title", ["OPINION: Orlen's ferries are too old", "Opinion | Orlen's ferries are too old",
                                   "OP-ED: Orlen's ferries are too old", "Editorial - Orlen's ferries are too old",
                                   "Commentary: Orlen's ferries are too old"])
def test_an_opinion_label_is_shown_as_one(title: str) -> None:
    assert shown_headline(title) == "Opinion: Orlen's ferries are too old"


def test_other_labels_are_still_stripped_and_plain_titles_kept() -> None:
    assert shown_headline("LIVE: Ferry capsizes off Orlen") == "Ferry capsizes off Orlen"
    assert shown_headline("UPDATED: Ferry operator was warned") == "Ferry operator was warned"
    assert shown_headline("Opinion polls show a close race") == "Opinion polls show a close race"


@pytest.mark.parametrize(("title", "url", "expected"), [
    ("OPINION: The Saint Brann disaster was years in the making", "https://times.test/news/saint-brann", True),
    ("Opinion: The Saint Brann disaster was years in the making", "https://times.test/news/saint-brann", True),
    ("Op-ed | The Saint Brann disaster was years in the making", "https://times.test/news/saint-brann", True),
    ("The Saint Brann disaster was years in the making", "https://times.test/opinion/2031/03/saint-brann", True),
    ("The Saint Brann disaster was years in the making", "https://times.test/commentisfree/saint-brann", True),
    ("Twelve dead as ferry capsizes off Orlen", "https://times.test/news/ferry", False),
    ("Opinion polls show a close race in Orlen", "https://times.test/politics/polls", False),
    ("Ferry survivors give their opinion on the inquiry", "https://times.test/news/opinion-of-survivors", False),
])
def test_an_opinion_piece_is_known_by_its_label_or_its_section(title: str, url: str, expected: bool) -> None:
    assert is_opinion(_article("a", title, url, NEWS, 9)) is expected


async def test_a_story_with_a_news_report_is_summarised_from_it_not_from_the_column(tmp_path: Path) -> None:
    app = App(config=Config(), db_url=f"sqlite:///{tmp_path}/store.db", clock=lambda: NOW)
    pipeline = await make_pipeline(app, with_quotes=False)
    column = _article("col", "OPINION: The Saint Brann disaster was years in the making",
                      "https://times.test/opinion/saint-brann", COLUMN, 9)  # the earlier report
    news = _article("news", "Twelve dead as ferry capsizes off Orlen", "https://wire.test/orlen-ferry", NEWS, 10)
    [update] = pipeline._summaries([("s1", [column, news])], NOW)
    assert update.headline == "Twelve dead as ferry capsizes off Orlen"
    assert update.summary and {s.article_id for s in update.summary} == {"news"}
    [alone] = pipeline._summaries([("s2", [column])], NOW)  # a column alone is summarised, headed as one
    assert alone.headline == "Opinion: The Saint Brann disaster was years in the making"
    assert alone.summary and {s.article_id for s in alone.summary} == {"col"}
    unlabelled = replace(column, title="The Saint Brann disaster was years in the making")
    [section] = pipeline._summaries([("s3", [unlabelled])], NOW)  # known by its /opinion/ section alone
    assert section.headline == "Opinion: The Saint Brann disaster was years in the making"


def test_a_followups_new_lines_come_from_its_new_news_report_not_a_new_column() -> None:
    seen = _article("old", "Ferry capsizes off Orlen", "https://wire.test/orlen-ferry", NEWS, 9)
    column = _article("col", "OPINION: The Saint Brann disaster was years in the making",
                      "https://times.test/opinion/saint-brann", COLUMN, 10)
    later = ("Divers reached the hull of the Saint Brann on Tuesday morning, the navy said. The operator suspended "
             "every sailing to Tarn until inspectors have checked its fleet.")
    news = _article("news", "Divers reach Saint Brann hull", "https://wire.test/orlen-divers", later, 11)
    lines = whats_new(default_summariser(), [column, news], [seen], 3, TermAnalyser())
    assert lines and {s.article_id for s in lines} == {"news"}
    alone = whats_new(default_summariser(), [column], [seen], 3, TermAnalyser())
    assert alone and {s.article_id for s in alone} == {"col"}  # a column alone is what is new
