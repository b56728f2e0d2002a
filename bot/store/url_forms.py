"""How a store URL of a kind briefbot cannot open is told: the input named, the forms it takes, no password."""

from __future__ import annotations

from bot.ingest.userinfo import mask_userinfo

STORE_FORMS = "a SQLite path, a sqlite:/// URL or a postgresql:// URL"


def unsupported_store_url(key: str, url: str) -> str:
    """``--db: expected a SQLite path, a sqlite:/// URL or a postgresql:// URL, got 'mysql://u:***@h/db'``;
    ``key`` is where the URL came from (``--db``, ``database.url``, ``--to``)."""
    return f"{key}: expected {STORE_FORMS}, got {redact_url(url)!r}"


def redact_url(url: str) -> str:
    """A database URL as it may reach a log or an error: its credentials masked by the rule every URL briefbot shows
    follows (``mask_userinfo``: a password always, a user name written alone, a ``?password=`` in the query)."""
    return mask_userinfo(url)
