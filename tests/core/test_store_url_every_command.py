"""A store URL of a kind briefbot cannot open is told the same way by every command: the input named (``--db`` or
``database.url``), the three forms, the password masked."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.store.db import StoreError, driver_url
from bot.store.url_forms import redact_url, unsupported_store_url
from tests.cli_run import cli

URL = "mysql://reader:invented-pw-41@db.example/news"
FORMS = "expected a SQLite path, a sqlite:/// URL or a postgresql:// URL"
SHOWN = "'mysql://reader:***@db.example/news'"

# every command that opens the store (`check` and `store copy` word it themselves, tested below as well)
COMMANDS = [
    ("ingest", "{tmp}"), ("brief",), ("sources",), ("ask", "who said it"), ("channels",),
    ("schedule", "console:desk", "daily", "08:00"), ("alerts", "console:desk", "3"), ("length", "console:desk"),
    ("languages", "console:desk"), ("post", "console:desk"), ("run",), ("prune",), ("store", "backup", "{tmp}/b.db"),
]


def _args(command: tuple[str, ...], tmp_path: Path) -> list[str]:
    return [word.replace("{tmp}", str(tmp_path)) for word in command]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_config_url_of_another_kind_is_named_with_its_password_masked(
        command: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "c.toml"
    config.write_text(f'[database]\nurl = "{URL}"\n', encoding="utf-8")
    code, _, err = cli(capsys, *_args(command, tmp_path), "--config", str(config))
    assert (code, err) == (2, f"briefbot: database.url: {FORMS}, got {SHOWN}\n")  # a configuration mistake


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_db_url_of_another_kind_is_named_db(command: tuple[str, ...], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, *_args(command, tmp_path), "--db", URL)
    assert (code, err) == (2, f"briefbot: --db: {FORMS}, got {SHOWN}\n")  # a command-line mistake


def test_store_copy_names_where_the_source_came_from(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "c.toml"
    config.write_text(f'[database]\nurl = "{URL}"\n', encoding="utf-8")
    target = str(tmp_path / "copy.db")
    code, _, err = cli(capsys, "store", "copy", "--to", target, "--config", str(config))
    assert (code, err) == (2, f"briefbot store copy: database.url: {FORMS}, got {SHOWN}\n")
    code, _, err = cli(capsys, "store", "copy", "--to", target, "--db", URL)
    assert (code, err) == (2, f"briefbot store copy: --db: {FORMS}, got {SHOWN}\n")
    code, _, err = cli(capsys, "store", "copy", "--to", URL, "--db", str(tmp_path / "none.db"))
    assert (code, err) == (2, f"briefbot store copy: --to: {FORMS}, got {SHOWN}\n")


def test_check_names_where_the_url_came_from(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "c.toml"
    config.write_text(f'[database]\nurl = "{URL}"\n', encoding="utf-8")
    code, out, _ = cli(capsys, "check", "--offline", "--config", str(config))
    assert code == 1 and f"fail  store: database.url: {FORMS}, got {SHOWN}\n" in out and "invented-pw" not in out
    code, out, _ = cli(capsys, "check", "--offline", "--db", URL)
    assert code == 1 and f"fail  store: --db: {FORMS}, got {SHOWN}\n" in out and "invented-pw" not in out


def test_driver_url_words_it_for_the_key_given() -> None:
    with pytest.raises(StoreError) as caught:
        driver_url(URL)
    assert str(caught.value) == unsupported_store_url("database.url", URL) == f"database.url: {FORMS}, got {SHOWN}"
    with pytest.raises(StoreError, match=r"^--to: "):
        driver_url(URL, key="--to")
    assert redact_url(URL) == SHOWN.strip("'")
