"""The topic screen's fast reading (each distinct run between spaces tokenised once, English stems only of the words
that begin as a wanted stem does) finds what the plain definition finds: every word of the text stemmed in English
and in every other language, the wanted stems and acronyms kept."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.nlp.terms import TermAnalyser, words
from bot.screen_cache import SharedScreen
from bot.topic_screen import SaidMatcher, StemScreen, chunks, may_match, run_words
from bot.topic_stems import FOREIGN, tagged_stem
from bot.topic_words import acronym_of
from bot.topics import Topic, parse_topic
from tests.core.test_topic_screen import LANGUAGE_TOPICS, LANGUAGE_WORDS, TOPICS, VOCABULARY, story
from tests.core.test_topic_screen_shared import MORE_TOPICS, made, read

QUERIES = (*TOPICS, *LANGUAGE_TOPICS, *MORE_TOPICS)
WORDS = (*VOCABULARY, *(w for line in LANGUAGE_WORDS.values() for w in line.split()))
# around and between words: what runs between spaces carry besides letters
MARKS = ("", "", "", ".", ",", "'s", "’", "(", ")", "\"", "“", "”", "-", "—", "…", "/", ":", "?!", "«", "»", "`", "´")
SPACES = (" ", " ", " ", "\n", "\t", "  ", "\u00a0", "\u2009")
T0 = datetime(2026, 11, 20, tzinfo=UTC)


def plain(topics: list[Topic], analyser: TermAnalyser, text: str) -> tuple[set[str], set[str]]:
    """The definition: of every word of the text, its English stem and its tagged stem in every other language,
    those some topic's terms look for; and the words that are the topics' acronyms."""
    terms = [t for topic in topics for clause in topic.clauses for t in clause if not t.outlet]
    wanted = {s for t in terms for s in t.stems}
    tagged = {s for t in terms for _, stems in t.foreign for s in stems}
    acronyms = {t.word for t in terms if t.acronym}
    raw = set(words(text))
    stems = {analyser.stem(w) for w in raw} & wanted
    stems |= {tagged_stem(analyser.for_language(language), w) for language in FOREIGN for w in raw} & tagged
    return stems, {a for w in raw if (a := acronym_of(w)) in acronyms}  # "EU's" writes EU


def noisy(rng: random.Random, n: int) -> str:
    """Words of several languages with marks around and inside them, between spaces of every kind."""
    out = []
    for _ in range(n):
        word = rng.choice(WORDS)
        if rng.random() < 0.2:
            word = word.upper() if rng.random() < 0.5 else word + rng.choice(MARKS) + rng.choice(WORDS)
        out.append(rng.choice(MARKS) + word + rng.choice(MARKS) + rng.choice(SPACES))
    return "".join(out)


def test_the_runs_yield_what_the_plain_definition_finds() -> None:
    analyser = TermAnalyser()
    parsed = {q: parse_topic(q, analyser) for q in QUERIES}
    for seed in range(8):
        rng = random.Random(seed)
        topics = [parsed[q] for q in rng.sample(QUERIES, rng.randint(1, 6))]
        screen = StemScreen(topics, analyser)  # one screen for every text: what it kept of earlier runs is used
        found = 0
        for _ in range(150):
            text = noisy(rng, rng.randint(0, 40))
            want = plain(topics, analyser, text)
            assert screen.found(chunks(text)) == want, (seed, text)
            raw = set(words(text))
            assert screen.stems(raw) == want[0]
            assert StemScreen(topics, TermAnalyser()).found(chunks(text)) == want  # a fresh one too
            found += bool(want[0] or want[1])
        assert found and screen.chunks_seen


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=12).map(" ".join))
def test_any_text_yields_what_the_plain_definition_finds(text: str) -> None:
    analyser = TermAnalyser()
    topics = [parse_topic(q, analyser) for q in ("ferry", "NATO OR U.S.", "réformes", "Straße -Äpfel", "yelling")]
    assert StemScreen(topics, analyser).found(chunks(text)) == plain(topics, analyser, text)
    assert set().union(*map(run_words, chunks(text))) == set(words(text))


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_an_english_stem_begins_as_its_word(text: str) -> None:
    """What the screen skips stemming by: a word the tokeniser finds stems to something that begins with its
    lower-case form's first character."""
    analyser = TermAnalyser()
    for word in words(text):
        low = word.lower()
        assert analyser.stem(low)[:1] == low[:1], word


def test_an_english_stem_begins_as_its_word_for_the_stemmers_own_cases() -> None:
    analyser = TermAnalyser()
    special = ("skies", "skis", "dying", "lying", "tying", "idly", "gently", "ugly", "early", "only", "singly", "news",
               "yelling", "Yves", "ayes", "generously", "communities", "arsenals", "ies", "ied", "y's", "Rutte’s",
               "o'clock", "İstanbul", "ΟΔΟΣ", "Ærøskøbing", "ﬁnance", "ŉumber")
    for word in (*special, *WORDS):
        for found in words(word):
            low = found.lower()
            assert analyser.stem(low)[:1] == low[:1], found


def test_the_shared_screen_decides_as_the_plain_definition() -> None:
    """Stories read through the shared screen (runs kept across stories, let go often or never) pass exactly when
    some channel topic may match by the plain definition."""
    analyser = TermAnalyser()
    parsed = {q: parse_topic(q, analyser) for q in QUERIES}
    for seed in range(4):
        rng = random.Random(seed)
        stories = {f"s{n}": made(rng, n) for n in range(150)}
        channels = [[parsed[q] for q in rng.sample(QUERIES, rng.randint(1, 3))] for _ in range(4)]
        shared = SharedScreen(analyser)
        shared.RUNS = rng.choice([5, 200_000])
        shared.learn([t for topics in channels for t in topics])
        for tick, topics in enumerate(channels):
            screen = shared.for_topics(topics)
            for i, found in stories.items():
                texts = read(found)
                text = "\n".join(texts)
                stems, acronyms = plain(topics, analyser, text)
                want = any(may_match(topic, acronyms, stems) for topic in topics)
                assert screen.read(i, T0 + timedelta(hours=tick), texts) == want, (seed, topics, found)


def test_the_briefing_screen_passes_as_the_plain_definition() -> None:
    analyser = TermAnalyser()
    rng = random.Random(4)
    stories = [story(rng, n) for n in range(300)]
    for query in (*TOPICS, *MORE_TOPICS):
        matcher = SaidMatcher([query], analyser)
        topic = parse_topic(query, analyser)
        passed = 0
        for s in stories:
            said = [(q.content, q.speaker) for q in s.quotes]
            text = "\n".join([s.headline, *(x.text for x in s.summary), *(t for pair in said for t in pair)])
            stems, acronyms = plain([topic], analyser, text)
            want = may_match(topic, acronyms, stems)
            assert matcher.passes(s.headline, s.summary, said) == want, (query, s)
            passed += want
        assert passed < len(stories) or query.startswith(("from:", "-")), query
