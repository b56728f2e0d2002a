"""Topic matching over many stories at once: a story none of whose words could make a topic match is passed over
before the matcher reads it unit by unit (the same answers, far less work: bot/briefings.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

from bot.models import Story, SummarySentence
from bot.nlp.terms import APOSTROPHES, WORD_RE, TermAnalyser
from bot.topic_stems import key, tagged_key, tagged_stem
from bot.topics import StoryText, Term, Topic, match_topics, parse_topic
from digests.compose import TopicMatch


class StemScreen:
    """The stems a topic's words and phrases look for, and of each word seen so far whether it stems to one of
    them: every distinct word is stemmed once in English, whatever the number of stories, and in another language
    only when it begins as a word the topic looks for in that language does (bot/topic_stems.py)."""

    def __init__(self, topics: Sequence[Topic], analyser: TermAnalyser) -> None:
        self._analyser = analyser
        terms = [term for topic in topics for clause in topic.clauses for term in clause if not term.outlet]
        self._wanted = frozenset(stem for term in terms for stem in term.stems)
        self._wanted_tagged = frozenset(stem for term in terms for _, stems in term.foreign for stem in stems)
        keys: dict[str, set[str]] = {}
        for tagged in self._wanted_tagged:
            language, word_key = tagged_key(tagged)
            keys.setdefault(language, set()).add(word_key)
        # each language's analyser with the keys of the words wanted in it
        self._languages = tuple((analyser.for_language(language), frozenset(found)) for language, found in keys.items())
        self._any_key = frozenset(k for _, found in self._languages for k in found)
        self._seen: set[str] = set()
        self._wanted_stems: dict[str, tuple[str, ...]] = {}  # lower-case word -> its wanted stems, when it has any

    @property
    def words_seen(self) -> int:
        """How many distinct words it has kept the wanted stems of (or that they have none)."""
        return len(self._seen)

    def footprint(self) -> int:
        """Roughly the bytes it keeps of the words seen (``sys.getsizeof`` of its set and mapping, their strings)."""
        return (sys.getsizeof(self._seen) + sum(map(sys.getsizeof, self._seen)) + sys.getsizeof(self._wanted_stems)
                + sum(map(sys.getsizeof, self._wanted_stems.values())))

    def stems(self, raw: Iterable[str]) -> set[str]:
        """The wanted stems among the stems of these words (as ``TermAnalyser.stem`` makes them), and among their
        tagged stems in the other languages (as ``bot.topic_stems.tagged_stem`` makes them)."""
        low = set(map(str.lower, raw))
        stem, wanted, any_key = self._analyser.stem, self._wanted, self._any_key
        for word in low - self._seen:
            self._seen.add(word)
            english = stem(word)
            plain = key(word)
            if plain in any_key or "'" in word:
                found = ([english] if english in wanted else []) + self._tagged(word, plain)
                if found:
                    self._wanted_stems[word] = tuple(found)
            elif english in wanted:
                self._wanted_stems[word] = (english,)
        return {found for w in low & self._wanted_stems.keys() for found in self._wanted_stems[w]}

    def _tagged(self, word: str, plain: str) -> list[str]:
        """The wanted tagged stems of a lower-case word whose key is ``plain``: stemmed only in the languages where
        its key (without an elided article, where the language has them) is wanted."""
        elided = "'" in word
        out: list[str] = []
        for local, keys in self._languages:
            if (key(local.normal(word)) if elided and local.elides else plain) in keys:
                tagged = tagged_stem(local, word)
                if tagged in self._wanted_tagged:
                    out.append(tagged)
        return out


def may_match(topic: Topic, raw: set[str] | frozenset[str], stems: set[str] | frozenset[str]) -> bool:
    """False when a clause of the topic has no term that could be found in a story of these words and stems:
    a term is found in one sentence, quote or speaker, so all its stems in English or in one other language (an
    acronym: its very word) are among the story's; an outlet term reads the story's outlets, which this does not,
    so it always could."""
    return all(any(_could_find(term, raw, stems) for term in clause) for clause in topic.clauses)


def _could_find(term: Term, raw: set[str] | frozenset[str], stems: set[str] | frozenset[str]) -> bool:
    if term.outlet:
        return True
    if term.acronym:
        return term.word in raw
    return stems.issuperset(term.stems) or any(stems.issuperset(tagged) for _, tagged in term.foreign)


# characters around a word that are never part of one: dropped before asking whether the rest is a word
_EDGES = ".,;:!?\"'()[]{}<>“”‘’„«»‹›—–-…/\\|*`´"
_APOSTROPHES = APOSTROPHES  # bot.nlp.terms.normalise_apostrophes's


def distinct_words(text: str) -> set[str]:
    """``set(words(text))``, faster: no word runs across white space or begins or ends with a punctuation mark, so
    each distinct run between spaces stripped of its end marks is a word when it is all letters and digits, and
    only the others are tokenised (their apostrophes normalised)."""
    out: set[str] = set()
    add = out.add
    for chunk in set(text.split()):
        stripped = chunk.strip(_EDGES)
        if stripped.isalnum():
            add(stripped)
        elif stripped:
            for mark in _APOSTROPHES:
                if mark in stripped:
                    stripped = stripped.replace(mark, "'")
            out.update(WORD_RE.findall(stripped))
    return out


def story_words(headline: str, summary: Sequence[SummarySentence], said: Sequence[tuple[str, str]]) -> set[str]:
    """Every word the matcher reads of a story: headline, summary, each quote's content and speaker. The texts
    are joined by a line break, which no word runs across, so these are the words of each text together
    (``distinct_words``: ``set(words(...))``, faster)."""
    texts = [headline, *(s.text for s in summary), *(t for pair in said for t in pair)]
    return distinct_words("\n".join(texts))


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
