"""The command line as chat reads the same words: topics as a comma list, the next briefing in the channel's own zone,
the story cap shown, a damaged SQLite store in one line, and the config's schedules as chat writes them."""

from __future__ import annotations

import asyncio
import functools
import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import App
from bot.clock import ManualClock
from bot.config import Config, load_config
from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.sources import SourceStore
from tests.channels.channel_fakes import add_story
from tests.channels.test_channels_commands import Bot
from tests.cli_run import cli

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # a Monday; 13:00 in Brussels
CONSOLE = ChannelRef("console", "main")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> ManualClock:
    """The command line's clock, set to NOW."""
    manual = ManualClock(NOW)
    monkeypatch.setattr("bot.cli.App", functools.partial(App, clock=manual))
    return manual


@pytest.fixture
def bot(db: Database, config: Config) -> Bot:
    return Bot(db, config)


def _topics(capsys: pytest.CaptureFixture[str], db: str) -> list[str]:
    [row] = json.loads(cli(capsys, "channels", "--json", "--db", db)[1])
    return list(row["topics"])


def test_subscribe_reads_a_comma_list_as_chat_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "topics.db")
    code, out, _ = cli(capsys, "subscribe", "console:main", "Valdoria, Marant", "--db", db)
    assert code == 0 and out.strip() == "console:main: subscribed to Valdoria and Marant"
    assert _topics(capsys, db) == ["Valdoria", "Marant"]
    code, out, _ = cli(capsys, "subscribe", "console:main", "Marant,", "Washington, D.C.", "--db", db)
    assert code == 0 and out.strip() == "console:main: subscribed to Washington, D.C. (already subscribed to Marant)"
    assert _topics(capsys, db) == ["Valdoria", "Marant", "Washington, D.C."]
    code, out, _ = cli(capsys, "subscribe", "console:main", "Valdoria", "--db", db)
    assert code == 0 and out.strip() == "console:main: already subscribed to Valdoria"
    code, out, err = cli(capsys, "subscribe", "console:main", "Lisport, the", "--db", db)
    assert code == 2 and out == "" and "`the` has only common words" in err  # nothing of it is stored
    assert _topics(capsys, db) == ["Valdoria", "Marant", "Washington, D.C."]


def test_channels_tells_a_stored_comma_topic_from_two(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       clock: ManualClock) -> None:
    db = str(tmp_path / "old.db")
    assert cli(capsys, "subscribe", "console:main", "Lisport", "--db", db)[0] == 0

    async def old_subscribe() -> None:  # as an earlier `briefbot subscribe` stored it: one topic, comma and all
        database = await Database.open(db)
        await ChannelStore(database).subscribe(CONSOLE, "Valdoria, Marant", user="cli", now=NOW)
        await database.close()

    asyncio.run(old_subscribe())
    lines = cli(capsys, "channels", "--db", db)[1].splitlines()
    assert "    topics: `Lisport`, `Valdoria, Marant`" in lines, lines
    assert ("    `Valdoria, Marant` is one topic, a story must hold every word of it: in chat, `unsubscribe "
            "Valdoria, Marant` then `subscribe Valdoria, Marant` makes it two") in lines, lines


def test_brief_topic_with_a_comma_says_it_is_one_query(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "brief.db")

    async def fill() -> None:
        database = await Database.open(db)
        await add_story(database, "m1", text="Minister Marant defended the plan. She spoke for an hour.",
                        title="Marant defends the plan", now=datetime.now(UTC) - timedelta(minutes=5))
        await database.close()

    asyncio.run(fill())
    code, out, err = cli(capsys, "brief", "--topic", "Valdoria, Marant", "--db", db)
    assert code == 0 and "No new stories" in out
    assert ("briefbot brief: --topic is one query, as in chat's `/brief`: `Valdoria, Marant` needs every word; "
            "`Valdoria OR Marant` finds stories on either") in err
    code, out, err = cli(capsys, "brief", "--topic", "Valdoria OR Marant", "--db", db)
    assert code == 0 and "Marant defends the plan" in out and err == ""


def test_channels_and_schedule_say_the_next_briefing_in_the_channels_zone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], clock: ManualClock) -> None:
    db = str(tmp_path / "zone.db")
    code, out, _ = cli(capsys, "schedule", "console:main", "weekdays", "07:30", "--tz", "Europe/Brussels", "--db", db)
    assert code == 0 and out.strip() == "console:main: weekdays 07:30 (Europe/Brussels); next Tue 24 Nov 07:30 CET"
    code, out, _ = cli(capsys, "channels", "--db", db)
    assert out.splitlines()[0] == "console:main  weekdays 07:30 (Europe/Brussels)  next Tue 24 Nov 07:30 CET  last -"
    [row] = json.loads(cli(capsys, "channels", "--json", "--db", db)[1])
    assert row["next"] == "2026-11-24T06:30:00+00:00"  # JSON keeps ISO in UTC

    async def fill() -> None:
        database = await Database.open(db)
        await add_story(database, "h1", text="The harbour reopened on Monday. Ferries ran again by noon.",
                        title="Harbour reopens", now=NOW - timedelta(minutes=5))
        await database.close()

    asyncio.run(fill())
    assert cli(capsys, "post", "console:main", "--db", db)[0] == 0  # at 13:00 in Brussels
    lines = cli(capsys, "channels", "--db", db)[1].splitlines()
    assert lines[0].endswith("  last Mon 23 Nov 13:00 CET"), lines


def test_channels_shows_the_story_cap(tmp_path: Path, capsys: pytest.CaptureFixture[str], clock: ManualClock) -> None:
    db = str(tmp_path / "cap.db")
    assert cli(capsys, "schedule", "console:main", "daily", "08:00", "--db", db)[0] == 0
    assert "at most" not in cli(capsys, "channels", "--db", db)[1]

    async def cap() -> None:
        database = await Database.open(db)
        await ChannelStore(database).set_max_stories(CONSOLE, 5)
        await database.close()

    asyncio.run(cap())
    assert "    at most 5 stories a briefing" in cli(capsys, "channels", "--db", db)[1].splitlines()
    [row] = json.loads(cli(capsys, "channels", "--json", "--db", db)[1])
    assert row["max_stories"] == 5


async def test_chat_schedule_shows_the_story_cap(bot: Bot) -> None:
    assert not (await bot.say("schedule daily 08:00 max 5")).error
    shown = await bot.say("schedule", manager=False)
    assert "At most 5 stories a briefing (`schedule max <n>` changes it)." in shown.text, shown.text


def _damaged_copy(tmp_path: Path, pages: int | None = None) -> str:
    """A store with a channel and its topics whose pages from byte 12288 on (``pages`` of them, default all; the 4th
    is the sources table's) are junk: ``pragma integrity_check`` says malformed."""
    db = tmp_path / "good.db"

    async def fill() -> None:
        database = await Database.open(str(db))
        store = ChannelStore(database)
        await store.ensure(CONSOLE, ChannelDefaults("daily 08:00", "UTC"), now=NOW)
        for n in range(200):
            await store.subscribe(CONSOLE, f"Harbour topic number {n} of many", user="cli", now=NOW)
        for n in range(20):
            await SourceStore(database).ensure(f"https://feeds{n}.example/harbour.xml", kind="rss", now=NOW)
        await database.close()

    asyncio.run(fill())
    bad = tmp_path / "bad.db"
    shutil.copy(db, bad)
    with bad.open("r+b") as f:
        size = f.seek(0, 2)
        f.seek(12288)
        f.write(bytes([0xDE, 0xAD, 0xBE, 0xEF]) * ((size - 12288 if pages is None else 4096 * pages) // 4))
    return str(bad)


def test_a_damaged_store_is_one_line_and_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _damaged_copy(tmp_path)
    for args in (["sources"], ["channels"], ["brief"], ["ask", "who said what about the harbour"]):
        code, out, err = cli(capsys, *args, "--db", bad)
        assert code == 3, (args, code, out, err)
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, (args, err)
        assert f"the store at {bad} is damaged (database disk image is malformed)" in err, (args, err)
        assert "`briefbot store backup`" in err and "docs/DEPLOY.md" in err, (args, err)


def test_a_damaged_page_met_by_a_query_is_one_line_and_exit_3(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = _damaged_copy(tmp_path, pages=1)  # the store opens; reading its sources meets the damage
    code, out, err = cli(capsys, "sources", "--db", bad)
    assert code == 3 and out == "" and len(err.strip().splitlines()) == 1, (code, err)
    assert err.startswith(f"briefbot: the store at {bad} is damaged (database disk image is malformed): "), err


def test_check_advises_a_backup_for_a_damaged_sqlite_file(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    bad = _damaged_copy(tmp_path)
    code, out, _ = cli(capsys, "check", "--offline", "--db", bad)
    [line] = [line for line in out.splitlines() if line.startswith("fail  store:")]
    assert code == 1 and "is damaged (database disk image is malformed)" in line, line
    assert "the server runs" not in line and "`briefbot store backup`" in line, line


@pytest.mark.parametrize(("typed", "spec"), [("weekdays 7:30am", "weekdays 07:30"), ("every monday at 9:00",
                                                                                        "weekly mon 09:00"),
                                             ("7pm", "daily 19:00"), ("every 4h", "every 4h")])
def test_the_config_reads_schedules_as_chat_does(tmp_path: Path, typed: str, spec: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f'[[channels]]\nid = "console:main"\nschedule = "{typed}"\n', encoding="utf-8")
    [channel] = load_config(path).channels
    assert channel.schedule == spec


@pytest.mark.parametrize(("typed", "said"), [("sometimes", 'expected "daily HH:MM", "weekdays HH:MM"'),
                                             ("25:00", 'got "25:00"')])
def test_the_config_names_a_schedule_it_cannot_read(tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str,
                                                    said: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f'[[channels]]\nid = "console:main"\n[[channels]]\nid = "console:b"\nschedule = "{typed}"\n',
                    encoding="utf-8")
    assert load_config(path).channels[1].schedule == typed  # as written, for the channel checks to name
    code, _, err = cli(capsys, "run", "--once", "--config", str(path), "--db", str(tmp_path / "run.db"))
    assert code == 2 and "channels[1].schedule: expected " in err and said in err, err
