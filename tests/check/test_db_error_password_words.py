"""A store error's reason masks the URL's password where it stands as a whole, not inside other words, and not
where it is also the user or database name the same line shows in the URL anyway."""

from __future__ import annotations

from bot.store.db_errors import masked, one_line_reason


class _DriverError(Exception):
    """As sqlalchemy.exc.DBAPIError: the driver's own exception in ``orig``."""

    def __init__(self, orig: Exception) -> None:
        super().__init__("(sqlalchemy.dialects.postgresql.asyncpg.Error) wrapped")
        self.orig = orig


def test_a_short_password_does_not_garble_the_words_around_it() -> None:
    url = "postgresql://quayside:e@127.0.0.1:5499/ferries"
    refused = _DriverError(ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5499)"))
    assert one_line_reason(refused, url) == "[Errno 111] Connect call failed ('127.0.0.1', 5499)"
    assert masked("password e was refused", url) == "password *** was refused"


def test_a_password_that_is_also_the_user_and_database_name_leaves_them_readable() -> None:
    url = "postgresql://lowmouth:lowmouth@db.internal/lowmouth"
    missing = _DriverError(RuntimeError('database "lowmouth" does not exist'))
    assert one_line_reason(missing, url).startswith('database "lowmouth" does not exist; create it owned by the '
                                                    "bot's user: `createdb -O lowmouth lowmouth`")
    assert one_line_reason(_DriverError(RuntimeError('role "lowmouth" does not exist')), url) == (
        'role "lowmouth" does not exist')


def test_a_password_echoed_in_a_url_or_a_setting_is_still_masked() -> None:
    url = "postgresql://quayside:Tid3Mark@db.internal/ferries"
    assert masked("bad url postgresql://quayside:Tid3Mark@db.internal/ferries", url) == (
        "bad url postgresql://quayside:***@db.internal/ferries")
    assert masked("password=Tid3Mark host=db.internal", url) == "password=*** host=db.internal"
    assert masked("'Tid3Mark'", url) == "'***'"
    punctuated = "postgresql://quayside:%21Tide%3F@db.internal/ferries"  # "!Tide?" percent-encoded
    assert masked("got !Tide? and %21Tide%3F", punctuated) == "got *** and ***"
