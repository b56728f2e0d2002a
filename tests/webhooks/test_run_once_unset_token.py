"""``briefbot run --once`` asks for no chat token up front (it connects no platform), yet posts due briefings: a
Slack or Discord channel whose bot token variable is unset is skipped, named with the variable in one line and no
slot claimed, while the other channels are delivered."""

from __future__ import annotations

import functools
import json
from datetime import timedelta
from pathlib import Path

import pytest
from fake_slack import FakeSlack
from webhook_helpers import SLACK_CHANNEL, SLACK_KEY, SLACK_VAR, slack_posts, story_text

from bot.app import App
from bot.chat_secrets import DISCORD_TOKEN
from bot.cli import _run, parse_args
from bot.clock import ManualClock
from bot.store.db import Database
from tests.channels.channel_fakes import add_story

TOKEN_VAR = "BRIEFBOT_TEST_ONCE_DISCORD"
DISCORD_CHAT = "discord:123456789012345678"


async def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = await _run(parse_args(list(argv)))
    out = capsys.readouterr()
    return code, out.out, out.err


async def test_a_channel_whose_token_is_unset_is_skipped_named_and_keeps_its_slot(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        clock: ManualClock, slack: FakeSlack) -> None:
    monkeypatch.setattr("bot.cli.App", functools.partial(App, clock=clock))
    monkeypatch.delenv(TOKEN_VAR, raising=False)
    monkeypatch.setenv(SLACK_VAR, slack.add_webhook(SLACK_CHANNEL))
    config = tmp_path / "briefbot.toml"
    config.write_text(f'[discord]\nenabled = true\ntoken_env = "{TOKEN_VAR}"\n'
                      f'[[channels]]\nid = "{DISCORD_CHAT}"\nschedule = "every 1h"\n'
                      f'[[channels]]\nid = "{SLACK_KEY}"\nwebhook_url_env = "{SLACK_VAR}"\nschedule = "every 1h"\n',
                      encoding="utf-8")
    once = ["run", "--once", "--config", str(config), "--db", str(tmp_path / "once.db")]
    code, out, err = await cli(capsys, *once)  # seeds both channels: nothing due yet, so nothing said
    assert code == 0 and TOKEN_VAR not in out + err, err

    database = await Database.open(str(tmp_path / "once.db"))
    await add_story(database, "tok1", text=story_text(1), title="Harbour quay repairs weighed",
                    now=clock() + timedelta(minutes=5))
    await database.close()
    clock.advance(timedelta(hours=1, minutes=10))
    code, out, err = await cli(capsys, *once)
    assert code == 0, err
    lines = out.splitlines()
    assert f"{SLACK_KEY}: delivered 1 story" in lines  # the other channel is delivered
    assert f"{DISCORD_CHAT}: no-token: ${TOKEN_VAR} is not set or empty: set it to {DISCORD_TOKEN}; nothing was " \
           "posted and no slot claimed" in lines
    assert lines[-1] == "Done: no source was due; 1 delivery made, 1 other outcome above."
    assert sum(TOKEN_VAR in line for line in (out + err).splitlines()) == 1  # said once, not retried
    assert len(slack_posts(slack)) == 1

    code, out, _ = await cli(capsys, "channels", "--json", "--config", str(config), "--db", str(tmp_path / "once.db"))
    rows = {r["channel"]: r for r in json.loads(out)}
    chat = rows[DISCORD_CHAT]
    assert chat["pending"] == [] and chat["last_delivered"] is None and chat["last_error"] is None  # no slot claimed
