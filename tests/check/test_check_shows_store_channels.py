"""``briefbot check`` shows each [[channels]] entry's channel as the store has it (what ``run`` uses), and warns
about a file edit the store has not taken as ``run`` does, without writing to the store."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from check_harness import file_state, lines

from bot.store.db import Database
from tests.cli_run import cli

URL = "https://hooks.slack.com/services/T0INVENT/B0INVENT/invented0token0value"
ENTRY = ('[[channels]]\nid = "slack-webhook:newsdesk"\nwebhook_url_env = "BRIEFBOT_TEST_NEWSDESK_URL"\n'
         'schedule = "{schedule}"\ntimezone = "Europe/Brussels"\ntopics = ["harbour", "quay"]\n')
CHECK = "channels[0] slack-webhook:newsdesk"


@pytest.fixture(autouse=True)
def webhook_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_TEST_NEWSDESK_URL", URL)


async def _empty_store(url: str) -> None:
    await (await Database.open(url)).close()


def _write(path: Path, schedule: str) -> str:
    path.write_text(ENTRY.format(schedule=schedule), encoding="utf-8")
    return str(path)


def _store_changed_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    config, db = _write(tmp_path / "briefbot.toml", "every 1h"), str(tmp_path / "store" / "briefbot.db")
    assert cli(capsys, "schedule", "slack-webhook:newsdesk", "every", "15m", "--config", config, "--db", db)[0] == 0
    for topic in ("ferry", "tides"):
        assert cli(capsys, "subscribe", "slack-webhook:newsdesk", topic, "--config", config, "--db", db)[0] == 0
    return config, db


def test_check_shows_the_stored_schedule_and_topics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config, db = _store_changed_from_the_command_line(tmp_path, capsys)
    code, out, _err = cli(capsys, "check", "--offline", "--config", config, "--db", db)
    status, detail = lines(out)[CHECK]
    assert code == 0 and status == "ok", out
    assert detail.startswith("every 15m (Europe/Brussels), 4 topics (as the store has it)"), detail


def test_an_edit_the_store_has_not_taken_is_warned_as_run_warns_it(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    config, db = _store_changed_from_the_command_line(tmp_path, capsys)
    _write(Path(config), "every 10m")
    before = file_state(Path(db))
    code, out, _err = cli(capsys, "check", "--offline", "--config", config, "--db", db)
    assert file_state(Path(db)) == before  # nothing written, the entry not recorded
    status, detail = lines(out)[CHECK]
    assert code == 0 and status == "warn", out
    assert detail.startswith("every 15m (Europe/Brussels), 4 topics (as the store has it)"), detail
    assert ('the config file\'s schedule "every 10m" (the entry said "every 1h"; the store has "every 15m") is not '
            "applied") in detail
    assert "every 10m (Europe/Brussels)" not in detail
    code, out, _err = cli(capsys, "check", "--offline", "--config", config, "--db", db)
    assert lines(out)[CHECK][0] == "warn"  # said again: check recorded nothing


def test_a_channel_not_in_the_store_yet_shows_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config, db = _write(tmp_path / "briefbot.toml", "every 1h"), str(tmp_path / "briefbot.db")
    asyncio.run(_empty_store(db))  # a current store without the channel (`run` would create it)
    code, out, _err = cli(capsys, "check", "--offline", "--config", config, "--db", db)
    status, detail = lines(out)[CHECK]
    assert code == 0 and status == "ok", out
    assert detail.startswith("every 1h (Europe/Brussels), 2 topics (from the file: `briefbot run` creates the "
                             "channel)"), detail
