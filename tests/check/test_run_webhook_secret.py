"""``briefbot run`` and ``briefbot check`` agree on what a start needs: a webhook channel's URL variable and the
health token are secrets (unset: exit 1, nothing started); a store URL of another kind is a command-line mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import cli

WEBHOOK = ('[[channels]]\nid = "slack-webhook:newsdesk"\nwebhook_url_env = "BRIEFBOT_TEST_NEWSDESK_URL"\n'
           'schedule = "every 1h"\n')
MYSQL = "mysql://reader:invented-pw-12@db.example/news"


@pytest.fixture(autouse=True)
def unset(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BRIEFBOT_TEST_NEWSDESK_URL", "BRIEFBOT_TEST_W3_PROBE"):
        monkeypatch.delenv(name, raising=False)


def _config(tmp_path: Path, text: str) -> str:
    path = tmp_path / "briefbot.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_an_unset_webhook_url_variable_stops_run_before_the_store(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(tmp_path, WEBHOOK)
    code, _out, err = cli(capsys, "run", "--config", config, "--db", str(tmp_path / "run.db"))
    assert code == 1
    assert err.splitlines() == ["briefbot: channels[0] slack-webhook:newsdesk: $BRIEFBOT_TEST_NEWSDESK_URL is not "
                                "set or empty: set it to the Slack webhook's URL; nothing was started"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefbot.toml"]  # no store, no lock file
    code, out, _err = cli(capsys, "check", "--offline", "--config", config, "--db", str(tmp_path / "run.db"))
    assert code == 1 and "$BRIEFBOT_TEST_NEWSDESK_URL is not set or empty" in out


def test_run_once_posts_through_webhooks_so_it_needs_the_url_too(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(tmp_path, WEBHOOK)
    code, _out, err = cli(capsys, "run", "--once", "--config", config, "--db", str(tmp_path / "run.db"))
    assert code == 1 and "$BRIEFBOT_TEST_NEWSDESK_URL is not set or empty" in err
    assert not (tmp_path / "run.db").exists()


def test_an_unset_health_token_variable_is_a_missing_secret_exit_1(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(tmp_path, '[health]\nlisten = "127.0.0.1:8081"\ntoken_env = "BRIEFBOT_TEST_W3_PROBE"\n')
    code, _out, err = cli(capsys, "run", "--config", config, "--db", str(tmp_path / "run.db"))
    [line] = err.splitlines()
    assert code == 1 and line.startswith("briefbot: health.token_env: $BRIEFBOT_TEST_W3_PROBE is not "
                                         "set or empty: set it to ") and line.endswith("; nothing was started")
    assert not (tmp_path / "run.db").exists()


def test_a_store_url_of_another_kind_is_a_command_line_mistake_exit_2(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["run"], ["channels"], ["sources"]):
        code, _out, err = cli(capsys, *command, "--db", MYSQL)
        assert code == 2 and err.startswith("briefbot: --db: expected a SQLite path"), (command, err)
        assert "invented-pw-12" not in err


def test_post_to_a_webhook_channel_with_its_url_unset_refuses_before_starting(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config, db = _config(tmp_path, WEBHOOK), str(tmp_path / "post.db")
    assert cli(capsys, "subscribe", "slack-webhook:newsdesk", "harbour", "--config", config, "--db", db)[0] == 0
    code, out, err = cli(capsys, "post", "slack-webhook:newsdesk", "--config", config, "--db", db)
    assert (code, out) == (1, "")
    assert err.splitlines() == ["briefbot post: channels[0] slack-webhook:newsdesk: $BRIEFBOT_TEST_NEWSDESK_URL is "
                                "not set or empty: set it to the Slack webhook's URL; nothing was posted"]
    code, out, _err = cli(capsys, "channels", "--json", "--config", config, "--db", db)
    assert code == 0 and "failed" not in out and "refused" not in out, out  # no slot recorded as failed
