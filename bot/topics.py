"""Topic queries: words, "quoted phrases", OR, -exclusions, names and outlets (``from:``), matched (stemmed, in the
story's languages; acronyms, words written with a symbol and words joined by hyphens as bot/topic_words.py reads
them) against a story."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from bot.ingest.language import detect_language
from bot.ingest.safe_text import without_escapes
from bot.models import Article, Story
from bot.nlp.languages import ENGLISH, language_name
from bot.nlp.terms import TermAnalyser, words
from bot.plurals import counted
from bot.topic_stems import foreign_stems
from bot.topic_words import (
    CAPS,
    dotted_possessives,
    holds,
    hyphen_parts,
    is_acronym,
    is_shouted,
    loosened,
    may_hold_symbols,
    symbol_words,
    text_stems,
    title_stems,
    topic_stems,
    undotted,
)
from digests.compose import TopicMatch

MAX_TOPIC_CHARS = 200
MAX_TERMS = 12
_TOKEN = re.compile(r'-?(?:from:)?"[^"]*"?|\S+')
OUTLET_PREFIX = "from:"
# what ends a word as a list of words is written, not the word: ``Valdoria, Marant`` is the words Valdoria and Marant
# (the symbols a word is written with, ``c++``, ``c#``, and a dotted acronym's full stop, ``U.S.``, are kept)
TRAILING = ",;"

Stems = tuple[str, ...]


class TopicError(ValueError):
    """A topic query that cannot be understood; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class Term:
    """One word, phrase or name a topic looks for (or excludes)."""

    text: str
    stems: Stems  # each word's stem; an acronym (bot/topic_words.py) tagged as itself, matched only in capitals
    name: bool  # written with a capital: also matched against entities and quote speakers
    acronym: bool  # one word, "NATO", "US": matched case-sensitively so "us" is not "US"
    outlet: bool = False  # from:Reuters: matched against the names of the outlets carrying the story
    word: str = ""  # an acronym as ``acronym_of`` reads a text's words ("U.S." -> "US", "NATO," -> "NATO")
    # (language, stems) in each language besides English (bot/topic_stems.py): what a text in that language must hold
    foreign: tuple[tuple[str, Stems], ...] = ()
    # what the topic screen (bot/topic_screen.py) looks for, of its words as ``words`` splits them ("c++": "c"): the
    # acronyms ("WHO" of "WHO chief"), each of which the text must hold as written, and the other words' stems
    capitals: tuple[str, ...] = ()
    plain: Stems = ()
    symbol: bool = False  # written with a symbol ("c++", ".net"): read in the text with its symbols (symbol_words)
    # a phrase with an acronym and a plain word ("AI safety"): its short acronyms found in title case too, in a text
    # in title case ("Ai Safety Summit Opens": bot/topic_words.py, ``title_stems``)
    titled: bool = False

    def stems_in(self, language: str) -> Stems:
        """The stems a text in this (non-English) language must hold, in a row; () when none were made."""
        return next((stems for lang, stems in self.foreign if lang == language), ())


@dataclass(frozen=True, slots=True)
class Topic:
    """A parsed query: every clause must match (a clause is alternatives joined by OR); no exclusion may."""

    text: str
    clauses: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]


def _term(raw: str, analyser: TermAnalyser) -> Term:
    if raw.lower().startswith(OUTLET_PREFIX):
        outlet = raw[len(OUTLET_PREFIX):].strip('"')
        names = tuple(w.casefold() for w in words(outlet))
        if not names:
            raise TopicError(f"{raw!r} names no outlet; write from:Reuters or from:\"Associated Press\"")
        return Term(f"{OUTLET_PREFIX}{outlet}", names, name=False, acronym=False, outlet=True)
    tokens = words(raw)
    if not tokens:
        raise TopicError(f"{raw!r} has no words to look for")
    written = symbol_words(raw)  # a name when written with a capital (".NET" is none), however it is read
    name = any(t[0].isupper() for t in (written if written != tokens else tokens))
    read = loosened(raw)  # "AT&T": "at&t", which matches in any case (bot/topic_words.py)
    if read != raw:
        tokens = words(read)
    screened = topic_stems(analyser.stem, tokens)
    capitals = tuple(undotted(t) for t in tokens if is_acronym(t))
    plain = tuple(s for s in screened if not s.startswith(CAPS))
    symbols = written if read == raw else symbol_words(read)
    symbol = symbols != tokens
    tokens = symbols if symbol else tokens
    stems = topic_stems(analyser.stem, tokens) if symbol else screened
    acronym = len(tokens) == 1 and is_acronym(tokens[0])
    titled = bool(capitals) and len(stems) > 1 and any(not s.startswith(CAPS) for s in stems)
    # an acronym and a word written with a symbol are written alike in every language: English stems read them
    foreign = () if capitals or symbol else foreign_stems(analyser, tuple(tokens))
    return Term(raw, stems, name, acronym, word=undotted(tokens[0]) if acronym else "", foreign=foreign,
                capitals=capitals, plain=plain, symbol=symbol, titled=titled)


def parse_topic(text: str, analyser: TermAnalyser | None = None) -> Topic:
    """``NATO -sport``, ``"Mark Rutte" OR Stoltenberg``, ``Bucharest protest`` -> Topic, or TopicError. A word's
    trailing comma or semicolon is no part of it (``Valdoria, Marant``: Valdoria and Marant); terminal escape
    sequences and control characters are none (bot/ingest/safe_text.py)."""
    analyser = analyser or TermAnalyser()
    cleaned = " ".join(without_escapes(text).split())  # typed in chat: no escape sequence reaches a terminal
    if not cleaned:
        raise TopicError("a topic needs at least one word")
    if len(cleaned) > MAX_TOPIC_CHARS:
        raise TopicError(f"a topic is at most {MAX_TOPIC_CHARS} characters, got {len(cleaned)}")
    if cleaned.count('"') % 2:
        raise TopicError('a "quoted phrase" is missing its closing quote')
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    joining = False
    for token in (t.rstrip(TRAILING) for t in _TOKEN.findall(cleaned)):
        if not token:  # a comma or semicolon on its own ("Valdoria , Marant", '"Port Averley", harbour')
            continue
        if token == "OR":
            if not clauses or joining:
                raise TopicError("OR needs a word on each side, as in: NATO OR EU")
            joining = True
            continue
        negative = token.startswith("-") and len(token) > 1
        raw = token[1:] if negative else token
        term = _term(raw if raw.lower().startswith(OUTLET_PREFIX) else raw.strip('"'), analyser)
        if negative:
            if joining:
                raise TopicError("OR cannot join an exclusion; write it separately, as in: NATO -sport")
            excluded.append(term)
        elif joining:
            clauses[-1].append(term)
            joining = False
        else:
            clauses.append([term])
    if joining:
        raise TopicError("OR needs a word on each side, as in: NATO OR EU")
    if not clauses:
        raise TopicError("a topic needs at least one word to look for, not only -exclusions")
    if sum(len(c) for c in clauses) + len(excluded) > MAX_TERMS:
        raise TopicError(f"a topic has at most {MAX_TERMS} terms")
    return Topic(cleaned, tuple(tuple(c) for c in clauses), tuple(excluded))


@dataclass(frozen=True, slots=True)
class _Unit:
    stems: Stems  # English stems (a common word written as an acronym tagged instead: bot/topic_words.py)
    raw: tuple[str, ...]
    foreign: tuple[tuple[str, Stems], ...] = ()  # (language, tagged stems) when the text is in another language
    capitals: Stems | None = None  # the stems with every acronym tagged, when the text writes one
    symbols: _Unit | None = None  # the text read with its words' symbols ("C++"), when that differs
    parts: _Unit | None = None  # the text read with each word joined by hyphens as its parts ("US", "China")
    titles: Stems | None = None  # ``capitals`` with each short word in title case tagged too, in a text in title case


def _contains(unit: _Unit, term: Term) -> bool:
    if term.symbol:
        unit = unit.symbols or unit
    return _reads(unit, term) or (unit.parts is not None and _reads(unit.parts, term))


def _reads(unit: _Unit, term: Term) -> bool:
    if term.capitals:
        titles = unit.titles if term.titled else None
        return holds(unit.stems, unit.capitals if titles is None else titles, term.stems)
    if _holds(unit.stems, term.stems):
        return True
    return any(_holds(seq, term.stems_in(language)) for language, seq in unit.foreign)


def _holds(seq: Stems, stems: Stems) -> bool:
    n = len(stems)
    if n == 0 or stems[0] not in seq:  # searched for in C: most texts lack a phrase's first word
        return False
    return n == 1 or any(seq[i:i + n] == stems for i in range(len(seq) - n + 1))


class StoryText:
    """A story's searchable text, tokenised and stemmed once: headline, sentences, quotes, names.

    Every text is stemmed in English, as before, and a text in another language in that language too, so a topic
    matches it either way: an article's sentences in the article's language; the headline, quotes and names in
    the languages of the story's articles; a story given without its articles in the language its words show
    (bot/ingest/language.py; English when they show none clearly)."""

    def __init__(self, story: Story, articles: Sequence[Article] = (), entities: Sequence[str] = (),
                 analyser: TermAnalyser | None = None, *, said: Sequence[tuple[str, str]] | None = None,
                 readable: Callable[[str], bool] | None = None) -> None:
        """``said``: each quote's (content, speaker), for a story loaded without its quotes (bot/briefings.py);
        ``readable``: False for an article's sentence (or a quote's content and speaker) that cannot hold any term
        of the topics matched (a screen: bot/topic_screen.py), which is then never stemmed: what it finds is the
        same, at less cost."""
        self.story = story
        self._analyser = analyser or TermAnalyser()
        self.articles = tuple(articles)
        self._entities = tuple(entities)
        self._said = said
        self._readable = readable

    def _unit(self, text: str, languages: tuple[str, ...] | None = None) -> _Unit:
        raw = tuple(dotted_possessives(text, words(text)))  # "U.S.'s": "U.S's" (bot/topic_words.py)
        shouted = is_shouted(text, raw)
        hyphens = "-" in text  # a word joined by hyphens also counts as each of its parts (bot/topic_words.py)
        symbols = None
        if may_hold_symbols(text):
            marked = tuple(dotted_possessives(text, symbol_words(text)))
            if marked != raw:
                marked_parts = hyphen_parts(marked) if hyphens else None
                symbols = self._reading(marked, shouted, (), None,
                                        None if marked_parts is None else self._reading(marked_parts, shouted, ()))
        languages = self.languages if languages is None else languages
        parts = hyphen_parts(raw) if hyphens else None
        return self._reading(raw, shouted, languages, symbols,
                             None if parts is None else self._reading(parts, shouted, languages))

    def _reading(self, raw: tuple[str, ...], shouted: bool, languages: tuple[str, ...], symbols: _Unit | None = None,
                 parts: _Unit | None = None) -> _Unit:
        foreign = foreign_stems(self._analyser, raw, languages) if languages else ()
        stems, capitals = text_stems(self._analyser.stem, raw, shouted)
        titles = title_stems(raw, stems, capitals)  # "Ai Safety Summit Opens": "Ai" as "AI" too
        if capitals is not None and foreign and any(s.startswith(CAPS) for s in stems):  # kept in every language
            foreign = tuple((language, tuple(s if s.startswith(CAPS) else f for s, f in zip(stems, seq, strict=True)))
                            for language, seq in foreign)
        return _Unit(stems, raw, foreign, capitals, symbols, parts, titles)

    @cached_property
    def _said_pairs(self) -> Sequence[tuple[str, str]]:
        return self._said if self._said is not None else [(q.content, q.speaker) for q in self.story.quotes]

    @cached_property
    def languages(self) -> tuple[str, ...]:
        """The languages besides English the story is written in (sumy's names): its articles', or for a story given
        without them the one its headline, summary and quotes show."""
        if self.articles:
            found = [language_name(a.language) for a in self.articles]
        else:
            texts = [self.story.headline, *(s.text for s in self.story.summary),
                     *(content for content, _ in self._said_pairs)]
            found = [language_name(detect_language("\n".join(texts)))]
        return tuple(dict.fromkeys(name for name in found if name != ENGLISH))

    @cached_property
    def headline(self) -> _Unit:
        return self._unit(self.story.headline)

    @cached_property
    def sentences(self) -> tuple[_Unit, ...]:
        if self.articles:
            readable = self._readable
            return tuple(self._unit(s.text, own) for a in self.articles for own in [_own(a.language)]
                         for s in a.sentences if readable is None or readable(s.text))
        return tuple(self._unit(s.text) for s in self.story.summary)

    @cached_property
    def quotes(self) -> tuple[tuple[_Unit, _Unit], ...]:
        readable = self._readable  # a quote neither of whose texts can hold a term is found by none: not stemmed
        return tuple((self._unit(content), self._unit(speaker)) for content, speaker in self._said_pairs
                     if readable is None or readable(content) or readable(speaker))

    @cached_property
    def names(self) -> tuple[_Unit, ...]:
        return tuple(self._unit(e) for e in self._entities)

    @cached_property
    def outlets(self) -> tuple[tuple[str, ...], ...]:
        """Each outlet carrying the story, once: its name's words in lower case."""
        return tuple(dict.fromkeys(tuple(w.casefold() for w in words(s.name)) for s in self.story.sources
                                   if s.name.strip()))


def _own(language: str) -> tuple[str, ...]:
    """An article's language, when it is not English, as ``StoryText.languages`` names it."""
    name = language_name(language)
    return () if name == ENGLISH else (name,)


@dataclass(frozen=True, slots=True)
class Hits:
    """Where one term was found in a story."""

    term: Term
    sentences: int
    quotes: int
    headline: bool
    names: int
    outlets: int = 0  # outlets carrying the story whose name holds a from: term

    @property
    def found(self) -> bool:
        return bool(self.sentences or self.quotes or self.headline or self.names or self.outlets)

    def where(self) -> str:
        """``in 2 sentences and 1 quote``; ``carried by Reuters`` for an outlet."""
        if self.term.outlet:
            return f"carried by {self.term.text.removeprefix(OUTLET_PREFIX)}"
        found = [counted(n, word) for n, word in ((self.sentences, "sentence"), (self.quotes, "quote")) if n]
        if not found:
            found = ["the headline"] if self.headline else ["the names in the story"] if self.names else []
        return "in " + " and ".join(found) if found else "nowhere"


def hits(term: Term, text: StoryText) -> Hits:
    if term.outlet:
        return Hits(term, 0, 0, False, 0, sum(1 for o in text.outlets if _contains(_Unit(o, o), term)))
    quotes = sum(1 for content, speaker in text.quotes
                 if _contains(content, term) or (term.name and _contains(speaker, term)))
    names = sum(1 for n in text.names if _contains(n, term)) if term.name else 0
    return Hits(term, sum(1 for s in text.sentences if _contains(s, term)), quotes,
                _contains(text.headline, term), names)


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether a topic matches a story, with the evidence for ``why``."""

    topic: Topic
    matched: bool
    found: tuple[Hits, ...]  # the positive terms found
    missing: tuple[Term, ...]  # clauses with no alternative found (their first term)
    excluded_by: tuple[Hits, ...]

    @property
    def score(self) -> float:
        return sum(math.log2(1 + h.sentences + 2 * h.quotes + 2 * h.headline + h.names + h.outlets)
                   for h in self.found)

    def why(self) -> str:
        if self.matched:
            return "matched: " + "; ".join(f"{h.term.text} — {h.where()}" for h in self.found)
        if self.excluded_by:
            h = self.excluded_by[0]
            if h.term.outlet:
                return f"not matched ({self.topic.text}): excluded by -{h.term.text}: no other outlet carries it"
            return f"not matched ({self.topic.text}): excluded by -{h.term.text}, found {h.where()}"
        if all(t.outlet for t in self.missing):
            names = ", ".join(t.text.removeprefix(OUTLET_PREFIX) for t in self.missing)
            return f"not matched ({self.topic.text}): not carried by {names}"
        names = ", ".join(t.text for t in self.missing)
        return f"not matched ({self.topic.text}): no sentence, quote or name mentions {names}"


def decide(topic: Topic, text: StoryText) -> Decision:
    found: list[Hits] = []
    missing: list[Term] = []
    for clause in topic.clauses:
        clause_hits = [h for h in (hits(t, text) for t in clause) if h.found]
        found.extend(clause_hits)
        if not clause_hits:
            missing.append(clause[0])
    word_hits = [hits(t, text) for t in topic.excluded if not t.outlet]
    excluded = tuple(h for h in word_hits if h.found)
    # -from:X (-from:Y ...) leaves out what only those outlets carry: a story others report too is news all the same
    outlet_terms = [t for t in topic.excluded if t.outlet]
    if outlet_terms and text.outlets and all(any(_contains(_Unit(o, o), t) for t in outlet_terms)
                                             for o in text.outlets):
        excluded += tuple(h for h in (hits(t, text) for t in outlet_terms) if h.found)
    matched = not missing and not excluded
    return Decision(topic, matched, tuple(found), tuple(missing), excluded)


def match_topics(topics: Sequence[Topic], text: StoryText) -> TopicMatch | None:
    """The best explanation over a channel's topics, or None when none matches."""
    decisions = [d for d in (decide(t, text) for t in topics) if d.matched]
    if not decisions:
        return None
    why = "; ".join(dict.fromkeys(d.why().removeprefix("matched: ") for d in decisions))
    return TopicMatch(score=round(max(d.score for d in decisions), 4), why=f"matched: {why}")


def explain(topics: Sequence[Topic], text: StoryText) -> list[str]:
    """One line per topic, saying why it did or did not match (for ``why <story>``)."""
    return [decide(t, text).why() for t in topics]


def story_text(story: Story, articles: Sequence[Article] = (), *, said: Sequence[tuple[str, str]] | None = None,
               analyser: TermAnalyser | None = None, readable: Callable[[str], bool] | None = None) -> StoryText:
    """The one text every surface matches a story's topics in (``match_story``; ``why``, the ``Delivery``'s prepared
    texts): the story's headline, every sentence of its articles (its summary only for a story given without them),
    its quotes (``said``, else ``story.quotes``) and their speakers."""
    return StoryText(story, articles, analyser=analyser, said=said, readable=readable)


def match_story(topics: Sequence[Topic], story: Story, articles: Sequence[Article] = (), *,
                said: Sequence[tuple[str, str]] | None = None, analyser: TermAnalyser | None = None,
                readable: Callable[[str], bool] | None = None) -> TopicMatch | None:
    """The rule every surface matches a story by (on-demand and scheduled briefings, alerts): in its ``story_text``;
    an exclusion found anywhere in that text excludes it."""
    return match_topics(topics, story_text(story, articles, analyser=analyser, said=said, readable=readable))


def matcher_for(topics: Sequence[Topic], texts: dict[str, StoryText]) -> Callable[[Story], TopicMatch | None]:
    """A compose() matcher over prepared texts (``story_text``; stories without a prepared text use their summary)."""

    def match(story: Story) -> TopicMatch | None:
        text = texts.get(story.id) or story_text(story)
        return match_topics(topics, text)

    return match


def compile_topics(queries: Sequence[str],
                   analyser: TermAnalyser | None = None) -> Callable[[Story], TopicMatch | None]:
    """Topic texts -> a compose() matcher over each story's own text (headline, summary, quotes).
    Raises TopicError for a query that cannot be understood."""
    analyser = analyser or TermAnalyser()
    topics = [parse_topic(q, analyser) for q in queries]

    def match(story: Story) -> TopicMatch | None:
        return match_topics(topics, StoryText(story, analyser=analyser))

    return match
