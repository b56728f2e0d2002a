"""Untrusted sources: private addresses refused by the real CLI, also via redirects from an allowed host;
bombs, endless and silent responses stopped within their bounds while normal sources are stored."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.reliability_faults import HOSTILE, mixed_ingest
from benchmarks.reliability_kills import REPO, child_env

PRIVATE = {  # URL -> the rule the refusal must name
    "http://127.0.0.1:9/feed.xml": "loopback",
    "http://localhost:9/feed.xml": "loopback",
    "http://[::1]:9/feed.xml": "loopback",
    "http://[::ffff:127.0.0.1]:9/feed.xml": "loopback",
    "http://10.1.2.3/feed.xml": "private",
    "http://192.168.0.1/feed.xml": "private",
    "http://169.254.169.254/latest/meta-data/": "metadata",
    "http://0.0.0.0:9/feed.xml": "unspecified",
    "http://[fe80::1]/feed.xml": "link-local",
    "file:///etc/passwd": "scheme",
}


def test_cli_refuses_private_addresses_naming_the_rule(tmp_path: Path) -> None:
    """``briefbot ingest http://127.0.0.1:9/feed.xml`` with the default config, and its cousins."""
    done = subprocess.run([sys.executable, "-m", "bot.cli", "ingest", *PRIVATE, "--db", str(tmp_path / "s.db")],
                          cwd=REPO, env=child_env(), capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1, done.stderr[-2000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith("error")]
    assert len(lines) == len(PRIVATE), done.stdout
    for url, rule in PRIVATE.items():
        line = next(line for line in lines if url in line)
        assert rule in line, line
        if rule != "scheme":
            assert "allow_private_networks" in line, line  # says how an operator would allow it
    assert "0 added" in done.stdout


async def test_hostile_sources_are_stopped_while_normal_ones_are_stored(tmp_path: Path) -> None:
    run = await mixed_ingest(tmp_path, normal=3, timeout=0.5, max_bytes=1_000_000)
    assert run.stored_normal == run.expected_normal == 9
    assert run.unstopped == [], {name: run.reasons[name] for name in run.unstopped}
    assert set(run.reasons) == set(HOSTILE)
    # bounded by construction: nothing can take longer than the total-time limit (plus scheduling slack)
    hostile = [s for url, s in run.seconds_per_source.items() if "/hostile/" in url]
    assert max(hostile) < 0.5 + 2.0
    redirect = run.reasons["redirect to 127.0.0.1:9"]
    assert "loopback" in redirect and "reached by redirect from" in redirect
