"""Word tokens, stop words and cached stems shared by the summariser and the story clusterer."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from sumy.utils import get_stop_words

from bot.ingest.scripts import script_of
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


# Letters (marks counted) of a script that say what one English word says, measured on the same invented report in
# English and in each script (tests/nlp_summary/unspaced_parallel_samples.py: 53 English words; 70 Han in Chinese,
# 40 Han and 48 kana in Japanese, 223 Thai, 209 Lao, 255 Khmer, 290 Myanmar, 212 Tibetan, 156 Ethiopic letters).
# Han, kana, Thai, Lao, Khmer and Myanmar have no space between words and Tibetan a mark between syllables, so their
# words cannot be counted; Amharic's words hold a preposition, an article and a verb's person (0.74 of an English
# word each), so its letters are counted too
WORD_LETTERS = {"han": 1.3, "kana": 2.1, "thai": 4.2, "lao": 3.9, "khmer": 4.8, "myanmar": 5.5, "tibetan": 4.0,
                "ethiopic": 2.9}
# the Unicode blocks of those scripts (the letters among them are told by ``script_of``)
_BLOCKS = ("\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1200-\u139f\u1780-\u17ff\u19e0-\u19ff\u2d80-\u2ddf"
           "\u3005\u3006\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua9e0-\ua9ff\uaa60-\uaa7f"
           "\uab00-\uab2f\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f")
_WEIGHED = re.compile(f"[{_BLOCKS}]")
# text written without spaces between words is compared in pieces of this many letters (marks counted): two Han or
# kana (a Chinese or Japanese word is mostly one or two), three Thai, Lao, Khmer or Myanmar letters and marks (about
# a syllable); Tibetan by syllable (between its tsheg marks), Amharic by word as written
NGRAMS = {"han": 2, "kana": 2, "thai": 3, "lao": 3, "khmer": 3, "myanmar": 3, "tibetan": 0}
_RUN = re.compile("[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\u3005\u3006"
                  "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua9e0-\ua9ff\uaa60-\uaa7f"
                  "\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]+")
_GROUP = {"kana": "han"}  # Japanese writes kana and Han in one word: one run of pieces


def word_length(text: str) -> float:
    """How many English words ``text`` says: its words (``words``), with the letters of the scripts of WORD_LETTERS
    counted as letters, each 1 / WORD_LETTERS of a word. Text without them: ``len(words(text))``, as ever."""
    if _WEIGHED.search(text) is None:
        return len(words(text))
    letters: Counter[str] = Counter()
    rest: list[str] = []
    for char in text:
        script = script_of(char)
        if script in WORD_LETTERS:
            letters[script] += 1
            rest.append(" ")
        else:
            rest.append(char)
    return len(words("".join(rest))) + sum(n / WORD_LETTERS[script] for script, n in letters.items())


def segment_words(text: str) -> list[str]:
    """``words(text)``, but text of the scripts of NGRAMS (no space between words) as overlapping pieces of NGRAMS
    letters and marks ("大桥正式通车" -> 大桥 桥正 正式 式通 通车), Tibetan as syllables: terms two texts can share.
    Text without them: ``words(text)``, as ever."""
    if _RUN.search(text) is None:
        return words(text)
    out: list[str] = []
    at = 0
    for run in _RUN.finditer(text):
        out.extend(words(text[at : run.start()]))
        out.extend(_pieces(run.group()))
        at = run.end()
    out.extend(words(text[at:]))
    return out


def _pieces(run: str) -> list[str]:
    """One run of NGRAMS scripts' characters as pieces: each stretch of letters and marks of one script (group) cut
    into overlapping n-grams (a shorter stretch whole); digits and punctuation in it end a stretch."""
    out: list[str] = []
    stretch: list[str] = []
    group = ""
    for char in (*run, ""):
        script = script_of(char) if char else ""
        own = _GROUP.get(script, script)
        if stretch and own != group:
            out.extend(_ngrams("".join(stretch), NGRAMS.get(group, 0)))
            stretch = []
        if own in NGRAMS:
            stretch.append(char)
        group = own
    return out


def _ngrams(stretch: str, n: int) -> list[str]:
    """Overlapping pieces of ``n`` characters; the stretch whole when it is not longer (or ``n`` is 0)."""
    if n <= 0 or len(stretch) <= n:
        return [stretch]
    return [stretch[i : i + n] for i in range(len(stretch) - n + 1)]


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

    def index_terms(self, text: str) -> list[str]:
        """``terms``, with text written without spaces between words cut into pieces (``segment_words``): what
        summary sentences and stories are compared by. The same as ``terms`` for text without such scripts."""
        return [self.stem(w) for w in segment_words(text) if not self.is_stop(w)]

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
