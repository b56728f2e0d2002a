"""CLI ``run``, the composition root: store, chat adapters, commands, delivery, scheduler and polling wired together."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import threading
import time
from queue import SimpleQueue
from typing import Any

from adapters.console import ConsoleAdapter
from adapters.registry import build_adapters
from bot.adapter import Adapter
from bot.answered import RemembersAnswers
from bot.app import App, make_pipeline
from bot.channel_drift import log_config_drift
from bot.channel_removed import settle_removed_channels
from bot.chat_secrets import missing_run_secrets, unset_post_tokens
from bot.cli_adapters import AdapterTasks, poll_with_notices
from bot.cli_common import err, say_bad_config
from bot.cli_retention import prune_job
from bot.command_stats import CommandStats
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.commands.guard import CommandGuard
from bot.config import Config, ConfigError
from bot.config_channels import check_channel_configs
from bot.config_health import parse_listen
from bot.config_sources import source_interval_seconds
from bot.console_channel import ensure_console_channel
from bot.delivery import Delivery, Outcome
from bot.health import HealthCheck, HealthServer, bind_error
from bot.home import HomeViews, ShowsHome
from bot.ingest.credentials import SourceCredentials
from bot.once_summary import RoundRecorder, once_summary
from bot.scheduler import Scheduler
from bot.store.answered import AnsweredStore
from bot.store.channels import Channel, ChannelStore
from bot.store.db import Database
from bot.store.run_lock import RunLock
from bot.store.schema_watch import SchemaWatch
from bot.store.sources import SourceStore
from bot.store.talked_in import TalkedInStore
from bot.stored_zones import log_fixed_zones
from bot.talked_in import ReadsHistory

log = logging.getLogger(__name__)
DRAIN_GRACE_SECONDS = 10.0  # at stop, how long a cancelled task may take to finish before the store closes


def chat_adapters(app: App) -> tuple[list[Adapter], ConsoleAdapter | None]:
    """The enabled chat adapters (the console alone when none is), and the console among them if any."""
    adapters = build_adapters(app.config)
    console = next((a for a in adapters if isinstance(a, ConsoleAdapter)), None)
    if not adapters:
        console = ConsoleAdapter()
        adapters = [console]
    return adapters, console


def outcome_line(outcome: Outcome) -> str:
    """What `briefbot post` did, read as a phrase: ``delivered 3 stories``, ``empty: no new stories``,
    ``failed: the Slack webhook was removed or disabled ...``."""
    if outcome.state == "delivered" or not outcome.detail:
        return f"{outcome.state} {outcome.detail}".rstrip()
    return f"{outcome.state}: {outcome.detail}"


def check_run_config(config: Config) -> None:
    """What ``run`` reads from the config beyond loading it, each bad value a ConfigError or ValueError naming its
    key: the ``[[channels]]`` schedules, timezones, quiet hours and topics, the ``[[sources]]`` intervals."""
    check_channel_configs(config)
    for item in config.sources:
        source_interval_seconds(item)


async def _seed(app: App, db: Database, config_path: str | None = None) -> list[Channel]:
    check_run_config(app.config)
    now = app.clock()
    created = await ChannelStore(db).seed(app.config, now=now)
    await log_config_drift(app.config, ChannelStore(db), created, now=now, path=config_path)  # an edit: say so
    await settle_removed_channels(app.config, ChannelStore(db), now=now, path=config_path)  # an entry gone: paused
    sources = SourceStore(db)
    await _finish_config_moves(app.config, sources)
    for item in app.config.sources:  # the config's interval (0: poll_interval) and name, also for one read before
        await sources.configure(item.url, now=now, interval_seconds=source_interval_seconds(item), name=item.name)
    channels = await ChannelStore(db).all()
    log_fixed_zones(channels)  # a channel kept on "EST" from before chat refused it: said at each start
    return channels


async def _finish_config_moves(config: Config, sources: SourceStore) -> None:
    """A ``[[sources]]`` feed that moved for good, whose url the operator then changed to the new address (as its
    note asked): the old source becomes the new one, with its articles and followers, and the old address, no
    longer in the config, is no longer polled (bot/poller.py moves any other source itself)."""
    from bot.poller import config_move_target

    configured = {item.url for item in config.sources}
    for state in await sources.list():
        target = config_move_target(state)
        if state.key in configured or target not in configured:
            continue
        assert target is not None
        if await sources.move(state.key, target):
            await sources.note(target, None)  # the move it asked for is made
            log.info("%s: now read at %s, as the config says", state.key, target)
        else:  # the new address is a source already (ingested meanwhile): the old one only stops being polled
            await sources.remove(state.key)
            log.info("%s: no longer polled: the config reads it at %s, a source already", state.key, target)


def credentialed_probe(fetcher: Any, credentials: SourceCredentials) -> Any:
    """``sources add`` reads the URL once first: a configured source's own URL with its headers, so a channel
    can follow it; any other URL without (secrets never come through chat). A page with no text whose meta refresh
    names an address is read there, as ingest reads it (bot/ingest/meta_refresh.py)."""

    async def probe(url: str) -> Any:
        return await fetcher.fetch(url, auth=credentials.for_source(url), refresh=True)

    return probe


async def run_bot(args: argparse.Namespace, app: App) -> int:
    """The composition root: store, adapters, commands, delivery, scheduler, polling — wired here only."""
    try:  # before anything starts: a bad schedule or interval makes no store and migrates none (exit 2)
        check_run_config(app.config)
    except (ConfigError, ValueError) as exc:
        return say_bad_config(args.config, exc)
    unset = missing_run_secrets(app.config, once=args.once)  # the health and chat tokens, the webhooks' URLs
    if unset:  # a secret the service's environment lacks (exit 1, as for a refused token): nothing opened yet
        for line in unset:
            err(f"briefbot: {line}; nothing was started")
        return 1
    db = await app.db()
    lock = RunLock(db, app.clock)
    await lock.acquire()  # one bot per store: a second one stops here (StoreError: exit 3, one clear line)
    try:
        return await _run_locked(args, app, db, lock)
    finally:
        await lock.release()


async def _run_locked(args: argparse.Namespace, app: App, db: Database, lock: RunLock) -> int:
    from bot.ingest.fetch import Fetcher

    try:
        await _seed(app, db, args.config)
    except (ConfigError, ValueError) as exc:
        return say_bad_config(args.config, exc)
    adapters, console = chat_adapters(app)
    by_platform = {a.name: a for a in adapters}
    if console is not None:  # console:main only when there is no channel at all (a first try-out)
        await ensure_console_channel(app.config, db, console.channel, app.clock())
    delivery = Delivery(db, app.config, by_platform, clock=app.clock)  # a failed post's retry counts from then
    if args.once:  # no chat token was asked for: a channel of a platform without its bot token is skipped, named
        delivery.unposted = unset_post_tokens(app.config)
    async with Fetcher(app.config.ingest) as fetcher:
        pipeline = await make_pipeline(app)
        # configured sources' headers go from the config to the poller and the probe, never through the store
        credentials = pipeline.credentials
        recorder = RoundRecorder(poll_with_notices(app, db, pipeline, fetcher, by_platform, credentials,
                                                     tokens=delivery.tokens))
        schema = SchemaWatch(db, app.clock)  # one watch: what a chat command finds, the scheduler's next job knows
        scheduler = Scheduler(delivery, app.clock, poll=recorder, prune=prune_job(app.config, db),
                              keep_lock=lock.keep,  # re-taken after a dropped connection; lost to another: stop
                              schema=schema)  # upgraded by a newer briefbot meanwhile: stop
        deps = CommandDeps(app.config, db, app.clock, on_channel_change=scheduler.channel_changed,
                           probe=credentialed_probe(fetcher, credentials), schema=schema)
        stats = CommandStats(time.monotonic)
        dispatcher = build_dispatcher(deps, guard=CommandGuard.from_config(app.config.commands), stats=stats)
        if console is not None:
            console.verbs = dispatcher.verbs
        home = HomeViews(db, dispatcher.commands, app.clock)
        answered = AnsweredStore(db)  # this run's claims (one owner id for all its adapters), under the run lock
        for adapter in adapters:
            if isinstance(adapter, ShowsHome):  # Slack's Home tab: each person's own set-up
                adapter.home = home
            if isinstance(adapter, RemembersAnswers):  # a mention redelivered after a restart is answered once
                adapter.answered_messages = answered
            if isinstance(adapter, ReadsHistory):  # a mention sent while no run was connected is answered at start
                adapter.talked_in = TalkedInStore(db)
        health = None if args.once else _health_server(app, db, scheduler, adapters, stats, lock)
        try:
            if args.once:
                alerted = await scheduler.poll_once()
                scheduler.raise_stop_reason()  # a damaged store: one line and exit 3 (cli.py), nothing printed
                for outcome in alerted:
                    print(f"{outcome.channel}: alert {outcome_line(outcome)}")
                briefed = await scheduler.tick()
                scheduler.raise_stop_reason()
                for outcome in briefed:
                    print(f"{outcome.channel}: {outcome_line(outcome)}")
                print(once_summary(recorder.poll_line(failed=scheduler.last_poll_failure is not None,
                                                      held=len(credentials.problems)), [*alerted, *briefed]))
                return 0
            if health is not None:
                try:
                    await health.start()  # before the scheduler and adapters: a taken port starts nothing
                except OSError as exc:
                    err(f"briefbot: health.listen: cannot listen on {app.config.health.listen}: {bind_error(exc)}")
                    return 2
            if await _serve(scheduler, adapters, dispatcher):  # an adapter raised: logged, and exit 1
                return 1
        finally:
            if health is not None:
                await health.stop()
            await scheduler.shutdown()
            for a in adapters:
                await a.close()
            await drain_tasks()
    return 0


async def drain_tasks(grace: float = DRAIN_GRACE_SECONDS, *, wait: Any = asyncio.wait) -> None:
    """Cancel what is still running (a polling round, an alert, a command being answered) and wait for it while
    the store is still open. Left to the closing event loop instead, a task cancelled in the middle of a query
    leaves its database connection to a close that can no longer finish, and the process never exits.
    Tasks the cancellations start (a connection's graceful close) are waited for too, each pass bounded; one that
    cannot finish (its worker thread stopped by a forced close) is cancelled, not waited for."""
    current = asyncio.current_task()
    cancelled: set[asyncio.Task[Any]] = set()
    for _ in range(3):
        rest = {t for t in asyncio.all_tasks() if t is not current and not t.done()}
        if not rest:
            return
        for task in rest - cancelled:
            if not _task_name(task).endswith("_terminate_graceful_close") or await _close_cannot_finish(task, grace):
                task.cancel()  # a connection's close that can still finish is let finish
        cancelled |= rest
        _, pending = await wait(rest, timeout=grace)
        if pending:
            log.warning("briefbot: %d task(s) still running %g s after stopping: %s", len(pending), grace,
                        ", ".join(sorted({_task_name(t) for t in pending}))[:300])
            return


async def _close_cannot_finish(task: asyncio.Task[Any], grace: float) -> bool:
    """Whether a connection's graceful close waits on a worker thread that has ended with work still queued for it:
    aiosqlite's close, when SQLAlchemy's forced close (a query cancelled at stop) stopped the thread first, waits for
    it for ever. A close with such a thread is given until the thread ends (within ``grace``) to tell."""
    awaited: Any = task.get_coro()
    while awaited is not None:
        frame = getattr(awaited, "cr_frame", None)
        worker = frame.f_locals.get("self") if frame is not None else None
        thread, queue = getattr(worker, "_thread", None), getattr(worker, "_tx", None)
        if isinstance(thread, threading.Thread) and thread.ident is not None and isinstance(queue, SimpleQueue):
            await asyncio.to_thread(thread.join, grace)  # it ends once the close is done, or has ended already
            return not thread.is_alive() and not queue.empty() and not task.done()
        awaited = getattr(awaited, "cr_await", None)
    return False


def _task_name(task: asyncio.Task[Any]) -> str:
    """What a task runs (its coroutine's qualified name), for the log and to recognise a connection's close."""
    return str(getattr(task.get_coro(), "__qualname__", task.get_name()))


def _health_server(app: App, db: Database, scheduler: Scheduler, adapters: list[Adapter],
                   commands: CommandStats, lock: RunLock) -> HealthServer | None:
    """The opt-in /healthz, /readyz and /metrics server ([health] listen), or None when it is off; it reports the
    scheduler's store outage and the run lock."""
    if not app.config.health.listen:
        return None
    host, port = parse_listen(app.config.health.listen)
    token = app.config.health.token
    check = HealthCheck.for_store(db, scheduler, adapters, app.clock, outage=scheduler.outage, lock=lock)
    return HealthServer(check, host, port, token=token.value if token.env_name else "", commands=commands)


async def _serve(scheduler: Scheduler, adapters: list[Adapter], dispatcher: Any) -> str:
    """Run until SIGINT/SIGTERM (or until another run took the store's run lock: raised, exit 3, or an adapter raised:
    its reason returned); the console's end of input does not stop the schedule."""
    stop = scheduler.stopping  # set by SIGINT/SIGTERM, or by the scheduler when another run took the run lock
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await scheduler.start()
    # one that raises (a token unset) sets stop; one its platform refused (PlatformLost) only when it was the last
    running = AdapterTasks(adapters, dispatcher, stop, tokens=scheduler.delivery.tokens)  # its reason: ERROR once
    log.info("briefbot running with %s; Ctrl-C stops it", ", ".join(a.name for a in adapters))
    await stop.wait()
    await running.cancel()
    if scheduler.stop_reason is not None:  # the caller's cleanup runs, then one line and exit 3 (cli.py)
        raise scheduler.stop_reason
    return running.failure
