"""HTTP fetching with aiohttp, bounded in every way: time, size (also decompressed), redirects, SSRF."""

from __future__ import annotations

import asyncio
import os
import socket
import zlib
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from bot.config import IngestConfig
from bot.ingest.credentials import SourceAuth
from bot.ingest.meta_refresh import refresh_target
from bot.ingest.ssrf import AddressGuard, Refused, Resolver
from bot.ingest.userinfo import mask_userinfo

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})  # the resource moved for good: a feed reader reads the new URL from then on
_CHUNK = 64 * 1024
SIZE_SETTING = "the ingest.max_bytes setting"  # named in every "too large" error: the limit is raised there
# The caller's say on a redirect target, asked before it is requested: "" to follow it, else why not (one line)
MayFollow = Callable[[str], Awaitable[str]]


class FetchError(Exception):
    """A URL that could not be fetched; ``reason`` is one clear line, with any password in a URL it names (a
    redirect target's, say) masked, so whoever shows it shows no credentials."""

    def __init__(self, url: str, reason: str, *, status: int | None = None,
                 headers: Mapping[str, str] | None = None) -> None:
        reason = mask_userinfo(reason)
        super().__init__(f"{mask_userinfo(url)}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status  # the HTTP status when the server answered (429, 503 ...), for the poller
        self.headers: Mapping[str, str] = headers or {}  # e.g. Retry-After


class RedirectRefused(FetchError):
    """A redirect the caller's ``may_follow`` refused: its target was never requested."""

    def __init__(self, url: str, target: str, why: str) -> None:
        super().__init__(url, f"redirect to {mask_userinfo(target)[:200]} not followed: {why}")
        self.target = target  # as given, credentials and all: not for showing (``reason`` masks them)
        self.why = why


@dataclass(frozen=True)
class FetchResult:
    """The final response of a fetch (after redirects)."""

    url: str
    status: int
    body: bytes
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    headers: Mapping[str, str] = field(default_factory=dict)
    # where the URL moved for good: the target of the permanent redirects (301, 308) the fetch began with, up to
    # the first temporary one (302, 303, 307); None when the first answer was no permanent redirect
    moved_to: str | None = None


class _GuardedResolver(AbstractResolver):
    """aiohttp's resolver, routed through the guard so the address connected to is the one checked."""

    def __init__(self, guard: AddressGuard) -> None:
        self._guard = guard

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        addresses = await self._guard.resolve(host, port)
        return [ResolveResult(hostname=host, host=ip, port=port,
                              family=socket.AF_INET6 if ":" in ip else socket.AF_INET,
                              proto=0, flags=socket.AI_NUMERICHOST) for ip in addresses]

    async def close(self) -> None:
        return None


class Fetcher:
    """One aiohttp session for all fetches; use as ``async with Fetcher(config) as fetcher``."""

    def __init__(self, config: IngestConfig, *, resolver: Resolver | None = None,
                 trusted_hosts: Iterable[str] = (), first_byte_timeout: float | None = None) -> None:
        self._config = config
        self._guard = AddressGuard(allow_private=config.allow_private_networks, resolver=resolver,
                                   trusted_hosts=(*config.trusted_hosts, *trusted_hosts))
        self._first_byte = first_byte_timeout or min(config.connect_timeout_seconds, config.timeout_seconds)
        self._session: aiohttp.ClientSession | None = None

    @property
    def trusted_hosts(self) -> frozenset[str]:
        """The hosts fetched whatever their address (``ingest.trusted_hosts`` and the ones given)."""
        return self._guard.trusted_hosts

    async def __aenter__(self) -> Fetcher:
        connector = aiohttp.TCPConnector(resolver=_GuardedResolver(self._guard), use_dns_cache=False,
                                         limit=64, limit_per_host=8)
        timeout = aiohttp.ClientTimeout(total=None, connect=self._config.connect_timeout_seconds,
                                        sock_read=self._first_byte)
        self._session = aiohttp.ClientSession(
            connector=connector, timeout=timeout, auto_decompress=False, trust_env=False,
            headers={"User-Agent": self._config.user_agent, "Accept-Encoding": "gzip, deflate",
                     "Accept": "application/rss+xml, application/atom+xml, application/feed+json, "
                               "application/xml;q=0.9, text/html;q=0.9, */*;q=0.5"},
        )
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
                    may_follow: MayFollow | None = None, auth: SourceAuth | None = None,
                    refresh: bool = False) -> FetchResult:
        """GET ``url`` (conditionally, when given validators); raises FetchError naming the reason.

        ``may_follow`` is asked about each redirect target before it is requested (after the address checks);
        a refusal ends the fetch with RedirectRefused. The time it takes (reading a robots.txt, say) does not
        count against ``timeout_seconds``. ``auth``'s headers go with each request while it is on their
        source's own origin; from the first hop elsewhere (another host or port, https to http) on, never.
        ``refresh``: an HTML page with no article text whose <meta http-equiv="refresh"> names an address is
        followed there once, as a temporary redirect (bot/ingest/meta_refresh.py): the same checks, one more hop
        counted against ``max_redirects``."""
        if self._session is None:
            raise RuntimeError("Fetcher used outside 'async with'")
        total = self._config.timeout_seconds
        try:
            async with asyncio.timeout(total) as deadline:
                return await self._fetch(self._session, url, etag, last_modified, _Follow(may_follow, deadline),
                                         auth, refresh)
        except TimeoutError:
            raise FetchError(url, f"timed out: no complete response within {total:g} s") from None

    async def _fetch(self, session: aiohttp.ClientSession, url: str, etag: str | None,
                     last_modified: str | None, follow: _Follow, auth: SourceAuth | None,
                     refresh: bool = False) -> FetchResult:
        try:
            current = URL(url.strip())
        except (ValueError, TypeError) as exc:
            raise FetchError(url, f"not a valid URL ({exc})") from None
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        chain = [str(current)]
        moved_to: str | None = None  # the address the leading permanent redirects lead to
        permanent = True  # every redirect so far was permanent
        carry = auth  # dropped for good at the first hop off the source's origin
        for hop in range(self._config.max_redirects + 1):
            await self._check(url, current, chain)
            if hop:
                await follow.ask(url, str(current))
            if carry is not None and not carry.applies_to(current):
                carry = None
            sent = {**headers, **carry.headers} if carry is not None else headers
            try:
                async with session.get(current, allow_redirects=False, headers=sent) as resp:
                    if resp.status in _REDIRECTS:
                        current = self._next_hop(url, current, resp, chain)
                        permanent = permanent and resp.status in PERMANENT_REDIRECTS
                        moved_to = str(current) if permanent else moved_to
                        continue
                    result = await self._result(url, resp, _refusal(resp.status, auth, carry), moved_to)
                target = await _refresh(result) if refresh else ""
                if not target:
                    return result
                refresh, permanent = False, False  # once; a page sending readers on has not moved for good
                current = self._hop_to(url, URL(result.url), target, chain, refresh=True)
            except FetchError:
                raise
            except aiohttp.ClientConnectorError as exc:
                if isinstance(exc.os_error, Refused):
                    raise FetchError(url, str(exc.os_error)) from None
                err = exc.os_error
                why = os.strerror(err.errno) if err.errno else (err.strerror or str(err))
                raise FetchError(url, f"could not connect to {exc.host}:{exc.port} ({why})") from None
            except aiohttp.ConnectionTimeoutError:
                raise FetchError(url, f"timed out connecting after {self._config.connect_timeout_seconds:g} s") \
                    from None
            except aiohttp.ServerTimeoutError:
                raise FetchError(url, f"timed out: the server sent nothing for {self._first_byte:g} s") from None
            except aiohttp.InvalidURL as exc:  # "http://2852039166/": no address aiohttp (or the guard) takes
                what = "the redirect target" if len(chain) > 1 else "the URL"
                raise FetchError(url, f"{what} {mask_userinfo(str(exc.url))[:200]} is not a usable address") from None
            except aiohttp.ClientError as exc:
                raise FetchError(url, f"HTTP failure: {type(exc).__name__}: {exc}"[:300]) from None
        raise FetchError(url, f"too many redirects (more than {self._config.max_redirects}): "
                              + " -> ".join(chain[-4:]))

    async def _check(self, url: str, current: URL, chain: list[str]) -> None:
        try:
            self._guard.check_scheme(current.scheme)
            if not current.host:
                raise Refused("refused: the URL has no host")
            await self._guard.resolve(current.host, current.port or 0)
        except Refused as exc:
            via = f" (reached by redirect from {chain[0]})" if len(chain) > 1 else ""
            raise FetchError(url, f"{exc}{via}") from None

    def _next_hop(self, url: str, current: URL, resp: aiohttp.ClientResponse, chain: list[str]) -> URL:
        location = resp.headers.get("Location")
        if not location:
            raise FetchError(url, f"HTTP {resp.status} redirect without a Location header")
        return self._hop_to(url, current, location, chain)

    def _hop_to(self, url: str, current: URL, location: str, chain: list[str], *, refresh: bool = False) -> URL:
        """Where ``location`` (a Location header's, a meta refresh's: ``refresh``) leads from ``current``, added to
        ``chain``; a page with no text whose refresh names the page itself is said to be that, not a loop."""
        try:
            target = current.join(URL(location))
        except (ValueError, TypeError):
            raise FetchError(url, f"redirect to an invalid URL: {mask_userinfo(location)[:200]!r}") from None
        if refresh and target.with_fragment(None) == current.with_fragment(None):
            raise FetchError(url, f"the page {mask_userinfo(str(current))[:200]} has no article text and its meta "
                                  "refresh points to itself")
        if str(target) in chain:
            raise FetchError(url, "redirect loop: " + " -> ".join([*chain, str(target)][-4:]))
        chain.append(str(target))
        return target

    async def _result(self, url: str, resp: aiohttp.ClientResponse, refusal: str = "",
                      moved_to: str | None = None) -> FetchResult:
        headers = {k: v for k, v in resp.headers.items()}
        common: dict[str, Any] = {
            "url": str(resp.url), "status": resp.status, "content_type": resp.headers.get("Content-Type"),
            "etag": resp.headers.get("ETag"), "last_modified": resp.headers.get("Last-Modified"),
            "headers": headers, "moved_to": moved_to,
        }
        if resp.status == 304:
            return FetchResult(body=b"", not_modified=True, **common)
        if not 200 <= resp.status < 300:
            raise FetchError(url, refusal or f"HTTP {resp.status} {resp.reason or ''}".strip(), status=resp.status,
                             headers=headers)
        body = await read_capped(url, resp, self._config.max_bytes)
        return FetchResult(body=body, **common)


async def _refresh(result: FetchResult) -> str:
    """Where a page with no article text sends its readers by meta refresh ("" when it does not), read off the loop:
    deciding that it has no text parses it."""
    if result.not_modified or "html" not in (result.content_type or "text/html").lower():
        return ""
    return await asyncio.to_thread(refresh_target, result.body, result.content_type, result.url)


class BodyShort(FetchError):
    """A body that stopped short of its Content-Length, the connection left open (so it ends in a read timeout)."""

    def __init__(self, url: str, received: int, declared: int, complete: bool) -> None:
        gzip = " (its compressed data complete)" if complete else ""
        super().__init__(url, f"the body ended before its declared length: {received} of the {declared} bytes its "
                              f"Content-Length declared arrived{gzip}, then nothing more")


def _refusal(status: int, auth: SourceAuth | None, carried: SourceAuth | None) -> str:
    """The reason for a 401 or 403 of a source that has credentials ("" otherwise)."""
    if status not in (401, 403) or auth is None:
        return ""
    if carried is not None:
        return f"the source refused the credentials ({status})"
    return f"HTTP {status}: the source's credentials were not sent here: they go only to {auth.where()}"


@dataclass(frozen=True)
class _Follow:
    """A fetch's ``may_follow`` and its deadline, paused while the caller decides."""

    may_follow: MayFollow | None
    deadline: asyncio.Timeout

    async def ask(self, url: str, target: str) -> None:
        if self.may_follow is None:
            return
        when = self.deadline.when()
        loop = asyncio.get_running_loop()
        left = None if when is None else when - loop.time()
        self.deadline.reschedule(None)
        try:
            why = await self.may_follow(target)
        finally:
            if left is not None:
                self.deadline.reschedule(loop.time() + left)
        if why:
            raise RedirectRefused(url, target, why)


def _decoder(url: str, encoding: str) -> Any:
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj(zlib.MAX_WBITS)
    raise FetchError(url, f"unsupported Content-Encoding {encoding!r}")


async def read_capped(url: str, resp: aiohttp.ClientResponse, limit: int) -> bytes:
    """The body, decompressed by hand so that neither the wire bytes nor the decompressed bytes can
    pass ``limit``: a gzip bomb is stopped after ``limit`` bytes of output, not after inflating."""
    declared = resp.content_length
    if declared is not None and declared > limit:
        raise FetchError(url, f"too large: Content-Length {declared} bytes is over the {limit}-byte limit "
                              f"({SIZE_SETTING})")
    encoding = resp.headers.get("Content-Encoding", "").strip().lower()
    decoder = _decoder(url, encoding)
    out = bytearray()
    received = 0
    try:
        async for chunk in resp.content.iter_chunked(_CHUNK):
            received += len(chunk)
            if received > limit:
                raise FetchError(url, f"too large: more than {limit} bytes ({SIZE_SETTING})")
            if decoder is None:
                out += chunk
            elif not decoder.eof:
                out += decoder.decompress(chunk, limit - len(out) + 1)
            if len(out) > limit:
                raise FetchError(url, f"too large after decompression: more than {limit} bytes "
                                      f"(from {received} {encoding} bytes; {SIZE_SETTING})")
        if decoder is not None and not decoder.eof:
            out += decoder.flush()
            if encoding != "deflate":  # a gzip member ends with its length and CRC: without them it was cut short
                raise FetchError(url, f"corrupt {encoding} body: it ends before its compressed data does "
                                      f"(cut short after {received} bytes)")
    except zlib.error as exc:
        raise FetchError(url, f"corrupt {encoding} body ({exc})") from None
    except aiohttp.ServerTimeoutError:
        if declared is None or received >= declared:
            raise
        raise BodyShort(url, received, declared, decoder is not None and decoder.eof) from None
    except aiohttp.ClientPayloadError:  # the connection closed early, or the chunked framing broke
        said = f" of the {declared} bytes its Content-Length declared" if declared is not None else ""
        raise FetchError(url, f"the body ended early: the connection closed after {received} bytes{said}") from None
    if len(out) > limit:
        raise FetchError(url, f"too large after decompression: more than {limit} bytes ({SIZE_SETTING})")
    return bytes(out)
