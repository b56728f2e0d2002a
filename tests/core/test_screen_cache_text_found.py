"""The shared screen of scheduled briefings and alerts reads a story's text by ``StemScreen.text_found`` (each run
read once with its hyphens): every decision is what reading ``found(reading_runs(...))`` decided, over invented
stories in several languages with hyphens, acronyms, symbols and quotes, its runs let go often or never."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from bot.nlp.terms import TermAnalyser
from bot.screen_cache import SharedScreen
from bot.topic_screen import StemScreen, may_match, reading_runs
from bot.topics import parse_topic
from tests.core.test_topic_screen_text_found import ALL_TOPICS, stories

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_the_shared_screen_decides_as_reading_the_runs_did() -> None:
    analyser = TermAnalyser()
    parsed = [parse_topic(q, analyser) for q in ALL_TOPICS]
    made = stories()
    passed = 0
    for seed in range(5):
        rng = random.Random(seed)
        channels = [rng.sample(parsed, rng.randint(1, 4)) for _ in range(3)]
        shared = SharedScreen(analyser, size=rng.choice([0, 50, 1000]))
        shared.RUNS = rng.choice([7, 200_000])
        shared.learn([t for topics in channels for t in topics])
        for topics in channels:
            screen, old = shared.for_topics(topics), StemScreen(topics, analyser)
            for story, articles in made:
                texts = [story.headline, *(s.text for a in articles for s in a.sentences),
                         *(t for q in story.quotes for t in (q.content, q.speaker))]
                stems, acronyms = old.found(reading_runs("\n".join(texts)))
                want = any(may_match(topic, acronyms, stems) for topic in topics)
                assert screen.read(story.id, T0, texts) == want, (seed, story.id)
                passed += want
    assert passed
