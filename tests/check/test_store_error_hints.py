"""A PostgreSQL store error says what to run next with the deployment's own names, and a ``?password=`` in the
store URL is masked in the driver's words as one before the host is."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.store.db_errors import masked, one_line_reason, url_password
from tests.check.test_operator_postgres import PASSWORD, ROLE, _database_the_role_does_not_own
from tests.cli_run import cli
from tests.pg import PG_HOST, PG_PORT, db_name, require_or_skip


class _DriverError(Exception):
    """As sqlalchemy.exc.DBAPIError: the driver's own exception in ``orig``."""

    def __init__(self, orig: Exception) -> None:
        super().__init__("(sqlalchemy.dialects.postgresql.asyncpg.Error) wrapped")
        self.orig = orig


def test_a_password_in_the_query_string_is_masked_in_the_drivers_words() -> None:
    url = "postgresql://quayside@db.internal/ferries?password=tide-9-secret&ssl=require"
    assert url_password(url) == "tide-9-secret"
    assert masked("login with tide-9-secret refused", url) == "login with *** refused"
    said = _DriverError(RuntimeError("password authentication failed (password tide-9-secret)"))
    assert "tide-9-secret" not in one_line_reason(said, url)
    encoded = "postgresql://quayside@db.internal/ferries?password=tide%40secret"
    assert masked("saw tide@secret and tide%40secret", encoded) == "saw *** and ***"


def test_a_missing_database_names_the_createdb_to_run() -> None:
    url = "postgresql://quayside@db.internal:5432/ferries"
    reason = one_line_reason(_DriverError(RuntimeError('database "ferries" does not exist')), url)
    assert reason == 'database "ferries" does not exist; create it owned by the bot\'s user: `createdb -O quayside ' \
                     'ferries` (and `createuser quayside` first if that role does not exist yet)'


def test_a_user_that_may_not_create_tables_is_told_the_real_names() -> None:
    url = "postgresql://quayside:pw@db.internal/ferries"
    reason = one_line_reason(_DriverError(RuntimeError("permission denied for schema public")), url)
    assert "`ALTER DATABASE ferries OWNER TO quayside`" in reason and "USER" not in reason
    assert "`createdb -O quayside ferries`" in reason


def test_a_missing_database_on_the_server_is_named_with_its_createdb(capsys: pytest.CaptureFixture[str]) -> None:
    require_or_skip()
    missing = db_name("briefbot_test_hint_missing")
    code, _out, err = cli(capsys, "channels", "--db", f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{missing}")
    assert code == 3 and f"`createdb -O postgres {missing}`" in err, err
    code, out, _err = cli(capsys, "check", "--offline", "--db", f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{missing}")
    assert code == 1 and f"`createdb -O postgres {missing}`" in out, out


def test_a_non_owner_is_told_the_database_and_role_by_name(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    target = asyncio.run(_database_the_role_does_not_own("briefbot_test_hint_not_owner"))
    name = target.rsplit("/", 1)[1]
    code, out, _err = cli(capsys, "check", "--offline", "--db", target)
    assert code == 1 and f"`ALTER DATABASE {name} OWNER TO {ROLE}`" in out and "USER" not in out, out
    code, _out, err = cli(capsys, "channels", "--db", target)
    assert code == 3 and f"`ALTER DATABASE {name} OWNER TO {ROLE}`" in err and PASSWORD not in err, err
