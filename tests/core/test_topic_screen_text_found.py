"""The on-demand topic screen's cheaper reading changes no decision: ``StemScreen.text_found`` (each run read once
with its hyphens) finds what ``found(reading_runs(...))`` finds, ``SaidMatcher.passes`` says what it said, and
``SaidMatcher.match`` (a sentence or quote holding none of the story's screened runs left unread) says what the
plain matcher says, over invented stories in several languages with hyphens, acronyms, symbols and quotes."""

from __future__ import annotations

import random

from bot.models import Article, Attribution, Sentence, Story, SummarySentence
from bot.nlp.terms import TermAnalyser
from bot.topic_screen import SaidMatcher, StemScreen, may_match, reading_runs, story_runs
from bot.topics import StoryText, match_topics, parse_topic
from tests.core.test_topic_screen import LANGUAGE_TOPICS, language_story
from tests.core.test_topic_screen_runs import QUERIES, noisy
from tests.core.test_topic_story_text import ENGLISH, ENGLISH_TOPICS, english_story

# invented lines: a name, acronyms, symbols, hyphens and possessives in quotes and speakers
SAID = ("NATO's envoy Merrin said the US-China deal was done.", "We will not cut the ferry, said the mayor.",
        "Ai Safety Summit Opens", "The c++ build broke; AT&T knew.", "It is over for us.", "Pumping goes on.",
        "e-mail-based voting is next", "L'économie des retraites va mal.", "Die Rentenreform kommt.")
SPEAKERS = ("Councillor Merrin", "Ana Ostrelle", "the WHO", "US envoy", "Claire Dumarais", "a ferry pilot")
ALL_TOPICS = tuple(dict.fromkeys((*QUERIES, *LANGUAGE_TOPICS, *ENGLISH_TOPICS, "Merrin OR Ostrelle -ferry",
                                   '"US envoy"', "WHO", "election -football", '"interest rates"')))


def quoted_story(rng: random.Random, n: int) -> tuple[Story, list[Article]]:
    """An English story whose quotes (and their speakers) may hold what its sentences do not."""
    story, articles = english_story(rng, n)
    quotes = tuple(Attribution(articles[0].id, rng.choice(SPEAKERS), "he", "said", rng.choice(SAID), "direct", 0, 0,
                               5) for _ in range(rng.randint(0, 3)))
    return Story(story.id, story.headline, story.sources, story.summary, quotes), articles


def noisy_story(rng: random.Random, n: int) -> tuple[Story, list[Article]]:
    """A story of noisy words of several languages (marks, capitals, odd spaces) in its sentences and quotes."""
    lines = [noisy(rng, rng.randint(2, 15)) + rng.choice(ENGLISH) for _ in range(rng.randint(1, 6))]
    sentences, text = [], ""
    for i, line in enumerate(lines):
        sentences.append(Sentence(i, len(text), len(text) + len(line), line))
        text += line + " "
    article = Article(f"n{n}", "", "", "outlet", text, tuple(sentences))
    quotes = tuple(Attribution(article.id, noisy(rng, 2), "she", "said", noisy(rng, 6), "direct", 0, 0, 5)
                   for _ in range(rng.randint(0, 2)))
    summary = (SummarySentence(sentences[0].text, article.id, 0, 0, 1),)
    return Story(f"n{n}", noisy(rng, 5), (), summary, quotes), [article]


def stories() -> list[tuple[Story, list[Article]]]:
    rng = random.Random(23)
    return ([language_story(rng, n) for n in range(120)] + [english_story(rng, n) for n in range(120)]
            + [quoted_story(rng, n) for n in range(160)] + [noisy_story(rng, n) for n in range(120)])


def test_text_found_finds_what_the_runs_read_with_their_hyphens_find() -> None:
    analyser = TermAnalyser()
    parsed = [parse_topic(q, analyser) for q in ALL_TOPICS]
    rng = random.Random(4)
    texts = [t for story, articles in stories() for t in (story.headline, *(s.text for a in articles
                                                                            for s in a.sentences),
                                                          *(q.content for q in story.quotes))]
    for seed in range(6):
        topics = rng.sample(parsed, rng.randint(1, 5))
        kept, read = StemScreen(topics, analyser), StemScreen(topics, analyser)  # one for every text, each alone
        found = 0
        for text in rng.sample(texts, 300):
            want = read.found(reading_runs(text))
            assert kept.text_found(text) == want, (seed, text)
            assert StemScreen(topics, analyser).text_found(text) == want, (seed, text)
            found += bool(want[0] or want[1])
        assert found, seed  # the texts do hold what the topics look for


def test_passes_and_match_say_what_they_said() -> None:
    """Old and new decision on every story and topic: the screen as it read every run anew (``found`` of
    ``story_runs``), the match as the plain matcher (every sentence and quote read) says."""
    analyser = TermAnalyser()
    made = stories()
    matched, passed_over, topics_matching = 0, 0, 0
    for query in ALL_TOPICS:
        said_matcher = SaidMatcher([query], analyser)
        topic = parse_topic(query, analyser)
        old_screen = StemScreen([topic], analyser)
        any_match = False
        for story, articles in made:
            pairs = [(q.content, q.speaker) for q in story.quotes]
            sentences = "\n".join(s.text for a in articles for s in a.sentences)
            stems, acronyms = old_screen.found(story_runs(story.headline, story.summary, pairs, sentences))
            old_pass = may_match(topic, acronyms, stems)
            new_pass = said_matcher.passes(story.headline, story.summary, pairs, sentences)
            assert new_pass == old_pass, (query, story.id)
            want = match_topics([topic], StoryText(story, articles, analyser=analyser, said=pairs))
            got = said_matcher.match(story, pairs, articles)
            assert got == want, (query, story, articles)
            assert new_pass or want is None, (query, story.id)  # the screen passes over no story that matches
            matched += want is not None
            passed_over += not new_pass
            any_match = any_match or want is not None
        topics_matching += any_match
    assert matched and passed_over and topics_matching > len(ALL_TOPICS) // 2
