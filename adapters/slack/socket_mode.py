"""Socket Mode: receive slash commands over Slack's websocket (no public URL needed; needs an xapp- token)."""

from __future__ import annotations

import asyncio
import logging

from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.post import slack_error

log = logging.getLogger(__name__)


class SocketModeError(RuntimeError):
    """Socket Mode could not start: a bad app-level token or Slack unreachable."""


class SocketModeConnection:
    """The bolt Socket Mode handler, with a first connection that fails clearly instead of retrying forever.

    After the first connection slack-sdk reconnects by itself (on ``disconnect`` messages and lost pings).
    """

    def __init__(self, app: AsyncApp, client: AsyncWebClient, app_token: str, *,
                 connect_timeout: float = 30.0, ping_interval: float = 10.0) -> None:
        self._app_token = app_token
        self._client = client
        self._connect_timeout = connect_timeout
        self._handler = AsyncSocketModeHandler(app, app_token=app_token, web_client=client,
                                               ping_interval=ping_interval,
                                               logger=logging.getLogger("adapters.slack.socket"))

    async def start(self) -> None:
        try:
            opened = await asyncio.wait_for(self._client.apps_connections_open(app_token=self._app_token),
                                            self._connect_timeout)
        except SlackApiError as exc:
            await self.stop()  # the socket client's HTTP session and message task, made with it, end here too
            raise SocketModeError(
                f"Slack refused the app-level token (apps.connections.open: {slack_error(exc)}). "
                "Create an xapp- token with the connections:write scope under Basic Information > "
                "App-Level Tokens, and enable Socket Mode.") from exc
        except (TimeoutError, OSError) as exc:
            await self.stop()
            raise SocketModeError(f"could not reach Slack to open a Socket Mode connection: {exc!r}") from exc
        self._handler.client.wss_uri = str(opened["url"])
        try:
            await asyncio.wait_for(self._handler.connect_async(),  # type: ignore[no-untyped-call]
                                   self._connect_timeout)
        except TimeoutError as exc:
            await self.stop()
            raise SocketModeError(f"Socket Mode did not connect within {self._connect_timeout:.0f}s") from exc
        log.info("slack: Socket Mode connected")

    async def stop(self) -> None:
        await self._handler.close_async()  # type: ignore[no-untyped-call]
