"""English quantities spelled out in words read as numbers ("three decades" -> "30 years") for the repeat test."""

from __future__ import annotations

from collections.abc import Sequence

_UNITS = {word: n for n, word in enumerate(
    ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")) if n}
_TENS = {word: 10 * n for n, word in enumerate(
    ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")) if n > 1}
# "one" is a pronoun after these words and before these: "no one", "the one that", "one of them", "one another"
_NOT_ONE_AFTER = frozenset(("no", "any", "every", "each", "some", "the", "this", "that", "which", "someone"))
_NOT_ONE_BEFORE = frozenset(("of", "another"))
_SPANS = {"decade": 10, "decades": 10, "century": 100, "centuries": 100}


def spelled_quantities(tokens: Sequence[str]) -> list[str]:
    """``tokens`` (``segment_words``) with each number written in words as digits: one to nineteen, twenty to
    ninety (also "thirty-five", "thirty five"), "hundred", "a dozen"; and a span of decades or centuries as years
    ("a decade", "3 decades", "half a century", "a century" -> "10" / "30" / "50" / "100", "years"). "decades"
    without a number, and "one" used as a pronoun ("one of", "no one", "the one"), are left as written."""
    low = [t.lower() for t in tokens]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        value, end = _number(low, i)
        if value is not None and end < len(low) and low[end] in _SPANS:
            out += [_digits(value * _SPANS[low[end]]), "years"]
            i = end + 1
        elif value is not None and not (low[i].isdecimal() and end == i + 1):
            out.append(_digits(value))
            i = end
        else:
            out.append(tokens[i])
            i += 1
    return out


def _number(low: Sequence[str], i: int) -> tuple[float | None, int]:
    """The number that starts at token ``i`` and the index after it, or (None, i)."""
    word = low[i]
    after = low[i + 1] if i + 1 < len(low) else ""
    if word == "half" and after in ("a", "an") and i + 2 < len(low) and low[i + 2] in _SPANS:
        return 0.5, i + 2
    if word in ("a", "an"):
        if after in ("decade", "century"):
            return 1, i + 1
        if after in ("dozen", "hundred"):
            return (12 if after == "dozen" else 100), i + 2
        return None, i
    if word.isdecimal():  # not isdigit: "²" is a digit int() cannot read
        return int(word), i + 1
    value = _words_value(word)
    if value is None or (word == "one" and (after in _NOT_ONE_BEFORE or (i and low[i - 1] in _NOT_ONE_AFTER))):
        return None, i
    end = i + 1
    if word in _TENS and after in _UNITS and _UNITS[after] < 10:  # "thirty five"
        value, end = value + _UNITS[after], end + 1
    if end < len(low) and low[end] in ("hundred", "dozen"):
        value, end = value * (100 if low[end] == "hundred" else 12), end + 1
    return value, end


def _words_value(word: str) -> int | None:
    """"seventeen" -> 17, "thirty-five" -> 35, else None."""
    if word in _UNITS:
        return _UNITS[word]
    if word in _TENS:
        return _TENS[word]
    tens, _, unit = word.partition("-")
    if tens in _TENS and unit in _UNITS and _UNITS[unit] < 10:
        return _TENS[tens] + _UNITS[unit]
    return None


def _digits(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)
