"""Language-neutral anchors of an article (names and numbers of its title and lead), for cross-language story joins."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from bot.ingest.language import LANGUAGES
from bot.models import Article
from bot.nlp.languages import ENGLISH, language_name, stop_words
from bot.nlp.terms import normalise_apostrophes

NUMBER = "#"  # prefix of number anchors ("#24.1"); names are plain folded words ("dumarais")
LEAD_SENTENCES = 3  # the title and this many first sentences: where a report names its event
# numbers ("1 200" with spaces as thousands separators, "24,1", "1.000"), then words ("l'Ostrelle": "l", "Ostrelle")
_TOKEN = re.compile(
    r"(?<!\d)\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+|\d+(?:[.,\u00a0\u202f]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*")
# "1.000", "12,500", "1.000.000", "1 200" (with a space, a no-break or a thin no-break space, as French writes it)
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:([., \u00a0\u202f])\d{3})(?:\1\d{3})*")
# _TOKEN's tokens as the one group, behind a possessive run of what can be no anchor (_TOKEN's tokens that begin with
# a lower-case ASCII letter, and characters no token begins with), consumed in C: the scan stops where _TOKEN's scan
# would find its next token, at each token that may be one ("économie": isupper() tells), and ends on an empty group
_SCAN = re.compile(r"(?:[a-z][^\W\d_]*+(?:-[^\W\d_]++)*+|[\W_])*+(" + _TOKEN.pattern + ")?")
_OPENERS = " \"“”„«»‹›'‘’(["
_LETTERS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=256)
def language_key(code: str) -> str:
    """The language an article is written in, for telling languages apart: sumy's name when there is one ("fr-CA"
    -> "french"), else the code's primary subtag ("nl-BE" -> "nl"); "en", "" and "english" are "english"."""
    name = language_name(code)
    if name != ENGLISH:
        return name
    head = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    return ENGLISH if head in ("", "en", ENGLISH) else head


@lru_cache(maxsize=65_536)
def fold(word: str) -> str:
    """Lower-cased without accents: "Zürich" -> "zurich", "Éloïse" -> "eloise"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _all_stop_words() -> frozenset[str]:
    """Every listed language's stop words, folded: a capitalised "Die" or "Les" inside a title is no name."""
    return frozenset(fold(w) for name in LANGUAGES for w in stop_words(name))


def number(token: str) -> str:
    """A number written the same in every language: "1.000" and "1,000" -> "1000", "24,1" and "24.1" -> "24.1",
    "1.234,5" and "1,234.5" -> "1234.5"."""
    if _THOUSANDS.fullmatch(token):
        return re.sub(r"[.,\s]", "", token)
    token = re.sub(r"\s", "", token)
    last = max(token.rfind("."), token.rfind(","))
    if last < 0:
        return token
    return re.sub(r"[.,]", "", token[:last]) + "." + token[last + 1 :]


def text_anchors(text: str, lowered: frozenset[str] = frozenset()) -> set[str]:
    """Names (capitalised words not at a sentence start, not a stop word of any language, not also written in
    lower case in the article: ``lowered``) and numbers of two or more characters in one sentence or title."""
    text = normalise_apostrophes(text)
    out: set[str] = set()
    for m in _SCAN.finditer(text):
        token = m.group(1)
        if token is None:  # the end of the text
            continue
        if token[0].isdigit():
            if len(token) > 1:
                out.add(NUMBER + number(token))
            continue
        if not token[0].isupper() or len(token) < 2:  # most words: no name, and nothing more to read
            continue
        start = m.start(1)
        before = text[max(0, start - 12) : start].rstrip(_OPENERS)
        if not before:  # only openers close before it: look further back (rare), not at every word
            before = text[:start].rstrip(_OPENERS)
        if not before or before[-1] in ".!?:;\n":
            continue  # a sentence's first word is capitalised whatever it is
        folded = fold(token)
        if folded in _all_stop_words() or token.lower() in lowered:
            continue
        out.update(part for part in folded.split("-") if len(part) > 1)
    return out


def article_anchors(article: Article, lead_sentences: int = LEAD_SENTENCES) -> frozenset[str]:
    """The anchors of an article's title and first sentences (its text's start if it has no sentences)."""
    lead = [s.text for s in article.sentences[:lead_sentences]] or [article.text[:600]]
    lowered = frozenset(filter(str.islower, _LETTERS.findall(" ".join(lead))))  # a space never joins two words
    found: set[str] = set()
    for text in (article.title, *lead):
        found |= text_anchors(text, lowered)
    return frozenset(found)
