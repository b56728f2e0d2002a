"""A SQLite store file that is damaged (``database disk image is malformed``), told in one line with what to do."""

from __future__ import annotations

import shlex
from pathlib import Path

# what SQLite says of a store file whose pages it cannot read (overwritten, truncated); "file is not a database" is
# left to the usual message: most often a path that names some other file, not a damaged store
DAMAGE_WORDS = ("database disk image is malformed",)


def damage(exc: BaseException) -> str | None:
    """SQLite's words when ``exc`` (or the driver error it wraps or was raised from) says the file is damaged; None
    for any other error."""
    seen: BaseException | None = exc
    for _ in range(5):  # SQLAlchemy's wrapper, its ``orig``, and a StoreError raised from it
        if seen is None:
            return None
        text = str(seen).lower()
        for words in DAMAGE_WORDS:
            if words in text:
                return words
        orig = getattr(seen, "orig", None)
        seen = orig if isinstance(orig, BaseException) else seen.__cause__
    return None


def damaged_store_message(path: str, words: str) -> str:
    """One line: the file, that it is damaged, and the way back (a backup, docs/DEPLOY.md "Backups")."""
    return (f"the store at {path} is damaged ({words}): SQLite cannot read part of the file, and briefbot cannot "
            "repair it; stop the bot, keep this file aside, and put your latest backup (made with "
            "`briefbot store backup`) in its place; see docs/DEPLOY.md, \"Backups\"")


def salvage_command(path: Path) -> str:
    """The sqlite3 shell's ``.recover`` of a damaged file into a new one beside it (docs/DEPLOY.md, "Backups")."""
    recovered = path.with_name(f"{path.stem}-recovered{path.suffix or '.db'}")
    return f"sqlite3 {shlex.quote(str(path))} \".recover\" | sqlite3 {shlex.quote(str(recovered))}"
