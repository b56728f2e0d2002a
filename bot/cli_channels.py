"""CLI for channels: ``channels``, ``subscribe``, ``schedule``, ``alerts``, ``length``, ``languages``, ``post`` and
``run`` (the composition root)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import Mapping
from typing import Any

from adapters.console import ConsoleAdapter
from adapters.registry import build_adapters
from bot.adapter import Adapter
from bot.alerts import parse_alert_outlets
from bot.answered import RemembersAnswers
from bot.app import App, make_pipeline
from bot.backoff import parse_duration
from bot.channel_drift import log_config_drift
from bot.channel_languages import parse_languages
from bot.cli_adapters import AdapterTasks, poll_with_notices
from bot.cli_common import add_command, err, existing_store, no_adapter_reason, print_json
from bot.cli_retention import prune_job
from bot.command_stats import CommandStats
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.commands.describe_channel import languages_line, length_line, next_briefing
from bot.commands.guard import CommandGuard
from bot.config import MAX_ALERT_OUTLETS, MIN_ALERT_OUTLETS, Config, ConfigError, health_token_problem, parse_listen
from bot.config_lines import located
from bot.console_channel import ensure_console_channel
from bot.delivery import Delivery, Outcome, check_channel_configs
from bot.health import HealthCheck, HealthServer, bind_error
from bot.home import HomeViews, ShowsHome
from bot.ingest.credentials import SourceCredentials
from bot.models import ChannelRef, channel_id_problem
from bot.once_summary import RoundRecorder, once_summary
from bot.plurals import counted
from bot.schedule import ScheduleError, next_slot, parse_quiet_hours, parse_schedule, parse_timezone
from bot.scheduler import Scheduler
from bot.store.answered import AnsweredStore
from bot.store.channels import Channel, ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger, LedgerEntry
from bot.store.run_lock import RunLock
from bot.store.sources import SourceStore
from bot.store.talked_in import TalkedInStore
from bot.talked_in import ReadsHistory
from bot.topics import TopicError, parse_topic
from bot.webhook_urls import WEBHOOK_PLATFORMS
from digests.length import parse_length

log = logging.getLogger(__name__)
DRAIN_GRACE_SECONDS = 10.0  # at stop, how long a cancelled task may take to finish before the store closes


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(sub, "channels", "List channels: schedule, topics, sources, last and next briefing, a retry due.",
                    run_channels)
    p.add_argument("--json", action="store_true", help="print JSON")
    p = add_command(sub, "subscribe", "Subscribe a channel to a topic (creates the channel).", run_subscribe)
    p.add_argument("channel", help="slack:C0123, discord:1234, console:main, or a configured slack-webhook:NAME / "
                   "discord-webhook:NAME")
    p.add_argument("topic", nargs="+", help='e.g. NATO -sport, or "Mark Rutte" OR Stoltenberg')
    p = add_command(sub, "schedule", "Set a channel's briefing schedule.", run_schedule)
    p.add_argument("channel")
    p.add_argument("spec", nargs="+", help='daily 08:00, weekdays 07:30, weekly mon 09:00, every 4h, or cron')
    p.add_argument("--tz", default="", help="IANA timezone (default: briefing.timezone)")
    p.add_argument("--quiet", default=None, help='quiet hours, e.g. 22:00-07:00 ("" clears)')
    p = add_command(sub, "alerts", "Set a channel's breaking alerts: a new story is posted at once when this many "
                    "outlets carry it.", run_alerts)
    p.add_argument("channel")
    p.add_argument("outlets", help=f"{MIN_ALERT_OUTLETS} to {MAX_ALERT_OUTLETS}, or off")
    p = add_command(sub, "length", "Show or set how much of each story a channel's briefings show.", run_length)
    p.add_argument("channel")
    p.add_argument("length", nargs="?", default="", help="full (default), short or headlines; omitted: show it")
    p = add_command(sub, "languages", "Show or set the languages of the stories a channel's briefings carry.",
                    run_languages)
    p.add_argument("channel")
    p.add_argument("codes", nargs="*", help="ISO 639-1 codes, e.g. en fr; all: every language (the default); "
                   "omitted: show them")
    p = add_command(sub, "post", "Post a channel's briefing now, through the scheduler's delivery path.", run_post)
    p.add_argument("channel")
    p = add_command(sub, "run", "Run the bot: chat adapters (console when none is enabled), polling, "
                    "scheduled briefings.", run_bot)
    p.add_argument("--once", action="store_true",
                   help="poll the sources that are due (each waits its poll interval), deliver what is due "
                        "(catching up), then exit")


def _ref(text: str, config: Config) -> ChannelRef | None:
    """The channel named on the command line; a webhook channel must be in the config (its URL lives there)."""
    try:
        ref = ChannelRef.parse(text)
    except ValueError as exc:
        err(f"briefbot: {exc}")
        return None
    problem = channel_id_problem(ref.platform, ref.id)
    if problem:
        err(f"briefbot: {ref.key}: {problem}")
        return None
    if ref.platform in WEBHOOK_PLATFORMS and all(c.id != ref.key for c in config.channels):
        err(f'briefbot: {ref.key}: no [[channels]] entry with id = "{ref.key}" in the config; a webhook channel is '
            "added there first, with webhook_url_env naming the variable that holds its URL")
        return None
    return ref


async def run_channels(args: argparse.Namespace, app: App) -> int:
    db = await existing_store(app)
    ledger = DeliveryLedger(db)
    now = app.clock()
    rows: list[dict[str, Any]] = []
    for c in await ChannelStore(db).all():
        last = await ledger.last_delivered(c.key)
        upcoming = next_briefing(c, now)
        rows.append({"channel": c.key, "schedule": c.schedule, "timezone": c.timezone,
                     "quiet_hours": c.quiet_hours, "paused": c.paused, "topics": list(c.topics),
                     "sources": list(c.sources), "last_delivered": last.slot.isoformat() if last else None,
                     "next": upcoming.isoformat() if upcoming else None, "last_error": c.last_error,
                     "alert_outlets": c.alert_outlets, "length": c.length, "languages": list(c.languages),
                     "muted": await ChannelStore(db).muted(c.ref),
                     "tracked": await ChannelStore(db).tracked(c.ref),
                     "pending": [pending_row(e) for e in await ledger.unfinished(c.key)]})
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No channels yet: `briefbot subscribe console:main NATO` creates one.")
    for r in rows:
        state = "paused" if r["paused"] else f"next {r['next'] or '-'}"
        print(f"{r['channel']}  {r['schedule']} ({r['timezone']})  {state}  last {r['last_delivered'] or '-'}")
        everything = "every story from its sources" if r["sources"] else "every stored story"  # as delivered
        print(f"    topics: {', '.join(r['topics']) or f'(none: {everything})'}")
        print(f"    length: {r['length']}")
        if r["languages"]:
            print(f"    languages: {languages_line(r['languages'])}")
        if r["sources"]:
            print(f"    sources: {', '.join(r['sources'])}")
        if r["alert_outlets"]:
            print(f"    breaking alerts: at {r['alert_outlets']} outlets")
        if r["tracked"]:
            print(f"    tracked stories: {', '.join(r['tracked'])}")
        if r["muted"]:
            print(f"    muted stories: {', '.join(r['muted'])}")
        for p in r["pending"]:
            print(f"    {pending_line(p)}")
        if r["last_error"]:
            print(f"    last error: {r['last_error']}")
    return 0


def pending_row(entry: LedgerEntry) -> dict[str, Any]:
    """A claimed slot not yet delivered, as `channels --json` lists it: when it will be tried again and why."""
    return {"slot": entry.slot.isoformat(), "kind": entry.kind, "state": entry.state, "attempts": entry.attempts,
            "retry_at": entry.retry_at.isoformat() if entry.retry_at else None, "error": entry.error,
            "parts_out": len(entry.message_ids)}


def pending_line(row: Mapping[str, Any]) -> str:
    """``pending_row`` as one line: ``not posted yet: briefing of <slot> (attempt 2, 1 part out), retrying at
    <time>: <error>``."""
    what = "alert" if row["kind"] == "alert" else "briefing"
    counts = [f"attempt {row['attempts']}" if row["attempts"] else "not tried yet"]
    if row["parts_out"]:
        counts.append(f"{counted(row['parts_out'], 'part')} out")
    line = f"not posted yet: {what} of {row['slot']} ({', '.join(counts)})"
    if row["retry_at"]:
        line += f", retrying at {row['retry_at']}"
    return line + (f": {row['error']}" if row["error"] else "")


async def run_subscribe(args: argparse.Namespace, app: App) -> int:
    ref = _ref(args.channel, app.config)
    if ref is None:
        return 2
    try:
        topic = parse_topic(" ".join(args.topic)).text
    except TopicError as exc:
        err(f"briefbot: topic: {exc}")
        return 2
    store = ChannelStore(await app.db())
    await store.ensure(ref, ChannelDefaults.from_config(app.config), now=app.clock())
    added = await store.subscribe(ref, topic, user="cli", now=app.clock())
    print(f"{ref.key}: {'subscribed to' if added else 'already subscribed to'} {topic}")
    return 0


async def run_alerts(args: argparse.Namespace, app: App) -> int:
    ref = _ref(args.channel, app.config)
    if ref is None:
        return 2
    try:
        outlets = parse_alert_outlets(args.outlets)
    except ValueError as exc:
        err(f"briefbot: alerts: {exc}")
        return 2
    store = ChannelStore(await app.db())
    await store.ensure(ref, ChannelDefaults.from_config(app.config), now=app.clock())
    await store.set_alerts(ref, outlets)
    print(f"{ref.key}: breaking alerts " + (f"at {outlets} outlets" if outlets else "off"))
    return 0


async def run_length(args: argparse.Namespace, app: App) -> int:
    ref = _ref(args.channel, app.config)
    if ref is None:
        return 2
    store = ChannelStore(await existing_store(app) if not args.length else await app.db())  # showing: no new store
    if not args.length:
        channel = await store.get(ref)
        length = channel.length if channel is not None else "full"
        print(f"{ref.key}: {length_line(length)}" + ("" if channel else "; the channel is not set up yet"))
        return 0
    try:
        length = parse_length(args.length)
    except ValueError as exc:
        err(f"briefbot: length: {exc}")
        return 2
    await store.ensure(ref, ChannelDefaults.from_config(app.config), now=app.clock())
    await store.set_length(ref, length)
    print(f"{ref.key}: {length_line(length)}")
    return 0


async def run_languages(args: argparse.Namespace, app: App) -> int:
    ref = _ref(args.channel, app.config)
    if ref is None:
        return 2
    store = ChannelStore(await existing_store(app) if not args.codes else await app.db())  # showing: no new store
    if not args.codes:
        channel = await store.get(ref)
        codes = channel.languages if channel is not None else ()
        print(f"{ref.key}: {languages_line(codes)}" + ("" if channel else "; the channel is not set up yet"))
        return 0
    try:
        codes = parse_languages(args.codes)
    except ValueError as exc:
        err(f"briefbot: languages: {exc}")
        return 2
    await store.ensure(ref, ChannelDefaults.from_config(app.config), now=app.clock())
    await store.set_languages(ref, codes)
    print(f"{ref.key}: {languages_line(codes)}")
    return 0


async def run_schedule(args: argparse.Namespace, app: App) -> int:
    ref = _ref(args.channel, app.config)
    if ref is None:
        return 2
    try:
        spec = parse_schedule(" ".join(args.spec)).spec
        tz = parse_timezone(args.tz).key if args.tz else None
        if args.quiet is not None:
            parse_quiet_hours(args.quiet)
    except ScheduleError as exc:
        err(f"briefbot: schedule: {exc}")
        return 2
    store = ChannelStore(await app.db())
    await store.ensure(ref, ChannelDefaults.from_config(app.config), now=app.clock())
    await store.set_schedule(ref, now=app.clock(), schedule=spec, timezone=tz, quiet_hours=args.quiet)
    channel = await store.get(ref)
    assert channel is not None
    when = next_slot(parse_schedule(channel.schedule), parse_timezone(channel.timezone), app.clock(),
                     parse_quiet_hours(channel.quiet_hours))
    quiet = f"; quiet hours {channel.quiet_hours}" if channel.quiet_hours else ""  # they may move the "next"
    print(f"{ref.key}: {channel.schedule} ({channel.timezone}); next {when.isoformat() if when else '-'}{quiet}")
    return 0


def _adapters(app: App) -> tuple[list[Adapter], ConsoleAdapter | None]:
    adapters = build_adapters(app.config)
    console = next((a for a in adapters if isinstance(a, ConsoleAdapter)), None)
    if not adapters:
        console = ConsoleAdapter()
        adapters = [console]
    return adapters, console


async def run_post(args: argparse.Namespace, app: App) -> int:
    ref = _ref(args.channel, app.config)
    if ref is None:
        return 2
    db = await existing_store(app)  # no store: no channel to post to, and none is made
    channel = await ChannelStore(db).get(ref)
    if channel is None:
        err(f"briefbot: no channel {ref.key}; `briefbot channels` lists them")
        return 2
    adapters, _console = _adapters(app)
    try:
        if ref.platform not in {a.name for a in adapters}:  # said before a slot is claimed: none is left pending
            err(f"briefbot post: cannot post to {ref.key}: {no_adapter_reason(ref.platform)}; nothing was posted")
            return 1
        outcome = await Delivery(db, app.config, {a.name: a for a in adapters},
                                 clock=app.clock).post_now(channel, app.clock())
    finally:
        for a in adapters:
            await a.close()
    print(f"{ref.key}: {outcome_line(outcome)}")
    return 0 if outcome.state in ("delivered", "empty") else 1


def outcome_line(outcome: Outcome) -> str:
    """What `briefbot post` did, read as a phrase: ``delivered 3 stories``, ``empty: no new stories``,
    ``failed: the Slack webhook was removed or disabled ...``."""
    if outcome.state == "delivered" or not outcome.detail:
        return f"{outcome.state} {outcome.detail}".rstrip()
    return f"{outcome.state}: {outcome.detail}"


async def _seed(app: App, db: Database, config_path: str | None = None) -> list[Channel]:
    check_channel_configs(app.config)
    now = app.clock()
    created = await ChannelStore(db).seed(app.config, now=now)
    await log_config_drift(app.config, ChannelStore(db), created, now=now, path=config_path)  # an edit: say so
    sources = SourceStore(db)
    for item in app.config.sources:
        interval = parse_duration(item.interval, key=f"sources[{item.url}].interval")
        await sources.ensure(item.url, kind="", now=now, interval_seconds=int(interval.total_seconds()))
    return await ChannelStore(db).all()


def credentialed_probe(fetcher: Any, credentials: SourceCredentials) -> Any:
    """``sources add`` reads the URL once first: a configured source's own URL with its headers, so a channel
    can follow it; any other URL without (secrets never come through chat)."""

    async def probe(url: str) -> Any:
        return await fetcher.fetch(url, auth=credentials.for_source(url))

    return probe


async def run_bot(args: argparse.Namespace, app: App) -> int:
    """The composition root: store, adapters, commands, delivery, scheduler, polling — wired here only."""
    problem = "" if args.once else health_token_problem(app.config.health)
    if problem:  # before anything starts: the store is not even opened
        err(f"briefbot: bad configuration: {problem}")
        return 2
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
        err(f"briefbot: bad configuration: {exc}{located(args.config, str(exc))}")
        return 2
    adapters, console = _adapters(app)
    by_platform = {a.name: a for a in adapters}
    if console is not None:  # console:main only when there is no channel at all (a first try-out)
        await ensure_console_channel(app.config, db, console.channel, app.clock())
    delivery = Delivery(db, app.config, by_platform, clock=app.clock)  # a failed post's retry counts from then
    async with Fetcher(app.config.ingest) as fetcher:
        pipeline = await make_pipeline(app)
        # configured sources' headers go from the config to the poller and the probe, never through the store
        credentials = pipeline.credentials
        recorder = RoundRecorder(poll_with_notices(app, db, pipeline, fetcher, by_platform, credentials))
        scheduler = Scheduler(delivery, app.clock, poll=recorder, prune=prune_job(app.config, db),
                              keep_lock=lock.keep)  # re-taken after a dropped connection; lost to another: stop
        deps = CommandDeps(app.config, db, app.clock, on_channel_change=scheduler.channel_changed,
                           probe=credentialed_probe(fetcher, credentials))
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
                for outcome in alerted:
                    print(f"{outcome.channel}: alert {outcome_line(outcome)}")
                briefed = await scheduler.tick()
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


async def drain_tasks(grace: float = DRAIN_GRACE_SECONDS) -> None:
    """Cancel what is still running (a polling round, an alert, a command being answered) and wait for it while
    the store is still open. Left to the closing event loop instead, a task cancelled in the middle of a query
    leaves its database connection to a close that can no longer finish, and the process never exits.
    Tasks the cancellations start (a connection's graceful close) are waited for too, each pass bounded."""
    current = asyncio.current_task()
    cancelled: set[asyncio.Task[Any]] = set()
    for _ in range(3):
        rest = {t for t in asyncio.all_tasks() if t is not current and not t.done()}
        if not rest:
            return
        for task in rest - cancelled:
            if not _task_name(task).endswith("_terminate_graceful_close"):  # let a connection's close finish
                task.cancel()
        cancelled |= rest
        _, pending = await asyncio.wait(rest, timeout=grace)
        if pending:
            log.warning("briefbot: %d task(s) still running %g s after stopping: %s", len(pending), grace,
                        ", ".join(sorted({_task_name(t) for t in pending}))[:300])
            return


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
    running = AdapterTasks(adapters, dispatcher, stop)  # one that raises (a token unset or refused) sets stop
    log.info("briefbot running with %s; Ctrl-C stops it", ", ".join(a.name for a in adapters))
    await stop.wait()
    await running.cancel()
    if scheduler.stop_reason is not None:  # the caller's cleanup runs, then one line and exit 3 (cli.py)
        raise scheduler.stop_reason
    return running.failure
