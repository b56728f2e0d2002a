"""`briefbot quotes FILE` reads a saved page, a Markdown file and a JSON feed as `briefbot ingest` reads them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import cli

# Written for this test: an invented press briefing in the port town of Keldhaven.
PAGE = """<html><head><title>Harbour board briefing</title></head><body>
<div class="cookie">This site uses cookies. OK</div>
<h1>Harbour board briefing</h1>
<p>Harbour board chair Lotta Brenn told reporters on Monday that the north quay would reopen in March.</p>
<p>"We will not reopen it before the divers have finished their survey," Brenn said.</p>
<p>Asked about the ferry timetable, Brenn said the winter crossings would stay as they are.</p>
</body></html>
"""


def _speakers(out: str) -> list[tuple[str, str]]:
    return [(a["speaker"], a["content"]) for a in json.loads(out)["attributions"]]


def test_quotes_reads_a_saved_page_as_ingest_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "briefing.html"
    page.write_text(PAGE, encoding="utf-8")
    code, out, err = cli(capsys, "quotes", str(page))
    assert (code, err) == (0, "")
    assert "No attributions found" not in out and "<p>" not in out
    assert "Lotta Brenn (harbour board chair) [as 'Brenn'] said" in out  # as answers show it (shown_role)
    assert "the winter crossings would stay as they are" in out
    code, out, _ = cli(capsys, "quotes", "--json", str(page))
    found = json.loads(out)["attributions"]
    assert code == 0 and ("Lotta Brenn", "the winter crossings would stay as they are") in _speakers(out)
    assert {a["title"] for a in found} == {"Harbour board briefing"}


def test_quotes_offsets_index_the_text_ingest_stores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC, datetime

    from bot.config import Config
    from bot.ingest.files import read_file

    page = tmp_path / "briefing.htm"
    page.write_text(PAGE, encoding="utf-8")
    stored = read_file(page, config=Config().ingest, now=datetime(2026, 11, 2, tzinfo=UTC)).articles[0].text
    code, out, _ = cli(capsys, "quotes", "--json", str(page))
    found = json.loads(out)["attributions"]
    assert code == 0 and found and all(stored[a["start"]:a["end"]] == a["content"] for a in found)


def test_quotes_reads_markdown_without_its_marks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Quay works\n\n**Lotta Brenn**, the harbour board chair, said the north quay would reopen in "
                     "March.\n\nShe said the [survey](https://example.org/survey) was nearly done.\n", encoding="utf-8")
    code, out, err = cli(capsys, "quotes", "--json", str(notes))
    assert (code, err) == (0, "")
    assert ("Lotta Brenn", "the north quay would reopen in March") in _speakers(out)


def test_quotes_reads_every_item_of_a_json_feed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Keldhaven Post", "items": [
        {"id": "1", "title": "Quay to reopen", "content_text": "Harbour board chair Lotta Brenn said the north quay "
         "would reopen in March after the survey."},
        {"id": "2", "title": "Ferry fares", "content_text": "Ferry operator Ivo Marsh said fares would not rise "
         "this winter despite the higher fuel prices."}]}), encoding="utf-8")
    code, out, err = cli(capsys, "quotes", "--json", str(feed))
    assert (code, err) == (0, "")
    found = json.loads(out)["attributions"]
    assert [(a["speaker"], a["title"]) for a in found] == [("Lotta Brenn", "Quay to reopen"),
                                                           ("Ivo Marsh", "Ferry fares")]
    code, out, _ = cli(capsys, "quotes", str(feed))
    assert code == 0 and "Quay to reopen:" in out and "Ferry fares:" in out


def test_quotes_says_why_a_page_gave_no_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "blank.html"
    page.write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    code, out, err = cli(capsys, "quotes", str(page))
    assert (code, out) == (1, "") and err.startswith(f"briefbot quotes: cannot read {page}: ")


def test_quotes_shows_roles_as_answers_show_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Written for this test: an invented council meeting in the town of Orrimere.
    text = tmp_path / "council.txt"
    text.write_text("Mayor Ilse Marrow said on Monday that the old tram depot would become a library.\n"
                    "Valdorian envoy Petr Osk said the Valdorian coast guard would send two boats to the regatta.\n",
                    encoding="utf-8")
    code, out, err = cli(capsys, "quotes", str(text))
    assert code == 0, err
    assert "Ilse Marrow (mayor) [as" in out, out  # as `ask` shows the role mid-sentence (shown_role)
    assert "Petr Osk (Valdorian envoy) [as" in out, out  # the text writes "the Valdorian coast": a name's capital
    code, out, _err = cli(capsys, "quotes", "--json", str(text))
    assert code == 0 and {a["role"] for a in json.loads(out)["attributions"]} == {"Mayor", "Valdorian envoy"}
