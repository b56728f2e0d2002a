"""Command-line misuse a new user meets, each answered in one line: `brief` and `ask` since "last briefing", `post` to
a channel whose platform the config does not enable or whose bot token is unset, output piped into a reader that stops
early, what `channels` says a channel without topics gets, and `run --once` with a source held back by an unset header
variable."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.chat_secrets import DISCORD_TOKEN, SLACK_BOT_TOKEN
from bot.models import ChannelRef
from bot.once_summary import RoundRecorder, once_summary
from bot.poller import PollRound
from bot.store.channels import ChannelStore
from bot.store.db import Database
from tests.cli_run import cli

REPO = Path(__file__).resolve().parents[2]


def test_brief_since_last_briefing_says_it_is_for_chat(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "brief", "--since", "last briefing", "--db", str(tmp_path / "none.db"))
    assert code == 2 and out == ""
    assert err.startswith('briefbot brief: --since "last briefing" is where a channel\'s last scheduled briefing')
    assert "works in chat only; here give a time such as 24h" in err and "this channel" not in err


def test_ask_since_last_briefing_says_it_is_for_chat(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "ask.db")
    assert cli(capsys, "subscribe", "console:main", "harbour", "--db", db)[0] == 0
    for question in ("what's new on harbour since last briefing", "who said what about harbour since the briefing"):
        code, out, err = cli(capsys, "ask", question, "--db", db)
        assert code == 2 and out == "" and "this channel" not in err
        assert err.startswith('briefbot ask: "since last briefing" is where a channel\'s last scheduled briefing ended')
    code, out, _ = cli(capsys, "ask", "who said what about harbour since blorp", "--db", db)
    assert code == 1 and "I can't read the time 'blorp'" in out  # any other time is answered as in chat


def test_post_without_the_platform_says_why_and_claims_no_slot(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "post.db")
    assert cli(capsys, "subscribe", "slack:C0123456789", "harbour", "--db", db)[0] == 0
    code, out, err = cli(capsys, "post", "slack:C0123456789", "--db", db)
    assert code == 1 and out == ""
    assert err.strip() == ("briefbot post: cannot post to slack:C0123456789: [slack] is not enabled in the config "
                           "given (--config; see docs/SLACK.md), so no slack adapter is running; nothing was posted")
    [row] = json.loads(cli(capsys, "channels", "--json", "--db", db)[1])
    assert row["pending"] == [] and row["last_delivered"] is None  # no slot left waiting for an adapter
    config = tmp_path / "slack.toml"
    config.write_text("[slack]\nenabled = true\n", encoding="utf-8")
    assert cli(capsys, "subscribe", "console:main", "harbour", "--db", db)[0] == 0
    code, _, err = cli(capsys, "post", "console:main", "--db", db, "--config", str(config))
    assert code == 1 and "cannot post to console:main: the console posts only when the config enables no chat " \
        "platform; nothing was posted" in err


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "pipe.db")
    assert cli(capsys, "subscribe", "console:main", "harbour", "--db", db)[0] == 0
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before a byte is written: every write meets a closed pipe
    try:
        done = subprocess.run([sys.executable, "-m", "bot.cli", "channels", "--db", db], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, cwd=REPO, timeout=300)
    finally:
        os.close(write_end)
    assert done.returncode == 141, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr and "BrokenPipe" not in \
        done.stderr, done.stderr


def test_channels_says_what_a_channel_without_topics_gets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "topics.db")
    assert cli(capsys, "schedule", "console:main", "daily", "08:00", "--db", db)[0] == 0
    # no topics and no sources: every stored story is delivered to it, not "everything from its sources" (none)
    assert "    topics: (none: every stored story)" in cli(capsys, "channels", "--db", db)[1].splitlines()

    async def follow() -> None:
        database = await Database.open(db)
        await ChannelStore(database).follow(ChannelRef("console", "main"), "https://harbour.example/feed.xml",
                                            now=datetime(2026, 11, 23, 8, tzinfo=UTC))
        await database.close()

    asyncio.run(follow())
    assert "    topics: (none: every story from its sources)" in cli(capsys, "channels", "--db", db)[1].splitlines()


def test_run_once_says_a_source_was_held_back_not_that_none_was_due(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "wire.toml"  # never fetched: its variable is unset, so nothing leaves the machine
    config.write_text('[[sources]]\nurl = "https://wire.example/feed.xml"\n'
                      'headers_env = { "X-Api-Key" = "BRIEFBOT_TEST_UNSET_WIRE_KEY" }\n', encoding="utf-8")
    monkeypatch.delenv("BRIEFBOT_TEST_UNSET_WIRE_KEY", raising=False)
    code, out, _ = cli(capsys, "run", "--once", "--config", str(config), "--db", str(tmp_path / "wire.db"))
    assert code == 0
    assert out.splitlines()[-1] == ("Done: no source was polled (1 source held back by an unset header variable: see "
                                    "`briefbot sources`); nothing due to deliver.")


def test_the_summary_counts_held_sources_beside_polled_ones() -> None:
    async def poll(_now: datetime) -> PollRound:
        return PollRound(polled=2, ok=2, failed=0, not_modified=0, added=3, notices=(), new_article_ids=("a",))

    recorder = RoundRecorder(poll)
    asyncio.run(recorder(datetime(2026, 11, 23, 8, tzinfo=UTC)))
    assert once_summary(recorder.poll_line(failed=False, held=2), []) == (
        "Done: polled 2 sources, 3 articles added (2 sources held back by an unset header variable: see "
        "`briefbot sources`); nothing due to deliver.")
    assert RoundRecorder(poll).poll_line(failed=False) == "no source was due"  # nothing held: as before


@pytest.mark.parametrize(("section", "channel", "variable", "what"), [
    ('[slack]\nenabled = true\nbot_token_env = "BRIEFBOT_TEST_POST_SLACK"\napp_token_env = "BRIEFBOT_TEST_POST_APP"\n',
     "slack:C0123456789", "BRIEFBOT_TEST_POST_SLACK", SLACK_BOT_TOKEN),
    ('[discord]\nenabled = true\ntoken_env = "BRIEFBOT_TEST_POST_DISCORD"\n',
     "discord:123456789012345678", "BRIEFBOT_TEST_POST_DISCORD", DISCORD_TOKEN),
])
def test_post_with_the_platforms_token_unset_names_it_and_claims_no_slot(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        section: str, channel: str, variable: str, what: str) -> None:
    for name in ("BRIEFBOT_TEST_POST_SLACK", "BRIEFBOT_TEST_POST_APP", "BRIEFBOT_TEST_POST_DISCORD"):
        monkeypatch.delenv(name, raising=False)
    db = str(tmp_path / "post.db")
    config = tmp_path / "chat.toml"
    config.write_text(section, encoding="utf-8")
    assert cli(capsys, "subscribe", channel, "harbour", "--db", db)[0] == 0
    code, out, err = cli(capsys, "post", channel, "--db", db, "--config", str(config))
    assert code == 1 and out == ""
    platform = channel.partition(":")[0]
    assert err.splitlines() == [f"briefbot post: {platform}: ${variable} is not set or empty: set it to {what}; "
                                "nothing was posted"]
    assert "BRIEFBOT_TEST_POST_APP" not in err  # posting needs the bot token alone, not Socket Mode's
    [row] = json.loads(cli(capsys, "channels", "--json", "--db", db)[1])
    assert row["pending"] == [] and row["last_delivered"] is None and row["last_error"] is None
