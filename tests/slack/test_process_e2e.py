"""The whole process: `briefbot ingest` the seeds, `briefbot run` against the local Slack, signed /brief.

Skips with a clear reason while the CLI's `run` / `post` or the `whosaid` command have not landed.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest
from fake_slack import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, FakeSlack, form_body, sign, slash_payload

pytestmark = pytest.mark.slow

BRIEFBOT = Path(sys.executable).parent / "briefbot"
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
PROXIES = ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy")


def cli_commands() -> str:
    """The CLI's help text, or skip when the CLI cannot even print it yet."""
    if not BRIEFBOT.exists():
        pytest.skip(f"no briefbot console script at {BRIEFBOT}")
    done = subprocess.run([str(BRIEFBOT), "--help"], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        pytest.skip(f"`briefbot --help` fails for now: {last}")
    return done.stdout


def require(commands: str, *names: str) -> None:
    # argparse lists subcommands one per indented line: "    run    Start the adapters ..."
    missing = [n for n in names if not re.search(rf"^\s+{n}\b", commands, re.MULTILINE)]
    if missing:
        pytest.skip(f"the CLI has no {', '.join(missing)} subcommand yet")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def process_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in PROXIES and not k.startswith("SLACK_")}
    env.update(E2E_SLACK_BOT=BOT_TOKEN, E2E_SLACK_APP=APP_TOKEN, E2E_SLACK_SIGNING=SIGNING_SECRET)
    return env


def write_config(path: Path, fake: FakeSlack, mode: str, port: int) -> Path:
    path.write_text(f"""
[slack]
enabled = true
mode = "{mode}"
http_port = {port}
api_base_url = "{fake.api_url}"
bot_token_env = "E2E_SLACK_BOT"
app_token_env = "E2E_SLACK_APP"
signing_secret_env = "E2E_SLACK_SIGNING"

[[channels]]
id = "slack:C0CHAN"
topics = ["NATO"]
""", encoding="utf-8")
    return path


async def briefbot(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    proc = await asyncio.create_subprocess_exec(str(BRIEFBOT), *args, env=process_env(),
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), timeout)
    return subprocess.CompletedProcess(args, proc.returncode or 0, out.decode(), err.decode())


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The seeds ingested once for this module's tests (loading the NLP models is the slow part)."""
    if not SEEDS.is_dir():
        pytest.skip(f"the shared seeds are not at {SEEDS}")
    commands = cli_commands()
    require(commands, "run", "ingest")
    db = f"sqlite:///{tmp_path_factory.mktemp('slack-e2e') / 'briefbot.db'}"
    done = subprocess.run([str(BRIEFBOT), "ingest", str(SEEDS), "--db", db], env=process_env(),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return db, commands


async def start_run(config: Path, db: str, ready: str) -> asyncio.subprocess.Process:
    """Start `briefbot run` and wait for its log line saying Slack commands can arrive."""
    proc = await asyncio.create_subprocess_exec(str(BRIEFBOT), "run", "--config", str(config), "--db", db,
                                                env=process_env(), stderr=asyncio.subprocess.PIPE,
                                                stdout=asyncio.subprocess.DEVNULL)
    assert proc.stderr is not None
    seen: list[str] = []
    while True:
        line = (await asyncio.wait_for(proc.stderr.readline(), 120)).decode()
        if not line:
            raise AssertionError("briefbot run exited before Slack was ready:\n" + "".join(seen[-30:]))
        seen.append(line)
        if ready in line:
            break

    async def drain() -> None:  # keep reading so the process never blocks on a full pipe
        assert proc.stderr is not None
        while await proc.stderr.readline():
            pass

    asyncio.get_running_loop().create_task(drain())
    return proc


async def stop(proc: asyncio.subprocess.Process) -> None:
    if proc.returncode is None:
        proc.terminate()
        await asyncio.wait_for(proc.wait(), 30)


async def send(fake: FakeSlack, mode: str, port: int, text: str, count: int) -> dict[str, object]:
    payload = slash_payload(text, response_url=fake.response_url())
    if mode == "http":
        body = form_body(payload)
        async with aiohttp.ClientSession() as session, session.post(
                f"http://127.0.0.1:{port}/slack/events", data=body.encode(), headers=sign(body)) as response:
            assert response.status == 200
    else:
        await fake.push_slash_command(payload)
    await fake.wait_for(lambda: len(fake.responses) >= count, timeout=60)
    return fake.responses[count - 1]


@pytest.mark.parametrize("mode", ["http", "socket"])
async def test_whosaid_bucharest_through_the_real_process(fake: FakeSlack, ingested: tuple[str, str],
                                                         tmp_path: Path, mode: str) -> None:
    db, _ = ingested
    port = free_port()
    config = write_config(tmp_path / "briefbot.toml", fake, mode, port)
    ready = "HTTP mode listening" if mode == "http" else "Socket Mode connected"
    proc = await start_run(config, db, ready)
    try:
        help_reply = await send(fake, mode, port, "help", 1)
        if "whosaid" not in str(help_reply["text"]):
            pytest.skip("the whosaid command has not landed in the command list yet")
        answer = await send(fake, mode, port, "whosaid Bucharest", 2)
        assert answer["response_type"] == "in_channel"
        assert "Bucharest Summit" in str(answer["text"]) + str(answer.get("blocks", ""))
        assert fake.rejected == []
    finally:
        await stop(proc)


async def test_briefbot_post_lands_as_valid_block_kit(fake: FakeSlack, ingested: tuple[str, str],
                                                      tmp_path: Path) -> None:
    db, commands = ingested
    require(commands, "post", "subscribe")
    config = write_config(tmp_path / "briefbot.toml", fake, "http", free_port())
    done = await briefbot("subscribe", "slack:C0CHAN", "NATO", "--config", str(config), "--db", db)
    assert done.returncode == 0, done.stderr[-2000:]
    done = await briefbot("post", "slack:C0CHAN", "--config", str(config), "--db", db)
    assert done.returncode == 0, done.stderr[-2000:]
    assert fake.messages and fake.rejected == []
    assert all(m["channel"] == "C0CHAN" and m["text"] and m.get("blocks") for m in fake.messages)


async def test_the_home_tab_through_the_real_process(fake: FakeSlack, ingested: tuple[str, str],
                                                     tmp_path: Path) -> None:
    """`briefbot run` hands the Slack adapter each person's Home tab: set up in the DM, shown on opening."""
    db, _ = ingested
    config = write_config(tmp_path / "briefbot.toml", fake, "socket", free_port())
    fake.direct_messages["D0ALICE"] = "U0ALICE"  # conversations.info: Alice's own DM with the app
    proc = await start_run(config, db, "Socket Mode connected")
    try:
        await fake.push_slash_command(slash_payload("subscribe harbour dredging", response_url=fake.response_url(),
                                                    user_id="U0ALICE", channel_id="D0ALICE"))
        await fake.wait_for(lambda: len(fake.responses) == 1, timeout=60)
        assert "Subscribed to `harbour dredging`" in str(fake.responses[0]["text"])
        await fake.open_app_home("U0ALICE", "D0ALICE")
        await fake.wait_for(lambda: len(fake.views) == 1, timeout=60)
        shown = str(fake.views[0]["view"]["blocks"])
        assert fake.views[0]["user_id"] == "U0ALICE" and "`harbour dredging`" in shown and "C0CHAN" not in shown
        assert fake.rejected == []
    finally:
        await stop(proc)
