"""An obituary joining the news of a death: the story is headed by the news report's headline (the obituary's,
"Ales Marek, the president who steered Tarnovia to democracy", does not say he died), a follow-up's too; an
obituary that heads a story alone keeps its label, shown as "Obituary: ...". Its lines about the person's life are
facts, not opinion, and stay summary material. Texts written for this test; people and places invented."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.headline_choice import headline_article, is_obituary, newest_headline_source, shown_headline
from bot.models import Article, SourceRef
from bot.nlp.sentences import split_sentences

NEWS = "Ales Marek, who led Tarnovia as president in the 1990s, has died at the age of 84, his family said."
LIFE = "Ales Marek, who has died aged 84, was a shipyard engineer who became the first freely elected president."


def _article(key: str, title: str, url: str, text: str, hour: int) -> Article:
    return Article(id=key, url=url, title=title, outlet=key, text=text, sentences=split_sentences(text),
                   published=datetime(2031, 5, 4, hour, tzinfo=UTC))


@pytest.mark.parametrize(("title", "url", "expected"), [
    ("OBITUARY: Ales Marek, the president who steered Tarnovia to democracy", "https://o.test/news/marek", True),
    ("Obituary | Ales Marek, the president who steered Tarnovia", "https://o.test/news/marek", True),
    ("Ales Marek obituary", "https://o.test/news/marek", True),
    ("Ales Marek – obituary", "https://o.test/news/marek", True),
    ("Ales Marek, the president who steered Tarnovia", "https://o.test/obituaries/2031/may/04/marek", True),
    ("Ales Marek, the president who steered Tarnovia", "https://o.test/news/obituary/ales-marek", True),
    ("Former president Ales Marek dies at 84", "https://o.test/news/marek-dies", False),
    ("Obituary writers gather in Belgrast for their congress", "https://o.test/culture/congress", False),
    ("Marek's son reads an obituary at the funeral", "https://o.test/news/marek-funeral", False),
])
def test_an_obituary_is_known_by_its_label_or_its_section(title: str, url: str, expected: bool) -> None:
    assert is_obituary(_article("a", title, url, LIFE, 7)) is expected


def test_the_news_of_the_death_heads_a_story_an_earlier_obituary_joined() -> None:
    obituary = _article("observer", "OBITUARY: Ales Marek, the president who steered Tarnovia to democracy",
                        "https://observer.test/obituaries/marek", LIFE, 7)
    news = _article("herald", "Former president Ales Marek dies at 84", "https://herald.test/news/marek", NEWS, 9)
    assert headline_article([obituary, news]) is news
    assert headline_article([obituary]) is obituary


def test_a_follow_up_is_headed_by_news_before_a_later_obituary() -> None:
    news = SourceRef("herald", "Tarnovia Herald", "https://herald.test/news/marek-funeral",
                     "State funeral for Ales Marek set for Friday", datetime(2031, 5, 4, 9, tzinfo=UTC))
    obituary = SourceRef("observer", "Northern Observer", "https://observer.test/obituaries/marek",
                         "Ales Marek, the president who steered Tarnovia to democracy",
                         datetime(2031, 5, 4, 11, tzinfo=UTC))
    assert newest_headline_source([news, obituary]) is news


@pytest.mark.parametrize("title", ["OBITUARY: Ales Marek, the president who steered Tarnovia",
                                   "Obituary | Ales Marek, the president who steered Tarnovia",
                                   "obituary - Ales Marek, the president who steered Tarnovia"])
def test_an_obituary_label_is_shown_as_one(title: str) -> None:
    assert shown_headline(title) == "Obituary: Ales Marek, the president who steered Tarnovia"


def test_an_obituary_from_an_obituaries_section_is_shown_as_one() -> None:
    assert shown_headline("Ales Marek, the president who steered Tarnovia", "https://o.test/obituaries/marek") == (
        "Obituary: Ales Marek, the president who steered Tarnovia")
    assert shown_headline("Ales Marek obituary", "https://o.test/obituaries/marek") == "Ales Marek obituary"


def test_other_titles_are_shown_as_they_are() -> None:
    assert shown_headline("Ales Marek obituary") == "Ales Marek obituary"
    assert shown_headline("Obituary writers gather in Belgrast") == "Obituary writers gather in Belgrast"
