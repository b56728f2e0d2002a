"""The language of an article whose source does not say: the European language whose stop words it uses most."""

from __future__ import annotations

import re
from functools import cache

from sumy.utils import get_stop_words

# sumy's stop-word lists for languages written in Latin script (with the ISO 639-1 code stored on articles)
LANGUAGES = {"english": "en", "french": "fr", "german": "de", "spanish": "es", "italian": "it",
             "portuguese": "pt", "czech": "cs", "slovak": "sk", "polish": "pl", "swedish": "sv"}
MIN_WORDS = 30  # shorter texts keep the default: too few function words to tell
MIN_SHARE = 0.15  # a language's stop words must be at least this share of the words ...
MARGIN = 1.5  # ... and this many times English's share, for the text to count as not English
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@cache
def _stop_words() -> dict[str, frozenset[str]]:
    return {code: frozenset(w.lower() for w in get_stop_words(name)) for name, code in LANGUAGES.items()}


def detect_language(text: str, default: str = "en") -> str:
    """``fr`` for French text, and so on; ``default`` when the text is short or no language stands out. English is
    the default's rival only when it clearly loses: a text counts as another language when that language's stop
    words make up at least MIN_SHARE of its words and MARGIN times English's share."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if len(words) < MIN_WORDS:
        return default
    shares = {code: sum(1 for w in words if w in stop) / len(words) for code, stop in _stop_words().items()}
    best = max(shares, key=lambda code: shares[code])
    if best == "en" or shares[best] < MIN_SHARE or shares[best] < MARGIN * shares["en"]:
        return default
    return best
