"""Command-line behaviour as the README and the help describe it: a missing store is exit 3 for `store backup` and
`store copy` too, `ask --json` is described as what it prints and its ``lines`` are plain text, and `demo` says
that it does not use a store given with --db."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import cli

ARTICLE = ("Ferry_Line [timetable] changes *soon*\n\n"
           "The ferry between Orrin and Salt Bay will leave every forty minutes from next week, the operator said "
           "on Tuesday. Passengers asked for later sailings in the evening, and the last ferry will now leave at "
           "eleven. The operator said the new timetable needs no extra boats, because the crossing is quicker.\n")


def test_store_backup_and_copy_of_a_missing_store_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "briefbto.db"
    code, out, err = cli(capsys, "store", "backup", str(tmp_path / "copy.db"), "--db", str(db))
    assert (code, out, err.strip()) == (3, "", f"briefbot store backup: no SQLite store at {db}")
    code, out, err = cli(capsys, "store", "copy", "--to", str(tmp_path / "copy.db"), "--db", str(db))
    assert (code, out, err.strip()) == (3, "", f"briefbot store copy: no SQLite store at {db} (--db)")
    assert list(tmp_path.iterdir()) == []


def test_ask_json_help_names_what_it_prints(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli(capsys, "ask", "-h")
    shown = " ".join(capsys.readouterr().out.split())
    assert "print answers[] as JSON" not in shown
    assert "ok, heading, message, lines, suggestions, answers and counts" in shown, shown


def test_ask_json_lines_are_plain_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ask.db"
    article = tmp_path / "ferry.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, _out, err = cli(capsys, "ingest", str(article), "--no-quotes", "--db", str(db))
    assert code == 0, err
    code, out, err = cli(capsys, "ask", "what's new on ferry", "--json", "--db", str(db))
    assert code == 0, err
    data = json.loads(out)
    assert len(data["lines"]) == 1, data
    line = data["lines"][0]
    # no backslashes, and no chat bold around the title (the title's own stars kept)
    assert line.startswith("• Ferry_Line [timetable] changes *soon* — ferry\n"), line
    assert "\\" not in line
    code, text, _err = cli(capsys, "ask", "what's new on ferry", "--db", str(db))
    assert line in text  # as the text output shows it


def test_demo_refuses_a_store_it_would_not_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "mine.db"
    code, out, err = cli(capsys, "demo", "--db", str(db))
    assert code == 2 and out == "", err
    assert err.count("\n") == 1 and err.startswith("briefbot demo: --db: "), err
    assert "temporary store" in err
    assert list(tmp_path.iterdir()) == []


def test_demo_help_says_it_refuses_db_rather_than_offer_a_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli(capsys, "demo", "-h")
    shown = " ".join(capsys.readouterr().out.split())
    assert "--db PATH_OR_URL refused: the demo uses a temporary store of its own" in shown, shown
    assert "default: database.url" not in shown, shown


def test_brief_help_dash_topic_example_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import re

    with pytest.raises(SystemExit):
        cli(capsys, "brief", "-h")
    shown = " ".join(capsys.readouterr().out.split())
    example = re.search(r'--topic="(-[^"]+)"', shown)
    assert example is not None, shown
    db = tmp_path / "dash.db"
    article = tmp_path / "ferry.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert cli(capsys, "ingest", str(article), "--no-quotes", "--db", str(db))[0] == 0
    code, _out, err = cli(capsys, "brief", f"--topic={example.group(1)}", "--db", str(db))
    assert code == 0 and "--topic" not in err, err


def test_removing_a_folder_source_counts_the_articles_read_from_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "second.txt").write_text(ARTICLE.replace("Orrin", "Lemmel").replace("Ferry_Line", "Night Ferry"),
                                       encoding="utf-8")
    db = str(tmp_path / "folder.db")
    assert cli(capsys, "ingest", str(folder), "--no-quotes", "--db", db)[0] == 0
    code, out, _err = cli(capsys, "sources", "--db", db)
    assert code == 0 and "2 articles" in out, out
    code, out, err = cli(capsys, "sources", "remove", str(folder), "--db", db)
    assert code == 0, err
    assert out.startswith(f"{folder}: removed from the sources (a file or folder is read only when ingested); "
                          "its 2 articles stay in the store"), out


def test_ingesting_the_later_samples_folder_stores_only_its_articles(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli_core import SAMPLES_LATER

    db = str(tmp_path / "later.db")
    code, out, err = cli(capsys, "ingest", str(SAMPLES_LATER), "--no-quotes", "--db", db)
    assert code == 0, err
    added = [line for line in out.splitlines() if line.startswith("added")]
    assert len(added) == 1 and added[0].endswith("(Metro Wire)"), out
    assert "1 added, 0 updated, 0 skipped, 0 errors" in out, out
