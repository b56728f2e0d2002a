"""A refused app-level token stops Socket Mode's start with its one line and leaves nothing open behind it: the
socket client's HTTP session closed, its message processor task ended (none left for the stop to wait for)."""

from __future__ import annotations

import asyncio

import pytest
from fake_slack import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, Failure, FakeSlack
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.socket_mode import SocketModeConnection, SocketModeError


async def test_a_refused_app_token_leaves_no_session_or_task_behind(fake: FakeSlack) -> None:
    fake.fail_next("apps.connections.open", Failure(error="invalid_auth"))
    client = AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url)
    app = AsyncApp(client=client, signing_secret=SIGNING_SECRET, request_verification_enabled=False)
    connection = SocketModeConnection(app, client, APP_TOKEN)
    socket = connection._handler.client
    processor = socket.message_processor
    with pytest.raises(SocketModeError, match=r"apps\.connections\.open: invalid_auth"):
        await connection.start()
    assert socket.closed and socket.aiohttp_client_session.closed
    assert processor is not None
    await asyncio.gather(processor, return_exceptions=True)  # cancelled by the close: it ends at once
    assert processor.done()
    assert fake.socket_connections == 0
