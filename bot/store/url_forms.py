"""How a store URL of a kind briefbot cannot open is told: the input named, the forms it takes, no password."""

from __future__ import annotations

from bot.store.db import redact_url

STORE_FORMS = "a SQLite path, a sqlite:/// URL or a postgresql:// URL"


def unsupported_store_url(key: str, url: str) -> str:
    """``--db: expected a SQLite path, a sqlite:/// URL or a postgresql:// URL, got 'mysql://u:***@h/db'``;
    ``key`` is where the URL came from (``--db``, ``database.url``, ``--to``)."""
    return f"{key}: expected {STORE_FORMS}, got {redact_url(url)!r}"
