"""A slash command the bot does not know (a retired subcommand in a client's stale cache, another command's name,
``/brief`` alone, an option of the wrong type) gets a private answer saying so, and the log one line."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from discord_harness import AdapterFactory, Recorder, start, stop
from fake_discord import FakeDiscord

from adapters.discord.unknown_command import FAILED
from tests.discord.discord_logs import CALLBACK
from tests.log_watch import Heard

EPHEMERAL = 1 << 6
Push = Callable[[FakeDiscord], Awaitable[str]]


async def retired(fake: FakeDiscord) -> str:
    return await fake.push_command("retiredverb", {"topic": "Velmora"})


async def alone(fake: FakeDiscord) -> str:
    return await fake._interaction(2, {"id": "1", "name": "brief", "type": 1}, user_id="42", permissions=0)


async def not_ours(fake: FakeDiscord) -> str:
    return await fake._interaction(
        2, {"id": "9", "name": "weather", "type": 1, "options": []}, user_id="42", permissions=0
    )


async def wrong_type(fake: FakeDiscord) -> str:
    """Options as an older /brief had them: its required topic missing, a number that is not one."""
    return await fake._interaction(
        2,
        {
            "id": "1",
            "name": "brief",
            "type": 1,
            "options": [{"name": "whosaid", "type": 1, "options": [{"name": "limit", "type": 4, "value": "lots"}]}],
        },
        user_id="42",
        permissions=0,
    )


CASES: list[tuple[Push, str, str]] = [
    (retired, "Unknown command `/brief retiredverb`", "unknown command /brief retiredverb"),
    (alone, "`/brief` needs a command", "/brief without a command"),
    (not_ours, "Unknown command `/weather`", "unknown command /weather"),
    (wrong_type, "`/brief whosaid` could not be read", "/brief whosaid could not be read"),
]


@pytest.mark.parametrize(("push", "says", "logged"), CASES, ids=[c[0].__name__ for c in CASES])
async def test_an_unknown_command_gets_a_private_answer_and_one_log_line(
    fake: FakeDiscord,
    make_adapter: AdapterFactory,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
    push: Push,
    says: str,
    logged: str,
) -> None:
    caplog.set_level(logging.INFO)
    adapter = make_adapter()
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        inter = await push(fake)
        await fake.wait_for(lambda: bool(fake.calls("POST", CALLBACK.replace(r"\d+", inter, 1))))
    finally:
        await stop(task, adapter)
    [call] = fake.calls("POST", CALLBACK.replace(r"\d+", inter, 1))
    body: dict[str, Any] = call.body
    assert body["type"] == 4 and body["data"]["flags"] & EPHEMERAL
    content = body["data"]["content"]
    assert content.startswith(says), content
    assert "Commands:" in content and "`/brief whosaid <topic>" in content
    assert recorder.seen == []  # nothing ran
    mine = [r for r in caplog.records if r.name.startswith("adapters.discord") and logged in r.getMessage()]
    assert len(mine) == 1 and mine[0].levelno == logging.WARNING and mine[0].exc_info is None
    assert not [r for r in caplog.records if r.name.startswith("discord") and r.levelno >= logging.ERROR]


async def test_typing_in_an_unknown_command_gets_no_message_as_suggestions(
    fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    """Autocomplete for a retired subcommand: nothing to suggest, and no message in place of suggestions."""
    caplog.set_level(logging.INFO)
    heard = Heard("unknown command /brief retiredverb")
    logging.getLogger("adapters.discord").addHandler(heard)
    adapter = make_adapter()
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        await fake.push_command("retiredverb", {"topic": "Vel"}, kind=4, focused="topic")
        await asyncio.wait_for(heard.event.wait(), 5)
    finally:
        logging.getLogger("adapters.discord").removeHandler(heard)
        await stop(task, adapter)
    assert fake.calls("POST", CALLBACK) == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and "retiredverb" in r.getMessage()]


async def test_a_failure_of_its_own_is_logged_with_its_traceback_and_the_user_told(
    fake: FakeDiscord,
    make_adapter: AdapterFactory,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    adapter = make_adapter()

    async def broken(*_args: object) -> None:
        raise KeyError("a bug of briefbot's own")

    monkeypatch.setattr(adapter, "_run_command", broken)
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        inter = await fake.push_command("noop", {})
        await fake.wait_for(lambda: bool(fake.calls("POST", CALLBACK.replace(r"\d+", inter, 1))))
    finally:
        await stop(task, adapter)
    [call] = fake.calls("POST", CALLBACK.replace(r"\d+", inter, 1))
    assert call.body["data"]["content"] == FAILED and call.body["data"]["flags"] & EPHEMERAL
    [line] = [r for r in caplog.records if r.name.startswith("adapters.discord") and r.levelno == logging.ERROR]
    assert "a slash command failed" in line.getMessage() and line.exc_info is not None
