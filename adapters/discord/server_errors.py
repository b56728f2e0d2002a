"""Discord's 5xx answers, which discord.py retries on its own, logged as each comes (an aiohttp trace on them)."""

from __future__ import annotations

import logging
import re
from types import SimpleNamespace

import aiohttp
import yarl

log = logging.getLogger(__name__)

# what discord.py's HTTPClient.request does with a 5xx (2.x): these are tried again after 1 + 2 * (try - 1) seconds,
# 5 tries in all (the 5th waits too before it gives up: 25 s); any other 5xx (503) is raised at once
RETRIED = frozenset({500, 502, 504, 524})
TRIES = 5
_CHANNEL = re.compile(r"/channels/(\d+)")
_SECRET = re.compile(r"(/(?:webhooks|interactions)/\d+)/[^/]+")  # a webhook's or an interaction's token


def retried(status: int, url: str) -> bool:
    """Whether discord.py tries this answer again: its webhook client (an interaction's answer and follow-ups, on
    the same session: the URLs with a token) retries every 5xx, the same 5 tries and waits; HTTPClient only RETRIED."""
    if _SECRET.search(yarl.URL(url).path):
        return status >= 500
    return status in RETRIED


def wait_after(try_number: int) -> int:
    """discord.py's wait after its ``try_number``-th try (1-based) failed with a retried 5xx."""
    return 1 + 2 * (try_number - 1)


def what(method: str, url: str) -> str:
    """The request as the log names it: its channel when it has one, else its path (tokens left out)."""
    path = _SECRET.sub(r"\1/…", yarl.URL(url).path)
    found = _CHANNEL.search(path)
    return f"{method} to channel {found.group(1)}" if found else f"{method} {path}"


def server_error_trace() -> aiohttp.TraceConfig:
    """A trace for the client's HTTP session: a WARNING per retried 5xx with the channel, status and try (INFO for
    the "is typing…" call, which nothing waits for), so the up-to-25 s discord.py spends on them shows as it
    happens; an interaction's answer and follow-ups (discord.py's webhook client, on this session) too. Tries are
    counted per method and URL (discord.py sends one request per rate-limit bucket at a time); a success or another
    answer starts the count again."""
    trace = aiohttp.TraceConfig()
    failures: dict[tuple[str, str], int] = {}

    async def on_request_end(
        session: aiohttp.ClientSession, context: SimpleNamespace, params: aiohttp.TraceRequestEndParams
    ) -> None:
        key = (params.method, str(params.url))
        status = params.response.status
        if not retried(status, key[1]):
            failures.pop(key, None)
            return
        count = failures[key] = failures.get(key, 0) + 1
        then = (
            f"discord.py gives up after waiting {wait_after(count)} s"
            if count >= TRIES
            else f"discord.py is trying again in {wait_after(count)} s"
        )
        level = logging.INFO if key[1].endswith("/typing") else logging.WARNING  # "is typing…" is a nicety
        log.log(
            level, "discord: HTTP %s from Discord for %s (try %d of %d); %s", status, what(*key), count, TRIES, then
        )
        if count >= TRIES:
            failures.pop(key, None)

    trace.on_request_end.append(on_request_end)
    return trace
