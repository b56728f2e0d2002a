"""A headline in title case (``Ai Safety Summit Opens``) writes a short acronym as a word (``Ai``): a topic phrase
with the acronym and a plain word (``"AI safety"``) finds it there, when the phrase matches in full; a lone ``Ai``
(a name: ``Ai Lin``), a text in sentence case and a common word (``Us``, ``It``, ``Who``) still do not. A word
written with ``&`` (``AT&T``) matches in any case (``At&t``). Every topic screen passes every story the matcher
matches."""

from __future__ import annotations

import random

import pytest

from bot.nlp.terms import words
from bot.topic_words import is_title_case
from bot.topics import StoryText, match_topics, parse_topic
from tests.core.topic_story import ANALYSER, T0, screens, screens_pass_what_matches, story

# (topic, headline it must match, headline it must not): invented headlines, the sentence saying nothing of them
CASES = [
    ('"AI safety"', "Ai Safety Summit Opens in Velmora", "Ai Lin Opens a Safety Summit in Velmora"),
    ('"AI safety"', "Ai Safety Summit Opens", "Ai safety summit opens in Velmora"),  # sentence case: a name
    ('"AI safety"', "The Ai Safety Rules of Velmora", "Ai Lin Talks About Safety"),
    ('"AI safety"', "AI safety summit opens in Velmora", "Safety summit opens in Velmora"),  # as before
    ('"UK economy"', "Uk Economy Shrinks for a Second Quarter", "Economy of the Uk Shrinks"),
    ('"EU AI act"', "Eu Ai Act Takes Effect", "Eu Ai Lin Acts on It"),
    ('"AI safety"', "Ai's Safety Record Under Scrutiny", "Ai Lin's Safety Record Under Scrutiny"),
    ('"US election"', "US Election Day Nears", "What Polls Tell Us Election Is Close"),  # "Us": a common word
    ('"IT jobs"', "IT Jobs Grow in Velmora", "Is It Jobs or Wages That Matter"),
    ('"WHO chief"', "WHO Chief Visits Velmora", "Who Chief Inspectors Blame"),
]


@pytest.mark.parametrize(("topic", "yes", "no"), CASES)
def test_a_title_case_headline_writes_a_short_acronym_in_a_phrase(topic: str, yes: str, no: str) -> None:
    parsed = [parse_topic(topic, ANALYSER)]
    assert match_topics(parsed, StoryText(story("Nothing to add.", headline=yes), analyser=ANALYSER)), (topic, yes)
    assert not match_topics(parsed, StoryText(story("Nothing to add.", headline=no), analyser=ANALYSER)), (topic, no)


# a lone short acronym stays strict: "Ai" in title case is as likely a name
LONE = [
    ("AI", "Ai Lin Wins the Velmora Prize"),
    ("AI", "Ai Safety Summit Opens"),
    ('"AI"', "Ai Safety Summit Opens"),
    ("EU", "Eu Wins the Velmora Prize"),
]


@pytest.mark.parametrize(("topic", "headline"), LONE)
def test_a_lone_short_acronym_does_not_find_its_title_case_word(topic: str, headline: str) -> None:
    parsed = [parse_topic(topic, ANALYSER)]
    assert not match_topics(parsed, StoryText(story("Nothing to add.", headline=headline), analyser=ANALYSER))


def test_why_names_the_headline() -> None:
    parsed = [parse_topic('"AI safety"', ANALYSER)]
    got = match_topics(parsed, StoryText(story("Nothing to add.", headline="Ai Safety Summit Opens"),
                                         analyser=ANALYSER))
    assert got is not None and got.why == "matched: AI safety — in the headline"


def test_a_name_in_title_case_finds_the_phrase() -> None:
    """An entity's name is title case too: ``Ai Safety Institute``."""
    s = story("Nothing to add.")
    parsed = [parse_topic('"AI Safety"', ANALYSER)]
    assert match_topics(parsed, StoryText(s, entities=["Ai Safety Institute"], analyser=ANALYSER)) is not None
    assert match_topics(parsed, StoryText(s, entities=["Ai Lin"], analyser=ANALYSER)) is None


@pytest.mark.parametrize(("text", "titled"), [
    ("Ai Safety Summit Opens in Velmora", True),
    ("The Ai Safety Rules of Velmora", True),
    ("Ai safety summit opens in Velmora", False),
    ("Ai Lin wrote the report.", False),
    ("Ai Safety", True),
    ("Safety", False),  # one word: no run
    ("AI SAFETY SUMMIT OPENS", True),
    ("Ai Safety was all he had", False),  # most words in lower case
])
def test_what_is_title_case(text: str, titled: bool) -> None:
    assert is_title_case(words(text)) == titled, text


# a word written with "&" matches in any case: no common word is written so
AMPERSAND = [
    ("AT&T", "At&t raised its prices.", "Prices rose at the port."),
    ("AT&T", "at&t raised its prices.", "At T's port prices rose."),
    ("AT&T", "AT&T's prices rose.", "AT prices rose."),
    ("at&t", "At&t raised its prices.", "Prices rose at the port."),
    ('"AT&T CEO"', "The At&t CEO resigned.", "The At&t ceo resigned."),  # CEO stays an acronym
    ("P&G", "Shares of p&g fell.", "Shares of PG fell."),
    ("AT&T", "The At&t-owned tower fell.", "The tower fell at dawn."),
]


@pytest.mark.parametrize(("topic", "yes", "no"), AMPERSAND)
def test_a_word_with_an_ampersand_matches_in_any_case(topic: str, yes: str, no: str) -> None:
    parsed = [parse_topic(topic, ANALYSER)]
    assert match_topics(parsed, StoryText(story(yes), analyser=ANALYSER)) is not None, (topic, yes)
    assert match_topics(parsed, StoryText(story(no), analyser=ANALYSER)) is None, (topic, no)


def test_a_word_with_an_ampersand_in_capitals_is_still_a_name() -> None:
    """Written with a capital, it is matched against the story's names too, as before; in lower case it is not."""
    s = story("Nothing to add.")
    assert match_topics([parse_topic("AT&T", ANALYSER)], StoryText(s, entities=["At&t Inc"], analyser=ANALYSER))
    assert not match_topics([parse_topic("at&t", ANALYSER)], StoryText(s, entities=["At&t Inc"], analyser=ANALYSER))


@pytest.mark.parametrize(("topic", "yes", "no"), [(t, y, n) for t, y, n in CASES] + AMPERSAND)
def test_the_screens_pass_these_stories(topic: str, yes: str, no: str) -> None:
    said, channel, own = screens(topic)
    for n, headline in enumerate((yes, no)):
        for s in (story("Nothing to add.", headline=headline), story(headline)):
            texts = [s.headline, s.summary[0].text]
            if said.match(s, ()) is not None:
                assert said.passes(s.headline, s.summary, ()), (topic, headline)
                assert channel.read(f"s{n}", T0, texts), (topic, headline)
                assert own.passes(texts), (topic, headline)


def test_the_screens_still_pass_over_a_lone_title_case_word() -> None:
    """``AI`` alone looks for ``AI`` in capitals: a story with only ``Ai`` is passed over, as before."""
    said, channel, own = screens("AI")
    s = story("Nothing to add.", headline="Ai Lin Wins the Velmora Prize")
    assert not said.passes(s.headline, s.summary, ())
    assert not channel.read("s1", T0, [s.headline, "Nothing to add."])
    assert not own.passes([s.headline, "Nothing to add."])


PIECES = ("Ai", "AI", "ai", "Ai's", "Safety", "safety", "Eu", "EU", "Act", "act", "Us", "US", "us", "It", "IT",
          "Election", "election", "Jobs", "Who", "WHO", "Chief", "the", "of", "The", "Velmora", "Lin", "Summit",
          "opens", "At&t", "AT&T", "at&t", "CEO", "Ceo", "Ai-Safety", "P&G", "p&g", "Uk", "UK", "Economy",
          # phrases, so that each topic finds some of the texts
          "Ai Safety", "Us Election", "US election", "It Jobs", "At&t Ceo", "Eu Ai Act", "Who Chief", "IT jobs",
          "WHO chief", "Uk Economy")
TOPICS = ('"AI safety"', "AI", "ai", '"EU AI act"', '"US election"', '"IT jobs"', '"WHO chief"', "AT&T", "at&t",
          '"AT&T CEO"', "P&G", '"UK economy"', '"AI safety" -Lin', "Velmora OR \"AI safety\"", '"ai safety"')


def test_no_screen_passes_over_a_title_case_story_the_matcher_matches() -> None:
    rng = random.Random(23)
    texts = []
    for _ in range(400):
        found = [rng.choice(PIECES) + rng.choice(("", "", ",", ".")) for _ in range(rng.randint(1, 7))]
        if rng.random() < 0.6:  # most in title case, as a headline
            found = [w[:1].upper() + w[1:] for w in found]
        text = " ".join(found)
        texts.append(text.upper() if rng.random() < 0.1 else text)
    for topic in TOPICS:
        assert 0 < screens_pass_what_matches(topic, texts) < len(texts), topic
