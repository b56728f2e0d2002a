"""A command reply whose private fallback (chat.postEphemeral) is refused is a WARNING about that command reply,
not the ERROR a refused briefing gets (which sends the operator to the channel ids in the config)."""

from __future__ import annotations

import asyncio
import logging

from fake_slack import FakeSlack
from response_url_helpers import REFUSED_CHANNELS, refused_private_help
from slack_helpers import Running


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


@REFUSED_CHANNELS
async def test_a_refused_private_command_reply_is_a_warning_about_the_reply(
        fake: FakeSlack, running: Running, channel: str, refusal: str) -> None:
    seen = Records()
    await refused_private_help(fake, running, channel, refusal, seen, seen.lost)
    assert [r.getMessage() for r in seen.records if r.levelno >= logging.ERROR] == []
    refused = [r for r in seen.records if refusal in r.getMessage() and "was lost" not in r.getMessage()]
    [record] = refused
    message = record.getMessage()
    assert record.levelno == logging.WARNING
    assert "command reply" in message and "U0ALICE" in message and channel in message
    assert "config" not in message and "other channels carry on" not in message
