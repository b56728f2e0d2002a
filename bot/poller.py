"""Poll due sources politely: concurrent across hosts, one request at a time per host, backoff, notices."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal
from urllib.parse import urlsplit

from bot.backoff import RETRY_AFTER_CAP, PollTiming, parse_duration, retry_after, retry_after_cut
from bot.clock import Clock
from bot.clock_back import ahead, sources_set_back
from bot.config import SchedulerConfig
from bot.ingest.credentials import SourceCredentials
from bot.ingest.fetch import Fetcher
from bot.ingest.sources import SourceResult, read_source
from bot.pipeline import IngestReport, Pipeline
from bot.plurals import counted
from bot.source_moves import CONFIG_MOVE_NOTE as CONFIG_MOVE_NOTE  # re-exported: tests and migrations name it here
from bot.source_moves import SourceMoves
from bot.store.db_errors import one_line_reason
from bot.store.sources import SourceState, SourceStore
from bot.store_outage import is_store_unreachable
from bot.text_cut import clipped

log = logging.getLogger(__name__)

_DEFAULT_PORTS = {"http": 80, "https": 443}
_THROTTLED = frozenset({429, 503})  # statuses whose Retry-After speaks for the whole host
_PARSE_MARGIN_SECONDS = 5.0  # on top of the fetch bounds: parsing and storing one source's articles
POLLED_KINDS = ("feed", "sitemap", "page")  # URLs; files and folders are read when asked, not polled


@dataclass(frozen=True)
class SourceNotice:
    """A change of a source's health that the channels depending on it should hear about, once."""

    source: str
    kind: Literal["disabled", "recovered"]
    text: str


@dataclass(frozen=True)
class PollRound:
    """What one polling round did."""

    polled: int
    ok: int
    failed: int
    not_modified: int
    added: int
    notices: tuple[SourceNotice, ...]
    new_article_ids: tuple[str, ...]


@dataclass
class _Tally:
    """Counts of one round, filled by the per-host workers (one event loop, so no lock needed)."""

    polled: int = 0
    ok: int = 0
    failed: int = 0
    not_modified: int = 0
    notices: list[SourceNotice] = field(default_factory=list)
    store_out: Exception | None = None  # the first write of the round that failed on an unreachable store


def host_key(source: str) -> str:
    """``scheme://host:port`` for a URL (ports distinguish hosts), ``local`` for files and folders."""
    try:
        parts = urlsplit(source.strip())
        port = parts.port
    except ValueError:
        return "invalid"
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return "local"
    scheme = parts.scheme.lower()
    return f"{scheme}://{parts.hostname.lower()}:{port or _DEFAULT_PORTS[scheme]}"


def is_due(state: SourceState, now: datetime) -> bool:
    return state.next_poll_at is None or state.next_poll_at <= now


class Poller:
    """Polls every due source once per call of ``poll_due``; the scheduler calls it on an interval."""

    def __init__(self, pipeline: Pipeline, fetcher: Fetcher, sources: SourceStore, config: SchedulerConfig,
                 clock: Clock, *, concurrency: int = 16, rng: random.Random | None = None,
                 kinds: Collection[str] = POLLED_KINDS, credentials: SourceCredentials | None = None) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.pipeline = pipeline
        self.fetcher = fetcher
        self.sources = sources
        self.config = config
        self.clock = clock
        self.concurrency = concurrency
        self.rng = rng or random.Random()
        self.kinds = frozenset(kinds)  # a source not fetched yet has kind "" and is always polled
        # configured sources' headers (never stored); a source whose variable is unset is not polled at all
        self.credentials = credentials or SourceCredentials()
        self._held_reported: set[str] = set()
        self.moves = SourceMoves(sources, lambda: {s.url for s in self.pipeline.config.sources}, log)
        self.max_backoff = parse_duration(config.max_backoff, key="scheduler.max_backoff")
        self.default_interval = parse_duration(config.poll_interval, key="scheduler.poll_interval")
        ingest = pipeline.config.ingest
        self.source_timeout = ingest.connect_timeout_seconds + ingest.timeout_seconds + _PARSE_MARGIN_SECONDS
        # Instance state, so overlapping rounds still keep one request per host and one poll per source.
        self._host_locks: dict[str, asyncio.Lock] = {}
        self._host_blocked_until: dict[str, datetime] = {}
        self._in_flight: set[str] = set()
        self._store_lock = asyncio.Lock()  # store writes one at a time: SQLite has one writer anyway
        # the last round's notices, also when it raised a store outage at its end: their flips are stored already
        self.round_notices: tuple[SourceNotice, ...] = ()

    def timing(self, state: SourceState) -> PollTiming:
        interval = timedelta(seconds=state.interval_seconds) if state.interval_seconds > 0 else self.default_interval
        return PollTiming(interval, self.max_backoff, float(self.config.poll_jitter_seconds))

    def longest_wait(self, state: SourceState) -> timedelta:
        """The furthest ahead the rules put a source's next poll: interval, backoff cap or Retry-After, and jitter."""
        timing = self.timing(state)
        return max(timing.interval, timing.max_backoff, RETRY_AFTER_CAP) + timedelta(seconds=timing.jitter_seconds)

    async def poll_due(self, now: datetime | None = None) -> PollRound:
        """Poll every source whose next poll is due (or that was never polled), then refresh stories once.

        ``now`` (default: the clock) decides what is due; the clock times the polls and the next ones. Every source
        is tried; if a write found the store unreachable, that error is raised at the end, so the poll job counts
        the round as an outage and not as the store answering.
        """
        now = now or self.clock()
        states = await sources_set_back(self.sources, await self.sources.list(), now, self.longest_wait)
        blocks = self._host_blocked_until  # a host's Retry-After set while the clock ran ahead is dropped
        self._host_blocked_until = {h: t for h, t in blocks.items() if not ahead(t, now, RETRY_AFTER_CAP)}
        await self._report_held(states)
        due = [s for s in states
               if is_due(s, now) and s.key not in self._in_flight
               and (s.kind in self.kinds or s.kind == "") and not self.credentials.problem(s.key)]
        by_host: dict[str, list[SourceState]] = {}
        for state in due:
            by_host.setdefault(host_key(state.key), []).append(state)
        tally, report = _Tally(), IngestReport(polled=True)  # a source removed meanwhile is not added back
        semaphore = asyncio.Semaphore(self.concurrency)
        self._in_flight.update(s.key for s in due)
        try:
            await asyncio.gather(*(self._poll_host(host, states, semaphore, tally, report)
                                   for host, states in by_host.items()))
        finally:
            self._in_flight.difference_update(s.key for s in due)
        new_ids = tuple(dict.fromkeys(report.new_ids))
        if new_ids:
            try:
                await self.pipeline.refresh_stories(new_ids)
            except Exception as exc:  # the articles are stored; a later round or `briefbot` can re-cluster
                _log_failure("refreshing stories after polling failed", exc)
                if is_store_unreachable(exc) and tally.store_out is None:
                    tally.store_out = exc
        self.round_notices = tuple(tally.notices)
        if tally.store_out is not None:  # the round did not reach the store: the poll job counts it as an outage
            raise tally.store_out
        return PollRound(polled=tally.polled, ok=tally.ok, failed=tally.failed, not_modified=tally.not_modified,
                         added=report.added, notices=tuple(tally.notices), new_article_ids=new_ids)

    async def _poll_host(self, host: str, states: list[SourceState], semaphore: asyncio.Semaphore,
                         tally: _Tally, report: IngestReport) -> None:
        """One host's due sources, strictly one after another; a throttled host defers the rest."""
        lock = self._host_locks.setdefault(host, asyncio.Lock())
        storing: list[asyncio.Task[None]] = []
        async with lock:
            for state in states:
                blocked = self._host_blocked_until.get(host)
                if blocked is not None and blocked > self.clock():
                    storing.append(asyncio.create_task(self._defer(state, blocked)))
                    continue
                async with semaphore:  # held for the requests only: storing never takes a fetch slot
                    tally.polled += 1
                    result = await self.pipeline.complete(await self._read(state), self.fetcher,
                                                          self.credentials.for_source(state.key))
                now = self.clock()
                asked = retry_after(result.headers, now)
                if result.error and (cut := retry_after_cut(state.key, result.headers, now)):
                    log.warning("%s", cut)
                if result.error and result.status in _THROTTLED and asked is not None:
                    self._host_blocked_until[host] = now + asked
                # The next request to this host can start while this result is written.
                storing.append(asyncio.create_task(self._record(state, result, now, tally, report)))
        for outcome in await asyncio.gather(*storing, return_exceptions=True):
            if isinstance(outcome, Exception):  # a store hiccup for one source must not end the others
                _log_failure("recording a poll failed", outcome)
                tally.failed += 1
                if is_store_unreachable(outcome) and tally.store_out is None:
                    tally.store_out = outcome

    async def _record(self, state: SourceState, result: SourceResult, now: datetime, tally: _Tally,
                      report: IngestReport) -> None:
        """Store one source's result, schedule its next poll, and note a notice when its health flips."""
        async with self._store_lock:
            if await self.sources.get(state.key) is None:  # removed while it was read: it stays removed
                log.info("%s: removed while it was polled; what this poll read is not stored", state.key)
                return
            result = await self._store(result, report)
            stored = await self.sources.get(state.key)
            if stored is None:  # removed while this result was written (chat's `sources remove`): no failure counted
                log.info("%s: removed while its poll was recorded; no failure or recovery is counted", state.key)
                return
            failures = stored.failures if result.error else 0
            notice, next_at, disabled = self._decide(state, result, failures, now)
            await self.sources.update(state.key, next_poll_at=next_at, disabled=disabled)
            if result.moved_to and not result.error and result.moved_to != state.key and _still_a_feed(state, result):
                await self.moves.moved(state.key, result.moved_to)
            elif state.moved_to and not result.error:  # read where it was without a move: none is pending now
                await self.sources.config_moved(state.key, None)
        if notice is not None:
            tally.notices.append(notice)
        if result.error:
            tally.failed += 1
            log.info("poll failed (%d in a row): %s", failures, result.error)
        else:
            tally.ok += 1
            tally.not_modified += int(result.not_modified)

    async def _store(self, result: SourceResult, report: IngestReport) -> SourceResult:
        """Store one result; a write that fails on something the source sent (not a store outage) becomes that
        source's error, recorded like any other, so it backs off and is named instead of failing silently again."""
        try:
            await self.pipeline.store_result(result, report)
            return result
        except Exception as exc:
            if result.error or is_store_unreachable(exc):
                raise
            log.exception("storing what %s gave failed", result.source)
            failed = SourceResult(result.source, result.kind, result.name, (), (), status=result.status,
                                  error=f"{result.source}: not stored: {type(exc).__name__}: {one_line_reason(exc)}")
            await self.pipeline.store_result(failed, report)
            return failed

    async def _read(self, state: SourceState) -> SourceResult:
        """The source's result within the per-source total time; a hang or a bug becomes an error result."""
        try:
            async with asyncio.timeout(self.source_timeout):
                return await read_source(
                    state.key, fetcher=self.fetcher, config=self.pipeline.config.ingest, now=self.clock(),
                    etag=state.etag, last_modified=state.last_modified,
                    auth=self.credentials.for_source(state.key))
        except TimeoutError:
            reason = f"timed out: the whole source took more than {self.source_timeout:g} s"
        except Exception as exc:  # read_source promises not to raise; if it does, only this source fails
            log.exception("reading %s raised", state.key)
            reason = f"unexpected error: {type(exc).__name__}"
        return SourceResult(state.key, state.kind or "feed", state.name, (), (), error=f"{state.key}: {reason}")

    async def _report_held(self, states: list[SourceState]) -> None:
        """Once per source and process: one line naming a source held back by a missing credential variable,
        kept as its note (``briefbot sources`` and ``sources list`` show it "held back"). It is not fetched, so no
        failure is counted (however often the bot restarts), it neither backs off nor gets disabled, and no fetch
        time is kept; setting the variable and restarting lets it be polled like any other source."""
        for state in states:
            problem = self.credentials.problem(state.key)
            if not problem or state.key in self._held_reported:
                continue
            self._held_reported.add(state.key)
            log.warning("%s: %s", state.key, problem)
            async with self._store_lock:
                await self.sources.hold(state.key, problem)

    def _decide(self, state: SourceState, result: SourceResult, failures: int,
                now: datetime) -> tuple[SourceNotice | None, datetime, bool]:
        """(notice to post or None, next poll time, disabled?) after one poll of ``state``."""
        timing = self.timing(state)
        title = state.name or result.name
        # Feed titles and error texts come from strangers: whoever posts a notice escapes it like article text.
        name = f"{clipped(title, 100)} ({state.key})" if title and title != state.key else state.key
        if result.error is None:
            next_at = timing.after_success(now, result.headers, self.rng)
            if state.disabled:
                return SourceNotice(state.key, "recovered", f"Source {name} is working again; "
                                                            "its news will be in your briefings."), next_at, False
            return None, next_at, False
        limit = self.config.max_failures_before_disable
        disable = state.disabled or failures >= limit
        next_at = timing.after_failure(now, failures, result.headers, self.rng, disabled=disable)
        if disable and not state.disabled:
            reason = result.error.removeprefix(f"{state.key}: ")[:200]
            retry = _human(max(timing.max_backoff, timing.interval))
            text = (f"Source {name} has failed {counted(failures, 'time')} in a row (last error: {reason}); "
                    f"it is paused and retried every {retry}. You will hear when it recovers.")
            return SourceNotice(state.key, "disabled", text), next_at, True
        return None, next_at, disable

    async def _defer(self, state: SourceState, until: datetime) -> None:
        """Skip a source of a host that asked us to wait, and come back when it said."""
        async with self._store_lock:
            await self.sources.update(state.key, next_poll_at=until + self.timing(state).jitter(self.rng))


def config_move_target(state: SourceState) -> str | None:
    """Where a ``[[sources]]`` entry's source moved for good, as the poller kept it (``_moved``; sources.moved_to,
    which a later failed poll leaves as it is); None for a source with no move pending."""
    return state.moved_to or None


def _still_a_feed(state: SourceState, result: SourceResult) -> bool:
    """Whether what a permanent redirect led to is a feed (or sitemap) still: a feed's address that now sends its
    readers to a home page or a login page has not moved, it has gone."""
    return state.kind in ("feed", "sitemap") if result.not_modified else result.kind == "feed"


def _human(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds % 3600 == 0 and seconds >= 3600:
        return f"{seconds // 3600} h"
    if seconds % 60 == 0 and seconds >= 60:
        return f"{seconds // 60} min"
    return f"{seconds} s"


def _log_failure(what: str, exc: Exception) -> None:
    """The store out (the poll job logs the outage itself): one line, the traceback at DEBUG; else the traceback."""
    if is_store_unreachable(exc):
        log.error("%s: %s", what, one_line_reason(exc))
        log.debug("%s: traceback", what, exc_info=exc)
    else:
        log.error("%s: %r", what, exc, exc_info=exc)
