"""Review of 9eeae31: the damaged-store line (met while running, in `store copy`'s target, by `store backup`), the
config's chat-form schedules and their drift, and the config's load without the chat commands."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.scheduler import Scheduler
from bot.store.channel_entries import normal_value
from bot.store.db import Database, StoreError
from tests.channels.test_cli_audit_day import _damaged_copy
from tests.cli_run import cli


def test_run_once_meeting_a_damaged_page_says_so_in_one_line_and_exits_3(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _damaged_copy(tmp_path, pages=1)  # the store opens; polling its sources meets the damage
    code, out, err = cli(capsys, "run", "--once", "--db", bad)
    assert (code, out) == (3, ""), (code, out, err)
    assert err.startswith(f"briefbot: the store at {bad} is damaged (database disk image is malformed)"), err


def test_store_copy_into_a_damaged_target_names_the_target_not_the_source(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _damaged_copy(tmp_path, pages=2)  # opens; reading its tables meets the damage
    good = str(tmp_path / "good.db")  # the healthy store _damaged_copy made bad.db from
    code, _, err = cli(capsys, "store", "copy", "--db", good, "--to", bad)
    assert code != 0
    assert f"the store at {good} is damaged" not in err, err  # today: it tells the user to replace good.db
    assert bad in err.splitlines()[-1], err


def test_backup_of_a_damaged_store_says_the_store_is_damaged(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    bad = _damaged_copy(tmp_path)
    code, _, err = cli(capsys, "store", "backup", str(tmp_path / "copy.db"), "--db", bad)
    assert code == 3 and f"the store at {bad} is damaged" in err, (code, err)
    assert f'sqlite3 {bad} ".recover" | sqlite3 ' in err and len(err.strip().splitlines()) == 1, err


def test_applying_a_config_schedule_edit_as_told_ends_the_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    config, db = tmp_path / "c.toml", str(tmp_path / "s.db")
    entry = '[[channels]]\nid = "console:main"\ntopics = ["Harbour"]\nschedule = "{}"\n'
    config.write_text(entry.format("daily 07:00"), encoding="utf-8")
    assert cli(capsys, "run", "--once", "--config", str(config), "--db", db)[0] == 0  # made from the entry
    config.write_text(entry.format("daily 8:00"), encoding="utf-8")  # the edit: warned, to be applied by hand
    assert cli(capsys, "schedule", "console:main", "daily", "8:00", "--config", str(config), "--db", db)[0] == 0
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert cli(capsys, "run", "--once", "--config", str(config), "--db", db)[0] == 0
    warned = [r.getMessage() for r in caplog.records if "channels[0]" in r.getMessage()]
    assert warned == [], warned  # today: 'schedule "daily 8:00" ... the store has "daily 08:00" is not applied'


@pytest.mark.parametrize(("typed", "stored"), [("daily 8:00", "daily 08:00"), ("weekly Mon 9:00", "weekly mon 09:00")])
def test_the_config_stores_a_schedule_as_chat_does(tmp_path: Path, typed: str, stored: str) -> None:
    from bot.config import load_config

    path = tmp_path / "c.toml"
    path.write_text(f'[[channels]]\nid = "console:main"\nschedule = "{typed}"\n', encoding="utf-8")
    assert load_config(path).channels[0].schedule == stored


def test_reading_a_chat_form_schedule_from_the_config_leaves_the_chat_commands_unimported(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[[channels]]\nid = "console:main"\nschedule = "7pm"\n', encoding="utf-8")
    probe = ("import sys; from bot.config import load_config; "
             f"assert load_config({str(path)!r}).channels[0].schedule == 'daily 19:00'; "
             "print(sorted(m for m in sys.modules if m == 'bot.commands' or m.startswith('bot.ingest')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).parents[2])
    assert done.stdout.strip() == "[]", done.stdout


def test_a_running_bot_meeting_a_damaged_page_logs_the_line_once_and_stops(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    bad = _damaged_copy(tmp_path, pages=1)

    async def read_sources(_now: datetime) -> None:
        db = scheduler.delivery.db
        async with db.connect() as conn:
            await conn.execute(sa.text("SELECT count(*), max(name) FROM sources"))

    async def run() -> None:
        nonlocal scheduler
        db = await Database.open(bad)
        try:
            scheduler = Scheduler(Delivery(db, Config(), {}), ManualClock(datetime(2031, 1, 6, tzinfo=UTC)),
                                  poll=read_sources)
            with caplog.at_level(logging.INFO):
                for _ in range(3):  # the poll job each minute: one line, not one traceback a minute
                    await scheduler.poll_job()
        finally:
            await scheduler.alert_rounds.run()
            await db.close()

    scheduler: Scheduler
    asyncio.run(run())
    assert scheduler.stopping.is_set() and isinstance(scheduler.stop_reason, StoreError)
    assert f"the store at {bad} is damaged" in str(scheduler.stop_reason)
    said = [r for r in caplog.records if "is damaged" in r.getMessage()]
    assert [r.levelname for r in said] == ["ERROR"] and said[0].exc_info is None, said
    assert not [r for r in caplog.records if r.exc_info is not None], [r.getMessage() for r in caplog.records]


def test_a_schedule_recorded_as_written_before_compares_as_chat_stores_it() -> None:
    assert normal_value("schedule", "daily 8:00") == "daily 08:00"
    assert normal_value("schedule", "Weekly Mon 9:00") == "weekly mon 09:00"
    assert normal_value("schedule", "not a schedule") == "not a schedule"
