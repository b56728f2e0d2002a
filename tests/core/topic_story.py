"""Shared pieces of the topic tests: a one-sentence story and the check that every screen passes what matches."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from bot.channel_evidence import TopicScreen
from bot.models import SourceRef, Story, SummarySentence
from bot.nlp.terms import TermAnalyser
from bot.screen_cache import ChannelScreen, SharedScreen
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.topic_screen import SaidMatcher
from bot.topics import compile_topics, match_story, parse_topic
from digests.compose import TopicMatch

ANALYSER = TermAnalyser()
T0 = datetime(2026, 11, 20, tzinfo=UTC)


def story(sentence: str, headline: str = "Velmora update") -> Story:
    return Story("s1", headline, (SourceRef("a1", "Coast Wire", "", "", None),),
                 (SummarySentence(sentence, "a1", 0, 0, len(sentence)),))


async def article_matcher(db: Database, stories: Sequence[Story],
                          topic: str) -> Callable[[Story], TopicMatch | None]:
    """A compose() matcher of stories loaded whole by the rule every surface matches by (``match_story``): each
    story with its stored articles, read here."""
    topics = [parse_topic(topic, ANALYSER)]
    by_id = {a.id: a for a in await ArticleStore(db).get_many([s.article_id for st in stories for s in st.sources])}
    articles = {st.id: [by_id[s.article_id] for s in st.sources if s.article_id in by_id] for st in stories}

    def match(story: Story) -> TopicMatch | None:
        return match_story(topics, story, articles.get(story.id, ()), analyser=ANALYSER)

    return match


def screens(topic: str) -> tuple[SaidMatcher, ChannelScreen, TopicScreen]:
    """The three topic screens for one topic: the quotes' matcher, a channel's shared screen, a source's own."""
    parsed = parse_topic(topic, ANALYSER)
    return SaidMatcher([topic], ANALYSER), SharedScreen(ANALYSER).for_topics([parsed]), TopicScreen([parsed], ANALYSER)


def screens_pass_what_matches(topic: str, texts: list[str]) -> int:
    """Each text as a story (the text before it its headline): every screen passes each the matcher matches;
    returns how many it matched."""
    said, channel, own = screens(topic)
    matched = 0
    for n, text in enumerate(texts):
        s = story(text, headline=texts[n - 1])
        want = said.match(s, ()) is not None
        matched += want
        if want:
            assert said.passes(s.headline, s.summary, ()), (topic, text)
            assert channel.read(f"s{n}", T0, [s.headline, text]), (topic, text)
            assert own.passes([s.headline, text]), (topic, text)
    return matched


def assert_matches_only(topic: str, yes: str, no: str) -> None:
    """The topic matches a story of the sentence ``yes`` and not one of ``no``."""
    match = compile_topics([topic], ANALYSER)
    assert match(story(yes)) is not None, (topic, yes)
    assert match(story(no)) is None, (topic, no)


def screens_pass_stories(topic: str, *sentences: str) -> int:
    """Each sentence as a one-sentence story: every screen passes each the quotes' matcher matches; returns how
    many it matched."""
    said, channel, own = screens(topic)
    matched = 0
    for n, sentence in enumerate(sentences):
        s = story(sentence)
        if said.match(s, ()) is not None:
            matched += 1
            assert said.passes(s.headline, s.summary, ()), (topic, sentence)
            assert channel.read(f"s{n}", T0, [s.headline, sentence]), (topic, sentence)
            assert own.passes([s.headline, sentence]), (topic, sentence)
    return matched


def hyphenated_texts(seed: int, pieces: Sequence[str], *, most_words: int, join_chance: float,
                     endings: tuple[str, ...], upper_chance: float = 0.0) -> list[str]:
    """300 random texts of 1 to ``most_words`` pieces, each joined by hyphens to more pieces while a draw falls under
    ``join_chance``, then given one of ``endings``; in capitals when a draw falls under ``upper_chance`` (none if 0)."""
    rng = random.Random(seed)
    texts = []
    for _ in range(300):
        found = []
        for _ in range(rng.randint(1, most_words)):
            word = rng.choice(pieces)
            while rng.random() < join_chance:  # pieces joined by hyphens, as a compound
                word += "-" + rng.choice(pieces).split()[0]
            found.append(word + rng.choice(endings))
        text = " ".join(found)
        texts.append(text.upper() if upper_chance and rng.random() < upper_chance else text)
    return texts
