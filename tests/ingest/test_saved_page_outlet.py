"""A saved HTML page names its outlet as a text file does (`summarise --json`, ingest): its site name, the name its
<title> ends with, else the file's name, never "unknown"; a file that cannot be read exits 1 in every command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.ingest.files import title_suffix

BODY = """<article><h1>Quay wall repairs start in Lindholt</h1>
<p>Work on the old quay wall in Lindholt began on Monday, the harbour board said, after a winter of storms loosened
its stones.</p>
<p>"We expect the wall to be safe again before the summer ferries start," said harbour master Edda Vinter.</p>
<p>The repairs will close the northern footpath for six weeks, and boats will moor at the eastern pier while the
divers work.</p>
<p>The board said the cost would be shared with the county, which owns the road along the top of the wall.</p>
</article>"""


def outlet(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, head: str) -> str:
    page = tmp_path / name
    page.write_text(f"<html><head>{head}</head><body>{BODY}</body></html>", encoding="utf-8")
    capsys.readouterr()
    assert main(["summarise", "--json", str(page)]) == 0
    [article] = json.loads(capsys.readouterr().out)["articles"]
    return str(article["outlet"])


def test_the_name_a_page_title_ends_with(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = "<title>Quay wall repairs start in Lindholt | Lindholt Courier</title>"
    assert outlet(tmp_path, capsys, "quay.html", head) == "Lindholt Courier"


def test_the_site_name_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = ('<title>Quay wall repairs start in Lindholt | Courier</title>'
            '<meta property="og:site_name" content="The Lindholt Courier">')
    assert outlet(tmp_path, capsys, "quay.html", head) == "The Lindholt Courier"


def test_else_the_file_name_as_for_a_text_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert outlet(tmp_path, capsys, "quay-wall.html", "<title>Quay wall repairs start in Lindholt</title>") == \
        "quay-wall"
    text = tmp_path / "quay-wall.txt"
    text.write_text("Quay wall repairs start in Lindholt\n\n" + BODY.replace("<p>", "").replace("</p>", "")
                    .split("</h1>", 1)[1].replace("</article>", ""), encoding="utf-8")
    assert main(["summarise", "--json", str(text)]) == 0
    assert json.loads(capsys.readouterr().out)["articles"][0]["outlet"] == "quay-wall"


def test_title_suffix() -> None:
    assert title_suffix("Quay repairs", "Quay repairs - Lindholt Courier") == "Lindholt Courier"
    assert title_suffix("Quay repairs", "Quay repairs \u2014 Courier") == "Courier"
    assert title_suffix("Quay repairs", "Quay repairs") == ""
    assert title_suffix("Quay", "Quay-side cafes reopen") == ""  # a longer headline, not a suffix
    assert title_suffix("", "Lindholt Courier") == ""


@pytest.mark.parametrize("command", ["summarise", "quotes"])
def test_a_missing_file_exits_1_in_every_command(command: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.txt"
    assert main([command, str(missing)]) == 1
    assert str(missing) in capsys.readouterr().err
