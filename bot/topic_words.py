"""How topic matching reads a word's case and symbols: acronyms in capitals (``WHO``, ``US``) and words written with
a symbol (``c++``, ``c#``, ``.net``, ``at&t``), the same for a topic's words and a story's.

The rule (README, "Topics"): a word written all in capitals, with at least two letters and at most six characters
(``WHO``, ``US``, ``IT``, ``AI``, ``NATO``, ``U.S.``), is an acronym. A topic's acronym matches only that word in
capitals in the text (or in the possessive, ``EU's``), alone, in a quoted phrase or in a name; one of four letters or
more its word in title case too (``Nato``, ``Brexit``: ``acronym_of``). A topic word with lower-case letters
matches whatever the case, except that a common English word (``who``, ``us``, ``it``: ``common_words``) does not
match an acronym the text writes in capitals (``"the who"`` is not ``the WHO``), unless the whole text is in
capitals (a shouted headline, where capitals say nothing). In a text in title case (``is_title_case``: ``Ai Safety
Summit Opens``) a shorter acronym's title-case word (``Ai``) counts as it for a phrase that also has a plain word
(``"AI safety"``: ``title_stems``), never for the acronym alone (``Ai Lin`` is a name) nor a common word (``Us``).
A topic word written with a symbol matches that form only, whatever its case (``c++`` is not ``c``; ``C#`` is
``c#``; but ``.NET`` in capitals is an acronym; a word with ``&``, ``AT&T``, is read in lower case, matching in any
case: ``loosened``), read by ``symbol_words`` on both sides. A text's word joined by hyphens (``US-China``) also
counts as each of its parts (``US``, ``China``: ``hyphen_parts``), these rules applying to each, a part of one
character kept with the next as a prefix (``e-mail``: ``split_hyphens``). An acronym written with dots
between single capital letters (``U.S.``, ``E.U.``, ``U.S.A.``) is its letters without them (``undotted``), on both
sides, its possessive (``U.S.'s``, which ``words`` splits) read whole (``dotted_possessives``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache

from sumy.utils import get_stop_words

from bot.nlp.terms import APOSTROPHES, normalise_apostrophes

CAPS = "\x1e"  # no word holds it: an acronym tagged with it is never a stem
MAX_ACRONYM_CHARS = 6
TITLED = 4  # an acronym of this many letters or more also matches its word in title case ("NATO": "Nato")
# ``bot.nlp.terms.WORD_RE``, and: a full stop before a word (``.net``), ``&`` inside one (``at&t``), ``+`` and ``#``
# after one (``c++``, ``c#``)
SYMBOL_WORD_RE = re.compile(r"(?:(?<![\w.])\.)?[^\W_](?:\w|['.,\-&](?=[^\W_]))*[+#]*")
# a text where ``symbol_words`` may differ from ``words``: a full stop is looked behind only once found, which is
# several times faster than a pattern that begins with the look behind (searched for at every character)
SYMBOL_HINT = re.compile(r"[+#&]|\.(?<![\w.]\.)(?=[^\W_])")
DOTTED_RE = re.compile(r"[A-Z](?:\.[A-Z])+")  # "U.S", "U.S.A" as ``words`` gives them: single capitals and dots

Stems = tuple[str, ...]


@cache
def common_words() -> frozenset[str]:
    """English function and common words (``the``, ``who``, ``us``, ``new``), lower case: read once."""
    return frozenset(w.casefold() for w in get_stop_words("english"))


def is_acronym(word: str) -> bool:
    """``WHO``, ``NATO``, ``U.S``, ``AT&T``: all capitals, two letters or more, six characters at most without the dots
    of a dotted acronym (``N.A.T.O``; not ``C#``, ``G7``, ``A``)."""
    return word.isupper() and 2 <= len(undotted(word)) <= MAX_ACRONYM_CHARS and sum(c.isalpha() for c in word) >= 2


def undotted(word: str) -> str:
    """A dotted acronym's letters (``U.S``, ``U.S.A``: ``US``, ``USA``); any other word as it is."""
    return word.replace(".", "") if "." in word and DOTTED_RE.fullmatch(word) else word


def dotted_possessives(text: str, tokens: Sequence[str]) -> Sequence[str]:
    """The words of a text with a dotted acronym's possessive, which ``words`` splits (``U.S.'s``: ``U.S``, ``s``),
    read whole (``U.S's``) as ``EU's`` is; the words as they are when the text has none."""
    if "s" not in tokens or not any(f".{mark}s" in text for mark in ("'", *APOSTROPHES)):
        return tokens
    out = list(tokens)
    for i in range(len(out) - 2, -1, -1):
        if out[i + 1] == "s" and DOTTED_RE.fullmatch(out[i]):
            out[i:i + 2] = [out[i] + "'s"]
    return out


@lru_cache(maxsize=1 << 16)  # a text's capitalised words: the same ones again and again
def acronym_of(word: str) -> str | None:
    """The acronym a text's word writes, alone or in the possessive (``WHO``, ``EU's``: apostrophes normalised, as
    ``words`` gives them), as a plain word's stem drops its ``'s``; None for any other word. ``IT'S`` and ``WHO'S``
    in capitals are "it is" and "who is", but ``UK'S`` (a headline in capitals) is ``UK's`` (``capital_possessive``)."""
    base = word[:-2] if word[-2:] == "'s" or capital_possessive(word) else word
    if is_acronym(base):
        return undotted(base)
    return base.upper() if is_titled_acronym(base) else None


def capital_possessive(word: str) -> bool:
    """``UK'S``, ``NATO'S``: a word in the possessive in capitals, not a common word's contraction (``IT'S``,
    ``WHO'S``, ``LET'S``)."""
    return word[-2:] == "'S" and word[:-2].casefold() not in common_words()


def is_titled_acronym(word: str) -> bool:
    """``Nato``, ``Covid``, ``Brexit``: a word in title case that an acronym of four letters or more (``TITLED``)
    writes, as many outlets do, unless it is a common word (``What``)."""
    return (TITLED <= len(word) <= MAX_ACRONYM_CHARS and word.isalpha() and word.istitle()
            and word.casefold() not in common_words())


def is_short_titled(word: str) -> bool:
    """``Ai``, ``Eu``, ``Uk``: a word in title case of two or three letters (shorter than ``TITLED``) that is no
    common word (``Us``, ``It``, ``Who``, ``Un``): how a text in title case writes a short acronym, or a name."""
    return (2 <= len(word) < TITLED and word.isalpha() and word.istitle()
            and word.casefold() not in common_words())


def title_word(word: str) -> str | None:
    """The short word in title case a text's word writes, alone or in the possessive (``Ai``, ``Ai's``: ``Ai``), as
    ``title_stems`` reads it; None for any other word."""
    base = word[:-2] if word[-2:] == "'s" else word
    return base if is_short_titled(base) else None


@cache
def title_forms(acronym: str) -> tuple[str, ...]:
    """The words of a text in title case that write a topic's short acronym in a phrase (``title_stems``): ``Ai``,
    ``Ai's`` for ``AI``; none for a common word (``US``: ``Us``) or an acronym ``acronym_forms`` finds in title
    case anyway."""
    titled = acronym.capitalize()
    return (titled, titled + "'s") if is_short_titled(titled) else ()


def is_title_case(tokens: Sequence[str]) -> bool:
    """A text in title case, as a headline or a name (``Ai Safety Summit Opens in Velmora``): two words or more
    with a capital, more than those without, and no word in lower case but common words (``in``, ``of``, ``the``);
    words that do not begin with a letter (numbers) left aside. A text in capitals is one too."""
    common = common_words()
    capitalised = lower = 0
    for token in tokens:
        first = token[:1]
        if first.isupper():
            capitalised += 1
        elif not first.isalpha():
            continue
        elif token.casefold() in common:
            lower += 1
        else:
            return False
    return capitalised >= 2 and capitalised > lower


def title_stems(tokens: Sequence[str], stems: Stems, caps: Stems | None) -> Stems | None:
    """A text's words as a topic's phrase with a short acronym and a plain word finds them (``Term.titled``): as
    ``caps`` (or ``stems``, when the text writes no acronym), with each short word in title case (``title_word``:
    ``Ai``) tagged as its acronym in capitals, when the text is in title case (``is_title_case``: ``Ai Safety Summit
    Opens``); None when it writes no such word or is not in title case."""
    if not is_title_case(tokens):  # first: a sentence is seldom in title case, and shows it within a few words
        return None
    short = [(i, found) for i, token in enumerate(tokens)
             if token[:1].isupper() and (found := title_word(token)) is not None]
    if not short:
        return None
    out = list(stems if caps is None else caps)
    for i, found in short:
        out[i] = CAPS + found.upper()
    return tuple(out)


def loosened(topic: str) -> str:
    """A topic's text with each word written with ``&`` in lower case (``AT&T``: ``at&t``): such a word is read as
    one in lower case is, matching in any case (``At&t``, ``AT&T``), for no common word is written so."""
    if "&" not in topic:
        return topic
    return SYMBOL_WORD_RE.sub(lambda m: m.group().lower() if "&" in m.group() else m.group(), topic)


@cache
def acronym_forms(acronym: str) -> tuple[str, ...]:
    """The words of a text that write a topic's acronym (``acronym_of``): ``NATO``, ``NATO's``, its letters with
    dots (``N.A.T.O``), and for four letters or more ``Nato``, ``Nato's``; in capitals ``NATO'S`` too."""
    forms = [acronym, acronym + "'s"] + ([acronym + "'S"] if capital_possessive(acronym + "'S") else [])
    if acronym.isalpha():
        forms.append(".".join(acronym))
    if is_titled_acronym(acronym.capitalize()):
        forms += [acronym.capitalize(), acronym.capitalize() + "'s"]
    return tuple(forms)


def symbol_words(text: str) -> list[str]:
    """The words of a text as ``bot.nlp.terms.words`` finds them, but a word written with a symbol kept whole:
    ``C++`` and ``c#`` (not ``C``, ``c``), ``.NET`` (not ``NET``), ``AT&T`` (not ``AT``, ``T``)."""
    found: list[str] = SYMBOL_WORD_RE.findall(normalise_apostrophes(text))
    return found


def split_hyphens(word: str) -> list[str]:
    """The parts of a word joined by hyphens (``US-China``: ``US``, ``China``), but a part of one character kept
    with the part after it (``e-mail``, ``X-ray``, ``F-35`` whole; ``e-mail-based``: ``e-mail``, ``based``): a
    prefix, not a word of its own."""
    out: list[str] = []
    prefix = ""
    for part in word.split("-"):
        part = f"{prefix}-{part}" if prefix else part
        prefix = part if len(part) == 1 else ""
        if not prefix:
            out.append(part)
    if prefix:
        out.append(prefix)
    return out


def hyphen_parts(tokens: Sequence[str]) -> tuple[str, ...] | None:
    """A text's words with each word joined by hyphens read as its parts (``split_hyphens``), for a topic's words
    to find in a row as they find the text's other words; None when that splits no word."""
    if not any("-" in t for t in tokens):
        return None
    parts = tuple(part for t in tokens for part in (split_hyphens(t) if "-" in t else (t,)))
    return None if len(parts) == len(tokens) else parts


def parts_of(tokens: Iterable[str]) -> list[str]:
    """The parts of those words joined by hyphens, what the topic screens read besides them: as ``hyphen_parts``
    reads them (``split_hyphens``) and split at every hyphen, as ``words`` may have split off a part of one
    character that the matcher reads with a symbol (``AT&T-owned``: ``AT``, ``T-owned``; the matcher: ``AT&T``)."""
    return [part for t in tokens if "-" in t for part in (*t.split("-"), *split_hyphens(t))]


def may_hold_symbols(text: str) -> bool:
    """False when ``symbol_words(text)`` is ``words(text)`` for sure."""
    return SYMBOL_HINT.search(text) is not None


def topic_stems(stem: Callable[[str], str], tokens: Sequence[str]) -> Stems:
    """A topic's words as it looks for them: an acronym as itself in capitals (tagged), any other word stemmed."""
    return tuple(CAPS + undotted(t) if is_acronym(t) else stem(t) for t in tokens)


def text_stems(stem: Callable[[str], str], tokens: Sequence[str], shouted: bool) -> tuple[Stems, Stems | None]:
    """A text's words as a topic finds them: (stems, capitals). ``stems`` has each word's stem, but a common word
    written as an acronym (``WHO``, ``US``) tagged as one instead, unless the text is ``shouted``; ``capitals`` has
    each acronym tagged and the other words' stems, or is None when the text writes none. A topic's word matches a
    position when it equals either."""
    stems = [stem(t) for t in tokens]
    caps: list[str] | None = None
    upper = [i for i, token in enumerate(tokens) if token[:1].isupper()]
    common = common_words()
    for i in upper:
        acronym = acronym_of(tokens[i])  # "WHO", "EU's": "EU"; "Nato": "NATO"
        if acronym is not None:
            if caps is None:
                caps = list(stems)
            caps[i] = CAPS + acronym
            # never a word in title case (``is_titled_acronym``); "U.S" is no common word ("u.s." still finds it)
            if not shouted and acronym.casefold() in common and "." not in tokens[i]:
                stems[i] = CAPS + acronym
    return tuple(stems), None if caps is None else tuple(caps)


def is_shouted(text: str, tokens: Sequence[str]) -> bool:
    """A text of two words or more all in capitals (``THE WHO ANNOUNCE A TOUR``), whose capitals mark no acronym."""
    return len(tokens) > 1 and text.isupper()


def holds(stems: Stems, caps: Stems | None, wanted: Stems) -> bool:
    """Whether the wanted stems (``topic_stems``) stand in a row in a text's (``text_stems``)."""
    n = len(wanted)
    if n == 1:  # a word alone (an acronym): searches in C
        return wanted[0] in stems or (caps is not None and wanted[0] in caps)
    if n == 0 or any(w[:1] == CAPS and w not in (stems if caps is None else caps) for w in wanted):
        return False  # an acronym the text does not write (each one it writes is in ``caps``): a search in C
    if caps is None:
        return any(stems[i:i + n] == wanted for i in range(len(stems) - n + 1))
    return any(all(w == stems[i + k] or w == caps[i + k] for k, w in enumerate(wanted))
               for i in range(len(stems) - n + 1))
