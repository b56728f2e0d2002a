"""The opt-in health endpoint of ``briefbot run``: ``/healthz`` (alive), ``/readyz`` (store, store outage, run lock,
scheduler, chat adapters' problems, facts) and ``/metrics`` (the same facts as Prometheus gauges, and the chat
commands' counts)."""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from aiohttp import web
from aiohttp.typedefs import Handler

from bot.clock import Clock
from bot.command_stats import CommandStats
from bot.metrics import CONTENT_TYPE, prometheus_text
from bot.scheduler import Scheduler
from bot.store.channels import ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from bot.store.run_lock import RunLock
from bot.store.sources import SourceStore
from bot.store_outage import StoreOutage

log = logging.getLogger(__name__)

STORE_TIMEOUT_SECONDS = 2.0  # a readiness probe must answer well within a typical 5 s probe timeout


@dataclass(frozen=True)
class StoreFacts:
    """What the store says about sources and channels: counts and channel keys only, never URLs or texts."""

    sources: int
    sources_failing: int  # failing now (consecutive failures), still polled
    sources_disabled: int  # given up on after too many failures
    last_source_ok_at: datetime | None  # the newest successful fetch of any source
    channels: int
    channels_with_errors: tuple[str, ...]  # keys of channels whose last delivery left an error (or waits to retry)
    deliveries_retrying: int = 0  # slots that failed for now and wait for their retry time


async def read_store_facts(db: Database) -> StoreFacts:
    """A trivial query first (does the store answer at all), then the sources' and channels' health."""
    async with db.connect() as conn:
        await conn.execute(sa.text("SELECT 1"))
    sources = await SourceStore(db).list()
    channels = await ChannelStore(db).all()
    retrying = sum(1 for entry in await DeliveryLedger(db).unfinished() if entry.retry_at is not None)
    ok_times = [s.last_ok_at for s in sources if s.last_ok_at is not None]
    return StoreFacts(
        sources=len(sources),
        sources_failing=sum(1 for s in sources if s.failures > 0 and not s.disabled),
        sources_disabled=sum(1 for s in sources if s.disabled),
        last_source_ok_at=max(ok_times) if ok_times else None,
        channels=len(channels),
        channels_with_errors=tuple(c.key for c in channels if c.last_error),
        deliveries_retrying=retrying,
    )


def adapter_state(adapter: object, token_refused: bool = False) -> str:
    """``ready``, ``not_ready`` or ``closed`` from state the adapter already holds; ``unknown`` otherwise; ``degraded``
    when it is ready but its platform refuses the bot token it posts with (``token_refused``: what the delivery
    found, bot/token_refusals.py). Reads local flags only (Slack's ``ready`` event, the Discord client's
    ``is_ready``/``is_closed`` and the adapter's ``problem``: its gateway out of reach)."""
    state = _local_state(adapter)
    return "degraded" if token_refused and state == "ready" else state


def adapter_problem(adapter: object) -> str | None:
    """What the adapter itself says keeps it from working (``problem``: Slack's Socket Mode refused, Discord lost)."""
    problem = getattr(adapter, "problem", None)
    return problem if isinstance(problem, str) and problem else None


def _local_state(adapter: object) -> str:
    ready = getattr(adapter, "ready", None)
    if isinstance(ready, asyncio.Event):
        return "ready" if ready.is_set() else "not_ready"
    client = getattr(adapter, "client", None)
    is_ready, is_closed = getattr(client, "is_ready", None), getattr(client, "is_closed", None)
    if callable(is_ready) and callable(is_closed):
        if is_closed():
            return "closed"
        return "ready" if is_ready() and adapter_problem(adapter) is None else "not_ready"
    return "unknown"


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when is not None else None


def outage_report(outage: StoreOutage) -> tuple[str | None, dict[str, Any]]:
    """(reason or None, report) for the store outage the scheduler's jobs are seeing: job names, never error texts."""
    state = outage.current()
    if state is None:
        return None, {"active": False, "since": None, "failures": 0, "first_job": None, "last_job": None,
                      "last_failure_at": None}
    reason = (f"store: unreachable since {state.since.isoformat()} (failed jobs: {state.failures}; "
              f"first: {state.first_job}; last: {state.last_job})")
    return reason, {"active": True, "since": state.since.isoformat(), "failures": state.failures,
                    "first_job": state.first_job, "last_job": state.last_job,
                    "last_failure_at": state.last_failure_at.isoformat()}


_LOCK_REASONS = {"not_held": "run lock: not held",
                 "retaking": "run lock: lost, taking it again at each check (since {lost_at})",
                 "taken": "run lock: another `briefbot run` took it (since {lost_at}); this run stops"}


def lock_report(lock: RunLock) -> tuple[str | None, dict[str, Any]]:
    """(reason or None, report) for the store's run lock: held by this run, being taken again, or lost."""
    status = lock.status()
    reason = _LOCK_REASONS.get(status.state)
    report = {"state": status.state, "held": status.state == "held", "lost_at": _iso(status.lost_at),
              "retaken": status.retaken}
    return None if reason is None else reason.format(lost_at=report["lost_at"]), report


class HealthCheck:
    """Answers the two probes from its collaborators; holds no state of its own. ``outage`` (the scheduler's store
    outage log) and ``lock`` (the run's store lock) are reported when given; left out (null) otherwise."""

    def __init__(self, scheduler: Scheduler, adapters: Sequence[object], clock: Clock, *,
                 store_facts: Callable[[], Awaitable[StoreFacts]],
                 store_timeout: float = STORE_TIMEOUT_SECONDS, outage: StoreOutage | None = None,
                 lock: RunLock | None = None) -> None:
        self.scheduler = scheduler
        self.adapters = tuple(adapters)
        self.clock = clock
        self.store_facts = store_facts
        self.store_timeout = store_timeout
        self.outage = outage
        self.lock = lock

    @classmethod
    def for_store(cls, db: Database, scheduler: Scheduler, adapters: Sequence[object], clock: Clock, *,
                  store_timeout: float = STORE_TIMEOUT_SECONDS, outage: StoreOutage | None = None,
                  lock: RunLock | None = None) -> HealthCheck:
        return cls(scheduler, adapters, clock, store_facts=lambda: read_store_facts(db),
                   store_timeout=store_timeout, outage=outage, lock=lock)

    async def readiness(self) -> tuple[bool, dict[str, Any]]:
        """(ready, report): ready when the store answers within the timeout, no store outage is under way, the run
        lock is held, the scheduler runs and no chat adapter has a problem (its token refused)."""
        reasons: list[str] = []
        facts: StoreFacts | None = None
        try:
            facts = await asyncio.wait_for(self.store_facts(), self.store_timeout)
        except TimeoutError:
            reasons.append(f"store: no answer within {self.store_timeout:g} s")
        except Exception as exc:  # the type only: a driver's message may quote SQL parameters or a URL
            reasons.append(f"store: {type(exc).__name__}")
        outage_reason, outage = outage_report(self.outage) if self.outage is not None else (None, None)
        lock_reason, lock = lock_report(self.lock) if self.lock is not None else (None, None)
        reasons.extend(reason for reason in (outage_reason, lock_reason) if reason is not None)
        running = self.scheduler.running
        if not running:
            reasons.append("scheduler: not running")
        adapters = self._adapters(reasons)
        failure = self.scheduler.last_poll_failure
        report: dict[str, Any] = {
            "status": "ready" if not reasons else "unavailable",
            "reasons": reasons,
            "checked_at": self.clock().isoformat(),
            "store": {"ok": facts is not None},
            "store_outage": outage,
            "run_lock": lock,
            "scheduler": {"running": running},
            "poll": {"last_ok_at": _iso(self.scheduler.last_poll_ok_at),
                     "last_error": None if failure is None else {"at": failure.at.isoformat(),
                                                                  "error": failure.error}},
            "sources": None if facts is None else {
                "total": facts.sources, "failing": facts.sources_failing, "disabled": facts.sources_disabled,
                "last_ok_at": _iso(facts.last_source_ok_at)},
            "channels": None if facts is None else {
                "total": facts.channels, "with_errors": list(facts.channels_with_errors)},
            "deliveries": None if facts is None else {"retrying": facts.deliveries_retrying},
            "next_briefing": self._next_briefing(),
            "adapters": adapters,
        }
        return not reasons, report

    def _adapters(self, reasons: list[str]) -> dict[str, str]:
        """Each adapter's state; what keeps one from working (its own problem, its token refused) goes in
        ``reasons``."""
        tokens = self.scheduler.delivery.tokens
        states: dict[str, str] = {}
        for adapter in self.adapters:
            name = str(getattr(adapter, "name", type(adapter).__name__))
            refused, problem = tokens.reason(name), adapter_problem(adapter)
            reasons.extend(f"{name}: {why}" for why in dict.fromkeys((problem, refused)) if why is not None)
            states[name] = adapter_state(adapter, token_refused=refused is not None)
        return states

    def _next_briefing(self) -> dict[str, str] | None:
        jobs = [(when, job_id.removeprefix("deliver:")) for job_id, when in self.scheduler.job_times().items()
                if job_id.startswith("deliver:")]
        if not jobs:
            return None
        when, channel = min(jobs)
        return {"channel": channel, "at": when.isoformat()}


def bearer_ok(header: str | None, token: str) -> bool:
    """Whether an Authorization header is ``Bearer <token>``, compared in constant time."""
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "bearer":
        return False
    # header bytes that are not UTF-8 arrive surrogate-escaped: encode them back rather than raise
    return hmac.compare_digest(given.strip().encode("utf-8", "surrogateescape"), token.encode())


def build_health_app(check: HealthCheck, *, token: str = "", commands: CommandStats | None = None) -> web.Application:
    """``GET /healthz``: 200 "ok" while the process serves. ``GET /readyz``: 200 or 503 with a JSON report.
    ``GET /metrics``: that report as Prometheus gauges (always 200: a scraper records ``briefbot_ready 0``), then
    ``commands``' counter and latency histogram.
    With a ``token``, ``/readyz`` and ``/metrics`` answer only ``Authorization: Bearer <token>`` (else a bare
    401); ``/healthz`` stays open: it shows nothing."""

    @web.middleware
    async def authorize(request: web.Request, handler: Handler) -> web.StreamResponse:
        if token and request.path != "/healthz" and not bearer_ok(request.headers.get("Authorization"), token):
            return web.Response(status=401, headers={"WWW-Authenticate": "Bearer"})
        return await handler(request)

    async def healthz(_request: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def readyz(_request: web.Request) -> web.Response:
        ready, report = await check.readiness()
        return web.json_response(report, status=200 if ready else 503)

    async def metrics(_request: web.Request) -> web.Response:
        ready, report = await check.readiness()
        text = prometheus_text(ready, report, commands.snapshot() if commands is not None else None)
        return web.Response(body=text.encode(), headers={"Content-Type": CONTENT_TYPE})

    app = web.Application(middlewares=[authorize])
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics)
    return app


def bind_error(exc: OSError) -> str:
    """The reason a bind failed, short: "Address already in use" rather than asyncio's wrapped sentence."""
    if exc.errno is not None and exc.errno > 0:  # name-resolution errors have negative codes: keep their text
        return os.strerror(exc.errno)
    return str(exc)


class HealthServer:
    """The health app on one address; ``start()`` raises OSError when it cannot bind (e.g. the port is taken)."""

    def __init__(self, check: HealthCheck, host: str, port: int, *, token: str = "",
                 commands: CommandStats | None = None) -> None:
        self.host = host
        self.port = port  # 0 picks a free port; start() sets the bound one
        # no access log: probes every few seconds would flood it; a short grace so stopping stays quick
        self._runner = web.AppRunner(build_health_app(check, token=token, commands=commands), access_log=None,
                                     shutdown_timeout=2.0)
        self._token = bool(token)
        self._live = False

    async def start(self) -> None:
        await self._runner.setup()
        self._live = True
        try:
            await web.TCPSite(self._runner, self.host, self.port).start()
        except BaseException:
            await self.stop()
            raise
        self.port = int(self.addresses[0][1])
        log.info("health: serving /healthz, /readyz and /metrics on %s port %d%s", self.host, self.port,
                 " (a bearer token is required for /readyz and /metrics)" if self._token else "")

    @property
    def addresses(self) -> list[tuple[str, int]]:
        """The (host, port) of every bound socket: the configured address only."""
        return [(str(a[0]), int(a[1])) for a in self._runner.addresses]

    async def stop(self) -> None:
        if self._live:
            self._live = False
            await self._runner.cleanup()
