"""Topic matching over many stories at once: a story none of whose words could make a topic match is passed over
before the matcher reads it unit by unit (the same answers, far less work: bot/briefings.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.models import Story, SummarySentence
from bot.nlp.terms import TermAnalyser, words
from bot.topics import StoryText, Term, Topic, match_topics, parse_topic
from digests.compose import TopicMatch


class StemScreen:
    """The stems a topic's words and phrases look for, and of each word seen so far whether it stems to one of
    them: every distinct word is stemmed once, whatever the number of stories."""

    def __init__(self, topics: Sequence[Topic], analyser: TermAnalyser) -> None:
        self._analyser = analyser
        self._wanted = frozenset(stem for topic in topics for clause in topic.clauses for term in clause
                                 for stem in term.stems if not term.outlet)
        self._seen: set[str] = set()
        self._wanted_stem: dict[str, str] = {}  # lower-case word -> its stem, for the words whose stem is wanted

    def stems(self, raw: Iterable[str]) -> set[str]:
        """The wanted stems among the stems of these words (as ``TermAnalyser.stem`` makes them)."""
        low = set(map(str.lower, raw))
        for word in low - self._seen:
            self._seen.add(word)
            stem = self._analyser.stem(word)
            if stem in self._wanted:
                self._wanted_stem[word] = stem
        return {self._wanted_stem[w] for w in low & self._wanted_stem.keys()}


def may_match(topic: Topic, raw: set[str], stems: set[str]) -> bool:
    """False when a clause of the topic has no term that could be found in a story of these words and stems:
    a term is found in one sentence, quote or speaker, so all its stems (an acronym: its very word) are among the
    story's; an outlet term reads the story's outlets, which this does not, so it always could."""
    return all(any(_could_find(term, raw, stems) for term in clause) for clause in topic.clauses)


def _could_find(term: Term, raw: set[str], stems: set[str]) -> bool:
    if term.outlet:
        return True
    if term.acronym:
        return term.word in raw
    return stems.issuperset(term.stems)


def story_words(headline: str, summary: Sequence[SummarySentence], said: Sequence[tuple[str, str]]) -> set[str]:
    """Every word the matcher reads of a story: headline, summary, each quote's content and speaker. The texts
    are joined by a line break, which no word runs across, so these are the words of each text together."""
    texts = [headline, *(s.text for s in summary), *(t for pair in said for t in pair)]
    return set(words("\n".join(texts)))


class SaidMatcher:
    """A topic matcher for stories loaded without their quotes (each quote's content and speaker given beside the
    story), with a screen that passes over, from its row alone, a story it cannot match."""

    def __init__(self, queries: Sequence[str], analyser: TermAnalyser | None = None) -> None:
        """Raises TopicError for a query that cannot be understood."""
        self._analyser = analyser or TermAnalyser()
        self._topics = [parse_topic(q, self._analyser) for q in queries]
        self._screen = StemScreen(self._topics, self._analyser)

    def passes(self, headline: str, summary: Sequence[SummarySentence], said: Sequence[tuple[str, str]]) -> bool:
        """False only for a story ``match`` would not match."""
        raw = story_words(headline, summary, said)
        stems = self._screen.stems(raw)
        return any(may_match(topic, raw, stems) for topic in self._topics)

    def match(self, story: Story, said: Sequence[tuple[str, str]]) -> TopicMatch | None:
        """What ``bot.topics.compile_topics`` says of the story with these quotes."""
        return match_topics(self._topics, StoryText(story, analyser=self._analyser, said=said))
