"""The command line: channels, subscribe, schedule, post, run --once, and run with the console adapter."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli_run_bot import outcome_line
from bot.delivery import Outcome
from bot.store.db import Database
from tests.channels.channel_fakes import add_story
from tests.cli_run import cli

REPO = Path(__file__).resolve().parents[2]


def test_subscribe_schedule_channels_post(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.db")
    code, _, err = cli(capsys, "channels", "--db", db)  # only reads: no store is made for it
    assert code == 3 and err.startswith(f"briefbot: no store at {db}: check --db") and not Path(db).exists()
    code, out, _ = cli(capsys, "subscribe", "console:main", "NATO -sport", "--db", db)
    assert code == 0 and out.strip() == "console:main: subscribed to NATO -sport"
    code, _, err = cli(capsys, "subscribe", "console:main", "NATO OR", "--db", db)
    assert code == 2 and "OR needs a word on each side" in err
    code, out, _ = cli(capsys, "schedule", "console:main", "weekdays", "07:30", "--tz", "Europe/Brussels",
                       "--quiet", "22:00-06:00", "--db", db)
    assert code == 0 and out.startswith("console:main: weekdays 07:30 (Europe/Brussels); next ")
    code, _, err = cli(capsys, "schedule", "console:main", "sometimes", "--db", db)  # `7.30` is read, as in chat
    assert code == 2 and 'expected "daily HH:MM", "weekdays HH:MM"' in err and 'got "sometimes"' in err
    assert cli(capsys, "schedule", "telegram:1", "daily", "08:00", "--db", db)[0] == 2
    code, out, _ = cli(capsys, "channels", "--json", "--db", db)
    [row] = json.loads(out)
    assert (row["channel"], row["schedule"], row["timezone"], row["quiet_hours"], row["topics"]) == (
        "console:main", "weekdays 07:30", "Europe/Brussels", "22:00-06:00", ["NATO -sport"])

    async def add() -> None:
        database = await Database.open(db)
        await add_story(database, "n1", text="NATO leaders met in Brussels. They agreed on a plan.",
                        title="NATO leaders meet", now=datetime.now(UTC) - timedelta(minutes=5))
        await database.close()

    asyncio.run(add())
    code, out, _ = cli(capsys, "post", "console:main", "--db", db)
    assert code == 0 and "===== console:main =====" in out and "1. NATO leaders meet" in out
    assert "(matched: NATO — in 1 sentence" in out and out.rstrip().endswith("console:main: delivered 1 story")
    code, out, _ = cli(capsys, "post", "console:main", "--db", db)
    assert code == 0 and out.strip() == "console:main: empty: no new stories"  # nothing repeated
    assert cli(capsys, "post", "console:other", "--db", db)[0] == 2


def test_run_once_seeds_channels_from_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "briefbot.toml"
    config.write_text('[[channels]]\nid = "console:ops"\ntopics = ["harbour"]\nschedule = "every 4h"\n'
                      'timezone = "Asia/Kolkata"\n', encoding="utf-8")
    code, _, err = cli(capsys, "run", "--once", "--config", str(config), "--db", str(tmp_path / "run.db"))
    assert code == 0, err
    code, out, _ = cli(capsys, "channels", "--json", "--config", str(config), "--db", str(tmp_path / "run.db"))
    rows = {r["channel"]: r for r in json.loads(out)}
    assert rows["console:ops"]["topics"] == ["harbour"] and rows["console:ops"]["timezone"] == "Asia/Kolkata"
    assert "console:main" not in rows  # the config names channels: the console gets none of its own
    bad = tmp_path / "bad.toml"
    bad.write_text('[[channels]]\nid = "console:a"\n[[channels]]\nid = "console:b"\nschedule = "sometimes"\n')
    code, _, err = cli(capsys, "run", "--once", "--config", str(bad), "--db", str(tmp_path / "bad.db"))
    assert code == 2 and 'channels[1].schedule: expected "daily HH:MM"' in err and 'got "sometimes"' in err


async def test_run_answers_console_commands_until_terminated(tmp_path: Path) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", "--db", str(tmp_path / "console.db"), cwd=REPO,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"/brief subscribe Bucharest\n/brief schedule\n/brief topics\n")
    await proc.stdin.drain()
    lines: list[str] = []
    try:
        async with asyncio.timeout(60):
            while len(lines) < 3:
                lines.append((await proc.stdout.readline()).decode().strip())
    finally:
        proc.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(proc.wait(), 30)
    # the console is a terminal: the replies' chat code marks are not shown (digests/terminal_text.py)
    assert lines[0].startswith("Subscribed to Bucharest. Next briefing:")
    assert lines[1].startswith("Schedule: daily 08:00 (UTC).")
    assert lines[2] == "Topics: Bucharest"
    assert code == 0


def test_channels_shows_a_briefing_waiting_for_its_retry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.store.ledger import DeliveryLedger

    db = str(tmp_path / "cli.db")
    assert cli(capsys, "subscribe", "console:main", "NATO", "--db", db)[0] == 0
    slot = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)

    async def fail_once() -> None:
        database = await Database.open(db)
        ledger = DeliveryLedger(database)
        entry = await ledger.plan("console:main", slot, kind="scheduled", cutoff=slot, story_ids=["s1"], now=slot)
        assert entry is not None
        await ledger.start_attempt(entry, now=slot)
        await ledger.retry_later(entry, when=slot + timedelta(minutes=2), error="rate limited by Slack (429)",
                                 posted=["console:main|1"], now=slot)
        await database.close()

    asyncio.run(fail_once())
    code, out, _ = cli(capsys, "channels", "--db", db)
    assert code == 0
    assert ("    not posted yet: briefing of Mon 23 Nov 07:30 UTC (attempt 1, 1 part out), retrying at "
            "Mon 23 Nov 07:32 UTC: rate limited by Slack (429)") in out.splitlines()  # as "next": chat's form
    [row] = json.loads(cli(capsys, "channels", "--json", "--db", db)[1])
    assert row["pending"] == [{"slot": "2026-11-23T07:30:00+00:00", "kind": "scheduled", "state": "posting",
                               "attempts": 1, "retry_at": "2026-11-23T07:32:00+00:00",
                               "error": "rate limited by Slack (429)", "parts_out": 1}]


def test_a_post_outcome_reads_as_a_phrase() -> None:
    slot = datetime(2026, 11, 23, 8, tzinfo=UTC)
    assert outcome_line(Outcome("console:main", "delivered", slot, "3 stories")) == "delivered 3 stories"
    assert outcome_line(Outcome("console:main", "empty", slot, "no new stories")) == "empty: no new stories"
    assert outcome_line(Outcome("slack-webhook:desk", "failed", slot, "the Slack webhook was removed")) == (
        "failed: the Slack webhook was removed")
    assert outcome_line(Outcome("console:main", "waiting", slot, "retrying at 2026-11-23T08:05:00+00:00")) == (
        "waiting: retrying at 2026-11-23T08:05:00+00:00")
    assert outcome_line(Outcome("console:main", "no-adapter", slot)) == "no-adapter"
