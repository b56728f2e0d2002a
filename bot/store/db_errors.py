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
    """``text`` with the password in ``url`` (as written, and percent-decoded) replaced by *** where it stands whole,
    not inside a longer word (a password "e" must not make "Connect" "Conn***ct"), and not where it is the user or
    database name, which the line shows in the URL anyway (``database "***" does not exist`` would hide which)."""
    password = url_password(url)
    for form in {password, unquote(password)} - {""} - _shown_names(url):
        text = re.sub(_whole(form), "***", text)
    return text


def _whole(word: str) -> str:
    """A pattern for ``word`` not run into letters or digits on a side where it ends in one."""
    before = r"(?<!\w)" if re.match(r"\w", word[0]) else ""
    after = r"(?!\w)" if re.match(r"\w", word[-1]) else ""
    return before + re.escape(word) + after


def _shown_names(url: str) -> set[str]:
    """The user and database names of ``url``, as written and percent-decoded (``redact_url`` shows them)."""
    if "://" not in url or "@" not in url:
        return set()
    credentials, _, place = url.split("://", 1)[1].split("?", 1)[0].rpartition("@")
    names = {credentials.split(":", 1)[0], place.partition("/")[2]}
    return names | {unquote(name) for name in names}


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
