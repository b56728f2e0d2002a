"""HTTP mode: an aiohttp server for Slack's Request URL, bound to the configured address (127.0.0.1 default)."""

from __future__ import annotations

import logging
import urllib.parse

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier

from adapters.slack.malformed import form_problem, refused

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"  # the Request URL path written in the app manifest
MAX_BODY_BYTES = 256 * 1024  # slash-command bodies are a few hundred bytes


def is_ssl_check(request: web.Request, body: str) -> bool:
    """Slack's check of the Request URL's certificate: a form POST ``ssl_check=1&token=...``, sent unsigned when the
    URL is saved and now and then after."""
    if request.content_type != "application/x-www-form-urlencoded":
        return False
    return urllib.parse.parse_qs(body).get("ssl_check") == ["1"]


def build_web_app(app: AsyncApp, signing_secret: str = "") -> web.Application:
    """Every POST goes through bolt, which verifies the signature and the 5-minute replay window (401); Slack's SSL
    check alone is answered 200 here, with an empty body and nothing run (bolt's own answer is off: it reads
    $SLACK_VERIFICATION_TOKEN and refuses a check carrying that token). A form ``payload`` that is not a JSON object,
    which bolt cannot read (an HTTP 500), is answered here: 401 unless signed with ``signing_secret``, else 400."""
    verifier = SignatureVerifier(signing_secret)

    async def handle(request: web.Request) -> web.Response:
        body = await request.text()
        if is_ssl_check(request, body):
            return web.Response(status=200, text="")
        problem = form_problem(request.content_type, body)
        if problem is not None:
            if not verifier.is_valid_request(body, dict(request.headers)):
                return web.Response(status=401, text="")
            refused(problem, "HTTP mode")
            return web.Response(status=400, text="")
        bolt_request = await to_bolt_request(request)
        bolt_response = await app.async_dispatch(bolt_request)
        return await to_aiohttp_response(bolt_response)

    async def health(_request: web.Request) -> web.Response:
        return web.Response(text="ok")

    web_app = web.Application(client_max_size=MAX_BODY_BYTES)
    web_app.router.add_post(EVENTS_PATH, handle)
    web_app.router.add_get("/healthz", health)
    return web_app


class HttpServer:
    """Serve the bolt app on host:port until stopped; ``port`` is the bound one (useful with port 0)."""

    def __init__(self, app: AsyncApp, host: str, port: int, signing_secret: str = "") -> None:
        self._runner = web.AppRunner(build_web_app(app, signing_secret), access_log=None)
        self._host = host
        self._port = port
        self.port = port

    async def start(self) -> None:
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        server = site._server  # aiohttp has no public accessor for the bound port
        sockets = getattr(server, "sockets", None) or ()
        if sockets:
            self.port = int(sockets[0].getsockname()[1])
        log.info("slack: HTTP mode listening on http://%s:%d%s", self._host, self.port, EVENTS_PATH)

    async def stop(self) -> None:
        await self._runner.cleanup()
