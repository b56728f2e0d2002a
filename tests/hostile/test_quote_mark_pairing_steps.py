"""Pairing quotation marks (``quote_spans.quote_spans``) on a page made of marks: linear work, counted, not timed."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from types import FrameType
from typing import Any

import pytest

from bot.nlp import open_ends, open_paragraphs, quote_marks
from bot.nlp import quote_spans as quote_spans_module
from bot.nlp.quote_spans import quote_spans
from bot.nlp.quotes import extract_from_text

MODULES = (quote_spans_module, quote_marks, open_paragraphs, open_ends)
FILES = frozenset(m.__file__ for m in MODULES)

HOSTILE = [
    "\"x \"y 'z' ",  # the shape reported: 473 s at 400,000 characters
    "“x ‘y’ ”z “w ",  # curly marks mixed
    "“a. “b ",  # curly paragraphs reopened, none ever closed
    "a. “b. c” ",  # curly quotations closed, none reopening
    "'a' ",  # single marks, all paired
    "x. 'a b' c ",
    "'x. 'y. 'z' ",
    "\"a \"b \"c ",
    "\"x\"y'z'",  # no spaces
    "«a «b ",
    "„a „b ",
    "“a. “b\n",  # the same paragraphs on lines of their own
]


class _Counted(str):
    """The text, counting the characters every slice of it copies."""

    copied = 0

    def __getitem__(self, key: Any) -> str:  # type: ignore[override]
        part = str.__getitem__(self, key)
        if isinstance(key, slice):
            _Counted.copied += len(part)
        return part


class _Pattern:
    """A compiled pattern counting the characters each call reads from where it starts to where it stops."""

    read = 0

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)

    @staticmethod
    def _span(text: str, pos: int, endpos: int | None, m: re.Match[str] | None) -> None:
        stop = len(text) if endpos is None else min(endpos, len(text))
        _Pattern.read += (m.end() if m is not None else stop) - pos + 1

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        m = self.pattern.search(text, pos, len(text) if endpos is None else endpos)
        self._span(text, pos, endpos, m)
        return m

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        m = self.pattern.match(text, pos, len(text) if endpos is None else endpos)
        _Pattern.read += (m.end() - pos if m is not None else 0) + 1
        return m

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        last = pos
        for m in self.pattern.finditer(text, pos, len(text) if endpos is None else endpos):
            _Pattern.read += m.end() - last + 1
            last = m.end()
            yield m
        _Pattern.read += (len(text) if endpos is None else min(endpos, len(text))) - last


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in MODULES:
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                monkeypatch.setattr(module, name, _Pattern(value))


def _steps(text: str) -> int:
    """Lines of the quote-mark modules run (a loop's every turn), characters sliced and characters read by their
    patterns, while pairing the marks of ``text``."""
    lines = 0

    def trace(frame: FrameType, event: str, _arg: object) -> Any:
        nonlocal lines
        if frame.f_code.co_filename not in FILES:
            return None
        lines += 1
        return trace

    _Counted.copied = _Pattern.read = 0
    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        quote_spans(_Counted(text))
    finally:
        sys.settrace(previous)
    return lines + _Counted.copied + _Pattern.read


def _repeated(shape: str, chars: int) -> str:
    return (shape * (chars // len(shape) + 1))[:chars]


@pytest.mark.parametrize("shape", HOSTILE)
def test_pairing_marks_is_linear_in_the_text(counted: None, shape: str) -> None:
    small, large = _steps(_repeated(shape, 2_000)), _steps(_repeated(shape, 8_000))
    assert small >= 2_000  # every character is read at least once: the counters see the pairing
    assert large <= 4.5 * small, (small, large)  # four times the text: four times the steps (sixteen if quadratic)


SAID = ('Ola Berg, the harbour master, said: "The ferry will sail at dawn."\n'
        "'We are ready,' said Ana Lind.\n")


@pytest.mark.parametrize("shape", HOSTILE[:3])
def test_quotes_between_pages_of_marks_keep_their_speakers(shape: str) -> None:
    noise = _repeated(shape, 1_000)
    text = f"{noise}\n{SAID}{noise}"
    found = extract_from_text(text)
    assert [(a.speaker, a.content, a.kind, a.role) for a in found] == [
        ("Ola Berg", '"The ferry will sail at dawn."', "direct", "harbour master"),
        ("Ana Lind", "'We are ready,'", "direct", None)]
    assert all(text[a.start:a.end] == a.content for a in found)
