"""A Chinese date-and-source line is page furniture, but the article's first paragraph run onto the same line is not:
the source or byline after the date is a name, never sentences ended by a full stop (the whole paragraph was dropped
by the line cleaner and the summary filter)."""

from __future__ import annotations

from bot.ingest.junk import is_junk_line
from bot.nlp.sentence_quality import junk_reason

_TEXT = "南川市跨江大桥周一正式通车，市长表示这将大大缩短市民的通勤时间，并带动沿江地区的发展。"


def test_a_date_and_source_line_alone_is_still_furniture() -> None:
    assert is_junk_line("2026年03月03日 10:12 来源：南川日报")
    assert is_junk_line("2026年03月03日 来源：南川日报 作者：李华")
    assert is_junk_line("发布时间：2026-03-03 10:12 来源：南川日报")


def test_a_paragraph_glued_after_the_date_and_source_is_kept() -> None:
    for head in ("2026年3月3日 10:12 来源：南川日报 ", "2026年03月03日 来源：南川日报 作者：李华 ",
                 "发布时间：2026-03-03 10:12 来源：南川日报 "):
        assert not is_junk_line(head + _TEXT), head
        assert junk_reason(head + _TEXT) is None, head
