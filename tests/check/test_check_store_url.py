"""``briefbot check`` with a store URL of a kind briefbot cannot open: the input named (``--db`` or
``database.url``), the forms it takes, in the words every other command uses, and no password shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_harness import lines

from bot.cli import main

URL = "mysql://reader:invented-pw-77@db.example/news"
FORMS = "expected a SQLite path, a sqlite:/// URL or a postgresql:// URL"


def check(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str, toml: str = "") -> tuple[int, str]:
    config = tmp_path / "briefbot.toml"
    config.write_text(toml, encoding="utf-8")
    code = main(["check", "--offline", "--config", str(config), *args])
    return code, capsys.readouterr().out


def test_a_db_option_of_another_kind_is_named_with_the_forms(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(tmp_path, capsys, "--db", URL)
    assert code == 1
    assert lines(out)["store"] == ("fail", f"--db: {FORMS}, got 'mysql://reader:***@db.example/news'")
    assert "invented-pw-77" not in out


def test_a_database_url_of_another_kind_is_named_as_the_config_key(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(tmp_path, capsys, toml=f'[database]\nurl = "{URL}"\n')
    assert code == 1
    assert lines(out)["store"] == ("fail", f"database.url: {FORMS}, got 'mysql://reader:***@db.example/news'")
    assert "invented-pw-77" not in out


def test_the_db_option_wins_over_database_url_and_is_the_one_named(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(tmp_path, capsys, "--db", "sqlite://two-slashes.db", "--json",
                      toml=f'[database]\nurl = "{URL}"\n')
    [store] = [r for r in json.loads(out) if r["check"] == "store"]
    assert code == 1
    assert store == {"check": "store", "status": "fail", "detail": f"--db: {FORMS}, got 'sqlite://two-slashes.db'"}
    assert not (tmp_path / "two-slashes.db").exists()


def test_check_words_it_as_the_commands_that_open_the_store_do(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources", "--db", URL]) == 2  # a command-line mistake
    [line] = capsys.readouterr().err.splitlines()
    _, out = check(tmp_path, capsys, "--db", URL)
    assert line == f"briefbot: {lines(out)['store'][1]}"
