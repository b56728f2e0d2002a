"""Fixtures shared by every test area: the shared data folder and clean proxy settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# property tests draw the same examples on every run (CI must not pass or fail by luck); the randomised search
# runs as a benchmark instead (benchmarks/reliability_fuzz.py, derandomize=False)
settings.register_profile("briefbot", derandomize=True)
settings.load_profile("briefbot")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"the shared data folder is not at {SHARED}")
    return SHARED


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    # slack-sdk honours HTTPS_PROXY but not NO_PROXY: tests only ever talk to 127.0.0.1
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Drop the PostgreSQL databases this run created (they carry its process id; see tests/pg.py)."""
    import asyncio

    from tests import pg

    asyncio.run(pg.drop_created_databases())
