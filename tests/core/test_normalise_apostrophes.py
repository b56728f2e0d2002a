"""``normalise_apostrophes`` (chained ``str.replace``) gives exactly what the ``str.translate`` it replaced gave: for
every character, each apostrophe it maps alone and among text of every width, empty text and random text."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.nlp.terms import APOSTROPHES, normalise_apostrophes

BEFORE = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})  # the mapping as it was


def before(text: str) -> str:
    return text.translate(BEFORE)


def assert_same(text: str) -> None:
    got, want = normalise_apostrophes(text), before(text)
    assert got == want and got.encode("utf-8", "surrogatepass") == want.encode("utf-8", "surrogatepass"), repr(text)
    assert sys.getsizeof(got) == sys.getsizeof(want), repr(text)  # stored as narrow as translate stored it


def test_the_marks_mapped_are_those_translate_mapped() -> None:
    assert set(APOSTROPHES) == {chr(code) for code in BEFORE}


def test_every_character_and_every_width() -> None:
    chars = [chr(code) for code in range(0x110000)]
    for start in range(0, len(chars), 4096):
        assert_same("".join(chars[start:start + 4096]))
    for char in chars[:0x3000]:
        assert_same(char)
    # text that is all ASCII but for the marks becomes ASCII; text of 1, 2 and 4 bytes a character keeps its width
    for mark in APOSTROPHES:
        for rest in ("", "Russia", "café", "Łódź", "中文", "emoji 🙂", "`", "\x00", "´´"):
            for text in (mark, f"{rest}{mark}s", f"{mark}{rest}", f"{rest}{mark}{rest}{mark}", "".join(APOSTROPHES)):
                assert_same(text)
    assert normalise_apostrophes("") == ""
    assert normalise_apostrophes("Russia’s ‘new’ `plan´") == "Russia's 'new' 'plan'"


TRICKY = st.sampled_from([*APOSTROPHES, "'", "a", "é", "ß", "Ł", "中", "🙂", " ", "\n", "\xa0", "£", "\ud800"])


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=60) | st.text(max_size=60))
def test_random_text(text: str) -> None:
    assert_same(text)
