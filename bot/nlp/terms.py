"""Word tokens, stop words and cached stems shared by the summariser and the story clusterer."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from sumy.utils import get_stop_words

from bot.nlp.languages import ELISIONS, ENGLISH, language_name, stemmer, stop_words, unelide

# Letters/digits with inner apostrophes, hyphens, dots or commas ("U.S.", "3,000", "Russia's", "co-op").
WORD_RE = re.compile(r"[^\W_](?:[\w]|['.,\-](?=[^\W_]))*")
APOSTROPHES = ("’", "‘", "`", "´")  # each read as "'"; only the backtick is ASCII

# Frequent news words that carry no event identity (reporting verbs, time words).
_NEWS_STOP_WORDS = """said says say told tell according also would could may might will one two new year years
    monday tuesday wednesday thursday friday saturday sunday week weeks day days today yesterday
    last first time people mr mrs ms percent report reported reports including just like get got
    many much make made still even back well since around week's told"""
_NEWS_STOP = frozenset(_NEWS_STOP_WORDS.split())


def normalise_apostrophes(text: str) -> str:
    """Map typographic apostrophes (``APOSTROPHES``) to ``'`` so "Russia’s" tokenises like "Russia's". Chained
    ``str.replace`` (each returns its text unchanged when the mark is not there), not ``str.translate``, which reads
    text that is not all ASCII one character at a time: some 400x slower on such articles
    (benchmarks/bench_apostrophes.py)."""
    if text.isascii():
        return text.replace("`", "'")
    return text.replace("’", "'").replace("‘", "'").replace("`", "'").replace("´", "'")


def words(text: str) -> list[str]:
    """Word tokens of ``text`` in order, punctuation dropped, apostrophes normalised."""
    return WORD_RE.findall(normalise_apostrophes(text))


@cache
def english_stop_words() -> frozenset[str]:
    """sumy's English stop-word list plus a few news function words (read once, immutable)."""
    return frozenset(w.lower() for w in get_stop_words("english")) | _NEWS_STOP


class TermAnalyser:
    """Turns text into stemmed content terms; keeps a per-instance stem cache (stemming is the cost).

    One analyser is one language's (English by default: sumy's English stop words plus news words); ``for_language``
    gives the analyser of an article's language, made once per language and kept with this one."""

    def __init__(self, language: str = ENGLISH) -> None:
        self.language = language_name(language)
        self._stem = stemmer(self.language)
        self._stop = english_stop_words() if self.language == ENGLISH else stop_words(self.language)
        self._elisions = ELISIONS.get(self.language, frozenset())
        self._cache: dict[str, str] = {}
        self._others: dict[str, TermAnalyser] = {}

    @property
    def stop_words(self) -> frozenset[str]:
        """Lower-case stop words of this analyser's language."""
        return self._stop

    @property
    def elides(self) -> bool:
        """Whether words may carry an elided article ("l'économie"), which ``normal`` drops."""
        return bool(self._elisions)

    def for_language(self, language: str) -> TermAnalyser:
        """The analyser of an article's language ("fr", "de-AT", "french"): this one when it is the same, English
        for a language without a stemmer and stop words here (bot/nlp/languages.py)."""
        name = language_name(language)
        if name == self.language:
            return self
        got = self._others.get(name)
        if got is None:
            got = self._others[name] = TermAnalyser(name)
        return got

    def normal(self, word: str) -> str:
        """The lower-case form looked up among the stop words: without an elided article ("l'économie")."""
        low = word.lower()
        return unelide(low, self._elisions) if self._elisions else low

    def stem(self, word: str) -> str:
        low = word.lower()
        got = self._cache.get(low)
        if got is None:
            if self._elisions:
                got = str(self._stem(unelide(low, self._elisions)))
            else:
                got = str(self._stem(low.replace("'s", "") if low.endswith("'s") else low))
            self._cache[low] = got
        return got

    def is_stop(self, word: str) -> bool:
        low = word.lower()
        if self._elisions:
            low = unelide(low, self._elisions)
        return low in self._stop or (len(low) < 2 and not low.isdigit())

    def terms(self, text: str) -> list[str]:
        """Stemmed content terms (stop words and single letters removed)."""
        return [self.stem(w) for w in words(text) if not self.is_stop(w)]

    def names(self, text: str) -> list[str]:
        """Capitalised words not at a sentence start, and numbers: the cheap stand-ins for entities."""
        text = normalise_apostrophes(text)
        out: list[str] = []
        for m in WORD_RE.finditer(text):
            w = m.group()
            before = text[max(0, m.start() - 3) : m.start()].rstrip(" \"“'(")
            sentence_start = not before or before[-1] in ".!?:\n"
            capital = w[0].isupper() and (not sentence_start or (w.isupper() and len(w) > 1))
            if (capital or (w[0].isdigit() and len(w) > 1)) and not self.is_stop(w):
                out.append(self.stem(w))
        return out

    def bag(self, text: str) -> Counter[str]:
        return Counter(self.terms(text))
