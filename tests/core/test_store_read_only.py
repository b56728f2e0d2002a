"""A store on a disk briefbot may not write: one line naming the path and that it is not writable, exit code 3, for
a new store (its folder read-only) and for an existing one (SQLite writes beside the file even to read it). The tests
run as root here, where a read-only folder is writable: the failures are injected as the system gives them."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bot.store import db as store_db
from bot.store import unusable
from tests.cli_run import cli

NOTE = (
    "Orrin bakery wins the county prize\n\nThe bakery on Orrin's harbour road won the county bread prize, the "
    "judges said. Its rye loaf was praised.\n"
)


def _refused(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Creating anything in ``folder`` fails as on a read-only file system."""
    real_open, real_mkdir = os.open, os.mkdir

    def inside(path: Any) -> bool:
        return Path(os.fsdecode(path)).parent == folder or Path(os.fsdecode(path)) == folder

    def refuse(path: Any) -> OSError:
        return OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(path))

    def fake_open(path: Any, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
        if inside(path) and flags & os.O_CREAT:
            raise refuse(path)
        return real_open(path, flags, mode, **kwargs)

    def fake_mkdir(path: Any, mode: int = 0o777, **kwargs: Any) -> None:
        if inside(path):
            raise refuse(path)
        real_mkdir(path, mode, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "mkdir", fake_mkdir)


@pytest.mark.parametrize("where", ["store.db", "new-folder/store.db"])
def test_a_new_store_in_a_read_only_folder_is_one_line_and_exit_3(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "bakery.txt"
    note.write_text(NOTE, encoding="utf-8")
    folder = tmp_path / "ro"
    folder.mkdir()
    store = folder / where
    _refused(monkeypatch, folder)
    code, _, err = cli(capsys, "ingest", str(note), "--db", str(store))
    assert code == 3, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err == (
        f"briefbot: cannot create the store at {store}: {folder} is not writable ({os.strerror(errno.EROFS)})\n"
    ), err
    assert not store.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a folder without write permission")
def test_a_new_store_in_a_folder_without_write_permission(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "bakery.txt"
    note.write_text(NOTE, encoding="utf-8")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, _, err = cli(capsys, "ingest", str(note), "--db", str(folder / "store.db"))
    finally:
        folder.chmod(0o755)
    assert (code, err) == (
        3,
        f"briefbot: cannot create the store at {folder / 'store.db'}: {folder} is not writable "
        f"({os.strerror(errno.EACCES)})\n",
    )


def _cannot_open() -> sqlite3.OperationalError:
    """SQLite's own error for a file it cannot open (SQLITE_CANTOPEN), made for real."""
    try:
        sqlite3.connect("/nonexistent-folder-for-this-test/store.db")
    except sqlite3.OperationalError as exc:
        return exc
    raise AssertionError("opened")


@pytest.mark.parametrize("command", [("sources",), ("brief",), ("ask", "who won the bread prize")])
def test_an_existing_store_on_a_read_only_file_system_says_so(
    command: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "bakery.txt"
    note.write_text(NOTE, encoding="utf-8")
    store = tmp_path / "store.db"
    assert cli(capsys, "ingest", str(note), "--db", str(store), "--no-quotes")[0] == 0
    error = _cannot_open()

    def no_lock_files(
        dbapi_conn: Any, record: Any, *, busy: float
    ) -> None:  # as SQLite in WAL mode on a read-only disk
        raise error

    monkeypatch.setattr(store_db, "_sqlite_pragmas", no_lock_files)
    monkeypatch.setattr(unusable, "read_only_file_system", lambda folder: folder == tmp_path)
    code, _, err = cli(capsys, *command, "--db", str(store))
    assert code == 3, err
    assert err == (
        f"briefbot: cannot open the store at {store}: unable to open database file; {tmp_path} is not "
        "writable (a read-only file system), and SQLite writes its lock files beside the store even to "
        "read it\n"
    ), err


def test_a_folder_without_write_permission_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "store.db"
    monkeypatch.setattr(unusable, "writable", lambda path: path != tmp_path)
    assert unusable.unwritable(store) == (
        f"; {tmp_path} is not writable, and SQLite writes its lock files beside the store even to read it"
    )
    monkeypatch.setattr(unusable, "writable", lambda path: path != store)
    store.write_bytes(b"")
    assert unusable.unwritable(store) == f"; {store} is not writable"
    monkeypatch.setattr(unusable, "writable", lambda path: True)
    assert unusable.unwritable(store) == ""
