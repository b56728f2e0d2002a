"""A command that only reads refuses a SQLite store that does not exist (a mistyped --db) and creates nothing; a
command that writes still creates it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import cli

ARTICLE = ("Library opens late on Thursdays.\n\n"
           "The town library on Mill Street will stay open until nine on Thursday evenings from next month, the "
           "council said on Monday. \"Many readers asked for an evening after work,\" said head librarian Ada Voss. "
           "The change costs nothing extra, the council said, because the Saturday afternoon hours move to Thursday. "
           "Readers who use the Saturday hours were asked to write to the library before the change.\n")

READ_ONLY = [
    ["brief"],
    ["brief", "--format", "json"],
    ["ask", "who said what about the library"],
    ["channels"],
    ["channels", "--json"],
    ["sources"],
    ["post", "console:main"],
    ["length", "console:main"],
    ["languages", "console:main"],
    ["prune", "--dry-run"],
    ["prune"],
]


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("command", READ_ONLY, ids=" ".join)
def test_a_mistyped_db_is_refused_in_one_line_and_nothing_is_created(
        command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "stores" / "briefbto.db"  # the typo: the folder does not exist either
    code, out, err = cli(capsys, *command, "--db", str(db))
    assert code == 3 and out == ""
    assert err.splitlines() == [f"briefbot: no store at {db}: check --db, or create one there with "
                                f"`briefbot ingest PATH_OR_URL --db {db}`"]
    assert _files(tmp_path) == []  # no file, no -wal/-shm, no folder


def test_a_sqlite_url_in_the_config_that_names_no_file_is_refused(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "missing.db"
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{db}"\n', encoding="utf-8")
    code, out, err = cli(capsys, "brief", "--config", str(config))
    assert code == 3 and out == ""
    assert err.strip() == (f"briefbot: no store at {db}: check database.url in the config, or create one there "
                           "with `briefbot ingest PATH_OR_URL`")
    assert _files(tmp_path) == ["config.toml"]


def test_the_default_store_before_anything_was_ingested(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    monkeypatch.setattr("bot.app.default_database_url", lambda: f"sqlite:///{data / 'briefbot.db'}")
    code, out, err = cli(capsys, "brief", "--config", str(config))
    assert code == 3 and out == ""
    assert err.strip() == (f"briefbot: no store at {data / 'briefbot.db'} yet: nothing was ingested; start with "
                           "`briefbot ingest PATH_OR_URL` (or give --db / database.url for another store)")
    assert not data.exists()
    article = tmp_path / "library.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, _out, err = cli(capsys, "ingest", str(article), "--no-quotes", "--config", str(config))
    assert code == 0, err
    code, out, _err = cli(capsys, "brief", "--since", "30 days", "--config", str(config))
    assert code == 0 and "Library opens late on Thursdays" in out


def test_store_backup_of_a_missing_store_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "briefbto.db"
    code, out, err = cli(capsys, "store", "backup", str(tmp_path / "copy.db"), "--db", str(db))
    assert code == 3 and out == "" and err.strip() == f"briefbot store backup: no SQLite store at {db}"
    assert _files(tmp_path) == []


def test_store_copy_from_a_missing_store_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "briefbto.db"
    code, _out, err = cli(capsys, "store", "copy", "--to", str(tmp_path / "copy.db"), "--db", str(db))
    assert code == 3 and err.strip() == f"briefbot store copy: no SQLite store at {db} (--db)"
    assert _files(tmp_path) == []


@pytest.mark.parametrize("command", [
    ["ingest", "ARTICLE", "--no-quotes"],
    ["subscribe", "console:main", "library"],
    ["schedule", "console:main", "daily", "08:00"],
    ["alerts", "console:main", "3"],
    ["length", "console:main", "short"],
    ["languages", "console:main", "en"],
], ids=" ".join)
def test_a_command_that_writes_still_creates_the_store(command: list[str], tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "library.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "new" / "briefbot.db"
    code, _out, err = cli(capsys, *[str(article) if a == "ARTICLE" else a for a in command], "--db", str(db))
    assert code == 0, err
    assert db.is_file()
    code, out, err = cli(capsys, "channels", "--json", "--db", str(db))  # readable by a read-only command now
    assert code == 0 and out.strip().startswith("["), err


def test_the_read_only_commands_answer_from_a_store_that_exists(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "library.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "briefbot.db")
    assert cli(capsys, "ingest", str(article), "--no-quotes", "--db", db)[0] == 0
    code, out, _err = cli(capsys, "sources", "--db", db)
    assert code == 0 and out.startswith(f"{article}\n")
    code, out, _err = cli(capsys, "brief", "--since", "30 days", "--db", db)
    assert code == 0 and "Library opens late on Thursdays" in out
    code, out, _err = cli(capsys, "length", "console:main", "--db", db)
    assert code == 0 and out.strip().endswith("; the channel is not set up yet")
