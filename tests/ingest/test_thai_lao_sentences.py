"""Thai and Lao, which write no full stop, are split into sentences at the spaces between runs of their letters;
pieces too short to be a sentence, list items, names and "said that" clauses stay with their sentence, and a space
next to Latin text or a number, or inside quotation marks, ends nothing."""

from __future__ import annotations

import pytest

from bot.nlp.sentences import split_sentences
from bot.nlp.space_stops import MIN_CHARS, at_spaces

# Written for these tests: invented events (a night market moves, a school reopens)
MARKET = ("ตลาดโต้รุ่งของเทศบาลตำบลบ้านไร่ทองจะย้ายไปอยู่ข้างสถานีขนส่งตั้งแต่เดือนหน้า",
          "นายกเทศมนตรีกล่าวว่า ที่ตั้งใหม่กว้างกว่าเดิมและมีที่จอดรถมากขึ้น",
          "พ่อค้าแม่ค้าหลายคนยังกังวลเรื่องค่าเช่าแผงที่อาจสูงขึ้น")
SCHOOL = ("ໂຮງຮຽນມັດທະຍົມບ້ານນາທອງເປີດຄືນໃໝ່ຫຼັງຈາກສ້ອມແປງມາເປັນເວລາໜຶ່ງປີ",
          "ຄູໃຫຍ່ກ່າວວ່າ ນັກຮຽນຈະມີຫ້ອງທົດລອງວິທະຍາສາດເປັນຄັ້ງທຳອິດ")


@pytest.mark.parametrize("sentences", [MARKET, SCHOOL])
def test_a_thai_or_lao_line_is_split_at_the_spaces_between_sentences(sentences: tuple[str, ...]) -> None:
    text = " ".join(sentences)
    found = split_sentences(text)
    assert [s.text for s in found] == list(sentences)
    assert all(text[s.start:s.end] == s.text for s in found)


@pytest.mark.parametrize("text", [
    "บริษัท Apple เปิดตัว iPhone รุ่นใหม่ในกรุงเทพฯ วันนี้ ราคาเริ่มต้น 39,900 บาท",  # Latin words, a figure, ฯ
    "งานเทศกาลของตำบลหนองบัวแก้วมีทั้งทุเรียน มังคุด เงาะ และลองกอง จากสวนของชาวบ้านในท้องถิ่น",  # a list
    "เด็กๆ ในหมู่บ้านต่างตื่นเต้นกับสนามเด็กเล่นแห่งใหม่ที่เพิ่งสร้างเสร็จเมื่อวานนี้",  # ๆ: a word said twice
    "นางสาวกมลา ศรีสุขใจ กล่าวว่า “เราจะย้ายตลาดให้เสร็จก่อนฤดูฝน แต่ต้องถามความเห็นของพ่อค้าแม่ค้าทุกคนก่อน”",
])
def test_spaces_inside_a_sentence_end_nothing(text: str) -> None:
    assert [s.text for s in split_sentences(text)] == [text]


def test_short_pieces_join_the_one_before_and_a_short_first_one_the_next() -> None:
    text = "ตลาดเปิด ตลาดโต้รุ่งของเทศบาลตำบลบ้านไร่ทองเปิดขายทุกคืนจนถึงตีสอง คนเยอะ"
    assert [s.text for s in split_sentences(text)] == [text]
    pieces = at_spaces(text, 0, len(text))
    assert pieces == [(0, len(text))] and len("ตลาดเปิด") < MIN_CHARS


def test_lines_without_thai_or_lao_spaces_are_left_whole() -> None:
    for line in ("The mayor said the market will move next month. Traders are worried.",
                 "ห้องสมุดเมืองประกาศว่าจะเปิดถึงสี่ทุ่มทุกวันศุกร์ตั้งแต่เดือนหน้า",
                 "ราคา 39,900 บาท"):
        assert at_spaces(line, 0, len(line)) == [(0, len(line))]


def test_unpaired_quotation_marks_do_not_hold_back_every_later_cut() -> None:
    text = f"“{MARKET[0]} {MARKET[2]}"
    assert [s.text for s in split_sentences(text)] == [f"“{MARKET[0]}", MARKET[2]]


def test_newlines_and_full_stops_still_end_sentences_first() -> None:
    text = f"{MARKET[0]}\n{MARKET[1]}. {MARKET[2]}"
    assert [s.text for s in split_sentences(text)] == [MARKET[0], f"{MARKET[1]}.", MARKET[2]]


def test_a_long_thai_text_stays_within_the_limits() -> None:
    text = " ".join([MARKET[0]] * 5000)
    found = split_sentences(text, max_sentences=100)
    assert len(found) == 100 and all(s.text == MARKET[0] for s in found)
