"""Posting briefings end to end: limits, mentions, rate limits, retries without duplicates, missing access."""

from __future__ import annotations

import logging
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import discord
import pytest
from discord_harness import TOKEN, AdapterFactory, real_briefing
from discord_limits import embed_problems
from fake_discord import CHANNEL_ID, FORUM_ID, FakeDiscord

from adapters.discord.post import _error
from bot.adapter import PostError
from bot.models import ChannelRef
from digests.render_discord import render_discord

CHANNEL = ChannelRef("discord", CHANNEL_ID)
MESSAGES = rf"/channels/{CHANNEL_ID}/messages"


def titles(messages: list[dict[str, Any]]) -> list[str]:
    return [e["title"] for m in messages for e in m["embeds"] if not e["title"].endswith("(continued)")]


async def test_200_story_briefing_arrives_complete_within_limits(fake: FakeDiscord,
                                                                 make_adapter: AdapterFactory) -> None:
    briefing = real_briefing(200)
    adapter = make_adapter()
    ids = await adapter.post(CHANNEL, briefing, key="discord:1/2025-03-01T08:00")
    posted = fake.messages[CHANNEL_ID]
    assert len(posted) == len(ids) > 1
    assert ids == [m["id"] for m in posted]
    assert len(titles(posted)) == 200
    sent = fake.calls("POST", MESSAGES)
    assert len(sent) == len(posted)  # no request refused
    for request in sent:
        assert embed_problems(request.body) == []
        assert request.body["allowed_mentions"] == {"parse": []}
        assert request.body["enforce_nonce"] is True and len(request.body["nonce"]) <= 25
    every_url = {s.url for i in briefing.items for s in i.story.sources}
    text = str([m["embeds"] for m in posted])
    assert all(url in text for url in every_url)


async def test_everyone_in_a_title_pings_nobody(fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    base = real_briefing(1)
    item = base.items[0]
    story = replace(item.story, headline="@everyone breaking")
    briefing = replace(base, title="@here news", items=(replace(item, story=story),))
    await make_adapter().post(CHANNEL, briefing)
    [request] = fake.calls("POST", MESSAGES)
    assert request.body["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in str(request.body) and "@here" not in str(request.body)
    assert request.body["embeds"][0]["title"] == "1. @\u200beveryone breaking"


async def test_a_429_storm_delays_without_loss_or_duplicates(fake: FakeDiscord,
                                                             make_adapter: AdapterFactory) -> None:
    briefing = real_briefing(30)
    fake.fail("POST", MESSAGES, 429, count=3, retry_after=0.001)  # discord.py sleeps and retries these
    ids = await make_adapter().post(CHANNEL, briefing, key="k1")
    assert len(fake.calls("POST", MESSAGES)) == len(ids) + 3
    assert len(titles(fake.messages[CHANNEL_ID])) == 30


async def test_a_long_storm_fails_retryably_and_the_retry_completes_once(fake: FakeDiscord,
                                                                         make_adapter: AdapterFactory) -> None:
    briefing = real_briefing(60)
    expected = len(render_discord(briefing))
    adapter = make_adapter()
    # one message goes out, then the next is refused more often than discord.py retries (5 tries)
    fake.fail("POST", MESSAGES, 429, skip=1, count=5, retry_after=0.001)
    with pytest.raises(PostError) as failed:
        await adapter.post(CHANNEL, briefing, key="slot-1")
    assert failed.value.kind == "retryable"
    assert len(failed.value.posted) == 1
    ids = await adapter.post(CHANNEL, briefing, key="slot-1")  # the scheduler retries the same slot
    assert ids[0] == failed.value.posted[0]  # the nonce returned the message already posted
    assert len(fake.messages[CHANNEL_ID]) == len(ids) == expected
    assert len(titles(fake.messages[CHANNEL_ID])) == 60


async def test_server_error_after_commit_is_not_posted_twice(fake: FakeDiscord,
                                                             make_adapter: AdapterFactory) -> None:
    briefing = real_briefing(3)
    adapter = make_adapter()
    fake.fail("POST", MESSAGES, 503, commit=True)  # stored, but the answer is lost: the client sees 503
    with pytest.raises(PostError) as failed:
        await adapter.post(CHANNEL, briefing, key="slot-2")
    assert failed.value.kind == "retryable" and failed.value.posted == ()
    ids = await adapter.post(CHANNEL, briefing, key="slot-2")
    assert [m["id"] for m in fake.messages[CHANNEL_ID]] == ids
    assert len(ids) == 1


async def test_missing_access_is_permanent_logged_and_others_carry_on(
        fake: FakeDiscord, make_adapter: AdapterFactory, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    briefing = real_briefing(2)
    adapter = make_adapter()
    fake.fail("POST", r"/channels/111/messages", 403)
    with pytest.raises(PostError) as failed:
        await adapter.post(ChannelRef("discord", "111"), briefing, key="a")
    assert failed.value.kind == "permanent"
    assert "missing access" in failed.value.reason
    [line] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "discord:111" in line.getMessage() and "Send Messages" in line.getMessage()
    assert await adapter.post(CHANNEL, briefing, key="b")
    assert TOKEN not in caplog.text


async def test_thread_per_briefing(fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    briefing = real_briefing(40)
    ids = await make_adapter(thread_per_briefing=True).post(CHANNEL, briefing, key="t")
    assert [m["id"] for m in fake.messages[CHANNEL_ID]] == ids[:1]
    [thread_call] = fake.calls("POST", rf"/channels/{CHANNEL_ID}/messages/{ids[0]}/threads")
    assert thread_call.body["name"] == "Morning briefing"
    assert [m["id"] for m in fake.messages[ids[0]]] == ids[1:]  # the thread has the first message's id
    assert len(titles(fake.messages[CHANNEL_ID] + fake.messages[ids[0]])) == 40


async def test_forum_channel_gets_a_post_per_briefing(fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    ids = await make_adapter(thread_per_briefing=True).post(ChannelRef("discord", FORUM_ID), real_briefing(40))
    [created] = fake.calls("POST", rf"/channels/{FORUM_ID}/threads")
    thread_id = next(k for k in fake.messages if k not in (FORUM_ID,))
    assert created.body["message"]["allowed_mentions"] == {"parse": []}
    assert [m["id"] for m in fake.messages[thread_id]] == ids


async def test_notify_posts_plain_text(fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    await make_adapter().notify(CHANNEL, "Source example.org is failing: timeout")
    [request] = fake.calls("POST", MESSAGES)
    assert request.body["content"] == "Source example.org is failing: timeout"
    assert request.body["allowed_mentions"] == {"parse": []}


USER_ID = "900000000000000042"


async def test_notify_to_a_user_opens_a_dm_and_posts_there(fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    adapter = make_adapter()
    user = ChannelRef("discord", USER_ID, is_user=True)
    await adapter.notify(user, "I could not post the briefing for discord:111: missing access")
    await adapter.notify(user, "Still failing")
    [opened] = fake.calls("POST", "/users/@me/channels")  # discord.py keeps the DM channel it opened
    assert opened.body == {"recipient_id": int(USER_ID)}
    dm = fake.dms[USER_ID]
    assert [m["content"] for m in fake.messages[dm]] == [
        "I could not post the briefing for discord:111: missing access", "Still failing"]
    assert all(r.body["allowed_mentions"] == {"parse": []} for r in fake.calls("POST", rf"/channels/{dm}/messages"))
    assert USER_ID not in fake.messages and fake.calls("POST", rf"/channels/{USER_ID}/messages") == []


async def test_a_user_refusing_dms_is_a_permanent_failure_saying_so(
        fake: FakeDiscord, make_adapter: AdapterFactory, caplog: pytest.LogCaptureFixture) -> None:
    fake.dms_closed.add(USER_ID)
    with pytest.raises(PostError) as failed:
        await make_adapter().notify(ChannelRef("discord", USER_ID, is_user=True), "a notice")
    assert failed.value.kind == "permanent"
    assert "does not accept direct messages" in failed.value.reason and "50007" in failed.value.reason
    assert f"discord:{USER_ID} (a direct message)" in caplog.text
    assert fake.messages.get(fake.dms[USER_ID], []) == []


async def test_a_user_ref_that_is_not_an_id_is_refused_before_opening_a_dm(
        fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    with pytest.raises(PostError) as failed:
        await make_adapter().notify(ChannelRef("discord", "alice", is_user=True), "a notice")
    assert failed.value.kind == "permanent" and "not a Discord user id" in failed.value.reason
    assert fake.calls("POST", "/users/@me/channels") == []


def test_a_rate_limit_hands_its_retry_after_to_the_ledger() -> None:
    """discord.py gives up on a 429 either at once (RateLimited, a wait over its maximum) or after its own tries
    (HTTPException 429): either way the wait reaches PostError.retry_after, so the delivery retries no earlier."""
    limited = _error(CHANNEL, discord.RateLimited(90.0), ())
    assert (limited.kind, limited.retry_after) == ("retryable", 90.0)
    response = SimpleNamespace(status=429, reason="Too Many Requests", headers={"Retry-After": "42"})
    still = _error(CHANNEL, discord.HTTPException(response, {"message": "You are being rate limited."}), ("1",))
    assert (still.kind, still.retry_after, still.posted) == ("retryable", 42.0, ("1",))
    unsaid = SimpleNamespace(status=429, reason="Too Many Requests", headers={})
    assert _error(CHANNEL, discord.HTTPException(unsaid, "limited"), ()).retry_after is None
    busy = SimpleNamespace(status=503, reason="Service Unavailable", headers={"Retry-After": "5"})
    assert _error(CHANNEL, discord.HTTPException(busy, "busy"), ()).retry_after is None  # only a 429's is read
