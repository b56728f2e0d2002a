"""Signed requests whose payload is not what Slack sends: refused with 400 and one log line, before bolt reads them."""

from __future__ import annotations

import json
import logging
import urllib.parse
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier

log = logging.getLogger(__name__)

NOT_AN_OBJECT = "the payload is not a JSON object"
NO_ACTIONS = "block_actions without a list of actions"
NO_CHANNEL = (
    "Slack did not say which channel this command was typed in, so nothing was run. Please try again; if it "
    "keeps happening, tell whoever runs briefbot."
)


def form_problem(content_type: str, body: str) -> str | None:
    """What is wrong with a form POST's ``payload`` field (interactive requests: buttons), or None: it must be a JSON
    object (bolt would raise on anything else: an HTTP 500)."""
    if content_type != "application/x-www-form-urlencoded":
        return None
    payload = urllib.parse.parse_qs(body).get("payload")
    if not payload:
        return None
    try:
        parsed = json.loads(payload[0])
    except ValueError:
        return NOT_AN_OBJECT
    return None if isinstance(parsed, dict) else NOT_AN_OBJECT


def payload_problem(body: dict[str, Any]) -> str | None:
    """What is wrong with a parsed request (HTTP or Socket Mode) that bolt's listener matching would raise on, or
    None: a ``block_actions`` whose ``actions`` is not a non-empty list of objects."""
    if body.get("type") != "block_actions":
        return None
    actions = body.get("actions")
    if isinstance(actions, list) and actions and all(isinstance(action, dict) for action in actions):
        return None
    return NO_ACTIONS


def refused(problem: str, what: str) -> None:
    log.warning("slack: refused a signed request (%s): %s; nothing was run", what, problem)


class CheckedApp(AsyncApp):
    """bolt's AsyncApp answering a malformed request (``payload_problem``) with 400 and one log line, once its
    signature is found good (an unsigned or forged one gets bolt's own 401), where bolt's listener matching would
    raise on it: an HTTP 500 and a bolt ERROR. Socket Mode's requests come through here too: acknowledged, and
    logged the same."""

    def __init__(self, *, signing_secret: str, request_verification_enabled: bool, **options: Any) -> None:
        super().__init__(
            signing_secret=signing_secret, request_verification_enabled=request_verification_enabled, **options
        )
        self._verifier = SignatureVerifier(signing_secret) if request_verification_enabled else None

    async def async_dispatch(self, req: AsyncBoltRequest) -> BoltResponse:
        problem = payload_problem(req.body)
        if problem is None or not self._signed(req):
            return await super().async_dispatch(req)
        user = req.body.get("user")
        refused(problem, f"user {user.get('id', '?') if isinstance(user, dict) else '?'}")
        # Socket Mode acknowledges only a 200: an envelope left unacknowledged would be sent again
        return BoltResponse(status=200 if req.mode == "socket_mode" else 400, body="")

    def _signed(self, req: AsyncBoltRequest) -> bool:
        if self._verifier is None:  # Socket Mode: the connection itself is authenticated
            return True

        def header(name: str) -> str | None:
            values = req.headers.get(name)
            return values[0] if values else None

        return self._verifier.is_valid(
            body=req.raw_body, timestamp=header("x-slack-request-timestamp"), signature=header("x-slack-signature")
        )
