"""The file behind a SQLite store URL, so a command can tell a store that exists from one it would create."""

from __future__ import annotations

from pathlib import Path

from bot.store.db import driver_url


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite store (``~`` expanded); None for PostgreSQL or an in-memory store."""
    async_url, dialect = driver_url(url)
    if dialect != "sqlite":
        return None
    path = async_url.split(":///", 1)[1]
    return None if path in ("", ":memory:") else Path(path).expanduser()


def missing_sqlite_file(url: str) -> Path | None:
    """The file a SQLite ``url`` names when there is none yet (opening it would create an empty store)."""
    path = sqlite_file(url)
    return path if path is not None and not path.exists() else None
