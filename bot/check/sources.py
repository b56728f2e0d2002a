"""Each configured and followed source read once, as polling reads it (conditional GET, its credentials); nothing
is stored."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from bot.check.result import CheckResult, fail, ok, warn
from bot.clock import Clock
from bot.config import Config
from bot.ingest.credentials import SourceCredentials
from bot.ingest.fetch import Fetcher
from bot.ingest.sources import SourceResult, read_source
from bot.ingest.thin_pages import thin_page
from bot.ingest.unreadable_feed import unreadable_feed
from bot.plurals import counted
from bot.poller import POLLED_KINDS, host_key
from bot.store.sources import SourceState

PARSE_MARGIN_SECONDS = 5.0  # on top of the fetch bounds, as the poller allows
MAX_HOSTS_AT_ONCE = 8


@dataclass(frozen=True)
class SourceToCheck:
    """A source URL, its stored validators (for a conditional GET) and where it was found."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    disabled: bool = False
    origin: str = "config"  # "config", "store" or "config and store"


def sources_to_check(config: Config, followed: Sequence[SourceState]) -> list[SourceToCheck]:
    """The configured sources and the store's polled ones, each once, in that order."""
    # as the poller: a source not read yet (kind "") is polled; files and folders are read when asked, not polled
    stored = {s.key.strip(): s for s in followed if s.kind in POLLED_KINDS or not s.kind}
    out: dict[str, SourceToCheck] = {}
    for source in config.sources:
        url = source.url.strip()
        state = stored.get(url)
        out[url] = SourceToCheck(url, origin="config") if state is None else _from_state(state, "config and store")
    for url, state in stored.items():
        out.setdefault(url, _from_state(state, "store"))
    return list(out.values())


def _from_state(state: SourceState, origin: str) -> SourceToCheck:
    return SourceToCheck(state.key.strip(), state.etag, state.last_modified, state.failures, state.disabled, origin)


def _hint(target: SourceToCheck, result: SourceResult, config_file: str | None, max_bytes: int) -> str:
    """What to do about a failed read, by its kind; a ``[[sources]]`` entry is fixed or removed in ``config_file``
    (the store cannot remove it: every start reads the config's sources again)."""
    in_file = f"the config file ({config_file})" if config_file else "the config file"
    if result.status in (401, 403):
        return "check the source's credentials ([[sources]] headers_env) or whether it still lets this host in"
    if result.status == 404 or result.status == 410:
        if target.origin != "store":
            return f"the address is gone: fix its [[sources]] url, or remove it from {in_file}"
        return "the address is gone: fix it, or remove the source (`briefbot sources remove <url>`)"
    if (result.error or "").removeprefix(f"{result.source}: ").startswith("too large"):
        return (f"the response is over ingest.max_bytes ({max_bytes:,} bytes): raise it in {in_file} if the "
                "source is meant to be this big, or use the feed's or article's own address")
    if result.status is not None and result.status >= 500:
        return "the site has trouble just now; polling retries it with backoff"
    if result.status is not None:  # it answered: malformed XML, binary data, a page that is no article ...
        return (f"the site answered (HTTP {result.status}) with something briefbot cannot read: check that the URL "
                "is the feed's or article's own address")
    return "check the URL and that this host can reach it"  # no answer: refused, timed out, no such host


def _outcome(target: SourceToCheck, result: SourceResult, config_file: str | None = None,
             max_bytes: int = 0) -> CheckResult:
    name = f"source {target.url}"
    paused = f" (paused after {target.failures} failures: polling retries it)" if target.disabled else ""
    result = unreadable_feed(thin_page(result))  # as `ingest` and polling read it (Pipeline.complete)
    if result.error is not None:
        reason = result.error.removeprefix(f"{result.source}: ")
        return fail(name, f"{reason}{paused}; {_hint(target, result, config_file, max_bytes)}")
    if result.not_modified:
        return ok(name, f"not modified since the last poll (HTTP 304){paused}")
    label = f"{result.stored_kind} {result.name!r}" if result.name else result.stored_kind
    if not result.articles:
        why = result.problems[0].reason if result.problems else "nothing in it"
        return warn(name, f"{label} answered but holds no articles ({why}){paused}")
    return ok(name, f"{label}: {counted(len(result.articles), 'article')} (HTTP {result.status or 200}){paused}")


@dataclass
class SourceChecker:
    """Reads sources with one Fetcher: one request at a time per host, a few hosts at once."""

    config: Config
    credentials: SourceCredentials
    clock: Clock
    config_file: str | None = None  # where the [[sources]] entries are written, named in the advice

    async def check(self, targets: Sequence[SourceToCheck]) -> list[CheckResult]:
        """One line per source that may be fetched; one whose credentials are missing is already a ``fail`` of
        its own (it is never polled, so it is not fetched here either)."""
        wanted = [t for t in targets if not self.credentials.reason(t.url)]
        if not wanted:
            return []
        locks: dict[str, asyncio.Lock] = {}
        slots = asyncio.Semaphore(MAX_HOSTS_AT_ONCE)
        async with Fetcher(self.config.ingest) as fetcher:

            async def one(target: SourceToCheck) -> CheckResult:
                async with locks.setdefault(host_key(target.url), asyncio.Lock()), slots:
                    return _outcome(target, await self._read(fetcher, target), self.config_file,
                                    self.config.ingest.max_bytes)

            return list(await asyncio.gather(*(one(t) for t in wanted)))

    async def _read(self, fetcher: Fetcher, target: SourceToCheck) -> SourceResult:
        ingest = self.config.ingest
        bound = ingest.connect_timeout_seconds + ingest.timeout_seconds + PARSE_MARGIN_SECONDS
        try:
            async with asyncio.timeout(bound):
                return await read_source(target.url, fetcher=fetcher, config=ingest, now=self.clock(),
                                         etag=target.etag, last_modified=target.last_modified,
                                         auth=self.credentials.for_source(target.url))
        except TimeoutError:
            reason = f"timed out: the whole source took more than {bound:g} s"
        return SourceResult(target.url, "feed", "", (), (), error=f"{target.url}: {reason}")
