"""Slash commands end to end: the real discord.py client against the local Discord's gateway and REST."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from discord_harness import NOW, TOKEN, AdapterFactory, Recorder, start, stop
from fake_discord import APP_ID, CHANNEL_ID, GUILD_ID, FakeDiscord

MANAGE_CHANNELS = 1 << 4
EPHEMERAL = 1 << 6


def callback_of(fake: FakeDiscord, inter_id: str) -> list[Any]:
    return [r.body for r in fake.calls("POST", rf"/interactions/{inter_id}/[^/]+/callback")]


async def test_commands_are_synced_from_the_dispatcher_list(fake: FakeDiscord, make_adapter: AdapterFactory,
                                                           recorder: Recorder) -> None:
    adapter = make_adapter()
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        [sync] = fake.calls("PUT", rf"/applications/{APP_ID}/guilds/{GUILD_ID}/commands")
        [brief] = sync.body
        assert brief["name"] == "brief" and brief["type"] == 1
        subs = {o["name"]: o for o in brief["options"]}
        assert list(subs) == [c.name for c in recorder.dispatcher.commands]
        whosaid = {o["name"]: o for o in subs["whosaid"]["options"]}
        assert whosaid["topic"] == {**whosaid["topic"], "type": 3, "required": True, "autocomplete": True,
                                    "description": "A topic"}
        assert whosaid["limit"]["type"] == 4 and not whosaid["limit"]["required"]
        assert "Manage Channels" in subs["subscribe"]["description"]
        assert fake.identifies == 1
    finally:
        await stop(task, adapter)


async def test_slash_command_round_trip(fake: FakeDiscord, make_adapter: AdapterFactory,
                                        recorder: Recorder) -> None:
    adapter = make_adapter()
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        inter = await fake.push_command("whosaid", {"topic": "Bucharest", "since": "2d", "limit": 3},
                                        user_id="77")
        await fake.wait_for(lambda: bool(callback_of(fake, inter)))
        [body] = callback_of(fake, inter)
        assert body["type"] == 4
        assert body["data"]["content"] == "whosaid: {'topic': 'Bucharest', 'since': '2d', 'limit': '3'}"
        assert body["data"]["allowed_mentions"] == {"parse": []}
        assert not body["data"].get("flags", 0) & EPHEMERAL  # answers are visible to the channel
        [inv] = recorder.seen
        assert inv.args == "Bucharest 3 since 2d"
        assert (inv.user, inv.channel.key, inv.now) == ("77", f"discord:{CHANNEL_ID}", NOW)
        assert inv.can_manage is False
    finally:
        await stop(task, adapter)


async def test_help_is_ephemeral(fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder) -> None:
    adapter = make_adapter()
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        inter = await fake.push_command("help", {})
        await fake.wait_for(lambda: bool(callback_of(fake, inter)))
        [body] = callback_of(fake, inter)
        assert body["data"]["flags"] & EPHEMERAL
        assert "/brief whosaid <topic>" in body["data"]["content"]
    finally:
        await stop(task, adapter)


@pytest.mark.parametrize(("permissions", "user", "allowed"), [
    (0, "42", False), (MANAGE_CHANNELS, "42", True), (1 << 3, "42", True), (0, "1001", True)])
async def test_manage_channel_commands_check_member_permissions(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder, permissions: int, user: str,
        allowed: bool) -> None:
    adapter = make_adapter(admins=("1001",))
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        inter = await fake.push_command("subscribe", {"topic": "NATO"}, user_id=user, permissions=permissions)
        await fake.wait_for(lambda: bool(callback_of(fake, inter)))
        [body] = callback_of(fake, inter)
        if allowed:
            assert [i.options for i in recorder.seen] == [{"topic": "NATO"}]
            assert body["data"]["content"].startswith("subscribe:")
        else:
            assert recorder.seen == []  # the handler never ran
            assert "needs the channel-management permission" in body["data"]["content"]
            assert body["data"]["flags"] & EPHEMERAL
    finally:
        await stop(task, adapter)


async def test_in_a_direct_message_with_the_bot_its_person_sets_up_a_personal_briefing(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder) -> None:
    adapter = make_adapter()
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        inter = await fake.push_command("subscribe", {"topic": "NATO"}, user_id="77", dm_channel="5550001")
        await fake.wait_for(lambda: bool(callback_of(fake, inter)))
        [body] = callback_of(fake, inter)
    finally:
        await stop(task, adapter)
    [seen] = recorder.seen
    assert (seen.options, seen.user, seen.channel.key, seen.can_manage) == (
        {"topic": "NATO"}, "77", "discord:5550001", True)  # their own DM: no server permission needed
    assert body["data"]["content"].startswith("subscribe:")


async def test_slow_work_is_deferred_then_followed_up(fake: FakeDiscord, make_adapter: AdapterFactory,
                                                     recorder: Recorder) -> None:
    adapter = make_adapter(defer_after=0.0)  # "slow" from the first tick: no wall-clock wait in the test
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        inter = await fake.push_command("wait", {})
        await fake.wait_for(lambda: bool(callback_of(fake, inter)))
        assert [b["type"] for b in callback_of(fake, inter)] == [5]  # deferred, thinking
        assert fake.calls("POST", rf"/webhooks/{APP_ID}/.*") == []
        recorder.release.set()
        await fake.wait_for(lambda: bool(fake.calls("POST", rf"/webhooks/{APP_ID}/tok{inter}")))
        [follow] = fake.calls("POST", rf"/webhooks/{APP_ID}/tok{inter}")
        assert follow.body["content"] == "done waiting"
        assert follow.body["allowed_mentions"] == {"parse": []}
    finally:
        await stop(task, adapter)


async def test_autocomplete_asks_the_injected_source(fake: FakeDiscord, make_adapter: AdapterFactory,
                                                     recorder: Recorder) -> None:
    asked: list[tuple[str, str, str]] = []

    async def source(kind: str, channel: str, current: str) -> list[str]:
        asked.append((kind, channel, current))
        return ["Bucharest", "Budapest", "Bucharest", "x" * 150]

    adapter = make_adapter(autocomplete=source)
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        inter = await fake.push_command("whosaid", {"topic": "Bu"}, kind=4, focused="topic")
        await fake.wait_for(lambda: bool(callback_of(fake, inter)))
        [body] = callback_of(fake, inter)
        assert body["type"] == 8
        assert [c["value"] for c in body["data"]["choices"]] == ["Bucharest", "Budapest", "x" * 100]
        assert asked == [("topics", f"discord:{CHANNEL_ID}", "Bu")]
    finally:
        await stop(task, adapter)


async def test_gateway_reconnect_resumes_and_keeps_answering(fake: FakeDiscord, make_adapter: AdapterFactory,
                                                             recorder: Recorder) -> None:
    adapter = make_adapter()
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        await fake.force_reconnect()
        await fake.wait_for(lambda: fake.resumes == 1)
        await fake.wait_ready()
        inter = await fake.push_command("echo", {"text": "still here"})
        await fake.wait_for(lambda: bool(callback_of(fake, inter)))
        assert callback_of(fake, inter)[0]["data"]["content"] == "echo: {'text': 'still here'}"
        assert fake.identifies == 1  # resumed, not re-identified
    finally:
        await stop(task, adapter)


async def test_token_never_logged(fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder,
                                  caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    adapter = make_adapter()
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        inter = await fake.push_command("echo", {"text": "hi"})
        await fake.wait_for(lambda: bool(callback_of(fake, inter)))
    finally:
        await stop(task, adapter)
    assert caplog.records, "expected discord.py to log at DEBUG"
    assert all(TOKEN not in r.getMessage() for r in caplog.records)
    assert TOKEN not in caplog.text and TOKEN not in repr(adapter._config)
    # the fake did receive it, so it really was in play
    assert fake.requests[0].headers["Authorization"] == f"Bot {TOKEN}"
