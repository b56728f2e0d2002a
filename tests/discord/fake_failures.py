"""The local Discord's requests as recorded, its injected failures (``FakeDiscord.fail``) and its JSON answers."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from aiohttp import web

MISSING_PERMISSIONS = 50013
UNKNOWN_INTERACTION = 10062


@dataclass
class Recorded:
    """One REST request as the fake received it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any


@dataclass
class Failure:
    """Let ``skip`` matching requests through, then answer ``count`` with ``status`` (storing the message
    first when ``commit``: the write happened but the client never hears of it). ``code``: the JSON error code
    answered; None: the status's usual one (50001 Missing Access for a 403, 10003 Unknown Channel for a 404)."""

    method: str
    pattern: str
    status: int
    count: int = 1
    skip: int = 0
    retry_after: float = 0.01
    via: bool = True
    commit: bool = False
    code: int | None = None


def due_failure(failures: Sequence[Failure], method: str, path: str) -> Failure | None:
    """The failure to answer this request with, counted down; None when it goes through (or is ``skip``ped)."""
    for failure in failures:
        if failure.count > 0 and failure.method == method and re.fullmatch(failure.pattern, path):
            if failure.skip > 0:
                failure.skip -= 1
                return None
            failure.count -= 1
            return failure
    return None


def failure_answer(failure: Failure) -> web.Response:
    """The REST answer of an injected failure."""
    if failure.status == 429:
        headers = {"Via": "1.1 google"} if failure.via else {}
        return json_answer({"message": "You are being rate limited.", "retry_after": failure.retry_after,
                            "global": False}, 429, headers)
    if failure.status == 401:
        return json_answer({"message": "401: Unauthorized", "code": 0}, 401)
    if failure.status == 403 and failure.code == MISSING_PERMISSIONS:
        return json_answer({"message": "Missing Permissions", "code": MISSING_PERMISSIONS}, 403)
    if failure.status == 403:
        return json_answer({"message": "Missing Access", "code": failure.code or 50001}, 403)
    if failure.status == 404 and failure.code == UNKNOWN_INTERACTION:
        return json_answer({"message": "Unknown interaction", "code": UNKNOWN_INTERACTION}, 404)
    if failure.status == 404:
        return json_answer({"message": "Unknown Channel", "code": failure.code or 10003}, 404)
    if failure.status == 400:
        return json_answer({"message": "Invalid Form Body", "code": failure.code or 50035, "errors": {}}, 400)
    return json_answer({"message": "Service Unavailable", "code": failure.code or 0}, failure.status)


def json_answer(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # exactly "application/json": discord.py only decodes JSON when the header has no charset
    return web.Response(body=json.dumps(data).encode(), status=status,
                        headers={"Content-Type": "application/json", **(headers or {})})
