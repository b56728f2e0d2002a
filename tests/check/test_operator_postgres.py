"""The PostgreSQL deployment path as an operator meets it: each wrong URL or missing right is one line, no traceback,
the password masked, and what to do."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from bot.store.db import driver_url, redact_url
from bot.store.db_errors import libpq_options, masked, one_line_reason
from tests.cli_run import cli
from tests.pg import PG_HOST, PG_PORT, fresh_database

ROLE, PASSWORD = "briefbot_test_operator", "Harb0ur%40Pass"  # %40: an "@" in the password, percent-encoded
ARTICLE = ("Harbour council approves ferry terminal\n\nThe Lowmouth harbour council approved a ferry terminal on the "
           "north quay on Monday. \"It brings the islands closer,\" said council chair Marta Ellison after the vote.\n")


def assert_one_clean_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "sqlalche.me" not in err and "[SQL:" not in err
    assert "Harb0ur" not in err and "Harb0ur@Pass" not in err
    return lines[0]


def test_libpq_sslmode_is_passed_to_the_driver_as_ssl() -> None:
    assert libpq_options("sslmode=require") == "ssl=require"
    assert libpq_options("sslmode=verify-full&application_name=bot") == "ssl=verify-full&application_name=bot"
    assert libpq_options("ssl=require&sslmode=disable") == "ssl=require&sslmode=disable"  # both: left as written
    assert libpq_options("") == ""
    assert driver_url("postgresql://u@db.internal/briefbot?sslmode=require") == (
        "postgresql+asyncpg://u@db.internal/briefbot?ssl=require", "postgresql")
    assert driver_url("postgresql://u@db.internal/briefbot")[0] == "postgresql+asyncpg://u@db.internal/briefbot"


def test_a_reason_is_the_drivers_first_line_with_the_password_masked() -> None:
    url = f"postgresql://{ROLE}:{PASSWORD}@db.internal/briefbot"
    assert masked("login Harb0ur@Pass and Harb0ur%40Pass", url) == "login *** and ***"

    class Wrapped(Exception):
        orig = RuntimeError("password authentication failed for user \"x\" (Harb0ur@Pass)\nDETAIL: more")

    assert one_line_reason(Wrapped("(sqlalchemy.x.Error) outer\n[SQL: SELECT 1]"), url) == (
        'password authentication failed for user "x" (***)')
    assert one_line_reason(ValueError(""), url) == "ValueError"


async def _create_role(admin: Any) -> None:
    """The test role (cluster-wide, kept between runs), made here if no earlier test or run made it."""
    await admin.execute(f"DO $$ BEGIN CREATE ROLE {ROLE} LOGIN PASSWORD 'Harb0ur@Pass'; "
                        "EXCEPTION WHEN duplicate_object THEN NULL; END $$")


async def _database_and_role(name: str) -> str:
    """A fresh database (its URL, as the server's admin) with the test role existing beside it."""
    import asyncpg

    url = await fresh_database(name)
    admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user="postgres", database=url.rsplit("/", 1)[1])
    try:
        await _create_role(admin)
    finally:
        await admin.close()
    return url


async def _database_the_role_does_not_own(name: str) -> str:
    import asyncpg  # type: ignore[import-untyped]

    url = await fresh_database(name)
    name = url.rsplit("/", 1)[1]
    admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user="postgres", database=name)
    try:
        await _create_role(admin)
        if await admin.fetchval(f"SELECT has_schema_privilege('{ROLE}', 'public', 'CREATE')"):
            pytest.skip("this server lets every user create tables in public (PostgreSQL before 15)")
    finally:
        await admin.close()
    return f"postgresql://{ROLE}:{PASSWORD}@{PG_HOST}:{PG_PORT}/{name}"


def test_wrong_database_port_and_option_are_one_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    url = asyncio.run(_database_and_role("briefbot_test_operator_urls"))  # the role: not left to a later test
    base = f"postgresql://{ROLE}:{PASSWORD}@{PG_HOST}:{PG_PORT}"
    for bad, said in [(f"{base}/briefbot_test_operator_missing", 'database "briefbot_test_operator_missing" does '
                                                                  "not exist"),
                      (f"postgresql://{ROLE}:{PASSWORD}@{PG_HOST}:port/x", "--db: cannot read"),  # named as given
                      (f"{url}?connect_timeout=10", "the URL option connect_timeout= is not one the PostgreSQL")]:
        code, _out, err = cli(capsys, "channels", "--db", bad)
        line = assert_one_clean_line(err)
        assert code == (2 if "cannot read" in said else 3) and said in line, line  # an unreadable URL: exit 2
        assert (":***@" in line) == (PASSWORD in bad), line
    code, out, _err = cli(capsys, "channels", "--db", f"{url}?sslmode=disable")  # a hosting provider's form
    assert code == 0 and "No channels yet" in out


def test_a_user_that_may_not_create_tables_is_told_to_own_the_database(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = asyncio.run(_database_the_role_does_not_own("briefbot_test_operator_not_owner"))
    code, out, _err = cli(capsys, "check", "--offline", "--db", target)
    assert code == 1 and "may not create tables in it" in out and f"OWNER TO {ROLE}`" in out
    code, _out, err = cli(capsys, "channels", "--db", target)
    line = assert_one_clean_line(err)
    assert code == 3 and "permission denied for schema public" in line and "must own the database" in line
    article = tmp_path / "ferry.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    source = str(tmp_path / "source.db")
    assert cli(capsys, "ingest", str(article), "--no-quotes", "--db", source)[0] == 0
    code, out, err = cli(capsys, "store", "copy", "--db", source, "--to", target)
    assert code == 3 and "Copying" in err
    line = assert_one_clean_line(err.split("\n", 1)[1])
    assert "cannot set up the store at" in line and "must own the database" in line


def test_a_url_without_a_password_is_not_shown_with_one() -> None:
    # a user name written alone is the only credential, masked whole (no ":***" for a password never written):
    # the one rule of bot/ingest/userinfo.py, tests/ingest/test_url_masking.py
    assert redact_url("postgresql://briefbot@db.internal/briefbot") == "postgresql://***@db.internal/briefbot"
    assert redact_url("postgresql://briefbot:pw@db.internal/briefbot") == "postgresql://briefbot:***@db.internal/briefbot"
