"""Posting briefings: threads for overflow, 429/5xx/timeouts retried, never lost or posted twice."""

from __future__ import annotations

import logging

import pytest
from fake_slack import HANG, INVALID_BLOCKS, RATE_LIMITED, SERVER_ERROR, FakeSlack, pings
from slack_helpers import NOW, RecordingSleep, make_adapter, make_briefing, slack_config

from adapters.slack.adapter import SlackAdapter, build_client
from adapters.slack.post import RetryPolicy
from bot.adapter import PostError
from bot.models import ChannelRef
from digests.render_slack import render_briefing

CHANNEL = ChannelRef("slack", "C0NEWS")


def headlines(fake: FakeSlack) -> list[int]:
    """Story numbers in the order they were posted (each appears once when nothing is duplicated)."""
    import re

    text = " ".join(str(m.get("blocks", "")) for m in fake.messages)
    return [int(n) for n in re.findall(r"\|Story number (\d+) about the summit>", text)]


async def test_200_story_briefing_arrives_complete_in_a_thread(fake: FakeSlack) -> None:
    adapter = make_adapter(fake)
    ids = await adapter.post(CHANNEL, make_briefing(200), key="slack:C0NEWS@2025-03-01T08:00")
    assert len(ids) == len(fake.messages) > 3
    assert ids == [m["ts"] for m in fake.messages]
    first, *rest = fake.messages
    assert "thread_ts" not in first and all(m["thread_ts"] == first["ts"] for m in rest)
    assert headlines(fake) == list(range(200))
    assert fake.rejected == []
    for message in fake.messages:
        assert message["channel"] == "C0NEWS" and message["text"]
        assert "parse" not in message and "link_names" not in message
        assert message["unfurl_links"] is False


async def test_burst_of_429s_delays_without_losing_or_duplicating(fake: FakeSlack) -> None:
    sleep = RecordingSleep()
    adapter = make_adapter(fake, sleep)
    fake.fail_next("chat.postMessage", RATE_LIMITED, RATE_LIMITED, RATE_LIMITED, after=1)
    ids = await adapter.post(CHANNEL, make_briefing(60), key="k1")
    assert sleep.delays == [1.0, 1.0, 1.0]  # Retry-After honoured each time
    assert headlines(fake) == list(range(60))
    assert len(ids) == len(set(ids)) == len(fake.messages)


async def test_outage_part_way_hands_back_and_a_retry_resumes(fake: FakeSlack) -> None:
    adapter = make_adapter(fake)  # 4 attempts per message
    briefing = make_briefing(200)
    fake.fail_next("chat.postMessage", *[RATE_LIMITED] * 4, after=2)
    with pytest.raises(PostError) as error:
        await adapter.post(CHANNEL, briefing, key="slot-1")
    assert error.value.kind == "retryable" and error.value.retry_after == 1.0  # Slack's Retry-After, for the ledger
    assert error.value.posted == tuple(m["ts"] for m in fake.messages) and len(error.value.posted) == 2
    ids = await adapter.post(CHANNEL, briefing, key="slot-1")  # the scheduler tries the slot again
    assert headlines(fake) == list(range(200))
    assert ids[:2] == list(error.value.posted) and len(ids) == len(render_briefing(briefing))
    assert all(m["thread_ts"] == ids[0] for m in fake.messages[1:])


async def test_same_key_twice_posts_once(fake: FakeSlack) -> None:
    adapter = make_adapter(fake)
    first = await adapter.post(CHANNEL, make_briefing(3), key="slot-2")
    again = await adapter.post(CHANNEL, make_briefing(3), key="slot-2")
    assert first == again and len(fake.messages) == 1


async def test_server_errors_back_off_then_succeed(fake: FakeSlack) -> None:
    sleep = RecordingSleep()
    adapter = make_adapter(fake, sleep)
    fake.fail_next("chat.postMessage", SERVER_ERROR, SERVER_ERROR)
    assert len(await adapter.post(CHANNEL, make_briefing(2))) == 1
    assert sleep.delays == [1.0, 2.0]


async def test_persistent_5xx_is_retryable_with_bounded_attempts(fake: FakeSlack) -> None:
    sleep = RecordingSleep()
    adapter = make_adapter(fake, sleep)
    fake.fail_next("chat.postMessage", *[SERVER_ERROR] * 10)
    with pytest.raises(PostError) as error:
        await adapter.post(CHANNEL, make_briefing(2))
    assert (error.value.kind, error.value.posted, error.value.retry_after) == ("retryable", (), None)
    assert len(sleep.delays) == 3 and sum(1 for m, _ in fake.calls if m == "chat.postMessage") == 4


async def test_timeout_is_retried(fake: FakeSlack) -> None:
    config = slack_config(fake)
    sleep = RecordingSleep()
    adapter = SlackAdapter(config, clock=lambda: NOW, client=build_client(config, timeout=0.2),  # type: ignore[arg-type]
                           sleep=sleep, policy=RetryPolicy(attempts=3))
    fake.fail_next("chat.postMessage", HANG)
    assert len(await adapter.post(CHANNEL, make_briefing(1))) == 1
    assert sleep.delays == [1.0] and len(fake.messages) == 1


async def test_channel_without_the_bot_is_permanent_and_others_carry_on(
        fake: FakeSlack, caplog: pytest.LogCaptureFixture) -> None:
    adapter = make_adapter(fake)
    fake.not_in_channel.add("C0GONE")
    fake.missing_channels.add("C0DELETED")
    fake.missing_channels.add("D0CLOSED")  # a DM with someone who has left the workspace
    for channel, reason, hint in (("C0GONE", "not_in_channel", "Invite the bot to the channel"),
                                  ("C0DELETED", "channel_not_found", "fix the channel id"),
                                  ("D0CLOSED", "channel_not_found", "The direct message is closed to the bot")):
        caplog.clear()
        with caplog.at_level(logging.ERROR), pytest.raises(PostError) as error:
            await adapter.post(ChannelRef("slack", channel), make_briefing(2))
        assert (error.value.kind, error.value.reason) == ("permanent", reason)
        assert f"cannot post to slack:{channel}: {reason}" in caplog.text and hint in caplog.text
        assert channel != "D0CLOSED" or "/invite" not in caplog.text
    assert len(await adapter.post(CHANNEL, make_briefing(2))) == 1


async def test_refused_blocks_fall_back_to_the_text_version(fake: FakeSlack) -> None:
    adapter = make_adapter(fake)
    fake.fail_next("chat.postMessage", INVALID_BLOCKS)
    await adapter.post(CHANNEL, make_briefing(2))
    assert len(fake.messages) == 1 and "blocks" not in fake.messages[0]
    assert "Story number 1 about the summit" in fake.messages[0]["text"]


async def test_notify_is_escaped_and_not_a_slack_channel_is_refused(fake: FakeSlack) -> None:
    adapter = make_adapter(fake)
    await adapter.notify(CHANNEL, "Source <!channel> Feed & co failed @here")
    assert fake.messages[0]["text"].startswith("Source &lt;!channel&gt; Feed &amp; co failed")
    assert pings(fake.messages[0]) == []
    with pytest.raises(PostError) as error:
        await adapter.post(ChannelRef("discord", "1"), make_briefing(1))
    assert error.value.kind == "permanent"


async def test_mention_in_a_story_title_pings_nobody_when_posted(fake: FakeSlack) -> None:
    adapter = make_adapter(fake)
    await adapter.post(CHANNEL, make_briefing(2, headline=lambda n: "<!channel> breaking"))
    assert fake.messages and all(pings(m) == [] for m in fake.messages)
    assert "&lt;!channel&gt; breaking" in fake.messages[0]["text"]


async def test_notify_to_a_user_lands_in_the_apps_dm_with_them(fake: FakeSlack) -> None:
    adapter = make_adapter(fake)
    user = ChannelRef("slack", "U0ALICE", is_user=True)
    await adapter.notify(user, "I could not post the briefing for slack:C0GONE: not_in_channel")
    await adapter.notify(user, "Still failing")
    [call, _] = [p for m, p in fake.calls if m == "chat.postMessage"]
    assert call["channel"] == "U0ALICE"  # Slack opens the DM itself: no conversations.open needed
    dm = fake.dms["U0ALICE"]
    assert dm.startswith("D")
    assert [m["text"] for m in fake.messages if m["channel"] == dm] == [
        "I could not post the briefing for slack:C0GONE: not_in_channel", "Still failing"]
    assert len(fake.messages) == 2 and "conversations.open" not in [m for m, _ in fake.calls]
