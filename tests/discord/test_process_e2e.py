"""The whole process: `briefbot ingest` the shared seeds, `briefbot run` against the local Discord, ask whosaid."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from discord_harness import TOKEN
from fake_discord import APP_ID, GUILD_ID, FakeDiscord

SEEDS = Path(__file__).parents[2] / ".." / "shared" / "seeds"
TOKEN_ENV = "BRIEFBOT_TEST_DISCORD_TOKEN"
EPHEMERAL = 1 << 6

pytestmark = pytest.mark.slow


def briefbot() -> list[str]:
    exe = Path(sys.executable).with_name("briefbot")
    return [str(exe)] if exe.exists() else [shutil.which("briefbot") or "briefbot"]


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env[TOKEN_ENV] = TOKEN
    return env


async def call(*args: str, timeout: float = 120) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(*briefbot(), *args, env=child_env(),
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    out, _ = await asyncio.wait_for(proc.communicate(), timeout)
    return proc.returncode or 0, out.decode(errors="replace")


def write_config(path: Path, fake: FakeDiscord, db: Path) -> None:
    path.write_text(f"""
[database]
url = "sqlite:///{db}"

[discord]
enabled = true
token_env = "{TOKEN_ENV}"
application_id = "{APP_ID}"
guild_ids = ["{GUILD_ID}"]
api_base_url = "{fake.api_base}"
gateway_url = "{fake.gateway_url}"
""", encoding="utf-8")


async def test_run_answers_whosaid_bucharest(fake: FakeDiscord, tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"shared seeds not found: {SEEDS}")
    code, out = await call("run", "--help", timeout=60)
    if code != 0:
        pytest.skip(f"`briefbot run` does not exist yet (exit {code}): {out.strip().splitlines()[-1:]}")
    config = tmp_path / "briefbot.toml"
    write_config(config, fake, tmp_path / "store.db")
    code, out = await call("ingest", str(SEEDS), "--config", str(config))
    assert code == 0, out

    proc = await asyncio.create_subprocess_exec(*briefbot(), "run", "--config", str(config), env=child_env(),
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    try:
        await fake.wait_for(lambda: bool(fake.calls("PUT", rf"/applications/{APP_ID}/guilds/{GUILD_ID}/commands")),
                            timeout=90)
        [sync] = fake.calls("PUT", rf"/applications/{APP_ID}/guilds/{GUILD_ID}/commands")
        verbs = [o["name"] for c in sync.body for o in c.get("options", [])]
        if "whosaid" not in verbs:
            pytest.skip(f"no `whosaid` command yet (synced: {verbs})")
        await fake.wait_ready(timeout=30)
        inter = await fake.push_command("whosaid", {"topic": "Bucharest"})
        answers = f"/interactions/{inter}/[^/]+/callback|/webhooks/{APP_ID}/tok{inter}.*"

        def answered() -> bool:
            bodies = [r.body for r in fake.requests if r.method in ("POST", "PATCH")
                      and re.fullmatch(answers, r.path)]
            return any((b.get("data") or b).get("content") or (b.get("data") or b).get("embeds")
                       for b in bodies if b)

        await fake.wait_for(answered, timeout=60)
        bodies = [r.body for r in fake.requests if r.body and re.fullmatch(answers, r.path)]
        text = json.dumps(bodies)
        assert "nullification" in text, text[:2000]
        assert all((b.get("data") or b).get("allowed_mentions") == {"parse": []} for b in bodies
                   if (b.get("data") or b).get("content") or (b.get("data") or b).get("embeds"))
    finally:
        proc.terminate()
        out_bytes, _ = await asyncio.wait_for(proc.communicate(), 30)
        assert TOKEN not in out_bytes.decode(errors="replace")
