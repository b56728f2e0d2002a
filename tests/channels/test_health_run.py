"""``briefbot run`` with ``[health]``: serves the probes (behind a token when set); a taken port or an unset token
variable starts nothing."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
import pytest

from bot.cli import main

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_taken_port_stops_start_up_with_one_line_naming_the_key(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        listen = f"127.0.0.1:{taken.getsockname()[1]}"
        config = tmp_path / "briefbot.toml"
        config.write_text(f'log_level = "ERROR"\n[health]\nlisten = "{listen}"\n', encoding="utf-8")
        code = main(["run", "--config", str(config), "--db", str(tmp_path / "run.db")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == [f"briefbot: health.listen: cannot listen on {listen}: Address already in use"]


def test_a_token_env_naming_an_unset_variable_stops_start_up_naming_key_and_variable(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFBOT_TEST_PROBE_TOKEN", raising=False)
    config = tmp_path / "briefbot.toml"
    config.write_text('[health]\nlisten = "127.0.0.1:8081"\ntoken_env = "BRIEFBOT_TEST_PROBE_TOKEN"\n',
                      encoding="utf-8")
    code = main(["run", "--config", str(config), "--db", str(tmp_path / "run.db")])
    [line] = capsys.readouterr().err.splitlines()
    assert code == 1  # a secret the environment lacks, as a chat token's
    # as the chat tokens' and webhook URLs' lines name theirs: the variable with its $
    assert line.startswith("briefbot: health.token_env: $BRIEFBOT_TEST_PROBE_TOKEN is not set or empty: set it to ")
    assert not (tmp_path / "run.db").exists()  # nothing started


def test_other_commands_read_that_config_without_the_token(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFBOT_TEST_PROBE_TOKEN", raising=False)
    config = tmp_path / "briefbot.toml"
    config.write_text('[health]\nlisten = "127.0.0.1:8081"\ntoken_env = "BRIEFBOT_TEST_PROBE_TOKEN"\n',
                      encoding="utf-8")
    # an admin's shell without the service's environment: only `run`, which serves the endpoints, needs it
    db = str(tmp_path / "admin.db")
    assert main(["subscribe", "console:main", "harbour", "--config", str(config), "--db", db]) == 0
    assert main(["channels", "--config", str(config), "--db", db]) == 0
    assert "health.token_env" not in capsys.readouterr().err


@pytest.mark.parametrize("token", ["", "probe-token-run-5d21"])
async def test_run_serves_healthz_and_readyz_until_terminated(tmp_path: Path, token: str) -> None:
    port = free_port()
    config = tmp_path / "briefbot.toml"
    token_env = "BRIEFBOT_TEST_PROBE_TOKEN" if token else ""
    config.write_text(f'[health]\nlisten = "127.0.0.1:{port}"\ntoken_env = "{token_env}"\n', encoding="utf-8")
    env = {**os.environ, "BRIEFBOT_TEST_PROBE_TOKEN": token}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", "--config", str(config), "--db", str(tmp_path / "run.db"),
        cwd=REPO, env=env, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    assert proc.stderr is not None and proc.stdin is not None and proc.stdout is not None
    logged: list[str] = []
    auth = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        async with asyncio.timeout(60):
            while not any("briefbot running with" in line for line in logged):  # the scheduler has started
                line = (await proc.stderr.readline()).decode()
                assert line, "".join(logged)
                logged.append(line)
            async with aiohttp.ClientSession() as session:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                    live = response.status, await response.text()
                async with session.get(f"http://127.0.0.1:{port}/readyz") as response:
                    bare = response.status
                async with session.get(f"http://127.0.0.1:{port}/readyz", headers=auth) as response:
                    ready = response.status, json.loads(await response.text())
                proc.stdin.write(b"/brief help\n")  # a command through the console, counted on /metrics
                await proc.stdin.drain()
                while "Commands:" not in (line := (await proc.stdout.readline()).decode()):
                    assert line, "the console never answered /brief help"
                async with session.get(f"http://127.0.0.1:{port}/metrics", headers=auth) as response:
                    metrics = await response.text()
    finally:
        proc.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(proc.wait(), 30)
    assert any(f"health: serving /healthz, /readyz and /metrics on 127.0.0.1 port {port}" in line for line in logged)
    assert live == (200, "ok\n")
    assert bare == (401 if token else 200)
    assert ready[0] == 200 and ready[1]["reasons"] == [] and ready[1]["adapters"] == {"console": "unknown"}
    assert ready[1]["channels"] == {"total": 1, "with_errors": []}  # the console adapter's own channel
    # the run's own outage log and store lock are the endpoint's collaborators
    assert ready[1]["store_outage"]["active"] is False and ready[1]["run_lock"]["state"] == "held"
    assert {"briefbot_store_outage 0", "briefbot_run_lock_held 1"} <= set(metrics.splitlines())
    assert 'briefbot_commands_total{verb="help",outcome="ok"} 1' in metrics.splitlines()
    assert 'briefbot_command_seconds_count{verb="help"} 1' in metrics.splitlines()
    assert code == 0
