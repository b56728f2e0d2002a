"""``[[sources]]`` as config.example.toml and docs/DEPLOY.md describe them: a source without its own ``interval``
is polled every ``[scheduler] poll_interval``, and its ``name`` is the one `briefbot sources` shows, whatever
the feed calls itself; ``log_level`` names every level the loader takes."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from bot.config import parse_config
from bot.store.db import Database
from bot.store.sources import SourceState, SourceStore
from tests.cli_run import cli

REPO = Path(__file__).resolve().parents[2]
# a closed port on this machine: the poll fails at once (private addresses are refused before any connection)
NAMED = "http://127.0.0.1:9/named.xml"
OWN = "http://127.0.0.1:9/own-interval.xml"
PLAIN = "http://127.0.0.1:9/plain.xml"


def _config(tmp_path: Path, ingest: str = "") -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f'{ingest}[scheduler]\npoll_interval = "2h"\n\n'
                    f'[[sources]]\nurl = "{NAMED}"\nname = "Example News"\n\n'
                    f'[[sources]]\nurl = "{OWN}"\ninterval = "15m"\n\n'
                    f'[[sources]]\nurl = "{PLAIN}"\n', encoding="utf-8")
    return path


def source_states(db_path: Path) -> dict[str, SourceState]:
    """The sources a run stored in the SQLite file at ``db_path``, by key."""
    async def read() -> dict[str, SourceState]:
        db = await Database.open(f"sqlite:///{db_path}")
        try:
            return {s.key: s for s in await SourceStore(db).list()}
        finally:
            await db.close()

    return asyncio.run(read())


def _interval(state: SourceState, poll_interval_seconds: int) -> int:
    """The interval the poller uses (bot/poller.py Poller.timing): the source's own, else poll_interval."""
    return state.interval_seconds if state.interval_seconds > 0 else poll_interval_seconds


def test_run_once_polls_a_source_without_its_own_interval_every_poll_interval(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "run.db"
    cli(capsys, "run", "--once", "--config", str(_config(tmp_path)), "--db", str(db))
    states = source_states(db)
    assert _interval(states[PLAIN], 7200) == 7200 and _interval(states[NAMED], 7200) == 7200
    assert _interval(states[OWN], 7200) == 900  # its own interval still wins


def test_a_source_ingested_first_takes_the_config_at_the_next_run(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "run.db"
    # trusted: a URL the address guard refuses is not kept by `ingest` (f72e1e5); this one fails at the closed port
    config = _config(tmp_path, ingest='[ingest]\ntrusted_hosts = ["127.0.0.1:9"]\n\n')
    cli(capsys, "ingest", OWN, PLAIN, "--no-quotes", "--config", str(config), "--db", str(db))
    states = source_states(db)
    assert set(states) == {OWN, PLAIN}
    assert _interval(states[PLAIN], 7200) == 7200  # an ingested URL is polled every poll_interval too
    cli(capsys, "run", "--once", "--config", str(config), "--db", str(db))
    states = source_states(db)
    assert _interval(states[OWN], 7200) == 900 and _interval(states[PLAIN], 7200) == 7200


def test_an_edited_interval_holds_from_the_next_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "run.db"
    config = _config(tmp_path)
    cli(capsys, "run", "--once", "--config", str(config), "--db", str(db))
    config.write_text(config.read_text(encoding="utf-8").replace('interval = "15m"', 'interval = "45m"')
                      .replace('poll_interval = "2h"', 'poll_interval = "3h"'), encoding="utf-8")
    cli(capsys, "run", "--once", "--config", str(config), "--db", str(db))
    states = source_states(db)
    assert _interval(states[OWN], 10800) == 2700 and _interval(states[PLAIN], 10800) == 10800


def test_the_configured_name_is_shown_by_briefbot_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "run.db"
    config = _config(tmp_path)
    cli(capsys, "run", "--once", "--config", str(config), "--db", str(db))
    code, out, err = cli(capsys, "sources", "--config", str(config), "--db", str(db))
    assert code == 0, err
    assert f"{NAMED}\n    ? · Example News · 0 articles" in out, out
    assert f"{PLAIN}\n    ? · - · 0 articles" in out, out  # without a name: as before


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_a_read_of_a_named_source_keeps_the_operators_name(tmp_path: Path, backend: str) -> None:
    from datetime import UTC, datetime

    from tests import pg

    now = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    url = (f"sqlite:///{tmp_path / 'names.db'}" if backend == "sqlite"
           else await pg.fresh_database("briefbot_test_audit_source_names"))
    db = await Database.open(url)
    try:
        store = SourceStore(db, names={NAMED: "Example News"})
        await store.configure(NAMED, now=now, interval_seconds=0, name="Example News")
        await store.record_success(NAMED, kind="feed", name="The Feed's Own Title", now=now, added=2, etag=None,
                                   last_modified=None)
        await store.record_success(PLAIN, kind="feed", name="Plain Feed", now=now, added=1, etag=None,
                                   last_modified=None)
        await store.record_success(PLAIN, kind="feed", name="Plain Feed, Renamed", now=now, added=0, etag=None,
                                   last_modified=None)
        named, plain = await store.get(NAMED), await store.get(PLAIN)
        assert named is not None and named.name == "Example News" and named.kind == "feed" and named.articles == 2
        assert plain is not None and plain.name == "Plain Feed, Renamed"  # unnamed: the feed's title, as before
        assert plain.interval_seconds == 0  # read first, not configured: polled every poll_interval
        await store.configure(PLAIN, now=now, interval_seconds=900)  # configured later, without a name
        plain = await store.get(PLAIN)
        assert plain is not None and plain.interval_seconds == 900 and plain.name == "Plain Feed, Renamed"
    finally:
        await db.close()


def test_a_source_without_an_interval_reads_as_poll_interval() -> None:
    config = parse_config({"scheduler": {"poll_interval": "2h"}, "sources": [{"url": PLAIN}]}, {})
    assert config.sources[0].interval == ""  # "" = [scheduler] poll_interval
    with pytest.raises(ValueError, match=r"sources\[0\]\.interval"):
        parse_config({"sources": [{"url": PLAIN, "interval": "soon"}]}, {})


def test_the_example_config_names_every_log_level_the_loader_takes() -> None:
    line = next(x for x in (REPO / "config.example.toml").read_text(encoding="utf-8").splitlines()
                if x.startswith("log_level"))
    named = set(re.findall(r"\b[A-Z]{4,}\b", line.split("#", 1)[1]))
    for level in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):  # each one the loader takes
        assert parse_config({"log_level": level}, {}).log_level == level
    with pytest.raises(ValueError, match="log_level"):
        parse_config({"log_level": "LOUD"}, {})
    assert named == {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}, line


def test_briefbot_sources_lists_the_config_entries_before_run_adds_them(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "fresh.db"
    config = _config(tmp_path)
    article = tmp_path / "ferry.txt"
    article.write_text("Source: Orrin Gazette\nFerry to Salt Bay runs later\n\nThe ferry between Orrin and Salt Bay "
                       "will run until midnight from Monday, the operator said on Tuesday.\n", encoding="utf-8")
    assert cli(capsys, "ingest", str(article), "--no-quotes", "--db", str(db))[0] == 0
    code, out, err = cli(capsys, "sources", "--config", str(config), "--db", str(db))
    assert code == 0, err
    assert "No sources yet" not in out, out
    assert f"{article}\n    file · ferry · 1 article" in out, out
    coming = "0 articles · last fetch never · not read yet: a [[sources]] entry, added and polled by `briefbot run`"
    assert f"{NAMED}\n    ? · Example News · {coming}" in out, out
    assert f"{PLAIN}\n    ? · - · {coming}" in out, out
    assert set(source_states(db)) == {str(article)}  # shown, not written


def test_briefbot_sources_with_only_config_entries_lists_them(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "empty.db"
    assert cli(capsys, "subscribe", "console:main", "ferry", "--db", str(db))[0] == 0
    code, out, _err = cli(capsys, "sources", "--config", str(_config(tmp_path)), "--db", str(db))
    assert code == 0 and "No sources yet" not in out and out.count("not read yet: a [[sources]] entry") == 3, out
    code, out, _err = cli(capsys, "sources", "--db", str(db))
    assert code == 0 and out.startswith("No sources yet"), out
