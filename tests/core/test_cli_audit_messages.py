"""Operator audit findings 9 to 12 at the command line: `quotes` refuses a binary file, the `check` hint fits the
failure, a broken JSON Feed is a feed, a bad `--db` is named `--db`, `brief` refuses what it cannot use, `store copy`
makes no folder, and `run` refuses a bad config before it makes a store."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.check.sources import SourceToCheck, _outcome
from bot.config import IngestConfig
from bot.ingest.fetch import FetchResult
from bot.ingest.sources import SourceResult, read_source
from bot.store.db import Database
from tests.cli_run import cli

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
URL = "http://127.0.0.1:9/wire.xml"


def _store(path: Path) -> str:
    async def make() -> None:
        await (await Database.open(f"sqlite:///{path}")).close()

    asyncio.run(make())
    return str(path)


def test_quotes_refuses_a_binary_file_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "bin.dat"
    binary.write_bytes(b"\xff\xfe\x00\x00")  # a UTF-32 byte-order mark and nothing after it
    code, out, err = cli(capsys, "quotes", str(binary))
    assert (code, out) == (1, "") and err.startswith(f"briefbot quotes: cannot read {binary}: no readable text")
    text = tmp_path / "note.txt"
    text.write_text("The ferry ran late again.\n", encoding="utf-8")
    assert cli(capsys, "quotes", str(text))[:2] == (0, "No attributions found.\n")  # text without quotes: as before


def test_the_check_hint_to_reach_the_host_is_only_for_a_failed_connection() -> None:
    answered = SourceResult(URL, "feed", "", (), (), error=f"{URL}: malformed XML: mismatched tag", status=200)
    line = _outcome(SourceToCheck(URL), answered)
    assert line.status == "fail" and "malformed XML" in line.detail and "can reach it" not in line.detail
    assert "answered (HTTP 200)" in line.detail
    refused = SourceResult(URL, "feed", "", (), (), error=f"{URL}: could not connect to 127.0.0.1:9 (refused)")
    assert "check the URL and that this host can reach it" in _outcome(SourceToCheck(URL), refused).detail


async def test_a_broken_json_feed_is_recorded_as_a_feed() -> None:
    body = b'{"version": "https://jsonfeed.org/version/1.1", "items": [\n'  # cut short

    class Fetcher:
        async def fetch(self, url: str, **_: Any) -> FetchResult:
            return FetchResult(url=url, status=200, body=body, content_type="application/feed+json")

    url = "http://127.0.0.1:9/brindle.json"
    result = await read_source(url, fetcher=Fetcher(), config=IngestConfig(), now=NOW)  # type: ignore[arg-type]
    assert result.error is not None and "malformed JSON" in result.error
    assert result.kind == "feed"


def test_a_bad_db_value_is_named_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "sources", "--db", "mysql://reader:hunter2@db.example/news")
    assert code == 2 and err == ("briefbot: --db: expected a SQLite path, a sqlite:/// URL or a postgresql:// URL, "
                                 "got 'mysql://reader:***@db.example/news'\n")
    config = tmp_path / "c.toml"
    config.write_text('[database]\nurl = "mysql://db.example/news"\n', encoding="utf-8")
    code, _, err = cli(capsys, "sources", "--config", str(config))
    assert code == 2 and err.startswith("briefbot: database.url: expected")  # from the config: named so


def test_brief_refuses_what_the_command_line_cannot_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _store(tmp_path / "brief.db")
    code, _, err = cli(capsys, "brief", "--since", "forever", "--db", db)
    assert code == 2 and err.startswith("briefbot brief: --since: I can't read the time 'forever': try ")
    assert "briefing" not in err and '"last month"' in err
    assert cli(capsys, "brief", "--since", "last month", "--db", db)[0] == 0  # as listed
    code, _, err = cli(capsys, "brief", "--max-stories", "-1", "--db", db)
    assert code == 2 and err == "briefbot brief: --max-stories: expected 0 (no limit) or more, got -1\n"
    code, out, err = cli(capsys, "brief", "--topic", "", "--db", db)
    assert (code, out) == (2, "") and err.startswith("briefbot brief: --topic: empty")


def test_brief_help_lists_last_month(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli(capsys, "brief", "-h")
    assert '"last month"' in " ".join(capsys.readouterr().out.split())


def test_store_copy_makes_no_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _store(tmp_path / "source.db")
    target = tmp_path / "nodir" / "copy.db"
    code, _, err = cli(capsys, "store", "copy", "--db", db, "--to", str(target))
    assert code == 2 and err == f"briefbot store copy: --to: no folder {target.parent} for the copy (create it first)\n"
    assert not target.parent.exists()


def test_run_refuses_a_bad_channel_schedule_before_making_the_store(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[[channels]]\nid = "slack:C1"\nschedule = "sometimes"\n', encoding="utf-8")
    store = tmp_path / "never.db"
    code, _, err = cli(capsys, "run", "--once", "--config", str(config), "--db", str(store))
    assert code == 2 and err.startswith("briefbot: bad configuration: channels[0].schedule: ")
    assert "migrated" not in err and not store.exists()
