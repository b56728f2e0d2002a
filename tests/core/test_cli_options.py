"""The common options work before or after the command, as config.example.toml's header says."""

from __future__ import annotations

from pathlib import Path

from bot.cli import main, parse_args


def test_options_before_the_command() -> None:
    args = parse_args(["--config", "team.toml", "--db", "store.db", "-v", "channels"])
    assert (args.config, args.db, args.verbose) == ("team.toml", "store.db", True)


def test_options_after_the_command_win() -> None:
    args = parse_args(["--db", "before.db", "channels", "--db", "after.db"])
    assert args.db == "after.db"
    assert args.config is None and args.verbose is False


def test_a_global_db_option_reaches_the_store(tmp_path: Path) -> None:
    store = tmp_path / "global.db"
    assert main(["--db", str(store), "subscribe", "console:main", "harbour"]) == 0
    assert store.is_file()  # the command opened (and created) the store named before it
    assert main(["--db", str(store), "sources"]) == 0  # and a command that only reads finds it there


def test_scheduler_chatter_is_kept_out_of_the_log_unless_verbose(tmp_path: Path) -> None:
    import logging

    aps = logging.getLogger("apscheduler")
    before = aps.level
    try:
        assert main(["--db", str(tmp_path / "a.db"), "subscribe", "console:main", "harbour"]) == 0
        assert aps.getEffectiveLevel() >= logging.WARNING
        aps.setLevel(logging.NOTSET)
        assert main(["-v", "--db", str(tmp_path / "a.db"), "channels"]) == 0
        assert aps.level == logging.NOTSET  # -v leaves it alone: every job run is logged
    finally:
        aps.setLevel(before)
