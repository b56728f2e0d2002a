"""Topic words stemmed in the languages besides English that a story may be written in, each stem tagged with its
language and its word's first letters, so the topic screen can find every match without stemming every word in
every language.

A topic is typed in one language, which briefbot does not know, and matched against stories in any: each topic
word is stemmed in every language here, and a story's text in its own language (and in English, as before). A
word of the text matches a topic word in a language when both stem alike there *and* begin alike
(``KEY_CHARS`` letters, accents dropped): stems share their first letters anyway, so this loses nothing a
reader would call a match, and it lets the screen (bot/topic_screen.py) stem in a language only the few words
that begin like a topic word.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from bot.ingest.language import LANGUAGES
from bot.nlp.languages import ENGLISH
from bot.nlp.terms import TermAnalyser

# every language with its own stemmer and stop words, besides English (sumy's names)
FOREIGN = tuple(name for name in LANGUAGES if name != ENGLISH)
KEY_CHARS = 2
SEP = "\x1f"  # no word holds it: a tagged stem is never an English stem

Stems = tuple[str, ...]


@cache
def _fold(char: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).replace("ß", "ss")


def key(normal: str) -> str:
    """The first KEY_CHARS letters of a word's lower-case form (read from its first few characters), accents dropped
    ("äpfel" -> "ap")."""
    return _key(normal[:KEY_CHARS + 2])


@lru_cache(maxsize=1 << 14)
def _key(head: str) -> str:
    out = ""
    for char in head:
        out += _fold(char)
        if len(out) >= KEY_CHARS:
            break
    return out[:KEY_CHARS]


def tagged_stem(analyser: TermAnalyser, word: str) -> str:
    """``word`` stemmed in the analyser's language, tagged with the language and the word's key."""
    return f"{analyser.language}{SEP}{key(analyser.normal(word))}{SEP}{analyser.stem(word)}"


def tagged_key(tagged: str) -> tuple[str, str]:
    """(language, key) of a tagged stem."""
    language, word_key, _ = tagged.split(SEP, 2)
    return language, word_key


def foreign_stems(analyser: TermAnalyser, tokens: Stems,
                  languages: tuple[str, ...] = FOREIGN) -> tuple[tuple[str, Stems], ...]:
    """(language, tagged stems of the tokens) for each of these languages (not English: its stems are untagged)."""
    out: list[tuple[str, Stems]] = []
    for language in languages:
        local = analyser.for_language(language)
        if local.language == ENGLISH:
            continue
        out.append((local.language, tuple(tagged_stem(local, t) for t in tokens)))
    return tuple(out)
