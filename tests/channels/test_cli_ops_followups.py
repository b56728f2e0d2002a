"""The command line on the operations side: a configured channel found before `run` ever started, `sources remove`,
the briefing's date and a retry in the configured zone, and the config's channel zones and quiet hours read as
chat reads them."""

from __future__ import annotations

import asyncio
import functools
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import App
from bot.clock import ManualClock
from bot.config import ConfigError, load_config
from bot.store.db import Database
from bot.store.schema import articles, channel_sources, channels
from bot.store.sources import SourceStore
from tests.cli_run import cli

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # a Monday; 13:00 in Brussels
FEED = "https://news.example.org/feed.xml"


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> ManualClock:
    """The command line's clock, set to NOW."""
    manual = ManualClock(NOW)
    monkeypatch.setattr("bot.cli.App", functools.partial(App, clock=manual))
    return manual


def _store(path: Path) -> str:
    """A fresh, empty store (as `briefbot ingest` of nothing new would leave it)."""
    async def make() -> None:
        await (await Database.open(str(path))).close()

    asyncio.run(make())
    return str(path)


def _config(tmp_path: Path, text: str) -> str:
    path = tmp_path / "briefbot.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


DESK = '[[channels]]\nid = "console:desk"\nschedule = "daily 07:30"\ntimezone = "Europe/Brussels"\ntopics = ["NATO"]\n'


def test_post_finds_a_configured_channel_before_run_has_started(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    db, config = _store(tmp_path / "fresh.db"), _config(tmp_path, DESK)
    code, out, err = cli(capsys, "post", "console:desk", "--config", config, "--db", db)
    assert "no channel" not in err, err
    assert code == 0 and out.splitlines()[-1].startswith("console:desk: empty"), (out, err)


def test_channels_and_schedule_see_the_configured_channel_as_run_makes_it(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    db, config = _store(tmp_path / "fresh.db"), _config(tmp_path, DESK)
    [row] = json.loads(cli(capsys, "channels", "--json", "--config", config, "--db", db)[1])
    assert (row["channel"], row["schedule"], row["timezone"], row["topics"]) == (
        "console:desk", "daily 07:30", "Europe/Brussels", ["NATO"])
    code, out, _ = cli(capsys, "schedule", "console:desk", "daily 09:00", "--config", config, "--db", db)
    assert code == 0 and out.startswith("console:desk: daily 09:00 (Europe/Brussels)"), out  # the config's zone
    [row] = json.loads(cli(capsys, "channels", "--json", "--config", config, "--db", db)[1])
    assert row["topics"] == ["NATO"] and row["schedule"] == "daily 09:00"


def test_channels_says_a_retry_in_the_channels_zone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.store.ledger import DeliveryLedger

    db, config = _store(tmp_path / "retry.db"), _config(tmp_path, DESK)
    assert cli(capsys, "channels", "--config", config, "--db", db)[0] == 0
    slot = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)

    async def fail_once() -> None:
        database = await Database.open(db)
        ledger = DeliveryLedger(database)
        entry = await ledger.plan("console:desk", slot, kind="scheduled", cutoff=slot, story_ids=["s1"], now=slot)
        assert entry is not None
        await ledger.start_attempt(entry, now=slot)
        await ledger.retry_later(entry, when=slot + timedelta(minutes=2), error="rate limited", posted=[], now=slot)
        await database.close()

    asyncio.run(fail_once())
    out = cli(capsys, "channels", "--config", config, "--db", db)[1]
    assert ("    not posted yet: briefing of Mon 23 Nov 07:30 CET (attempt 1), retrying at Mon 23 Nov 07:32 CET: "
            "rate limited") in out.splitlines(), out
    [row] = json.loads(cli(capsys, "channels", "--json", "--config", config, "--db", db)[1])
    assert row["pending"][0]["retry_at"] == "2026-11-23T06:32:00+00:00"  # JSON keeps ISO


def test_brief_dates_the_briefing_in_the_configured_zone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, config = _store(tmp_path / "brief.db"), _config(tmp_path, '[briefing]\ntimezone = "Europe/Brussels"\n')
    code, out, _ = cli(capsys, "brief", "--config", config, "--db", db)
    assert code == 0 and out.splitlines()[0] == "Briefing — 2026-11-23 13:00 CET", out


def test_the_config_reads_channel_zones_and_quiet_hours_as_chat_does(tmp_path: Path) -> None:
    path = _config(tmp_path, '[[channels]]\nid = "console:desk"\ntimezone = "europe/brussels"\nquiet_hours = "22-7"\n')
    [channel] = load_config(path).channels
    assert (channel.timezone, channel.quiet_hours) == ("Europe/Brussels", "22:00-07:00")


@pytest.mark.parametrize(("entry", "said"), [('timezone = "Europe/Nowhere"', "channels[0].timezone"),
                                             ('quiet_hours = "late"', "channels[0].quiet_hours")])
def test_the_config_still_names_a_zone_or_quiet_hours_it_cannot_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], entry: str, said: str) -> None:
    path = _config(tmp_path, f'[[channels]]\nid = "console:desk"\n{entry}\n')
    try:
        load_config(path)
    except ConfigError as exc:
        assert said in str(exc)
        return
    code, _, err = cli(capsys, "run", "--once", "--config", path, "--db", str(tmp_path / "run.db"))
    assert code == 2 and said in err, err


def _with_source(db: str, *follows: str) -> None:
    async def make() -> None:
        database = await Database.open(db)
        await SourceStore(database).ensure(FEED, kind="feed", now=NOW)
        async with database.begin() as conn:
            await conn.execute(articles.insert().values(
                id="a1", url="https://news.example.org/a1", source=FEED, outlet="example",
                title="A bridge reopens", text="The bridge reopened today.", content_hash="h1", stored_at=NOW,
                updated_at=NOW))
            for channel in follows:
                await conn.execute(channels.insert().values(key=channel, schedule="daily 08:00", timezone="UTC",
                                                            created_at=NOW, slots_from=NOW))
                await conn.execute(channel_sources.insert().values(channel=channel, source=FEED, added_at=NOW))
        await database.close()

    asyncio.run(make())


def _article_sources(db: str) -> list[str]:
    async def read() -> list[str]:
        database = await Database.open(db)
        async with database.connect() as conn:
            found = [str(r.source) for r in (await conn.execute(articles.select())).all()]
        await database.close()
        return found

    return asyncio.run(read())


def test_sources_remove_stops_polling_an_ingested_url_and_keeps_its_articles(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "src.db")
    _with_source(db)
    code, out, err = cli(capsys, "sources", "remove", FEED, "--db", db)
    assert code == 0, err
    assert out.strip() == f"{FEED}: no longer polled; its 1 article stays in the store"
    assert "No sources yet" in cli(capsys, "sources", "--db", db)[1]
    assert _article_sources(db) == [FEED]
    code, _, err = cli(capsys, "sources", "remove", FEED, "--db", db)
    assert code == 2 and f"no source {FEED}; `briefbot sources` lists them" in err


def test_sources_remove_refuses_a_configured_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "src.db")
    _with_source(db)
    config = _config(tmp_path, f'[[sources]]\nurl = "{FEED}"\n')
    code, out, err = cli(capsys, "sources", "remove", FEED, "--config", config, "--db", db)
    assert code == 2 and out == ""
    assert "is a [[sources]] entry in the config: remove it there" in err, err
    assert FEED in cli(capsys, "sources", "--db", db)[1]


def test_sources_remove_names_the_channels_still_following(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "src.db")
    _with_source(db, "slack:C0777")
    code, out, _ = cli(capsys, "sources", "remove", FEED, "--db", db)
    assert code == 0 and "still followed by slack:C0777" in out, out


def test_sources_without_an_action_still_lists(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "src.db")
    _with_source(db)
    code, out, _ = cli(capsys, "sources", "--db", db)
    assert code == 0 and out.startswith(FEED)
