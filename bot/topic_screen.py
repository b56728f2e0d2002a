"""Topic matching over many stories at once: a story none of whose words could make a topic match is passed over
before the matcher reads it unit by unit (the same answers, far less work: bot/briefings.py)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence

from bot.models import Article, Story, SummarySentence
from bot.nlp.terms import APOSTROPHES, WORD_RE, TermAnalyser
from bot.topic_stems import key, tagged_key, tagged_stem
from bot.topic_words import acronym_forms, acronym_of, split_hyphens, title_forms, title_word
from bot.topics import Term, Topic, match_story, parse_topic
from digests.compose import TopicMatch


class StemScreen:
    """The stems a topic's words and phrases look for, and of each word seen so far whether it stems to one of
    them: every distinct word is stemmed once in English (only when it begins as a wanted stem does), whatever the
    number of stories, and in another language only when it begins as a word the topic looks for in that language
    does (bot/topic_stems.py); every distinct run between spaces is tokenised once (``found``)."""

    def __init__(self, topics: Sequence[Topic], analyser: TermAnalyser) -> None:
        self._analyser = analyser
        terms = [term for topic in topics for clause in topic.clauses for term in clause if not term.outlet]
        self._wanted = frozenset(stem for term in terms for stem in term.plain)
        self._wanted_tagged = frozenset(stem for term in terms for _, stems in term.foreign for stem in stems)
        keys: dict[str, set[str]] = {}
        for tagged in self._wanted_tagged:
            language, word_key = tagged_key(tagged)
            keys.setdefault(language, set()).add(word_key)
        # each language's analyser with the keys of the words wanted in it
        self._languages = tuple((analyser.for_language(language), frozenset(found)) for language, found in keys.items())
        self._any_key = frozenset(k for _, found in self._languages for k in found)
        # a key's first letter is an ASCII word's own (``key`` drops accents only): one no key begins with has none
        self._key_initials = frozenset(k[:1] for k in self._any_key)
        self._acronyms = frozenset(word for term in terms for word in term.capitals)
        self._initials = frozenset(stem[:1] for stem in self._wanted)  # the first letters of the wanted stems
        self._seen: set[str] = set()
        self._wanted_stems: dict[str, tuple[str, ...]] = {}  # lower-case word -> its wanted stems, when it has any
        # of each distinct run between spaces (``chunks``) seen: its words' wanted stems and acronyms, when it has any
        self._chunks_seen: set[str] = set()
        self._chunk_hits: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._hit_chunks: set[str] = set()
        # of each distinct run seen by ``text_found``: what it yields read with its hyphens too (``reading_runs``)
        self._read_seen: set[str] = set()
        self._read_hits: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._hit_reads: set[str] = set()

    @property
    def words_seen(self) -> int:
        """How many distinct words it has kept the wanted stems of (or that they have none)."""
        return len(self._seen)

    @property
    def chunks_seen(self) -> int:
        """How many distinct runs between spaces it has kept what they yield of (``found``)."""
        return len(self._chunks_seen)

    @property
    def reads_seen(self) -> int:
        """How many distinct runs between spaces it has kept what they yield read with their hyphens of
        (``text_found``)."""
        return len(self._read_seen)

    def footprint(self) -> int:
        """Roughly the bytes it keeps of the words and runs seen (``sys.getsizeof`` of its sets and mappings, their
        strings)."""
        return (sys.getsizeof(self._seen) + sum(map(sys.getsizeof, self._seen)) + sys.getsizeof(self._wanted_stems)
                + sum(map(sys.getsizeof, self._wanted_stems.values())) + sys.getsizeof(self._chunks_seen)
                + sum(map(sys.getsizeof, self._chunks_seen)) + sys.getsizeof(self._chunk_hits)
                + sum(map(sys.getsizeof, self._chunk_hits.values())) + sys.getsizeof(self._hit_chunks)
                + sys.getsizeof(self._read_seen) + sys.getsizeof(self._read_hits)
                + sum(map(sys.getsizeof, self._read_hits.values())) + sys.getsizeof(self._hit_reads))

    def found(self, runs: set[str]) -> tuple[set[str], set[str]]:
        """Of a text's distinct runs between spaces (``chunks``): the wanted stems of its words (what ``stems`` makes
        of ``distinct_words``) and its words that are acronyms the topics look for. Each distinct run is tokenised
        once, whatever the number of texts it is in (its words are always the same: ``distinct_words``); a text
        then costs two set operations over its runs and a look-up of those that yield something."""
        new = runs - self._chunks_seen
        if new:
            self._learn_runs(new)
        stems: set[str] = set()
        acronyms: set[str] = set()
        hits = self._chunk_hits
        for run in runs & self._hit_chunks:
            found, acronym = hits[run]
            stems.update(found)
            acronyms.update(acronym)
        return stems, acronyms

    def text_found(self, text: str) -> tuple[set[str], set[str]]:
        """``found(reading_runs(text))``, at less cost: each distinct run between spaces is read once with its
        hyphens (what its parts yield kept with it: ``reading_runs`` reads each run's hyphens on their own), so a
        text costs a split at spaces and two look-ups of its runs, in C, with no set of them made once all are known
        (tests/core/test_topic_screen_text_found.py)."""
        stems: set[str] = set()
        acronyms: set[str] = set()
        hits = self._read_hits
        for run in self.hit_runs(text):
            found, acronym = hits[run]
            stems.update(found)
            acronyms.update(acronym)
        return stems, acronyms

    def hit_runs(self, text: str) -> set[str]:
        """The distinct runs between spaces of a text that yield something to ``text_found`` (read with their
        hyphens): a text none of which is in holds no wanted stem or acronym."""
        runs = text.split()
        if self._read_seen.issuperset(runs):  # every run known: no set of them made
            return self._hit_reads.intersection(runs)
        distinct = set(runs)
        self._learn_reads(distinct - self._read_seen)
        return distinct & self._hit_reads

    def _learn_reads(self, runs: set[str]) -> None:
        read = {run: reading_runs(run) if "-" in run else {run} for run in runs}  # with a hyphen: its parts too
        fresh = set().union(*read.values()) - self._chunks_seen
        if fresh:
            self._learn_runs(fresh)
        hits, hit = self._chunk_hits, self._hit_chunks
        for run, derived in read.items():
            found = [hits[d] for d in derived if d in hit]
            if found:
                self._read_hits[run] = (tuple(dict.fromkeys(s for stems, _ in found for s in stems)),
                                        tuple(a for _, acronyms in found for a in acronyms))
                self._hit_reads.add(run)
        self._read_seen |= runs

    def _learn_runs(self, runs: set[str]) -> None:
        words_of = {run: run_words(run) for run in runs}
        self.stems(w for found in words_of.values() for w in found)  # every new word's wanted stems, once
        wanted, acronyms = self._wanted_stems, self._acronyms
        for run, found in words_of.items():
            stems = tuple(dict.fromkeys(s for w in found for s in wanted.get(w.lower(), ())))
            acronym: tuple[str, ...] = ()
            if acronyms:  # none looked for: no word is read for one
                acronym = tuple(a for w in found if (a := acronym_of(w)) is not None and a in acronyms)
                # a short acronym in title case ("Ai"), which a phrase finds in a text in title case (``title_forms``)
                acronym += tuple(t for w in found if (t := title_word(w)) is not None and t.upper() in acronyms)
            if stems or acronym:
                self._chunk_hits[run] = (stems, acronym)
                self._hit_chunks.add(run)
        self._chunks_seen |= runs

    def stems(self, raw: Iterable[str]) -> set[str]:
        """The wanted stems among the stems of these words (as ``TermAnalyser.stem`` makes them), and among their
        tagged stems in the other languages (as ``bot.topic_stems.tagged_stem`` makes them)."""
        low = set(map(str.lower, raw))
        stem, wanted, any_key, initials = self._analyser.stem, self._wanted, self._any_key, self._initials
        key_initials = self._key_initials
        for word in low - self._seen:
            self._seen.add(word)
            # an English stem begins as its lower-case word does (Snowball only changes a word's end): the others
            # cannot be wanted, and are not stemmed (tests/core/test_topic_screen_runs.py)
            first = word[:1]
            english = stem(word) if first in initials else None
            plain = key(word) if first in key_initials or not first.isascii() else ""
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
    a term is found in one sentence, quote or speaker, so all its stems in English or in one other language (its
    acronyms: their very words, ``raw``) are among the story's; an outlet term reads the story's outlets, which this
    does not, so it always could. A word written with a symbol is looked for as ``words`` splits it (``c++``:
    ``c``; ``at&t``: ``at``, ``t``), which the story's words hold wherever it is: the matcher reads the symbols."""
    return all(any(_could_find(term, raw, stems) for term in clause) for clause in topic.clauses)


def _could_find(term: Term, raw: set[str] | frozenset[str], stems: set[str] | frozenset[str]) -> bool:
    if term.outlet:
        return True
    if term.capitals and not all(any(f in raw for f in _forms(c, term.titled)) for c in term.capitals):
        return False  # ``raw``: the acronyms found (``found``), or every word ("EU's" is "EU": ``acronym_of``)
    return stems.issuperset(term.plain) or any(stems.issuperset(tagged) for _, tagged in term.foreign)


def _forms(acronym: str, titled: bool) -> tuple[str, ...]:
    """The words that write an acronym for a term: in title case too (``Ai``) for a phrase (``Term.titled``)."""
    return acronym_forms(acronym) + title_forms(acronym) if titled else acronym_forms(acronym)


# characters around a word that are never part of one: dropped before asking whether the rest is a word
_EDGES = ".,;:!?\"'()[]{}<>“”‘’„«»‹›—–-…/\\|*`´"
_APOSTROPHES = APOSTROPHES  # bot.nlp.terms.normalise_apostrophes's


def chunks(text: str) -> set[str]:
    """The distinct runs between spaces of a text: no word runs across white space (``distinct_words``)."""
    return set(text.split())


def reading_runs(text: str) -> set[str]:
    """The runs between spaces of a text (``chunks``) and, when it has a hyphen, those of it read with each word
    joined by hyphens as its parts, which the matcher reads too (``bot.topic_words.hyphen_parts``): split at every
    hyphen (``US-China``: ``US``, ``China``) and as ``split_hyphens`` splits its words (``e-mail-based``:
    ``e-mail``, ``based``). Each run's words then hold the text's words and their parts."""
    runs = chunks(text)
    if "-" in text:
        # only the runs with a hyphen differ when read with its hyphens as spaces: those alone are split again, not
        # the whole text (tests/core/test_topic_screen_reading_runs.py)
        hyphened = [run for run in runs if "-" in run]
        runs.update(" ".join(hyphened).replace("-", " ").split())
        runs.update([part for run in hyphened for word in run_words(run) if "-" in word
                     for part in split_hyphens(word)])
    return runs


def run_words(run: str) -> list[str]:
    """The words of one run between spaces (``words(run)``): stripped of its end marks, which never begin or end a
    word, it is one word when it is all letters and digits; only the others are tokenised (apostrophes
    normalised)."""
    stripped = run.strip(_EDGES)
    if stripped.isalnum():
        return [stripped]
    if not stripped:
        return []
    for mark in _APOSTROPHES:
        if mark in stripped:
            stripped = stripped.replace(mark, "'")
    found: list[str] = WORD_RE.findall(stripped)
    return found


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


def story_words(headline: str, summary: Sequence[SummarySentence], said: Sequence[tuple[str, str]],
                sentences: str | None = None) -> set[str]:
    """Every word the matcher reads of a story: headline, its articles' sentences (``sentences``, as
    ``bot.store.story_texts.sentence_texts`` gives them; None for a story without articles: its summary), each
    quote's content and speaker. The texts are joined by a line break, which no word runs across, so these are the
    words of each text together (``distinct_words``: ``set(words(...))``, faster)."""
    return distinct_words(_joined(headline, summary, said, sentences))


def story_runs(headline: str, summary: Sequence[SummarySentence], said: Sequence[tuple[str, str]],
               sentences: str | None = None) -> set[str]:
    """The distinct runs between spaces of what the matcher reads of a story (``story_words``), its words joined by
    hyphens also read as their parts (``reading_runs``)."""
    return reading_runs(_joined(headline, summary, said, sentences))


def _joined(headline: str, summary: Sequence[SummarySentence], said: Sequence[tuple[str, str]],
            sentences: str | None) -> str:
    read = [s.text for s in summary] if sentences is None else [sentences]
    return "\n".join([headline, *read, *(t for pair in said for t in pair)])


class SaidMatcher:
    """A topic matcher for stories loaded without their quotes (each quote's content and speaker given beside the
    story) and with their articles given beside them, with a screen that passes over, from its row, quote words and
    article sentences alone, a story it cannot match (``bot.topics.match_story``: the rule alerts and scheduled
    briefings match by)."""

    def __init__(self, queries: Sequence[str], analyser: TermAnalyser | None = None) -> None:
        """Raises TopicError for a query that cannot be understood."""
        self._analyser = analyser or TermAnalyser()
        self._topics = [parse_topic(q, self._analyser) for q in queries]
        # every word term, excluded ones too, for the screen of each article sentence (``readable``)
        self._terms = tuple(dict.fromkeys(t for topic in self._topics for t in (*_positive(topic), *topic.excluded)
                                          if not t.outlet))
        wanted = Topic("", tuple((t,) for t in self._terms), ())
        self._screen = StemScreen([*self._topics, wanted], self._analyser)
        # what ``readable`` says of a text in which the screen finds nothing (False, unless a term needs nothing)
        self._bare = any(_could_find(t, frozenset(), frozenset()) for t in self._terms)

    def passes(self, headline: str, summary: Sequence[SummarySentence], said: Sequence[tuple[str, str]],
               sentences: str | None = None) -> bool:
        """False only for a story ``match`` would not match; ``sentences``: its articles' (``story_words``)."""
        stems, acronyms = self._screen.text_found(_joined(headline, summary, said, sentences))
        return any(may_match(topic, acronyms, stems) for topic in self._topics)

    def match(self, story: Story, said: Sequence[tuple[str, str]],
              articles: Sequence[Article] = ()) -> TopicMatch | None:
        """What ``bot.topics.match_story`` says of the story with these quotes and articles."""
        return match_story(self._topics, story, articles, said=said, analyser=self._analyser,
                           readable=self._readable_in(articles, said))

    def readable(self, sentence: str) -> bool:
        """False for a sentence that holds no term of the topics, excluded ones too (``may_match`` of each on its
        own): the matcher finds nothing in it, and leaves it unstemmed."""
        stems, acronyms = self._screen.text_found(sentence)
        if not stems and not acronyms:
            return self._bare
        return any(_could_find(t, acronyms, stems) for t in self._terms)

    def _readable_in(self, articles: Sequence[Article], said: Sequence[tuple[str, str]]) -> Callable[[str], bool]:
        """``readable`` for the sentences of these articles and the texts of these quotes, at less cost: the runs
        between spaces of them all that yield something to the screen are found at once (one split), and a text
        that holds none of them (a search in C) is passed over unread; the others are read as ``readable`` reads
        them. Each run of such a text is a run of them all, so what it says is the same."""
        if self._bare:
            return self.readable
        texts = [s.text for a in articles for s in a.sentences]
        texts += [t for pair in said for t in pair]
        found = tuple(self._screen.hit_runs("\n".join(texts)))
        readable = self.readable

        def read(text: str) -> bool:
            return any(run in text for run in found) and readable(text)

        return read


def _positive(topic: Topic) -> tuple[Term, ...]:
    return tuple(t for clause in topic.clauses for t in clause)
