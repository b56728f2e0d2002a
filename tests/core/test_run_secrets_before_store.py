"""``briefbot run`` with a chat platform enabled and its token variable unset stops before the store is made."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.chat_secrets import missing_chat_secrets
from bot.cli import main
from bot.config import load_config

SECRETS = ("BRIEFBOT_TEST_SLACK_BOT", "BRIEFBOT_TEST_SLACK_APP", "BRIEFBOT_TEST_SLACK_SIGNING",
           "BRIEFBOT_TEST_DISCORD")
SLACK = ('[slack]\nenabled = true\nmode = "{mode}"\nbot_token_env = "BRIEFBOT_TEST_SLACK_BOT"\n'
         'app_token_env = "BRIEFBOT_TEST_SLACK_APP"\nsigning_secret_env = "BRIEFBOT_TEST_SLACK_SIGNING"\n')
DISCORD = '[discord]\nenabled = true\ntoken_env = "BRIEFBOT_TEST_DISCORD"\n'


@pytest.fixture(autouse=True)
def no_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SECRETS:
        monkeypatch.delenv(name, raising=False)


def config_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "briefbot.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str) -> tuple[int, list[str]]:
    code = main(["run", "--config", config, "--db", str(tmp_path / "run.db")])
    return code, capsys.readouterr().err.splitlines()


def test_slack_without_its_bot_token_makes_no_store(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_TEST_SLACK_APP", "xapp-invented-1")
    code, lines = run(tmp_path, capsys, config_file(tmp_path, SLACK.format(mode="socket")))
    assert code == 1
    assert lines == ["briefbot: slack: $BRIEFBOT_TEST_SLACK_BOT is not set or empty: set it to the Bot User OAuth "
                     "Token (xoxb-...) from OAuth & Permissions; nothing was started"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefbot.toml"]  # no store, no lock file


def test_socket_mode_without_the_app_token_makes_no_store(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_TEST_SLACK_BOT", "xoxb-invented-1")
    code, lines = run(tmp_path, capsys, config_file(tmp_path, SLACK.format(mode="socket")))
    assert code == 1
    [line] = lines
    assert line.startswith("briefbot: slack: $BRIEFBOT_TEST_SLACK_APP is not set or empty: set it to an app-level "
                           "token (xapp-...)")
    assert not (tmp_path / "run.db").exists()


def test_every_missing_variable_is_named_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run(tmp_path, capsys, config_file(tmp_path, SLACK.format(mode="http") + DISCORD))
    assert code == 1
    assert [line.split(" is not set")[0] for line in lines] == [
        "briefbot: slack: $BRIEFBOT_TEST_SLACK_BOT", "briefbot: slack: $BRIEFBOT_TEST_SLACK_SIGNING",
        "briefbot: discord: $BRIEFBOT_TEST_DISCORD"]
    assert not (tmp_path / "run.db").exists()


def test_an_existing_store_is_left_as_it_was(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "run.db"
    assert main(["subscribe", "console:main", "harbour", "--db", str(db)]) == 0
    before = db.read_bytes()
    capsys.readouterr()
    code, lines = run(tmp_path, capsys, config_file(tmp_path, DISCORD))
    assert code == 1
    assert lines[0].startswith("briefbot: discord: $BRIEFBOT_TEST_DISCORD is not set or empty")
    assert db.read_bytes() == before
    assert not (tmp_path / "run.db.run.lock").exists()  # the run lock was never taken


def test_the_names_come_from_the_config_and_nothing_is_asked_when_all_are_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = config_file(tmp_path, SLACK.format(mode="http") + DISCORD)
    for name in SECRETS:
        monkeypatch.setenv(name, f"invented-{name.lower()}")
    assert missing_chat_secrets(load_config(config)) == []
    monkeypatch.setenv("BRIEFBOT_TEST_SLACK_SIGNING", "")  # empty is as unset
    [problem] = missing_chat_secrets(load_config(config))
    assert problem.startswith("slack: $BRIEFBOT_TEST_SLACK_SIGNING is not set or empty: set it to the Signing Secret")
    assert "invented" not in problem  # a secret's value is never shown


def test_no_platform_enabled_needs_no_secret(tmp_path: Path) -> None:
    assert missing_chat_secrets(load_config(config_file(tmp_path, '[slack]\nenabled = false\n'))) == []


def test_run_once_connects_no_platform_so_it_asks_for_no_token(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    config = config_file(tmp_path, DISCORD)
    code = main(["run", "--once", "--config", config, "--db", str(tmp_path / "once.db")])
    out, err = capsys.readouterr()
    assert code == 0 and out.splitlines()[-1].startswith("Done: ")
    assert "BRIEFBOT_TEST_DISCORD" not in err
