"""The command line with webhook channels: ``post`` through the scheduler's path, ``channels``, ``subscribe`` and
``schedule`` on them, ``run --once``, and ``check`` (which sends a webhook nothing)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fake_discord import CHANNEL_ID, FakeDiscord
from fake_slack import FakeSlack
from webhook_helpers import DISCORD_KEY, DISCORD_VAR, SLACK_CHANNEL, SLACK_KEY, SLACK_VAR, slack_posts, story_text

from bot.cli import _run, parse_args
from bot.store.db import Database
from tests.channels.channel_fakes import add_story


async def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = await _run(parse_args(list(argv)))
    out = capsys.readouterr()
    return code, out.out, out.err


def write_config(tmp_path: Path) -> str:
    path = tmp_path / "briefbot.toml"
    path.write_text(f'[[channels]]\nid = "{SLACK_KEY}"\nwebhook_url_env = "{SLACK_VAR}"\nschedule = "daily 08:00"\n'
                    f'[[channels]]\nid = "{DISCORD_KEY}"\nwebhook_url_env = "{DISCORD_VAR}"\n', encoding="utf-8")
    return str(path)


async def test_post_channels_subscribe_and_schedule_work_on_webhook_channels(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    slack_url, discord_url = slack.add_webhook(SLACK_CHANNEL), discord_fake.add_webhook()
    monkeypatch.setenv(SLACK_VAR, slack_url)
    monkeypatch.setenv(DISCORD_VAR, discord_url)
    config, db = write_config(tmp_path), str(tmp_path / "cli.db")

    code, out, err = await cli(capsys, "run", "--once", "--config", config, "--db", db)  # seeds the channels
    assert code == 0, err
    code, out, _ = await cli(capsys, "subscribe", SLACK_KEY, "harbour", "--config", config, "--db", db)
    assert code == 0 and out.strip() == f"{SLACK_KEY}: subscribed to harbour"
    code, out, _ = await cli(capsys, "schedule", DISCORD_KEY, "weekdays", "07:30", "--tz", "Europe/Brussels",
                             "--config", config, "--db", db)
    assert code == 0 and out.startswith(f"{DISCORD_KEY}: weekdays 07:30 (Europe/Brussels); next ")
    code, out, _ = await cli(capsys, "channels", "--json", "--config", config, "--db", db)
    rows = {r["channel"]: r for r in json.loads(out)}
    assert set(rows) == {SLACK_KEY, DISCORD_KEY}  # no console channel: webhooks are the platforms here
    assert rows[SLACK_KEY]["topics"] == ["harbour"] and rows[DISCORD_KEY]["schedule"] == "weekdays 07:30"

    database = await Database.open(db)
    await add_story(database, "cli1", text=story_text(1), title="Harbour quay repairs weighed",
                    now=datetime.now(UTC) - timedelta(minutes=5))
    await database.close()
    for key in (SLACK_KEY, DISCORD_KEY):
        code, out, err = await cli(capsys, "post", key, "--config", config, "--db", db)
        assert code == 0 and out.strip() == f"{key}: delivered 1 story", err
    [posted] = slack_posts(slack)
    assert "Harbour quay repairs weighed" in json.dumps(posted["blocks"])
    [sent] = discord_fake.messages[CHANNEL_ID]
    assert sent["embeds"][0]["title"] == "1. Harbour quay repairs weighed"
    code, out, _ = await cli(capsys, "post", SLACK_KEY, "--config", config, "--db", db)
    assert code == 0 and out.strip() == f"{SLACK_KEY}: empty: no new stories"  # nothing repeated
    for secret in (slack_url, discord_url):
        assert secret not in capsys.readouterr().err


async def test_post_to_a_deleted_webhook_exits_1_with_the_reason(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    slack_url = slack.add_webhook(SLACK_CHANNEL)
    monkeypatch.setenv(SLACK_VAR, slack_url)
    monkeypatch.setenv(DISCORD_VAR, discord_fake.add_webhook())
    config, db = write_config(tmp_path), str(tmp_path / "gone.db")
    assert (await cli(capsys, "run", "--once", "--config", config, "--db", db))[0] == 0
    database = await Database.open(db)
    await add_story(database, "gone1", text=story_text(2), title="Pier fender ordered",
                    now=datetime.now(UTC) - timedelta(minutes=5))
    await database.close()
    slack.remove_webhook(slack_url)
    code, out, err = await cli(capsys, "post", SLACK_KEY, "--config", config, "--db", db)
    assert code == 1 and out.startswith(f"{SLACK_KEY}: failed: the Slack webhook was removed or disabled")
    assert slack_url not in out + err and slack_url.rsplit("/", 1)[1] not in out + err
    code, out, _ = await cli(capsys, "channels", "--config", config, "--db", db)
    assert "last error: the Slack webhook was removed or disabled (no_service, HTTP 404)" in out


async def test_check_reports_webhook_channels_and_sends_them_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    slack_url = slack.add_webhook(SLACK_CHANNEL)
    monkeypatch.setenv(SLACK_VAR, slack_url)
    monkeypatch.delenv(DISCORD_VAR, raising=False)
    config, db = write_config(tmp_path), str(tmp_path / "check.db")
    for extra in ((), ("--offline",)):
        code, out, _ = await cli(capsys, "check", "--json", "--config", config, "--db", db, *extra)
        results = {r["check"]: r for r in json.loads(out)}
        assert code == 1  # the Discord webhook's variable is unset
        assert results[f"channels[0] {SLACK_KEY}"]["status"] == "ok"
        assert results[f"channels[1] {DISCORD_KEY}"]["status"] == "fail"
        assert f"${DISCORD_VAR} is not set or empty" in results[f"channels[1] {DISCORD_KEY}"]["detail"]
        assert "only webhook channels" in results["chat"]["detail"]
        assert slack_url not in out
    assert slack.calls == [] and discord_fake.requests == []  # check posted nothing anywhere


async def test_a_webhook_channel_missing_from_the_config_is_refused_and_not_created(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config, db = write_config(tmp_path), str(tmp_path / "cli.db")
    for argv in (("subscribe", "slack-webhook:elsewhere", "harbour"),
                 ("schedule", "discord-webhook:x", "daily", "08:00"), ("post", "slack-webhook:elsewhere")):
        code, out, err = await cli(capsys, *argv, "--config", config, "--db", db)
        assert code != 0 and out == ""
        assert f'no [[channels]] entry with id = "{argv[1]}" in the config' in err
    assert not Path(db).exists()  # refused before the store was opened: no channel, no store
    assert (await cli(capsys, "subscribe", SLACK_KEY, "harbour", "--config", config, "--db", db))[0] == 0
    code, out, _ = await cli(capsys, "channels", "--json", "--config", config, "--db", db)
    # the configured ones only, made from the config as `run` makes them (not the refused ones)
    assert {r["channel"] for r in json.loads(out)} == {SLACK_KEY, DISCORD_KEY}
