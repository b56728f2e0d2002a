"""``[health] token_env``: /readyz and /metrics answer only the bearer token; /healthz stays open."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import aiohttp
import pytest

from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.health import HealthCheck, HealthServer, bearer_ok
from bot.scheduler import Scheduler
from bot.store.db import Database

T0 = datetime(2099, 1, 1, 12, 0, tzinfo=UTC)
TOKEN = "probe-token-7f3a9c"


async def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
    async with (aiohttp.ClientSession() as session,
                session.get(f"http://127.0.0.1:{port}{path}", headers=headers or {}) as response):
        return response.status, await response.text(), dict(response.headers)


@pytest.fixture
async def server(db: Database, config: Config) -> AsyncIterator[HealthServer]:
    clock = ManualClock(T0)
    scheduler = Scheduler(Delivery(db, config, {}), clock)
    await scheduler.start()
    health = HealthServer(HealthCheck.for_store(db, scheduler, [], clock), "127.0.0.1", 0, token=TOKEN)
    await health.start()
    try:
        yield health
    finally:
        await health.stop()
        await scheduler.shutdown()


@pytest.mark.parametrize("path", ["/readyz", "/metrics"])
@pytest.mark.parametrize("authorization", [
    None, "", "Bearer", "Bearer ", "Bearer wrong-token", f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}",
    f"Basic {TOKEN}", TOKEN, f"Bearer{TOKEN}"])
async def test_without_the_right_token_a_bare_401(server: HealthServer, path: str, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    status, text, response_headers = await get(server.port, path, headers)
    assert status == 401
    assert response_headers["WWW-Authenticate"] == "Bearer"
    assert text == ""  # nothing about why, and none of the report


@pytest.mark.parametrize("scheme", ["Bearer", "bearer"])
async def test_the_right_token_gets_the_report_and_the_gauges(server: HealthServer, scheme: str) -> None:
    auth = {"Authorization": f"{scheme} {TOKEN}"}
    status, text, _ = await get(server.port, "/readyz", auth)
    assert status == 200 and '"status": "ready"' in text
    status, text, _ = await get(server.port, "/metrics", auth)
    assert status == 200 and "briefbot_ready 1" in text.splitlines()


async def test_healthz_stays_open_and_shows_nothing(server: HealthServer) -> None:
    assert (await get(server.port, "/healthz"))[:2] == (200, "ok\n")
    assert (await get(server.port, "/healthz", {"Authorization": "Bearer wrong-token"}))[:2] == (200, "ok\n")


async def test_no_token_means_no_authentication(db: Database, config: Config) -> None:
    clock = ManualClock(T0)
    health = HealthServer(HealthCheck.for_store(db, Scheduler(Delivery(db, config, {}), clock), [], clock),
                          "127.0.0.1", 0)
    await health.start()
    try:
        status, text, _ = await get(health.port, "/metrics")
    finally:
        await health.stop()
    assert status == 200 and "briefbot_ready 0" in text.splitlines()


def test_bearer_ok_parses_the_header() -> None:
    assert bearer_ok(f"Bearer {TOKEN}", TOKEN) and bearer_ok(f"BEARER  {TOKEN} ", TOKEN)
    assert not bearer_ok(None, TOKEN) and not bearer_ok("Bearer ", TOKEN) and not bearer_ok(f"Token {TOKEN}", TOKEN)
    assert not bearer_ok("Bearer é", TOKEN) and not bearer_ok("Bearer \udcff", TOKEN)  # compared, not raised
