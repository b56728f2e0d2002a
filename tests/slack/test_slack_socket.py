"""Socket Mode end to end: apps.connections.open, envelope, ack, and a disconnect that forces a reconnect."""

from __future__ import annotations

import pytest
from fake_slack import Failure, FakeSlack, slash_payload
from slack_helpers import Running, command_dispatcher, make_adapter, run_adapter

from adapters.slack import SlackStartupError
from bot.commands.base import Invocation


async def command_round_trip(fake: FakeSlack, text: str, count: int) -> str:
    envelope = await fake.push_slash_command(slash_payload(text, response_url=fake.response_url()))
    await fake.wait_for(lambda: any(a["envelope_id"] == envelope for a in fake.socket_acks))
    await fake.wait_for(lambda: len(fake.responses) == count)
    return envelope


async def test_slash_command_over_socket_mode(fake: FakeSlack, running: Running) -> None:
    seen: list[Invocation] = []
    await run_adapter(running, make_adapter(fake, mode="socket"), command_dispatcher(seen))
    assert fake.socket_connections == 1
    assert [m for m, _ in fake.calls].count("apps.connections.open") == 1
    await command_round_trip(fake, "whosaid Bucharest", 1)
    assert fake.responses[0]["response_type"] == "in_channel"
    assert "Bucharest" in fake.responses[0]["text"]
    assert seen[0].options["topic"] == "Bucharest"


async def test_disconnect_forces_a_reconnect_and_commands_keep_working(fake: FakeSlack,
                                                                       running: Running) -> None:
    await run_adapter(running, make_adapter(fake, mode="socket"), command_dispatcher())
    await command_round_trip(fake, "whosaid Riga", 1)
    await fake.send_disconnect()
    await fake.wait_for(lambda: fake.socket_connections == 2)
    assert [m for m, _ in fake.calls].count("apps.connections.open") == 2
    await command_round_trip(fake, "whosaid Vilnius", 2)
    assert "Vilnius" in fake.responses[1]["text"]


async def test_bad_app_token_stops_start_up(fake: FakeSlack, running: Running) -> None:
    fake.fail_next("apps.connections.open", Failure(error="invalid_auth"))
    with pytest.raises(SlackStartupError, match=r"apps.connections.open: invalid_auth"):
        await run_adapter(running, make_adapter(fake, mode="socket"), command_dispatcher())
    assert fake.socket_connections == 0
