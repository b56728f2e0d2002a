"""A channel that refuses the bot (removed, deleted, archived) is a ``channel_refused`` PostError; a message the
channel refuses is not; the poster remembers a bounded number of delivery keys."""

from __future__ import annotations

import pytest
from fake_slack import Failure, FakeSlack
from slack_helpers import make_adapter, make_briefing

import adapters.slack.post as slack_post
from bot.adapter import PostError
from bot.models import ChannelRef

CHANNEL = ChannelRef("slack", "C0HARBOUR")


@pytest.mark.parametrize("error", ["not_in_channel", "channel_not_found", "is_archived",
                                   "restricted_action_read_only_channel"])
async def test_a_channel_that_refuses_the_bot_is_channel_refused(fake: FakeSlack, error: str) -> None:
    adapter = make_adapter(fake)
    fake.fail_next("chat.postMessage", Failure(error=error))
    with pytest.raises(PostError) as raised:
        await adapter.post(CHANNEL, make_briefing(3), key="slot-refused")
    assert raised.value.kind == "permanent" and raised.value.reason == error
    assert raised.value.channel_refused is True
    assert raised.value.posted == ()


async def test_a_refused_notice_is_channel_refused_too(fake: FakeSlack) -> None:
    adapter = make_adapter(fake)
    fake.not_in_channel.add(CHANNEL.id)
    with pytest.raises(PostError) as raised:
        await adapter.notify(CHANNEL, "Ferrybridge feed is failing")
    assert raised.value.channel_refused is True


async def test_a_refused_message_is_not_channel_refused(fake: FakeSlack) -> None:
    adapter = make_adapter(fake)
    fake.fail_next("chat.postMessage", Failure(error="too_many_attachments"))
    with pytest.raises(PostError) as raised:
        await adapter.post(CHANNEL, make_briefing(3), key="slot-message")
    assert raised.value.kind == "permanent" and raised.value.channel_refused is False


async def test_archived_part_way_keeps_the_parts_out_and_says_the_channel_refused(fake: FakeSlack) -> None:
    adapter = make_adapter(fake)
    fake.fail_next("chat.postMessage", Failure(error="is_archived"), after=2)
    with pytest.raises(PostError) as raised:
        await adapter.post(CHANNEL, make_briefing(200), key="slot-archived")
    assert raised.value.channel_refused is True
    assert raised.value.posted == tuple(m["ts"] for m in fake.messages) and len(raised.value.posted) == 2


async def test_delivery_keys_remembered_are_bounded(fake: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slack_post, "KEYS_REMEMBERED", 3)
    adapter = make_adapter(fake)
    briefing = make_briefing(2)
    for n in range(5):
        await adapter.post(CHANNEL, briefing, key=f"slot-{n}")
    remembered = adapter._poster._deliveries
    assert list(remembered) == ["slot-2", "slot-3", "slot-4"]  # the newest three; the oldest forgotten
    sent = len(fake.messages)
    await adapter.post(CHANNEL, briefing, key="slot-0")  # forgotten by the process, found in the channel
    assert len(fake.messages) == sent
    assert list(remembered) == ["slot-3", "slot-4", "slot-0"]
