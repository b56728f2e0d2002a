"""A database driver's error as one line an operator can act on: the server's words, no SQL, no password."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlencode

MAX_REASON_CHARS = 300
_UNKNOWN_OPTION = re.compile(r"unexpected keyword argument '([^']+)'")


def one_line_reason(exc: BaseException, url: str = "") -> str:
    """The driver's own message (SQLAlchemy's wrapper, the SQL and its "Background on this error" link dropped),
    on one line, with the password of ``url`` masked, and what to do for the problems an operator meets."""
    orig = getattr(exc, "orig", None)  # sqlalchemy.exc.DBAPIError: the driver's exception
    inner: BaseException = orig if isinstance(orig, BaseException) else exc
    text = str(inner).split("\n")[0]
    text = re.sub(r"^\((?:sqlalchemy|asyncpg|aiosqlite)[\w.]*\) ", "", text)
    text = masked(" ".join(text.split()), url)[:MAX_REASON_CHARS] or type(inner).__name__
    return text + _hint(text)


def _hint(text: str) -> str:
    if "permission denied for schema" in text or "must be owner of" in text:
        return ("; briefbot creates and upgrades its own tables, so its user must own the database "
                "(`createdb -O USER briefbot`, or `ALTER DATABASE briefbot OWNER TO USER`)")
    if option := _UNKNOWN_OPTION.search(text):
        return (f"; the URL option {option.group(1)}= is not one the PostgreSQL driver (asyncpg) knows: use "
                "ssl=require (or sslmode=require) for TLS and leave the others out")
    return ""


def masked(text: str, url: str) -> str:
    """``text`` with the password in ``url`` (as written, and percent-decoded) replaced by ***."""
    password = url_password(url)
    for form in {password, unquote(password)} - {""}:
        text = text.replace(form, "***")
    return text


def url_password(url: str) -> str:
    if "://" not in url or "@" not in url:
        return ""
    credentials = url.split("://", 1)[1].split("?", 1)[0].rsplit("@", 1)[0]
    return credentials.split(":", 1)[1] if ":" in credentials else ""


def libpq_options(query: str) -> str:
    """A PostgreSQL URL's query with libpq's ``sslmode`` (what hosting providers hand out) as asyncpg's ``ssl``,
    which takes the same values (disable, allow, prefer, require, verify-ca, verify-full)."""
    pairs = parse_qsl(query, keep_blank_values=True)
    if not any(key == "sslmode" for key, _ in pairs) or any(key == "ssl" for key, _ in pairs):
        return query
    return urlencode([("ssl" if key == "sslmode" else key, value) for key, value in pairs])
