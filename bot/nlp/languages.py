"""Per-language stemmers and stop words (sumy's, offline), each built once, chosen by an article's language code."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache, partial

from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words

from bot.ingest.language import LANGUAGES

ENGLISH = "english"
# sumy's name of each language an article may be labelled with (bot/ingest/language.py); any other code is read
# as English, as every article was before
_NAMES = {code: name for name, code in LANGUAGES.items()}
# sumy's Polish stemmer needs the pystempel package, which briefbot does not install: Polish words are only
# lower-cased (its stop words are still used)
_UNSTEMMED = frozenset({"polish"})
_CASE_CHECKED = frozenset({"czech", "slovak"})  # sumy's Czech stemmer, used for Slovak too
# frequent function words missing from sumy's lists (French lacks "de", "un", "à"; Spanish "de", "que", "y")
_MORE_STOP_WORDS = {
    "french": """de un une à aux on quoi dont cet cette ne n plus se leurs l d qu j m s t c a être ont avait y
        lui me te""",
    "spanish": "de del al que y o u e se son han no más le les este ese esa ya",
    "portuguese": "é não seu sua ser à",
    "german": "war hat haben",
}
# elided articles and pronouns written onto the next word ("l'économie", "qu'il", "dell'anno"): dropped before
# the word is stemmed or looked up among the stop words
_ELIDED = {
    "french": "l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu quelqu",
    "italian": "l d c s un dell all dall nell sull coll quest quell nessun buon sant",
}
ELISIONS = {language: frozenset(heads.split()) for language, heads in _ELIDED.items()}
_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})")


@lru_cache(maxsize=256)
def language_name(code: str) -> str:
    """sumy's name of an article's language: "fr", "fr-CA" or "french" -> "french"; "english" for English and
    for every language without a stemmer and stop-word list here."""
    low = code.strip().lower()
    if low in _NAMES.values():
        return low
    return _NAMES.get(re.split(r"[-_]", low, maxsplit=1)[0], ENGLISH)


@cache
def stemmer(language: str) -> Callable[[str], str]:
    """The stemmer of a language (sumy's: NLTK Snowball, or sumy's own Czech one), built once per language."""
    if language in _UNSTEMMED:
        return str.lower
    stem: Callable[[str], str] = Stemmer(language)
    if language in _CASE_CHECKED:
        return partial(_cased_only, stem)
    return stem


def _cased_only(stem: Callable[[str], str], word: str) -> str:
    """sumy's Czech stemmer returns a word without cased letters ("2030") as it is, with a warning each time: the
    same answer, without the warning."""
    return stem(word) if word.islower() else word


@cache
def stop_words(language: str) -> frozenset[str]:
    """sumy's stop words of a language, lower-cased and cleaned (its Portuguese list holds "\\xe3"-style escapes and
    comma-joined pairs), plus the frequent function words it lacks."""
    out: set[str] = set()
    for entry in get_stop_words(language):
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), entry).lower()
        out.update(w for w in re.split(r"[\s,]+", text) if w)
    out.update(_MORE_STOP_WORDS.get(language, "").split())
    return frozenset(out)


def unelide(word: str, elisions: frozenset[str]) -> str:
    """``word`` without a leading elided article or pronoun ("l'économie" -> "économie"); lower-case input."""
    head, apostrophe, rest = word.partition("'")
    return rest if apostrophe and rest and head in elisions else word
