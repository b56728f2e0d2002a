"""Topic matching reads case and symbols as people mean them: an acronym in capitals (``WHO``, ``US``, ``IT``) only
matches itself in capitals, a common word in a quoted phrase (``"the who"``) does not match an acronym, and a word
written with a symbol (``c++``, ``c#``, ``.net``, ``at&t``) only its own form; every topic screen passes every story
the matcher matches, and passes over those without the acronyms a topic writes."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.models import Article, Sentence, Story, SummarySentence
from bot.nlp.terms import words
from bot.topic_screen import SaidMatcher
from bot.topic_words import may_hold_symbols, symbol_words
from bot.topics import StoryText, compile_topics, match_topics, parse_topic
from tests.core.topic_story import ANALYSER, T0, assert_matches_only, screens, screens_pass_what_matches, story

# (topic, sentence it must match, sentence it must not): invented sentences
CASES = [
    ('"the who"', "The Who announced a farewell tour of Velmora.", "The WHO warned of a flu wave in Velmora."),
    ('"the who"', "Fans of the who queued all night.", "A report by the WHO on clinics was published."),
    ("The Who", "The Who played their last show in Velmora.", "The WHO said the clinics reopened."),
    ("WHO", "The WHO said the clinics reopened.", "Nobody knows who said the clinics reopened."),
    ("WHO", "The WHO said the clinics reopened.", "Who said the clinics reopened?"),
    ('"WHO chief"', "The WHO chief visited Velmora.", "Nobody asked who chief inspectors were."),
    ("US", "US troops left the base.", "Tell us about the base."),
    ('"US election"', "The US election is in November.", "Tell us election stories."),
    ('"us election"', "Tell us election stories.", "The US election is in November."),
    ("IT", "The IT budget doubled.", "It doubled the budget."),
    ('"it jobs"', "Nobody said it jobs would vanish.", "IT jobs grew in Velmora."),
    ("AI", "An AI model wrote the report.", "Ai Lin wrote the report."),
    ("ai", "An AI model wrote the report.", "The report was written by hand."),
    ("nato", "NATO ministers met in Velmora.", "Ministers met in Velmora."),
    ("c++", "The engine is written in C++, not Rust.", "Plan C was dropped for the engine."),
    ("c++", "The engine is written in c++.", "The engine is written in C#."),
    ("C++", "The engine is written in c++.", "The engine is written in C."),
    ('"c++ compiler"', "A new C++ compiler shipped.", "A new C compiler shipped."),
    ("c#", "Tools written in C# were ported.", "Tools written in C were ported."),
    ("f#", "A course on F# opened.", "A course on F opened."),
    (".net", "The .NET runtime was updated.", "The fishing net was mended."),
    ("node.js", "The Node.js release fixed a leak.", "Each node of the grid failed."),
    ("at&t", "AT&T raised its prices.", "Prices rose at the port."),
]


@pytest.mark.parametrize(("topic", "yes", "no"), CASES)
def test_the_matcher_reads_case_and_symbols_as_meant(topic: str, yes: str, no: str) -> None:
    assert_matches_only(topic, yes, no)


@pytest.mark.parametrize(("topic", "yes", "no"), CASES)
def test_the_screens_pass_what_matches_and_pass_over_what_does_not(topic: str, yes: str, no: str) -> None:
    said, channel, own = screens(topic)
    for n, (sentence, want) in enumerate(((yes, True), (no, False))):
        s = story(sentence)
        assert said.passes(s.headline, s.summary, ()) or not want, (topic, sentence)
        assert (said.match(s, ()) is not None) == want, (topic, sentence)
        assert channel.read(f"s{n}", T0, [s.headline, sentence]) or not want, (topic, sentence)
        assert own.passes([s.headline, sentence]) or not want, (topic, sentence)
    # an acronym the topic writes is looked for as written by the screens too: a story without it is passed over
    if topic in ("WHO", "US", '"US election"', "IT", "AI", '"WHO chief"'):
        s = story(no)
        assert not said.passes(s.headline, s.summary, ()), (topic, no)
        assert not channel.read("s2", T0, [s.headline, no]), (topic, no)
        assert not own.passes([s.headline, no]), (topic, no)


# words in every case and with symbols around them, for texts the screens and the matcher must agree on
PIECES = ("WHO", "who", "Who", "the", "The", "THE", "US", "us", "U.S.", "IT", "it", "AI", "ai", "NATO", "nato", "C++",
          "c++", "C", "c", "C#", "c#", "F#", ".NET", "net", "Node.js", "node", "AT&T", "at", "T", "chief", "election",
          "compiler", "jobs", "Velmora", "WHO chief", "the WHO", "US election", "it jobs", "C++ compiler")
TOPICS = ('"the who"', "The Who", "WHO", '"WHO chief"', "US", '"US election"', '"us election"', "IT", '"it jobs"',
          "AI", "ai", "nato", "c++", "C++", '"c++ compiler"', "c#", "f#", ".net", "node.js", "at&t", "AT&T",
          "Velmora -WHO", "chief -c++", "WHO OR c#")


def test_no_screen_passes_over_a_story_the_matcher_matches() -> None:
    rng = random.Random(5)
    texts = []
    for _ in range(300):
        words = [rng.choice(PIECES) + rng.choice(("", "", ",", ".", "'s")) for _ in range(rng.randint(1, 8))]
        text = " ".join(words)
        texts.append(text.upper() if rng.random() < 0.1 else text)
    for topic in TOPICS:
        assert 0 < screens_pass_what_matches(topic, texts) < len(texts), topic


def test_a_headline_all_in_capitals_is_read_without_acronyms() -> None:
    """In a shouted headline capitals mark nothing: the band's name matches as typed in lower case."""
    match = compile_topics(['"the who"'], ANALYSER)
    assert match(story("A tour was announced.", headline="THE WHO ANNOUNCE A TOUR")) is not None
    assert compile_topics(["WHO"], ANALYSER)(story("Clinics reopened.", headline="WHO REOPENS CLINICS")) is not None


def test_a_quoted_speaker_and_why_follow_the_same_rules() -> None:
    said = [("The tour starts in spring.", "Roger Dalven of the WHO")]
    s = story("A tour was announced.")
    assert SaidMatcher(['"the who"'], ANALYSER).match(s, said) is None
    got = SaidMatcher(["WHO"], ANALYSER).match(s, said)
    assert got is not None and "WHO — in 1 quote" in got.why
    assert SaidMatcher(["c++"], ANALYSER).match(story("Written in C++ and C."), ()) is not None


def test_exclusions_follow_the_same_rules() -> None:
    match = compile_topics(["Velmora -WHO"], ANALYSER)
    assert match(story("Nobody knows who met in Velmora.")) is not None
    assert match(story("The WHO met in Velmora.")) is None
    match = compile_topics(["engine -c++"], ANALYSER)
    assert match(story("The engine ran on plan C.")) is not None
    assert match(story("The engine is in C++.")) is None


def test_a_story_in_another_language_follows_the_same_rules() -> None:
    """The headline and quotes of a story with an article in French are stemmed in French too: the acronym is kept
    there as well."""
    line = "Le WHO a publié un rapport sur les cliniques de Velmora."
    article = Article("a1", "", "", "Coast Wire", line, (Sentence(0, 0, len(line), line),), language="fr")
    s = Story("s1", "The WHO warned of a flu wave", (), (SummarySentence(line, "a1", 0, 0, len(line)),))
    assert match_topics([parse_topic('"the who"', ANALYSER)], StoryText(s, [article], analyser=ANALYSER)) is None
    assert match_topics([parse_topic("WHO", ANALYSER)], StoryText(s, [article], analyser=ANALYSER)) is not None
    band = Story("s2", "The Who announced a tour", (), ())
    assert match_topics([parse_topic('"the who"', ANALYSER)], StoryText(band, [article], analyser=ANALYSER))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZé1 .,+#&'’-_(\"\n"), max_size=24))
def test_a_text_without_the_hint_of_a_symbol_reads_as_words_do(text: str) -> None:
    """The matcher reads a text's symbols only where ``may_hold_symbols`` says they may be: elsewhere they are
    the words ``words`` finds."""
    if not may_hold_symbols(text):
        assert symbol_words(text) == words(text), text


def test_symbol_words_keep_the_symbol() -> None:
    assert symbol_words("Ports of C++, C# and F# to .NET (AT&T's, Node.js) and a.net") == [
        "Ports", "of", "C++", "C#", "and", "F#", "to", ".NET", "AT&T's", "Node.js", "and", "a.net"]
