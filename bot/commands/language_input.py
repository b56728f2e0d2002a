"""Languages as people type them in chat: ``French German`` or ``Norwegian Bokmål`` read as the codes ``fr de``
and ``nb`` that briefings use."""

from __future__ import annotations

from collections.abc import Sequence

from bot.channel_languages import ALL, CODES
from bot.language_names import LONGEST, NAMES, close_names, code_of

USAGE = "English names such as `French German`, ISO 639-1 codes such as `fr de` (`syr` for Syriac), or `all`"


def language_codes(text: str) -> str:
    """``"French, german"`` -> ``"fr de"``: each English name of a language a channel can choose (any case or
    accents, several words too: ``Norwegian Nynorsk``) becomes its code, the longest name first (never over a
    comma); codes and ``all`` stay as typed, for the parser to judge. ValueError (one line) for a word that is
    neither, saying how to write it and naming the names it may have meant (``Norweigan``: Norwegian)."""
    return " ".join(code for part in text.split(",") for code in _part_codes(part.split()))


def _part_codes(words: list[str]) -> list[str]:
    """The codes of the words between two commas (a name never runs over a comma: ``Norwegian, Nynorsk``)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(LONGEST, len(words) - i), 0, -1):
            code = code_of(" ".join(words[i:i + n]))
            if code is not None:
                out.append(code)
                i += n
                break
        else:
            word = words[i]
            if word.casefold() not in CODES and word.casefold() != ALL:
                close = close_names(word[:40]) if len(word) > 3 else []
                meant = f"; did you mean {' or '.join(close)}?" if close else ""
                raise ValueError(f"{word[:40]!r} is not an ISO 639-1 language code or a language's English name "
                                 f"(expected {USAGE}){meant}")
            out.append(word)
            i += 1
    return out


def named_languages(codes: Sequence[str]) -> str:
    """``("no", "fr")`` -> ``Norwegian (no), French (fr)`` for a reply (a code without a name stays as it is);
    none -> ``all languages``."""
    if not codes:
        return "all languages"
    return ", ".join(f"{NAMES[c]} ({c})" if c in NAMES else c for c in codes)
