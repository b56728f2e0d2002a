"""A file of one line in a script that ends sentences with no Latin full stop (Chinese and Japanese 。, Thai and Lao
spaces) is read as text, like a one-line Russian or Hindi file; a one-line headline is still a title with no text,
a title line above a body is still the title, and Latin-script lines are read as before."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import IngestConfig
from bot.ingest.files import read_file
from bot.ingest.junk import clean_text, split_title

NOW = datetime(2026, 3, 1, tzinfo=UTC)

# Written for these tests: invented towns and people
ONE_LINE = {
    # two short sentences, 24 characters: too short for the paragraph test's width
    "zh-two": ("河湾镇新桥今天通车。镇长林秋月说，工程历时两年。", "zh", 2),
    # one sentence closed by 。: no headline ends with one
    "zh-one": ("镇长林秋月表示，河湾镇新桥将于下月通车，两岸居民出行将更加方便。", "zh", 1),
    "ja-one": ("北浜町の新しい図書館が月曜日に開館し、町長の森田春子さんが式典であいさつした。", "ja", 1),
    # Thai and Lao write no full stop: a space between two sentences
    "th": ("เทศบาลเมืองบ้านนาเปิดสะพานใหม่ข้ามแม่น้ำเมื่อเช้าวันนี้ "
           "นายกเทศมนตรีกล่าวว่าสะพานนี้จะช่วยให้ชาวบ้านเดินทางได้สะดวกขึ้น", "th", 2),
    "lo": ("ໂຮງຮຽນມັດທະຍົມບ້ານນາທອງເປີດຄືນໃໝ່ຫຼັງຈາກສ້ອມແປງມາເປັນເວລາໜຶ່ງປີ "
           "ຄູໃຫຍ່ກ່າວວ່າ ນັກຮຽນຈະມີຫ້ອງທົດລອງວິທະຍາສາດເປັນຄັ້ງທຳອິດ", "lo", 2),
}


def _read(tmp_path: Path, text: str) -> tuple[list[tuple[str, str, list[str]]], list[str]]:
    path = tmp_path / "one.txt"
    path.write_text(text, encoding="utf-8")
    outcome = read_file(path, config=IngestConfig(), now=NOW)
    return ([(a.title, a.language, [s.text for s in a.sentences]) for a in outcome.articles],
            [p.reason for p in outcome.problems])


@pytest.mark.parametrize("key", sorted(ONE_LINE))
def test_a_one_line_file_in_such_a_script_is_read_as_text(key: str, tmp_path: Path) -> None:
    line, language, count = ONE_LINE[key]
    [(title, found_language, sentences)], problems = _read(tmp_path, line + "\n")
    assert problems == [] and found_language == language
    assert "".join(sentences).replace(" ", "") == line.replace(" ", "")  # the whole line is the text
    assert len(sentences) == count and title == sentences[0]  # titled by its first sentence, as an English file


@pytest.mark.parametrize("line", [
    "河湾镇新桥今天通车",  # a headline: no full stop
    "河湾镇新桥今天通车？",  # a question is a headline too
    "完。",  # too short to be a sentence
    "เทศบาลเมืองบ้านนาเปิดสะพานใหม่ข้ามแม่น้ำ",  # one Thai phrase
    "เทศบาลเปิดสะพานใหม่ ชาวบ้านดีใจ",  # a Thai headline: its pieces are too short to be sentences
])
def test_a_one_line_headline_is_still_a_title_with_no_text(line: str, tmp_path: Path) -> None:
    assert _read(tmp_path, line + "\n") == ([], ["no article text found"])


def test_a_title_line_above_a_body_is_still_the_title(tmp_path: Path) -> None:
    th_title, th_body = ONE_LINE["th"][0].split(" ")
    assert split_title(f"{th_title}\n\n{th_body}\n") == (th_title, f"\n{th_body}\n")
    zh_title = "镇长林秋月表示新桥将于下月通车。"  # a title that ends with 。 stays a title when a body follows
    assert split_title(f"{zh_title}\n\n{ONE_LINE['zh-two'][0]}\n")[0] == zh_title


@pytest.mark.parametrize("line", [
    "Harbour council votes to rebuild the old quay",
    "The council met on Tuesday. Work starts in March.",
    "Le conseil a voté mardi. Les travaux commencent en mars.",
    "Совет проголосовал во вторник. Работы начнутся в марте.",
])
def test_latin_and_cyrillic_lines_alone_are_read_as_before(line: str) -> None:
    # each is short: a title with no text, as it always was
    title, rest = split_title(line + "\n")
    assert (title, rest.strip(), clean_text(rest, title=title or None)) == (line, "", "")
