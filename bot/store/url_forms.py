"""How a store URL of a kind briefbot cannot open is told: the input named, the forms it takes, no password."""

from __future__ import annotations

STORE_FORMS = "a SQLite path, a sqlite:/// URL or a postgresql:// URL"


def unsupported_store_url(key: str, url: str) -> str:
    """``--db: expected a SQLite path, a sqlite:/// URL or a postgresql:// URL, got 'mysql://u:***@h/db'``;
    ``key`` is where the URL came from (``--db``, ``database.url``, ``--to``)."""
    return f"{key}: expected {STORE_FORMS}, got {redact_url(url)!r}"


def redact_url(url: str) -> str:
    """Hide a password in a database URL before it reaches a log or an error."""
    if "://" in url and "@" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user, colon, _password = creds.partition(":")
        return f"{scheme}://{user}{':***' if colon else ''}@{host}"  # no *** where no password was written
    return url
