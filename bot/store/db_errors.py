"""A database driver's error as one line an operator can act on: the server's words, no SQL, no password."""

from __future__ import annotations

import getpass
import re
import shlex
from urllib.parse import parse_qsl, unquote, urlencode

MAX_REASON_CHARS = 300
_UNKNOWN_OPTION = re.compile(r"unexpected keyword argument '([^']+)'")
_NO_DATABASE = re.compile(r'database "([^"]+)" does not exist')
_PLAIN_NAME = re.compile(r"[a-z_][a-z0-9_$]*")


def one_line_reason(exc: BaseException, url: str = "") -> str:
    """The driver's own message (SQLAlchemy's wrapper, the SQL and its "Background on this error" link dropped),
    on one line, with the password of ``url`` masked, and what to do for the problems an operator meets."""
    orig = getattr(exc, "orig", None)  # sqlalchemy.exc.DBAPIError: the driver's exception
    inner: BaseException = orig if isinstance(orig, BaseException) else exc
    text = str(inner).split("\n")[0]
    text = re.sub(r"^\((?:sqlalchemy|asyncpg|aiosqlite)[\w.]*\) ", "", text)
    text = masked(" ".join(text.split()), url)[:MAX_REASON_CHARS] or type(inner).__name__
    return text + _hint(text, url)


def _hint(text: str, url: str) -> str:
    role, database = store_names(url)
    if missing := _NO_DATABASE.search(text):
        return (f"; create it owned by the bot's user: {createdb_command(role, missing.group(1))} (and `createuser "
                f"{shlex.quote(role)}` first if that role does not exist yet)")
    if "permission denied for schema" in text or "must be owner of" in text:
        return f"; {owner_advice(role, database)}"
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
    """The password written in ``url``: before the host (``user:pw@``), else a ``password=`` query parameter (libpq's
    keyword, which the driver takes too)."""
    if "://" not in url:
        return ""
    rest, _, query = url.split("://", 1)[1].partition("?")
    credentials = rest.rsplit("@", 1)[0] if "@" in rest else ""
    if ":" in credentials:
        return credentials.split(":", 1)[1]
    pairs = (part.partition("=") for part in query.split("&"))  # as written: masked() also masks it decoded
    return next((value for key, _, value in pairs if unquote(key) == "password" and value), "")


def store_names(url: str) -> tuple[str, str]:
    """The role and database a PostgreSQL URL connects as and to, as the driver reads them: the user written in the
    URL, else ``$PGUSER``, else the system user; the path's database, else one named like the role."""
    rest = url.split("://", 1)[1] if "://" in url else url
    rest, _, query = rest.partition("?")
    place = rest.rpartition("@")[2]
    options = dict(parse_qsl(query, keep_blank_values=True))
    user = unquote(rest.rpartition("@")[0].split(":", 1)[0]) if "@" in rest else options.get("user", "")
    from bot.config import postgres_defaults  # only the config module reads the environment

    pg_user, pg_database = postgres_defaults()
    role = user or pg_user or getpass.getuser()
    database = unquote(place.partition("/")[2]) or options.get("dbname", "") or pg_database or role
    return role, database


def createdb_command(role: str, database: str) -> str:
    return f"`createdb -O {shlex.quote(role)} {shlex.quote(database)}`"


def owner_advice(role: str, database: str) -> str:
    """What to run so that ``role`` owns ``database``, as one clause of an error line."""
    return (f"briefbot creates and upgrades its own tables, so its user must own the database: create it so "
            f"({createdb_command(role, database)}), or give it to that user "
            f"(`ALTER DATABASE {_sql_name(database)} OWNER TO {_sql_name(role)}` as the database's owner or a "
            "superuser)")


def _sql_name(name: str) -> str:
    """An SQL identifier as written in a command: plain when it is one, else double-quoted."""
    return name if _PLAIN_NAME.fullmatch(name) else '"' + name.replace('"', '""') + '"'


def libpq_options(query: str) -> str:
    """A PostgreSQL URL's query with libpq's ``sslmode`` (what hosting providers hand out) as asyncpg's ``ssl``,
    which takes the same values (disable, allow, prefer, require, verify-ca, verify-full)."""
    pairs = parse_qsl(query, keep_blank_values=True)
    if not any(key == "sslmode" for key, _ in pairs) or any(key == "ssl" for key, _ in pairs):
        return query
    return urlencode([("ssl" if key == "sslmode" else key, value) for key, value in pairs])
