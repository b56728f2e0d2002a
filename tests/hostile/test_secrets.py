"""Tokens and signing secrets never reach logs, output or errors: the real `briefbot run` against a local
'platform' that echoes every credential back, with debug logging on; config errors; logged tracebacks."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiohttp import web

from benchmarks.reliability_faults import ServerThread
from benchmarks.reliability_kills import REPO, child_env
from bot.config import ConfigError, load_config
from bot.redact import RedactingFormatter, redact_logs

SECRETS = {
    "HOSTILE_SLACK_BOT": "xoxb-1111-hostile-bot-token",
    "HOSTILE_SLACK_APP": "xapp-2222-hostile-app-token",
    "HOSTILE_SLACK_SIGNING": "3333hostilesigningsecret",
    "HOSTILE_DISCORD": "NDQ0.hostile-discord-token.4444",
}


def echo_app(seen: list[str]) -> web.Application:
    """A broken 'platform' that answers every call with the credentials it was sent."""

    async def echo(request: web.Request) -> web.StreamResponse:
        seen.append(request.path)
        body = await request.text()
        auth = request.headers.get("Authorization", "")
        return web.json_response({"ok": False, "error": "invalid_auth", "echo": auth, "body": body[:500],
                                  "message": f"bad token {auth}"})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", echo)
    return app


def _config(port: int, path: Path) -> Path:
    path.write_text(f"""
log_level = "DEBUG"  # the libraries' DEBUG lines too: -v alone keeps them at INFO
[slack]
enabled = true
mode = "socket"
bot_token_env = "HOSTILE_SLACK_BOT"
app_token_env = "HOSTILE_SLACK_APP"
signing_secret_env = "HOSTILE_SLACK_SIGNING"
api_base_url = "http://127.0.0.1:{port}/api/"

[discord]
enabled = true
token_env = "HOSTILE_DISCORD"
application_id = "123456"
api_base_url = "http://127.0.0.1:{port}/api/v10"
gateway_url = "ws://127.0.0.1:{port}/gw"
""", encoding="utf-8")
    return path


def test_run_with_debug_logs_never_shows_a_secret(tmp_path: Path) -> None:
    seen: list[str] = []
    with ServerThread(echo_app(seen)) as port:
        config = _config(port, tmp_path / "briefbot.toml")
        out_path, err_path = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
        with out_path.open("w") as out_file, err_path.open("w") as err_file:  # files: a pipe would fill up
            proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "run", "--config", str(config),
                                     "--db", str(tmp_path / "s.db"), "-v"], cwd=REPO,
                                    env={**child_env(), **SECRETS}, stdout=out_file, stderr=err_file, text=True)
            deadline = time.monotonic() + 60  # a hang guard only: the loop ends as soon as both have called
            while time.monotonic() < deadline and proc.poll() is None:
                if any("auth.test" in p or "connections.open" in p for p in seen) and any(
                        "/users/@me" in p for p in seen):
                    break
                time.sleep(0.1)
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    out, err = out_path.read_text(), err_path.read_text()
    assert any("/users/@me" in p for p in seen), f"Discord was never called: {seen} {err[-2000:]}"
    assert any("auth.test" in p or "connections.open" in p for p in seen), f"Slack was never called: {seen}"
    assert "DEBUG" in err  # debug logging really was on
    for name, value in SECRETS.items():
        assert value not in out + err, f"${name} leaked: " + next(
            line for line in (out + err).splitlines() if value in line)[:300]


def test_a_secret_written_in_the_config_file_is_refused_without_echoing_it(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[slack]\nbot_token = "xoxb-written-in-the-file-9999"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    assert "xoxb-written-in-the-file-9999" not in str(caught.value)
    assert "bot_token_env" in str(caught.value)


def test_config_repr_and_str_hide_secret_values(tmp_path: Path) -> None:
    config = load_config(_config(1, tmp_path / "c.toml"), env=SECRETS)
    shown = repr(config) + str(config) + str(config.slack.bot_token) + repr(config.discord.token)
    for value in SECRETS.values():
        assert value not in shown
    assert config.slack.bot_token.value == SECRETS["HOSTILE_SLACK_BOT"]  # the value is there, just not shown


def test_logged_tracebacks_are_redacted(tmp_path: Path) -> None:
    config = load_config(_config(1, tmp_path / "c.toml"), env=SECRETS)
    logger = logging.getLogger("tests.hostile.secrets")
    logger.propagate = False
    stream_path = tmp_path / "log.txt"
    handler = logging.FileHandler(stream_path)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger.addHandler(handler)
    try:
        redact_logs(config, logger)
        assert isinstance(handler.formatter, RedactingFormatter)
        try:
            raise RuntimeError(f"server said: bad token {SECRETS['HOSTILE_DISCORD']}")
        except RuntimeError:
            logger.exception("login failed with %s", SECRETS["HOSTILE_SLACK_BOT"])
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = stream_path.read_text()
    assert "login failed with [redacted]" in text and "Traceback" in text
    for value in SECRETS.values():
        assert value not in text
