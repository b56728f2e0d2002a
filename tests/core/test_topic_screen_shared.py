"""The topic screen shared by the channels of a tick decides as each channel's own screen does, whatever topics the
channels have and learn in whatever order, as stories change; and it keeps what it read for the next channel."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channel_evidence import TopicScreen
from bot.models import Article, Story
from bot.nlp.terms import TermAnalyser, normalise_apostrophes, words
from bot.screen_cache import SharedScreen
from bot.topic_screen import _APOSTROPHES, _EDGES, distinct_words
from bot.topics import StoryText, Topic, match_topics, parse_topic
from tests.core.test_topic_screen import LANGUAGE_TOPICS, TOPICS, language_story, story

# besides the other tests' topics: outlets alone and beside words, exclusions of words, acronyms and outlets
MORE_TOPICS = ("from:Coast", "from:\"Valley Times\" OR NATO", "ferry -NATO", "US -from:Valley", "-summit Rutte",
               "NATO Bucharest", "U.S. OR réformes", "Straße -Äpfel", "happy running", "isola OR US")
QUERIES = (*TOPICS, *LANGUAGE_TOPICS, *MORE_TOPICS)
T0 = datetime(2026, 11, 20, tzinfo=UTC)


def made(rng: random.Random, n: int) -> tuple[Story, list[Article]]:
    """An English story of summary and quotes alone, or one of articles in several languages."""
    return (story(rng, n), []) if rng.random() < 0.5 else language_story(rng, n)


def read(found: tuple[Story, list[Article]]) -> list[str]:
    """What the matcher reads of a story, as the scheduled briefing's screen is given it."""
    s, articles = found
    sentences = [x.text for a in articles for x in a.sentences] or [x.text for x in s.summary]
    return [s.headline, *sentences, *(t for q in s.quotes for t in (q.content, q.speaker))]


def test_the_shared_screen_decides_as_each_channels_own_screen() -> None:
    analyser = TermAnalyser()
    parsed = {q: parse_topic(q, analyser) for q in QUERIES}
    for seed in range(6):
        rng = random.Random(seed)
        stories = {f"s{n}": made(rng, n) for n in range(120)}
        changed = {i: T0 for i in stories}
        channels = [[parsed[q] for q in rng.sample(QUERIES, rng.randint(1, 3))] for _ in range(6)]
        own = [TopicScreen(topics, analyser) for topics in channels]
        shared = SharedScreen(analyser, size=rng.choice([0, 40, 1000]))
        shared.WORDS = rng.choice([3, 100_000])  # its stem screen let go often, or never
        hits = misses = passed = passed_over = 0
        for tick in range(4):
            for i in rng.sample(sorted(stories), 30):  # stories change between ticks: read again
                stories[i] = made(rng, int(i[1:]))
                changed[i] = T0 + timedelta(hours=tick + 1)
            for c in rng.sample(range(len(channels)), len(channels)):
                if rng.random() < 0.6:  # as the tick's first channel learns every channel's topics: or some of them
                    shared.learn([t for other in rng.sample(channels, rng.randint(0, 6)) for t in other]
                                 + (channels[c] if rng.random() < 0.7 else []))
                screen = shared.for_topics(channels[c])
                for i in rng.sample(sorted(stories), len(stories)):
                    decided = screen.cached(i, changed[i])
                    if decided is None:
                        misses += 1
                        decided = screen.read(i, changed[i], read(stories[i]))
                    else:
                        hits += 1
                    assert decided == own[c].passes(read(stories[i])), (seed, tick, channels[c], stories[i])
                    passed += decided
                    passed_over += not decided
                    s, articles = stories[i]
                    pairs = [(q.content, q.speaker) for q in s.quotes]
                    if not decided:  # never passes over a match
                        assert match_topics(channels[c], StoryText(s, articles, analyser=analyser, said=pairs)) is None
        assert misses
        assert hits or (shared.SIZE and len(shared) == 0)


def test_a_reading_serves_every_channel_whose_topics_were_learned() -> None:
    analyser = TermAnalyser()
    rng = random.Random(3)
    stories = {f"s{n}": made(rng, n) for n in range(80)}
    topics: list[list[Topic]] = [[parse_topic(q, analyser)] for q in ("ferry", "NATO OR réformes", "Rutte -summit")]
    shared = SharedScreen(analyser)
    shared.learn([t for ts in topics for t in ts])
    first = shared.for_topics(topics[0])
    assert first.known()
    for i, found in stories.items():
        assert first.cached(i, T0) is None
        first.read(i, T0, read(found))
    for ts in topics[1:]:  # the others read nothing
        screen = shared.for_topics(ts)
        own = TopicScreen(ts, analyser)
        assert [screen.cached(i, T0) for i in stories] == [own.passes(read(f)) for f in stories.values()]
    assert all(shared.for_topics(topics[0]).cached(i, T0 + timedelta(seconds=1)) is None for i in stories)
    new = [parse_topic("Bucharest", analyser)]  # a topic not learned: every story read again
    late = shared.for_topics(new)
    assert not late.known()
    assert all(late.cached(i, T0) is None for i in stories)
    for i, found in stories.items():
        assert late.read(i, T0, read(found)) == TopicScreen(new, analyser).passes(read(found))
    assert late.known() and shared.for_topics(topics[1]).known()  # learned beside the ones before
    assert all(late.cached(i, T0) is not None for i in stories)


def test_the_shared_screen_keeps_at_most_its_size() -> None:
    analyser = TermAnalyser()
    shared = SharedScreen(analyser, size=5)
    screen = shared.for_topics([parse_topic("ferry", analyser)])
    for n in range(12):
        assert screen.read(f"s{n}", T0, [f"The ferry {n} sailed."])
    assert len(shared) == 5
    assert [screen.cached(f"s{n}", T0) for n in range(12)] == [None] * 7 + [True] * 5



# letters (a capital whose lower case is two characters, a final sigma, a combining accent, CJK), digits and other
# numbers, the underscore, what joins a word (apostrophes of every kind, dot, comma, hyphen), the marks stripped
# around words, and white space of every kind str.split knows
TRICKY = ("aZé_9²½İςΣ\u0301中'’‘`´.,-" + _EDGES + " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2009"
          "\u200a\u2028\u2029\u202f\u205f\u3000\u200b\u00ad")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=40) | st.text(max_size=40))
def test_distinct_words_are_the_set_of_words(text: str) -> None:
    assert distinct_words(text) == set(words(text))


def test_distinct_words_know_every_character_as_words_does() -> None:
    """Each character alone and between two letters (a joiner, a space...), a block of them at a time; and the
    apostrophes it normalises are those ``normalise_apostrophes`` does."""
    chars = [chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF]
    for start in range(0, len(chars), 2048):
        block = chars[start:start + 2048]
        text = "\n".join(f"{c} a{c}b {c}{c}x" for c in block)
        assert distinct_words(text) == set(words(text)), hex(ord(block[0]))
    normal = normalise_apostrophes("".join(chars))
    assert [c for c, n in zip(chars, normal, strict=True) if n != c] == sorted(_APOSTROPHES)
    assert {normal[chars.index(c)] for c in _APOSTROPHES} == {"'"}
