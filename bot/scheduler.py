"""The runtime: apscheduler jobs derived from the store (poll sources, deliver each channel when due, prune)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from bot.alert_rounds import AlertRounds
from bot.alerts import Alerts
from bot.backoff import parse_duration
from bot.channel_turns import ChannelTurns, Overdue, Overran
from bot.clock import Clock
from bot.config_model import SchedulerConfig
from bot.delivery import Delivery, Outcome
from bot.due_channels import due_channels
from bot.models import ChannelRef
from bot.schedule import next_slot, parse_quiet_hours, parse_schedule, parse_timezone
from bot.store.channels import Channel, ChannelStore
from bot.store.damaged import damage, damaged_store_message
from bot.store.db import StoreError, redact_url
from bot.store.ledger import DeliveryLedger
from bot.store.run_lock import RunLockTaken
from bot.store.schema_watch import SchemaWatch
from bot.store_outage import StoreOutage

log = logging.getLogger(__name__)

PollDue = Callable[[datetime], Awaitable[object]]  # e.g. Poller.poll_due
PruneOld = Callable[[datetime], Awaitable[object]]  # e.g. cli_retention.prune_job: delete what is past retention
KeepLock = Callable[[], Awaitable[object]]  # e.g. RunLock.keep: raises RunLockTaken once another run holds the lock
SWEEP_EVERY = timedelta(seconds=60)  # retries, and a safety net should a channel job be lost
PRUNE_EVERY = timedelta(days=1)
PRUNE_FIRST_AFTER = timedelta(minutes=10)  # after start-up's catch-up and first poll, so restarts still prune
# How often a running bot checks it still holds the store's run lock (PostgreSQL: the lock goes with a dropped
# connection) and takes it again once the store is back.
LOCK_CHECK_EVERY = timedelta(seconds=30)
# Channels delivered at the same time by default ([scheduler] channels_at_once; tick, alert round and channel jobs
# together), each for at most [scheduler] delivery_deadline before it gives its turn back (bot/channel_turns.py).
# Within the store's connection pool (SQLAlchemy's default: 5, and 10 more on demand) beside the poller and
# commands; SQLite serialises the writes itself (WAL, busy_timeout 30 s), and no write transaction is held across a
# post (each part's record is its own short transaction).
CHANNELS_AT_ONCE = SchedulerConfig().channels_at_once
# At stop, how long an alert round under way may take to finish before it is cancelled (its claimed alert is then
# finished at the next start, from the delivery ledger).
ALERT_STOP_GRACE_SECONDS = 10.0
T = TypeVar("T")


def outcome_log_line(outcome: Outcome) -> str:
    """``channel KEY: STATE[ SLOT][ DETAIL]``, one space between the parts there are."""
    parts = [outcome.state, outcome.slot.isoformat() if outcome.slot else "", outcome.detail]
    return f"channel {outcome.channel}: " + " ".join(p for p in parts if p)


async def together(works: Iterable[Awaitable[T]]) -> list[T]:
    """Await ``works`` concurrently, results in their order. Each is expected to catch its own errors; anything
    that still escapes one (a BaseException: cancellation, a simulated process death in tests) cancels the others
    and is raised as it is, not wrapped in a group."""
    tasks = [asyncio.ensure_future(work) for work in works]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


@dataclass(frozen=True)
class PollFailure:
    """The last polling round that raised: when, and the exception's type (its text stays in the log)."""

    at: datetime
    error: str


class Scheduler:
    """``tick(now)`` is the whole logic (tests call it directly); ``start()`` puts it on apscheduler."""

    def __init__(self, delivery: Delivery, clock: Clock, *, poll: PollDue | None = None,
                 poll_every: timedelta = timedelta(seconds=60), prune: PruneOld | None = None,
                 keep_lock: KeepLock | None = None, channels_at_once: int | None = None,
                 overdue: Overdue | None = None, schema: SchemaWatch | None = None) -> None:
        self.delivery = delivery
        if delivery.clock is None:  # a failed post's retry is counted from when it failed, on this clock
            delivery.clock = clock
        self.clock = clock
        self.poll = poll
        self.poll_every = poll_every
        self.prune = prune
        self.keep_lock = keep_lock
        self.schema = schema  # a newer briefbot migrating the store meanwhile: noticed by the next job, which stops
        self.outage = StoreOutage(clock, delivery.db.url)  # a store outage is one line per failing job
        # set when the run should end: by SIGINT/SIGTERM (cli), or here with ``stop_reason`` (the run lock was lost,
        # or the SQLite store file is damaged)
        self.stopping = asyncio.Event()
        self.stop_reason: StoreError | None = None
        self.channels = ChannelStore(delivery.db)
        self.ledger = DeliveryLedger(delivery.db)
        self.alerts = Alerts(delivery)
        self._alert_round_lock = asyncio.Lock()  # one alert round at a time, however it was started
        # the poll job's rounds, in the background: polling never waits for an alert to be posted
        self.alert_rounds: AlertRounds[list[Outcome]] = AlertRounds(self.alert_round, failed=self._alert_round_failed)
        self._told_no_adapter: set[str] = set()  # channels whose platform is not running, said once a run
        self._unarmed: set[ChannelRef] = set()  # channel jobs a failure left unarmed: the next sweep arms them
        settings = delivery.config.scheduler
        deadline = parse_duration(settings.delivery_deadline, key="scheduler.delivery_deadline").total_seconds()
        # channels being delivered, across all jobs; ``overdue`` (tests) ends when one has run past its deadline
        self.turns = ChannelTurns(settings.channels_at_once if channels_at_once is None else channels_at_once,
                                  deadline, overdue)
        self._aps: Any = None  # AsyncIOScheduler once started
        self._job_tasks: set[asyncio.Task[Any]] = set()  # the apscheduler jobs running now: the stop cancels them
        self._closing = False  # set by ``shutdown``: a job cancelled then says so in one line, not a traceback
        self.last_poll_ok_at: datetime | None = None  # when the last polling round finished without raising
        self.last_poll_failure: PollFailure | None = None  # kept after a recovery: compare with last_poll_ok_at

    def _damaged(self, exc: BaseException) -> bool:
        """True if ``exc`` says the SQLite store file is damaged: no outage to wait out, so the run stops (exit 3, as
        when the run lock is lost) with the damaged-store line, logged once however many jobs meet it."""
        words = damage(exc) if self.delivery.db.dialect == "sqlite" else None
        if words is None:
            return False
        if self.stop_reason is None:
            self.stop_reason = StoreError(damaged_store_message(redact_url(self.delivery.db.url), words))
            log.error("%s", self.stop_reason)
            self.stopping.set()
        return True

    async def _stopped(self) -> bool:
        """True once the run stops with a reason (a newer briefbot upgraded the store: ``schema``): write nothing."""
        if self.stop_reason is None and self.schema is not None and (upgraded := await self.schema.upgraded()):
            self.stop_reason = upgraded
            self.stopping.set()
        return self.stop_reason is not None

    def raise_stop_reason(self) -> None:
        """For ``run --once``, between its steps: raise what stopped the run (a damaged store, the run lock lost)."""
        if self.stop_reason is not None:
            raise self.stop_reason

    async def tick(self, now: datetime | None = None) -> list[Outcome]:
        """Deliver every channel's due slot (finishing interrupted ones first), a few channels at the same time
        (``ChannelTurns``): one that hangs does not hold the others back, and one still posting at its deadline is
        left to finish on its own ("overdue"). Outcomes in channel order."""
        if await self._stopped():
            return []
        now = now or self.clock()
        due = await due_channels(self.channels, self.ledger, self.delivery, now)
        delivered = await together(self._deliver(channel, now) for channel in due)
        return [outcome for outcomes in delivered for outcome in outcomes]

    async def tick_channel(self, ref: ChannelRef, now: datetime | None = None) -> list[Outcome]:
        now = now or self.clock()
        channel = None if await self._stopped() else await self.channels.get(ref)
        return await self._deliver(channel, now) if channel is not None else []

    async def _deliver(self, channel: Channel, now: datetime) -> list[Outcome]:
        # one delivery at a time per channel in this process, in one of the turns; past its deadline it finishes on
        # its own (its outcome logged then) and the others go on
        done = await self.turns.take(channel.key, lambda: self._deliver_now(channel, now))
        if not isinstance(done, Overran):
            return done
        if done.already:  # still under way from an earlier tick: not started twice
            return []
        return [self._overdue(channel.key, "delivery")]

    def _overdue(self, key: str, what: str) -> Outcome:
        detail = f"still posting after {self.turns.deadline:g} s: left to finish on its own"
        log.warning("channel %s: %s %s; the other channels go on", key, what, detail)
        return Outcome(key, "overdue", detail=detail)

    async def _deliver_now(self, channel: Channel, now: datetime) -> list[Outcome]:
        try:
            # as the store has it now: paused, rescheduled or removed while it waited for its turn, it is not
            # delivered as the tick read it
            current = await self.channels.get(channel.ref)
            if current is None:
                return []
            outcomes = await self.delivery.deliver_due(current, now)
        except Exception as exc:  # one channel's trouble must not stop the others
            if not self._damaged(exc) and not self.outage.failed(f"channel {channel.key}: delivery", exc):
                log.exception("channel %s: delivery failed", channel.key)
            return [Outcome(channel.key, "error")]
        for outcome in outcomes:
            if outcome.state == "no-adapter":  # an unfinished briefing of a platform not running: said once a run
                self._tell_not_delivered(channel)
            elif outcome.state != "waiting":
                log.info("%s", outcome_log_line(outcome))
        return outcomes

    async def next_run(self, channel: Channel, now: datetime) -> datetime | None:
        """When this channel next needs attention: an interrupted slot now, a retry, or its next slot."""
        unfinished = await self.ledger.unfinished(channel.key)
        if unfinished:
            return min(e.retry_at or now for e in unfinished)
        if channel.paused:
            return None
        try:
            schedule = parse_schedule(channel.schedule)
            tz = parse_timezone(channel.timezone)
            quiet = parse_quiet_hours(channel.quiet_hours)
        except ValueError:
            return None
        after = max(filter(None, [await self.ledger.last_slot(channel.key), channel.slots_from]))
        return next_slot(schedule, tz, after, quiet)

    async def poll_once(self, now: datetime | None = None) -> list[Outcome]:
        """Poll the due sources, then wait for an alert round that starts after the poll (after any round
        under way) and return its outcomes: the alerts and tracked-story updates the new articles made due.
        For ``run --once``, which must not exit with an alert half-posted; the poll job does not wait."""
        if self.poll is None:
            return []
        await self._poll(self.poll, now)
        return await self.alert_rounds.run()

    async def poll_job(self, now: datetime | None = None) -> None:
        """The poll job: poll the due sources, then ask for an alert round and return without waiting for it,
        so a post that hangs (a webhook's timeouts, a platform's Retry-After) never holds back the next poll."""
        if self.poll is None:
            return
        if await self._as_job("polling round", self._poll(self.poll, now)):
            self.alert_rounds.request()

    async def _as_job(self, what: str, work: Awaitable[object]) -> bool:
        """Await one apscheduler job's ``work`` (False if the stop cancelled it). The stop cancels it and waits for
        it before the store closes; cancelled so, it is one INFO line, where apscheduler would log the
        CancelledError as the job raising. A cancellation from anywhere else is raised as it is."""
        task = asyncio.current_task()
        if task is not None:
            self._job_tasks.add(task)
        try:
            await work
        except asyncio.CancelledError:
            if not self._closing:
                raise
            log.info("stopping: %s cancelled", what)
            return False
        finally:
            if task is not None:
                self._job_tasks.discard(task)
        return True

    async def _poll(self, poll: PollDue, now: datetime | None) -> None:
        try:
            if await self._stopped():
                return
            await poll(now or self.clock())
        except Exception as exc:
            self.last_poll_failure = PollFailure(self.clock(), type(exc).__name__)
            if not self._damaged(exc) and not self.outage.failed("polling the sources", exc):
                log.exception("polling the sources failed")
        else:
            self.last_poll_ok_at = self.clock()
            self.outage.reachable()

    async def alert_round(self, now: datetime | None = None) -> list[Outcome]:
        """Each channel with alerts on or tracked stories gets its alert message (breaking stories, updates on
        tracked ones) if one is due, unless its briefing is due or unfinished (that comes first; what it does
        not carry comes in a later round). Channels at the same time as ``tick`` delivers them; outcomes in
        channel order. One round at a time: a second one waits for the first, then reads the store afresh."""
        async with self._alert_round_lock:
            self.alerts.new_round()
            mark = self.outage.mark()
            outcomes = await self._alert_round(now or self.clock())
        self.outage.reachable_unless_failed_since(mark)  # each channel's store failure is caught in ``_alert``
        return outcomes

    def _alert_round_failed(self, exc: Exception) -> None:
        """A background alert round raised (no one waits for it): one line if the store is out, else the traceback."""
        if not self._damaged(exc) and not self.outage.failed("alert round", exc):
            log.error("alert round failed", exc_info=exc)

    async def _alert_round(self, now: datetime) -> list[Outcome]:
        if await self._stopped():
            return []
        overview = await self.ledger.overview()
        tracking = await self.channels.tracking()
        wanted = []
        for channel in await self.channels.all():
            last, unfinished = overview.get(channel.key, (None, False))
            if not ((channel.alert_outlets <= 0 and channel.key not in tracking) or unfinished
                    or self.delivery.is_due(channel, last, now)):
                wanted.append(channel)
        alerted = await together(self._alert(channel, now) for channel in wanted)
        return [outcome for outcome in alerted if outcome is not None]

    async def _alert(self, channel: Channel, now: datetime) -> Outcome | None:
        done = await self.turns.take(channel.key, lambda: self._alert_now(channel, now))
        if not isinstance(done, Overran):
            return done
        return None if done.already else self._overdue(channel.key, "alert")

    async def _alert_now(self, channel: Channel, now: datetime) -> Outcome | None:
        try:
            current = await self.channels.get(channel.ref)  # as ``_deliver``: as the store has it now
            if current is None:
                return None
            outcome = await self.alerts.alert(current, now)
        except Exception as exc:  # one channel's trouble must not stop the others
            if not self._damaged(exc) and not self.outage.failed(f"channel {channel.key}: alert", exc):
                log.exception("channel %s: alert (breaking or tracked update) failed", channel.key)
            return None
        if outcome is not None:
            log.info("channel %s: alert %s %s", outcome.channel, outcome.state, outcome.detail)
        return outcome

    async def prune_once(self, now: datetime | None = None) -> None:
        """Delete what is past retention; a failure is one log line and the bot carries on."""
        try:
            if self.prune is None or await self._stopped():
                return
            await self.prune(now or self.clock())
        except Exception as exc:
            if self._damaged(exc):
                return
            log.error("pruning old stories failed (the next try is in %d hours): %s: %s",
                      PRUNE_EVERY // timedelta(hours=1), type(exc).__name__, (str(exc).splitlines() or [""])[0])

    async def sweep_job(self) -> None:
        """The sweep job: ``tick``, then the channel jobs a failure left unarmed armed again; a store outage is one
        line (apscheduler would log each traceback)."""
        await self._as_job("delivery sweep", self._sweep())

    async def _sweep(self) -> None:
        mark = self.outage.mark()
        try:
            await self.tick()
            if self.outage.failures_seen == mark:  # the store answered each channel
                await self._arm_again()
        except Exception as exc:
            if not self._damaged(exc) and not self.outage.failed("delivering due briefings", exc):
                log.exception("delivering due briefings failed")
        else:
            self.outage.reachable_unless_failed_since(mark)  # each channel's store failure is caught in ``_deliver``

    async def lock_job(self) -> None:
        """The run-lock job: check this bot still holds the store's run lock (taking it again after a dropped
        connection once the store is back). If another run took it meanwhile, stop this one: never two bots."""
        if self.keep_lock is None:
            return
        try:
            await self.keep_lock()
            if self.delivery.db.dialect != "postgresql" and self.outage.current() is not None:
                await self.delivery.db.schema_version()  # SQLite's check opened its lock file only: read the store
        except RunLockTaken as exc:  # `briefbot run` stops and prints it as its one error line
            self.stop_reason = exc
            self.stopping.set()
        except Exception as exc:
            if not self._damaged(exc) and not self.outage.failed("checking the run lock", exc):
                log.exception("checking the run lock failed")
        else:
            self.outage.reachable()

    # --- apscheduler glue: thin, so the logic above stays testable without it ---------------------

    async def start(self) -> None:
        """Catch up once, then hand the jobs to an AsyncIOScheduler on the running loop."""
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        await self.tick()
        self._closing = False
        if self.alert_rounds.closed:  # started again after a shutdown
            self.alert_rounds = AlertRounds(self.alert_round, failed=self._alert_round_failed)
        self._aps = AsyncIOScheduler(timezone=UTC)
        self._aps.add_job(self.sweep_job, "interval", seconds=SWEEP_EVERY.total_seconds(), id="sweep",
                          coalesce=True, max_instances=1)
        if self.keep_lock is not None:
            self._aps.add_job(self._lock_job, "interval", seconds=LOCK_CHECK_EVERY.total_seconds(), id="run-lock",
                              coalesce=True, max_instances=1)
        if self.poll is not None:
            self._aps.add_job(self.poll_job, "interval", seconds=self.poll_every.total_seconds(), id="poll",
                              coalesce=True, max_instances=1, next_run_time=self.clock())
        if self.prune is not None:
            self._aps.add_job(self._prune_job, "interval", seconds=PRUNE_EVERY.total_seconds(), id="prune",
                              coalesce=True, max_instances=1, misfire_grace_time=None,
                              next_run_time=self.clock() + PRUNE_FIRST_AFTER)
        self._aps.start()
        await self.sync_jobs()

    async def _lock_job(self) -> None:
        await self._as_job("run-lock check", self.lock_job())

    async def _prune_job(self) -> None:
        await self._as_job("pruning", self.prune_once())

    async def sync_jobs(self) -> None:
        """One date job per channel at its next slot (rebuilt from the store)."""
        if self._aps is None:
            return
        wanted = {c.key: c for c in await self.channels.all()}
        if self._aps is None:  # stopped meanwhile
            return
        for job in self._aps.get_jobs():
            if job.id.startswith("deliver:") and job.id.removeprefix("deliver:") not in wanted:
                job.remove()
        for channel in wanted.values():
            await self._arm(channel)

    async def _arm(self, channel: Channel, *, ahead_only: bool = False) -> bool:
        """Arm the channel's job at its next run (none when paused); with ``ahead_only``, not at a time already
        come (False): from inside its own run, apscheduler would skip that as a second instance, and drop it."""
        job_id = f"deliver:{channel.key}"
        if channel.ref.platform not in self.delivery.adapters:  # its job could only say so at each slot
            self._tell_not_delivered(channel)
            when = None
        else:
            when = await self.next_run(channel, self.clock())
        if self._aps is None:  # stopped while the store was read (a command answered during the stop)
            return True
        if when is None:
            if self._aps.get_job(job_id) is not None:
                self._aps.remove_job(job_id)
            return True
        if ahead_only and when <= self.clock():
            return False
        self._aps.add_job(self._run_channel, "date", run_date=when, args=[channel.ref], id=job_id,
                          replace_existing=True, misfire_grace_time=None, coalesce=True)
        return True

    def _tell_not_delivered(self, channel: Channel) -> None:
        """Once a run: a channel whose platform has no adapter running gets no job, and its briefings wait."""
        if channel.key in self._told_no_adapter:
            return
        self._told_no_adapter.add(channel.key)
        log.info("channel %s: not delivered in this run: no %s adapter is running (its briefings wait)",
                 channel.key, channel.ref.platform)

    async def _run_channel(self, ref: ChannelRef) -> None:
        await self._as_job(f"scheduled delivery to {ref.key}", self._channel_job(ref))

    async def _channel_job(self, ref: ChannelRef) -> None:
        try:
            await self.tick_channel(ref)
            channel = await self.channels.get(ref)
            # its slot still due (its delivery failed, or its platform is not running): the sweep delivers it,
            # then arms its job
            if channel is not None and not await self._arm(channel, ahead_only=True):
                self._unarmed.add(ref)
        except Exception as exc:  # the sweep delivers it once the store is back, and arms its job again
            self._unarmed.add(ref)
            if not self._damaged(exc) and not self.outage.failed(f"channel {ref.key}: scheduled delivery", exc):
                log.exception("channel %s: scheduled delivery failed", ref.key)

    async def _arm_again(self) -> None:
        """Arm the jobs its own run left unarmed (the store out, or its slot still due) once their next run is
        ahead; a removed channel's job is dropped."""
        if self._aps is None:
            return
        for ref in list(self._unarmed):
            channel = await self.channels.get(ref)
            if channel is None or await self._arm(channel, ahead_only=True):
                self._unarmed.discard(ref)

    async def channel_changed(self, ref: ChannelRef) -> None:
        """CommandDeps.on_channel_change: a schedule, pause or new channel takes effect at once."""
        if self._aps is None:
            return
        channel = await self.channels.get(ref)
        if channel is None:
            if self._aps is not None and self._aps.get_job(f"deliver:{ref.key}") is not None:
                self._aps.remove_job(f"deliver:{ref.key}")
            return
        await self._arm(channel)

    @property
    def running(self) -> bool:
        """True while the apscheduler jobs are live (after start(), before shutdown())."""
        return self._aps is not None and bool(self._aps.running)

    def job_times(self) -> dict[str, datetime]:
        """Next run time of each job (for ``channels`` and tests)."""
        if self._aps is None:
            return {}
        return {j.id: j.next_run_time for j in self._aps.get_jobs() if j.next_run_time is not None}

    async def shutdown(self, grace: float = ALERT_STOP_GRACE_SECONDS) -> None:
        """Stop the jobs, cancel the ones running (a polling round, a delivery) and wait for them while the store is
        open, then let an alert round under way finish within ``grace`` seconds (else cancel it)."""
        self._closing = True
        if self._aps is not None:
            self._aps.shutdown(wait=False)
            self._aps = None
        running = set(self._job_tasks) | set(self.turns.overrunning.values())  # with deliveries past their deadline
        for task in running:
            task.cancel()
        if running:
            await asyncio.wait(running, timeout=grace)
        await self.alert_rounds.close(grace)
