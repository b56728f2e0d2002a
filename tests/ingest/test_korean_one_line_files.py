"""A Korean file of one line written as sentences (each closed by "." after a Hangul syllable) is read as text, as a
one-line Chinese or Thai file is; a Korean headline (no full stop), a question and a line too short to be a sentence
stay a title with no text, and a title line above a body is still the title."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import IngestConfig
from bot.ingest.files import read_file
from bot.ingest.junk import split_title

NOW = datetime(2026, 3, 1, tzinfo=UTC)

# Written for these tests: an invented town and county head
TWO = "강변마을 새 다리가 오늘 개통됐다. 김하늘 군수는 공사가 2년 걸렸다고 말했다."
ONE = "김하늘 군수는 강변마을 새 다리가 다음 달 개통된다고 밝혔다."
QUOTED = "김하늘 군수는 “강변마을 새 다리가 다음 달 개통된다”고 밝혔다."


def _read(tmp_path: Path, text: str) -> tuple[list[tuple[str, str, list[str]]], list[str]]:
    path = tmp_path / "one.txt"
    path.write_text(text, encoding="utf-8")
    outcome = read_file(path, config=IngestConfig(), now=NOW)
    return ([(a.title, a.language, [s.text for s in a.sentences]) for a in outcome.articles],
            [p.reason for p in outcome.problems])


@pytest.mark.parametrize(("line", "count"), [(TWO, 2), (ONE, 1), (QUOTED, 1)])
def test_a_one_line_korean_file_is_read_as_text(line: str, count: int, tmp_path: Path) -> None:
    [(title, language, sentences)], problems = _read(tmp_path, line + "\n")
    assert problems == [] and language == "ko"
    assert " ".join(sentences) == line and len(sentences) == count and title == sentences[0]


@pytest.mark.parametrize("line", [
    "강변마을 새 다리 개통",  # a headline: no full stop
    "강변마을 새 다리 언제 개통하나?",  # a question is a headline too
    "개통됐다.",  # too short to be a sentence
    "Bridge opens in 강변마을.",  # a full stop after a Latin word: as before
])
def test_a_korean_headline_is_still_a_title_with_no_text(line: str, tmp_path: Path) -> None:
    assert _read(tmp_path, line + "\n") == ([], ["no article text found"])


def test_a_title_line_above_a_body_is_still_the_title() -> None:
    assert split_title(f"{ONE}\n\n{TWO}\n") == (ONE, f"\n{TWO}\n")
