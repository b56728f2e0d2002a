"""Shared pieces of the topic tests: a one-sentence story and the check that every screen passes what matches."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.channel_evidence import TopicScreen
from bot.models import SourceRef, Story, SummarySentence
from bot.nlp.terms import TermAnalyser
from bot.screen_cache import ChannelScreen, SharedScreen
from bot.topic_screen import SaidMatcher
from bot.topics import compile_topics, parse_topic

ANALYSER = TermAnalyser()
T0 = datetime(2026, 11, 20, tzinfo=UTC)


def story(sentence: str, headline: str = "Velmora update") -> Story:
    return Story("s1", headline, (SourceRef("a1", "Coast Wire", "", "", None),),
                 (SummarySentence(sentence, "a1", 0, 0, len(sentence)),))


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
