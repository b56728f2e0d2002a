"""Discord tells the app its own permissions in the channel (``app_permissions``): the adapter passes the core a
sentence saying what to grant when the bot could not post a briefing there (``Invocation.post_problem``)."""

from __future__ import annotations

from typing import Any

from discord_harness import AdapterFactory, Recorder, start, stop
from fake_discord import FakeDiscord

from adapters.discord.translate import post_problem

VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
SEND_MESSAGES_IN_THREADS = 1 << 38
USE_APPLICATION_COMMANDS = 1 << 31
ALL = VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | SEND_MESSAGES_IN_THREADS
MANAGE_CHANNELS = 1 << 4


async def push_with_app_permissions(fake: FakeDiscord, sub: str, options: dict[str, Any], app: int) -> str:
    """``/brief sub ...`` by a Manage Channels member, Discord saying the bot has ``app`` in the channel."""
    opts = [{"name": k, "type": 3, "value": v} for k, v in options.items()]
    return await fake._interaction(2, {"id": "1", "name": "brief", "type": 1,
                                       "options": [{"name": sub, "type": 1, "options": opts}]},
                                   user_id="42", permissions=MANAGE_CHANNELS, app_permissions=str(app))


async def test_subscribing_where_the_bot_cannot_see_or_post_passes_on_what_to_grant(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder) -> None:
    adapter = make_adapter()
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        await push_with_app_permissions(fake, "subscribe", {"topic": "NATO"}, USE_APPLICATION_COMMANDS)
        await fake.wait_for(lambda: bool(recorder.seen))
        [inv] = recorder.seen
        assert inv.post_problem is not None
        assert "View Channel" in inv.post_problem and "Send Messages" in inv.post_problem
        assert "Embed Links" in inv.post_problem
    finally:
        await stop(task, adapter)


async def test_no_problem_is_passed_on_where_the_bot_may_post(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder) -> None:
    adapter = make_adapter()
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        await push_with_app_permissions(fake, "subscribe", {"topic": "NATO"}, ALL | USE_APPLICATION_COMMANDS)
        await fake.wait_for(lambda: bool(recorder.seen))
        assert recorder.seen[0].post_problem is None
    finally:
        await stop(task, adapter)


def test_each_missing_permission_is_named_and_threads_need_their_own_send() -> None:
    assert post_problem(ALL, in_thread=False) is None
    assert post_problem(ALL & ~EMBED_LINKS, in_thread=False) == (
        "the bot may not post briefings here: give it Embed Links in this channel")
    sees_no_send = VIEW_CHANNEL | EMBED_LINKS | SEND_MESSAGES_IN_THREADS
    assert "Send Messages" in (post_problem(sees_no_send, in_thread=False) or "")
    assert post_problem(sees_no_send, in_thread=True) is None  # in a thread, Send Messages in Threads is the one
    in_thread = post_problem(VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS, in_thread=True) or ""
    assert "Send Messages in Threads" in in_thread
    assert post_problem(1 << 3, in_thread=False) is None  # Administrator: every permission
    assert post_problem(0, in_thread=False) is None  # not sent: unknown, no warning
