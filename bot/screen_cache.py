"""What each story's text yields for the topic screen, kept across the channels of one ``Delivery``: of the stems and
acronyms every channel's topics look for, those the story holds; a channel decides from them without reading it."""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.nlp.terms import TermAnalyser
from bot.topic_screen import StemScreen, may_match
from bot.topics import Topic

EMPTY: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True, eq=False)
class Vocabulary:
    """The stems (English, and tagged in the other languages) and acronym words some topics look for; compared by
    identity, so a channel asks once of each vocabulary whether it covers its own."""

    stems: frozenset[str]
    acronyms: frozenset[str]

    @classmethod
    def of(cls, topics: Iterable[Topic]) -> Vocabulary:
        terms = [t for topic in topics for clause in topic.clauses for t in clause if not t.outlet]
        return cls(frozenset(s for t in terms for s in (*t.plain, *_tagged(t.foreign))),
                   frozenset(word for t in terms for word in t.capitals))

    def covers(self, other: Vocabulary) -> bool:
        return self.stems >= other.stems and self.acronyms >= other.acronyms


def _tagged(foreign: Sequence[tuple[str, tuple[str, ...]]]) -> Iterable[str]:
    return (stem for _, stems in foreign for stem in stems)


@dataclass(frozen=True, slots=True)
class Found:
    """Of a vocabulary, what one story's text holds as it stood at ``changed_at``."""

    changed_at: datetime | None
    vocabulary: Vocabulary
    stems: frozenset[str]  # the wanted stems among its words' (``StemScreen.stems``)
    acronyms: frozenset[str]  # the acronym words among its words


class SharedScreen:
    """The topic screen's reading of each story, kept for the next channel while the story's ``changed_at`` holds
    (up to ``size`` stories, the oldest kept let go first). A story is read for the vocabulary of all the topics
    learned (``learn``: every channel's, so one reading serves the tick); a channel whose topics look for something
    a story's reading did not has it read again. The decisions are those of a screen of the channel's own topics:
    of any vocabulary that holds a topic's stems, a story holds the same of them (``StemScreen``)."""

    SIZE = 20_000
    WORDS = 100_000  # the distinct words whose wanted stems it keeps (``StemScreen``), all let go past this
    RUNS = 200_000  # the distinct runs between spaces whose findings it keeps (``StemScreen.text_found``), likewise

    def __init__(self, analyser: TermAnalyser, size: int | None = None) -> None:
        self._analyser = analyser
        self._size = self.SIZE if size is None else size
        self._lock = threading.Lock()  # reading and keeping happen in worker threads, maybe two channels at once
        self._topics: tuple[Topic, ...] = ()
        self._vocabulary = Vocabulary(EMPTY, EMPTY)
        self._stems = StemScreen((), analyser)
        self._found: OrderedDict[str, Found] = OrderedDict()

    def __len__(self) -> int:
        return len(self._found)

    def footprint(self) -> tuple[int, int, int]:
        """(bytes, bytes, words): roughly what the readings kept hold (``sys.getsizeof`` of the mapping, each reading,
        its sets, their strings and the story ids, shared strings once), what the stem screen keeps of the distinct
        words and runs between spaces it saw (``StemScreen.footprint``), and how many words those are."""
        with self._lock:
            found = list(self._found.items())
            words_seen, words_size = self._stems.words_seen, self._stems.footprint()
        counted: set[int] = set()
        total = sys.getsizeof(self._found)
        for story_id, f in found:
            for item in (story_id, f, f.stems, f.acronyms, *f.stems, *f.acronyms):
                if id(item) not in counted:
                    counted.add(id(item))
                    total += sys.getsizeof(item)
        return total, words_size, words_seen

    @property
    def vocabulary(self) -> Vocabulary:
        return self._vocabulary

    def learn(self, topics: Iterable[Topic]) -> None:
        """Read stories from now on for what these topics look for (instead of what the topics learned before do);
        what was read before stays, for the channels whose topics it covers."""
        with self._lock:
            self._learn(tuple(dict.fromkeys(topics)))

    def _learn(self, topics: tuple[Topic, ...]) -> None:
        self._topics = topics
        self._vocabulary = Vocabulary.of(topics)
        self._stems = StemScreen(topics, self._analyser)

    def for_topics(self, topics: Sequence[Topic]) -> ChannelScreen:
        return ChannelScreen(self, tuple(topics))

    def _get(self, story_id: str, changed_at: datetime | None) -> Found | None:
        found = self._found.get(story_id)
        return found if found is not None and found.changed_at == changed_at else None

    def _read(self, story_id: str, changed_at: datetime | None, texts: Iterable[str], topics: tuple[Topic, ...],
              needs: Vocabulary) -> Found:
        text = "\n".join(texts)
        with self._lock:
            if not self._vocabulary.covers(needs):  # these topics were not learned (or were dropped since)
                self._learn(tuple(dict.fromkeys((*self._topics, *topics))))
            elif self._stems.words_seen > self.WORDS or max(self._stems.chunks_seen,
                                                            self._stems.reads_seen) > self.RUNS:
                self._stems = StemScreen(self._topics, self._analyser)
            vocabulary = self._vocabulary
            # ``found(reading_runs(text))`` (a word joined by hyphens read as its parts too), each distinct run read
            # once with its hyphens: a story costs a split and look-ups of its runs (``StemScreen.text_found``)
            stems, acronyms = self._stems.text_found(text)  # its acronyms are the vocabulary's: the same topics'
            found = Found(changed_at, vocabulary, frozenset(stems) if stems else EMPTY,
                          frozenset(acronyms) if acronyms else EMPTY)
            if self._size > 0:
                self._found[story_id] = found
                self._found.move_to_end(story_id)  # the newest last
                while len(self._found) > self._size:
                    self._found.popitem(last=False)
        return found


class ChannelScreen:
    """One channel's topics over a ``SharedScreen``: False only for a story ``match_topics`` would not match."""

    def __init__(self, shared: SharedScreen, topics: tuple[Topic, ...]) -> None:
        self._shared = shared
        self._topics = topics
        self._needs = Vocabulary.of(topics)
        self._covered: dict[Vocabulary, bool] = {}

    def known(self) -> bool:
        """Whether the shared screen reads stories for everything these topics look for (``SharedScreen.learn``)."""
        return self._covers(self._shared.vocabulary)

    def cached(self, story_id: str, changed_at: datetime | None) -> bool | None:
        """The decision from what was kept of the story; None when it must be read (``read``)."""
        found = self._shared._get(story_id, changed_at)
        if found is None or not self._covers(found.vocabulary):
            return None
        return self._decide(found)

    def read(self, story_id: str, changed_at: datetime | None, texts: Iterable[str]) -> bool:
        """The decision from all the matcher reads of the story (``texts``, as ``TopicScreen.passes`` takes them),
        kept for the next channel."""
        return self._decide(self._shared._read(story_id, changed_at, texts, self._topics, self._needs))

    def _covers(self, vocabulary: Vocabulary) -> bool:
        got = self._covered.get(vocabulary)
        if got is None:
            got = self._covered[vocabulary] = vocabulary.covers(self._needs)
        return got

    def _decide(self, found: Found) -> bool:
        return any(may_match(topic, found.acronyms, found.stems) for topic in self._topics)
