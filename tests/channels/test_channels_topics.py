"""Topic queries: parsing, stemmed matching against text, quotes and speakers, exclusions, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.models import Article, SourceRef, Story, SummarySentence
from bot.nlp.quotes import extract_attributions
from bot.nlp.terms import TermAnalyser
from bot.topics import StoryText, TopicError, compile_topics, explain, match_topics, parse_topic
from tests.channels.channel_fakes import make_article

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds" / "000_b21315b936b7ff70.txt"
ANALYSER = TermAnalyser()

# Written for this test: a sports story about a club that happens to be called NATO.
SPORT = ("The NATO Rovers beat Harbour Town 3-1 in the county sports league on Saturday. "
         "Coach Dana Pike said the NATO Rovers had trained hard all winter. "
         "The sports ground was full for the first time this season.")


def story_of(article: Article, *, quotes: bool = True) -> Story:
    summary = tuple(SummarySentence(s.text, article.id, s.index, s.start, s.end) for s in article.sentences[:3])
    return Story(id=article.id, headline=article.title, sources=(), summary=summary,
                 quotes=extract_attributions(article) if quotes else ())


@pytest.fixture(scope="module")
def seed_article() -> Article:
    if not SEED.exists():
        pytest.skip(f"the seed article is not at {SEED}")
    return make_article(SEED.read_text(encoding="utf-8"), title="Russia demands formal NATO guarantees",
                        outlet="Seed", url="https://seed.test/nato", source="seed", published=None)


@pytest.fixture(scope="module")
def sport_article() -> Article:
    return make_article(SPORT, title="NATO Rovers win derby", outlet="Local Sport", url="https://sport.test/1",
                        source="sport", published=None)


_STORIES: dict[str, Story] = {}


def text_of(article: Article) -> StoryText:
    if article.id not in _STORIES:  # quote extraction is the slow part: once per article
        _STORIES[article.id] = story_of(article)
    return StoryText(_STORIES[article.id], [article], analyser=ANALYSER)


def test_the_issue_example_why_line(seed_article: Article) -> None:
    match = match_topics([parse_topic("Bucharest", ANALYSER)], text_of(seed_article))
    assert match is not None and match.why == "matched: Bucharest — in 1 sentence and 1 quote"


def test_nato_minus_sport_gets_the_seed_story_and_not_the_sports_story(
        seed_article: Article, sport_article: Article) -> None:
    topics = [parse_topic("NATO -sport", ANALYSER)]
    seed = match_topics(topics, text_of(seed_article))
    assert seed is not None and seed.score > 0
    assert seed.why.startswith("matched: NATO — in ") and "sentences" in seed.why and "quote" in seed.why
    assert match_topics(topics, text_of(sport_article)) is None
    # without the exclusion the club's story matches on its name
    assert match_topics([parse_topic("NATO", ANALYSER)], text_of(sport_article)) is not None


def test_why_explains_each_decision(seed_article: Article, sport_article: Article) -> None:
    topics = [parse_topic("NATO -sport", ANALYSER)]
    [sport_line] = explain(topics, text_of(sport_article))
    assert sport_line == "not matched (NATO -sport): excluded by -sport, found in 2 sentences"
    [missing_line] = explain([parse_topic("Stoltenberg", ANALYSER)], text_of(seed_article))
    assert missing_line == "not matched (Stoltenberg): no sentence, quote or name mentions Stoltenberg"
    [seed_line] = explain(topics, text_of(seed_article))
    assert seed_line.startswith("matched: NATO — in ")


def test_names_match_quote_speakers(seed_article: Article) -> None:
    match = match_topics([parse_topic("Rutte", ANALYSER)], text_of(seed_article))
    assert match is not None and "quote" in match.why
    assert match_topics([parse_topic("Stoltenberg", ANALYSER)], text_of(seed_article)) is None


def test_words_are_stemmed_and_phrases_are_consecutive(seed_article: Article) -> None:
    text = text_of(seed_article)
    assert match_topics([parse_topic("guarantee", ANALYSER)], text) is not None  # "guarantees"
    assert match_topics([parse_topic("expands", ANALYSER)], text) is not None  # "expanding"
    assert match_topics([parse_topic('"embassy spokesperson"', ANALYSER)], text) is not None
    assert match_topics([parse_topic('"spokesperson embassy"', ANALYSER)], text) is None


def test_or_and_implicit_and(seed_article: Article) -> None:
    text = text_of(seed_article)
    assert match_topics([parse_topic("Stoltenberg OR Lavrov", ANALYSER)], text) is not None
    assert match_topics([parse_topic("Stoltenberg Lavrov", ANALYSER)], text) is None
    assert match_topics([parse_topic("Lavrov Kremlin", ANALYSER)], text) is not None


def test_acronyms_match_case_sensitively() -> None:
    article = make_article("Tell us what you think about the new park.", title="Park survey", outlet="o",
                           url="https://o.test/p", source="o", published=None)
    assert match_topics([parse_topic("US", ANALYSER)], text_of(article)) is None
    assert match_topics([parse_topic("us", ANALYSER)], text_of(article)) is not None


@pytest.mark.parametrize("topic", ["U.S.", "U.S", "NATO,", "NATO", "U.S. tariffs"])
def test_an_acronym_typed_with_its_dots_or_a_comma_still_matches(topic: str) -> None:
    article = make_article("The U.S. raised tariffs on steel on Monday, NATO officials said.", title="Tariffs",
                           outlet="o", url="https://o.test/t", source="o", published=None)
    assert match_topics([parse_topic(topic, ANALYSER)], text_of(article)) is not None
    other = make_article("Tell us about the steel tariffs and the nato-style drills.", title="Survey", outlet="o",
                         url="https://o.test/s", source="o", published=None)
    assert match_topics([parse_topic(topic.split()[0], ANALYSER)], text_of(other)) is None  # still case-sensitive


def test_several_topics_any_matches_and_why_lists_them(seed_article: Article) -> None:
    match = match_topics([parse_topic("Stoltenberg", ANALYSER), parse_topic("Peskov", ANALYSER)],
                         text_of(seed_article))
    assert match is not None and match.why.startswith("matched: Peskov — ")


def test_compile_topics_matches_a_story_on_its_own_text(seed_article: Article, sport_article: Article) -> None:
    matcher = compile_topics(["NATO -sport"])
    assert matcher(text_of(seed_article).story) is not None
    assert matcher(story_of(sport_article, quotes=False)) is None


@pytest.mark.parametrize(("query", "message"), [
    ("", "at least one word"),
    ("-sport", "not only -exclusions"),
    ("NATO OR", "OR needs a word on each side"),
    ("OR NATO", "OR needs a word on each side"),
    ('"Mark Rutte', "missing its closing quote"),
    ("NATO OR -sport", "OR cannot join an exclusion"),
    ("x" * 201, "at most 200 characters"),
    (" ".join(f"w{n}" for n in range(13)), "at most 12 terms"),
    ("!!!", "no words"),
])
def test_bad_topics_say_why(query: str, message: str) -> None:
    with pytest.raises(TopicError, match=message):
        parse_topic(query, ANALYSER)


def _carried_by(*outlets: str) -> StoryText:
    """A story about the harbour bridge carried by these outlets (written for this test)."""
    sources = tuple(SourceRef(f"a{n}", name, f"https://o{n}.test/b", "Bridge shut", None)
                    for n, name in enumerate(outlets))
    summary = (SummarySentence("The harbour bridge closed for repairs on Monday.", "a0", 0, 0, 47),)
    return StoryText(Story(id="s-b", headline="Harbour bridge shut", sources=sources, summary=summary),
                     analyser=ANALYSER)


def test_from_matches_the_outlets_carrying_a_story_and_minus_from_only_what_they_alone_carry() -> None:
    wire_only, with_daily = _carried_by("Associated Press", "Reuters"), _carried_by("Daily Bugle", "Reuters")
    bugle_only = _carried_by("The Daily Bugle")
    assert match_topics([parse_topic('bridge from:"associated press"', ANALYSER)], wire_only) is not None
    assert match_topics([parse_topic('from:Reuters', ANALYSER)], bugle_only) is None
    assert explain([parse_topic("bridge from:Reuters", ANALYSER)], bugle_only) == [
        "not matched (bridge from:Reuters): not carried by Reuters"]
    found = match_topics([parse_topic("bridge from:Reuters OR from:AP", ANALYSER)], with_daily)
    assert found is not None and found.why == "matched: bridge — in 1 sentence; from:Reuters — carried by Reuters"
    no_bugle = parse_topic('bridge -from:"Daily Bugle"', ANALYSER)
    assert match_topics([no_bugle], with_daily) is not None  # others carry it too: still news
    assert match_topics([no_bugle], bugle_only) is None
    assert explain([no_bugle], bugle_only) == [
        'not matched (bridge -from:"Daily Bugle"): excluded by -from:Daily Bugle: no other outlet carries it']
    both = parse_topic('bridge -from:"Daily Bugle" -from:Reuters', ANALYSER)
    assert match_topics([both], with_daily) is None  # every outlet carrying it is left out


def test_an_empty_from_says_why() -> None:
    with pytest.raises(TopicError, match="names no outlet"):
        parse_topic("bridge from:", ANALYSER)
