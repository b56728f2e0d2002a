"""Hostile page lines (one huge line of punctuation, spaces, or a hundred thousand short lines) cost linear time in
the junk filter, the sentence splitter and the sentence-quality rules, with the same results as before on ordinary
lines. The hostile inputs are sized where the old code took minutes (docs/BENCHMARKS.md, "Long hostile lines"): a
regression shows as a hung suite, not as a timing assertion. Sample lines are invented for these tests."""

from __future__ import annotations

import pytest

from bot.ingest.junk import clean_text, is_junk_line
from bot.nlp.sentence_quality import addresses_reader, junk_reason, opens_with_reference
from bot.nlp.space_stops import at_spaces

HOSTILE = 200_000  # characters: the old code took 17 s to 7 min on each of these, the new one milliseconds


@pytest.mark.parametrize("line", [
    "» Читайте также", "— Поделиться", "【更正】", "«Реклама»", "« 関連記事",
    "2026年03月03日 10:12 来源：新华社", "（新华社记者 王明 摄）", "«" * 50 + "（新华社记者 王明 摄）",
    "«" * 1000 + " 広告", "«" * 1000 + "2026年3月3日 10:12",
])
def test_furniture_after_leading_punctuation_is_still_junk(line: str) -> None:
    assert is_junk_line(line)


@pytest.mark.parametrize("line", [
    "Реклама алкоголя запрещена с марта, сообщил министр.", "関連記事を削除した。", "«" * 1000, "«" * 1000 + "写真",
])
def test_prose_and_bare_punctuation_are_not_furniture(line: str) -> None:
    assert not is_junk_line(line)


@pytest.mark.parametrize(("line", "junk"), [
    ("«" * HOSTILE, False), ("« " * (HOSTILE // 2), False), ("。" * HOSTILE, False), ("»" * HOSTILE, False),
    ("«" * HOSTILE + "1x", False), ("«" * HOSTILE + "写真", False),
    ("«" * HOSTILE + " 広告", True), ("«" * HOSTILE + "2026年3月3日 10:12", True),
])
def test_a_huge_line_of_punctuation_is_judged_at_once(line: str, junk: bool) -> None:
    assert is_junk_line(line) is junk


def test_sentence_rules_after_leading_punctuation_are_unchanged() -> None:
    assert junk_reason("«Читайте также: в городе открыли новый мост через широкую реку»") == "read-more"
    assert junk_reason("— 相关阅读：市政府宣布新的桥梁维修计划，将于下月正式开工建设完毕。") == "read-more"
    assert junk_reason("— Rectificatif : une version précédente de cet article donnait un mauvais chiffre.") \
        == "editor-note"
    assert junk_reason("«Publié le 3 mars 2026 à 10h12, mis en ligne par la rédaction du journal»") == "byline"
    assert junk_reason("Министр заявил, что новый мост через реку откроют весной.") is None
    assert junk_reason("« Le pont rouvrira au printemps », a déclaré le maire lundi soir.") is None


def test_hard_wrapped_lines_join_as_before() -> None:
    wrapped = ("The council met on Monday to discuss the new bridge over the\nriver, which has been closed since"
               " March for repairs.\n\nA second paragraph ends here.\n")
    assert clean_text(wrapped) == ("The council met on Monday to discuss the new bridge over the river, which has been"
                                   " closed since March for repairs.\n\nA second paragraph ends here.")
    # a line of closing marks only ("»") goes on a paragraph that does not yet end like a sentence
    long = "The mayor promised to keep the bridge open through the whole winter «"
    assert clean_text(f"{long}\n»\nsaid the mayor on Monday.\n\nEnd.") == f"{long} » said the mayor on Monday.\n\nEnd."


def test_a_hundred_thousand_short_lines_join_in_linear_time() -> None:
    assert clean_text("a\n" * (HOSTILE // 2)) == " ".join(["a"] * (HOSTILE // 2))


def test_thai_pieces_join_in_linear_time() -> None:
    text = "ไทย " * (HOSTILE // 4)
    assert at_spaces(text, 0, len(text)) == [(0, len(text))]
    assert at_spaces(text[:200], 0, 200) == [(0, 200)]


def test_leading_spaces_before_a_reference_cost_linear_time() -> None:
    assert opens_with_reference("  “He added that the bridge would reopen.") is True
    assert opens_with_reference(" " * HOSTILE + "He added") is True
    assert opens_with_reference(" " * HOSTILE + "x") is False


def test_unclosed_quotation_marks_cost_linear_time() -> None:
    assert addresses_reader('He said "you must go" on Monday.') is False
    assert addresses_reader("“You” he said, and then you left.") is True
    assert addresses_reader("“a" * (HOSTILE // 2)) is False
    assert addresses_reader("“a" * (HOSTILE // 2) + " you") is True
