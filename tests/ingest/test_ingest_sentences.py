"""split_sentences: exact offsets, newline boundaries, caps, and bounded work on hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bot.nlp.sentences as sentences_module
from bot.models import Sentence
from bot.nlp.sentences import split_sentences

TEXT = (
    "NATO leaders met in Brussels on Tuesday. Mr. Rutte said the U.S. position was clear.\n\n"
    "The 2008-summit\n"
    "“Russia has no vote and no veto,” he said. Officials did not comment!"
)


def _check_offsets(text: str, max_chars: int = 2000, sentences: tuple[Sentence, ...] | None = None) -> None:
    if sentences is None:
        sentences = split_sentences(text, max_chars=max_chars)
    previous_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert text[s.start:s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert s.start >= previous_end
        assert len(s.text) <= max_chars
        previous_end = s.end


def test_splits_news_text_with_abbreviations() -> None:
    got = [s.text for s in split_sentences(TEXT)]
    assert got == [
        "NATO leaders met in Brussels on Tuesday.",
        "Mr. Rutte said the U.S. position was clear.",
        "The 2008-summit",
        "“Russia has no vote and no veto,” he said.",
        "Officials did not comment!",
    ]
    _check_offsets(TEXT)


def test_a_heading_line_never_glues_onto_the_next_sentence() -> None:
    text = "Background\nThe talks began in 1997. They stalled."
    assert [s.text for s in split_sentences(text)][:2] == ["Background", "The talks began in 1997."]


def test_caps_sentence_count_and_length() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(100))
    assert len(split_sentences(text, max_sentences=7)) == 7
    long = "word " * 2000 + "end."
    pieces = split_sentences(long, max_chars=300)
    assert all(len(p.text) <= 300 for p in pieces)
    assert "".join(p.text for p in pieces).replace(" ", "") == long.replace(" ", "").strip()
    _check_offsets(long, max_chars=300)


@pytest.mark.parametrize("hostile", [
    "..[" + "111 " * 5000 + "]",  # the input that makes pysbd backtrack for ever
    "Mr. " * 60_000,
    "(" * 50_000 + "x." + ")" * 50_000,
    "." * 200_000,
    "a" * 300_000,
    "\u2019" * 50_000 + "x. y",
    "1.2.3." * 50_000,
])
def test_hostile_inputs_cost_bounded_work(hostile: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The guarantee is bounded work, not a speed: syntok is handed at most the first 200,000 characters, in
    pieces of at most 20,000 (a hang would be stopped by pytest-timeout, not by a wall-clock assertion here)."""
    handed: list[int] = []
    syntok_spans = sentences_module._syntok_spans

    def counting(text: str, start: int, end: int) -> list[tuple[int, int]]:
        handed.append(end - start)
        return syntok_spans(text, start, end)

    monkeypatch.setattr(sentences_module, "_syntok_spans", counting)
    sentences = split_sentences(hostile)
    assert handed and sum(handed) <= 200_000 and max(handed) <= 20_000
    assert len(sentences) <= 2000
    assert all(s.end <= 200_000 for s in sentences)
    _check_offsets(hostile, sentences=sentences)
    monkeypatch.undo()
    assert split_sentences(hostile[:200_000]) == sentences  # the input is cut at the documented limit


def test_real_bbc_articles_have_exact_offsets(shared_dir: Path) -> None:
    path = shared_dir / "eval" / "summaries" / "bbc_news_summary" / "bbc_news_summary.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(40), fh, strict=False)]
    for row in rows:
        sentences = split_sentences(row["body"])
        assert len(sentences) >= 3
        _check_offsets(row["body"])


@settings(max_examples=200, deadline=2000)
@given(st.text(alphabet=st.sampled_from(list("ab .?!\n\"“”()[]1Mr’\t")), max_size=600) | st.text(max_size=300))
def test_offsets_always_exact(text: str) -> None:
    _check_offsets(text)
    _check_offsets(text, max_chars=7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gov. Jerry Brown said no. Rep. Smith agreed.", ["Gov. Jerry Brown said no.", "Rep. Smith agreed."]),
        ("Lt. Gen. Smith left. Sens. Kyle and Reed spoke.", ["Lt. Gen. Smith left.", "Sens. Kyle and Reed spoke."]),
        ("He lives on Main St. The next day he left.", ["He lives on Main St.", "The next day he left."]),
    ],
)
def test_titles_do_not_end_sentences(text: str, expected: list[str]) -> None:
    found = split_sentences(text)
    assert [s.text for s in found] == expected
    assert all(text[s.start:s.end] == s.text for s in found)


@pytest.mark.parametrize("unit", ["[1", "( ", "[1 ", "[a] ", "..[111 111 111 111 111 111 111 111 111 111]"])
def test_bracket_floods_split_with_exact_offsets(unit: str) -> None:
    # syntok looks ahead for every closing bracket: such lines bypass it (docs/RELIABILITY.md has the times)
    text = unit * (50_000 // len(unit)) + "\nA real sentence follows. And another one."
    found = split_sentences(text)
    assert all(text[s.start:s.end] == s.text for s in found)
    assert [s.text for s in found[-2:]] == ["A real sentence follows.", "And another one."]
    assert all(len(s.text) <= 2000 for s in found)
