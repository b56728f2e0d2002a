"""Topics typed in French or German match stories in that language by its own stems, given with their articles or
without them; English readings still match, so nothing that matched before stops matching."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from bot.models import Article, SourceRef, Story, SummarySentence
from bot.nlp.terms import TermAnalyser
from bot.topic_screen import SaidMatcher, StemScreen, may_match
from bot.topics import StoryText, compile_topics, explain, match_topics, parse_topic
from tests.multilingual_samples import FERRY_FR_1, PENSIONS_DE, PENSIONS_FR, article


def story_of(articles: Sequence[Article]) -> Story:
    """A story whose summary is every sentence of its articles, headed by the first one's title."""
    summary = tuple(SummarySentence(s.text, a.id, s.index, s.start, s.end) for a in articles for s in a.sentences)
    sources = tuple(SourceRef(a.id, a.outlet, a.url, a.title, a.published) for a in articles)
    return Story("s-" + articles[0].id, articles[0].title, sources, summary)


CASES = [  # (article, its language, a topic typed in that language whose words the article inflects otherwise)
    (PENSIONS_FR, "fr", "réforme des retraites"),  # the article says "réformer" and "retraite"
    (PENSIONS_DE, "de", "Rentenreform"),  # the article says "Rentenreformen"
]


@pytest.mark.parametrize(("pair", "language", "topic"), CASES)
def test_a_topic_matches_an_article_in_its_language_with_or_without_the_articles(
        pair: tuple[str, str], language: str, topic: str) -> None:
    a = article(pair, language, outlet="zeitung")
    story = story_of([a])
    parsed = parse_topic(topic)
    assert match_topics([parsed], StoryText(story, [a])) is not None  # as channel deliveries match
    assert compile_topics([topic])(story) is not None  # a story without its articles: the language its words show
    said = SaidMatcher([topic])  # as briefings match, the screen first
    assert said.passes(story.headline, story.summary, []) and said.match(story, []) is not None
    # read as English, as every article was before, the inflected word was not found
    english = article(pair, "en", outlet="zeitung")
    assert match_topics([parsed], StoryText(story_of([english]), [english])) is None


def test_why_says_where_each_word_was_found() -> None:
    a = article(PENSIONS_FR, "fr", outlet="journal")
    assert explain([parse_topic("réforme des retraites")], StoryText(story_of([a]), [a])) == [
        "matched: réforme — in 1 sentence; des — in 2 sentences; retraites — in 1 sentence"]


def test_a_topic_in_one_language_does_not_match_an_article_about_the_same_thing_in_another() -> None:
    french, german = article(PENSIONS_FR, "fr", outlet="journal"), article(PENSIONS_DE, "de", outlet="zeitung")
    assert match_topics([parse_topic("Rentenreform")], StoryText(story_of([french]), [french])) is None
    assert match_topics([parse_topic("réforme des retraites")], StoryText(story_of([german]), [german])) is None


def test_a_story_in_two_languages_matches_each_languages_topic_in_its_own_articles() -> None:
    french, german = article(PENSIONS_FR, "fr", outlet="journal"), article(PENSIONS_DE, "de", outlet="zeitung", hours=1)
    text = StoryText(story_of([french, german]), [french, german])
    for topic in ("réforme des retraites", "Rentenreform", '"système de retraite"', "Rentenreform OR réformer"):
        assert match_topics([parse_topic(topic)], text) is not None, topic
    assert match_topics([parse_topic('"retraite système"')], text) is None  # a phrase is still in order


def test_names_speakers_and_outlets_match_as_before() -> None:
    a = article(FERRY_FR_1, "fr", outlet="courrier")
    story = story_of([a])
    said = [("« Les bateaux partiront le 14 juin », a-t-elle dit.", "Claire Dumarais")]
    found = SaidMatcher(["Dumarais"]).match(story, said)
    assert found is not None and found.why == "matched: Dumarais — in 1 sentence and 1 quote"
    assert SaidMatcher(["from:courrier ferry"]).match(story, said) is not None
    assert SaidMatcher(["from:gazette ferry"]).match(story, said) is None


@pytest.mark.parametrize(("pair", "language"), [(PENSIONS_FR, "fr"), (PENSIONS_DE, "de"), (FERRY_FR_1, "fr")])
def test_what_matched_read_as_english_still_matches_in_the_articles_language(
        pair: tuple[str, str], language: str) -> None:
    own, english = article(pair, language, outlet="x"), article(pair, "en", outlet="x")
    words = {w for s in own.sentences for w in s.text.replace(",", " ").replace(".", " ").split()}
    for word in sorted(words):
        topic = parse_topic(word.strip("«»():'\""), TermAnalyser()) if word.strip("«»():'\"") else None
        if topic is None:
            continue
        if match_topics([topic], StoryText(story_of([english]), [english])) is not None:
            assert match_topics([topic], StoryText(story_of([own]), [own])) is not None, word


def test_the_screen_finds_a_word_stemmed_in_another_language_and_passes_over_the_rest() -> None:
    analyser = TermAnalyser()
    topics = [parse_topic("Rentenreform", analyser)]
    screen = StemScreen(topics, analyser)
    raw = {"Pläne", "für", "mehrere", "Rentenreformen"}
    assert may_match(topics[0], raw, screen.stems(raw))
    other = {"Pläne", "für", "Renten", "Reformen"}
    assert not may_match(topics[0], other, screen.stems(other))
