"""A command reply whose private fallback (chat.postEphemeral) is refused is a WARNING about that command reply,
not the ERROR a refused briefing gets (which sends the operator to the channel ids in the config)."""

from __future__ import annotations

import asyncio
import logging

import pytest
from fake_slack import Failure, FakeSlack, slash_payload
from slack_helpers import RecordingSleep, Running, command_dispatcher, make_adapter, run_adapter


class Records(logging.Handler):
    """Every warning or worse; ``lost`` is set at the one saying the answer was lost."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lost = asyncio.Event()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        if "was lost" in record.getMessage():
            self.lost.set()


@pytest.mark.parametrize(("channel", "refusal"), [("C0QUIET", "not_in_channel"), ("D0TWOPEOPLE", "channel_not_found")])
async def test_a_refused_private_command_reply_is_a_warning_about_the_reply(
        fake: FakeSlack, running: Running, channel: str, refusal: str) -> None:
    if refusal == "not_in_channel":
        fake.not_in_channel.add(channel)
    else:
        fake.missing_channels.add(channel)
    seen = Records()
    logger = logging.getLogger("adapters.slack")
    logger.addHandler(seen)
    try:
        await run_adapter(running, make_adapter(fake, RecordingSleep(), mode="socket"), command_dispatcher())
        fake.fail_next("respond", *[Failure(status=500)] * 4)  # the test policy: four tries
        await fake.push_slash_command(slash_payload("help", response_url=fake.response_url(), user_id="U0ALICE",
                                                    channel_id=channel))
        await asyncio.wait_for(seen.lost.wait(), 5)
    finally:
        logger.removeHandler(seen)
    assert [r.getMessage() for r in seen.records if r.levelno >= logging.ERROR] == []
    refused = [r for r in seen.records if refusal in r.getMessage() and "was lost" not in r.getMessage()]
    [record] = refused
    message = record.getMessage()
    assert record.levelno == logging.WARNING
    assert "command reply" in message and "U0ALICE" in message and channel in message
    assert "config" not in message and "other channels carry on" not in message
