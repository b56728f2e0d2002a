"""A keyed Slack post is idempotent across restarts: parts already in the channel are never posted again."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fake_slack import ACCEPTED_THEN_500, ACCEPTED_THEN_HANG, RATE_LIMITED, FakeSlack
from slack_helpers import NOW, RecordingSleep, make_adapter, make_briefing, slack_config

from adapters.slack.adapter import SlackAdapter, build_client
from adapters.slack.post import EVENT_TYPE, HISTORY_MARGIN, RetryPolicy, keyed_parts, part_metadata
from bot.adapter import PostError
from bot.models import ChannelRef
from digests.render_slack import render_briefing

CHANNEL = ChannelRef("slack", "C0NEWS")
KEY = "slack:C0NEWS|2025-03-01T08:00:00+00:00"
STORIES = 40  # four messages (each story has its buttons): the first in the channel, three in its thread
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _slack_clock(fake: FakeSlack) -> None:
    # Slack stamps messages a minute after the briefing was composed (NOW); the counter keeps ts unique
    fake.clock = lambda: NOW.timestamp() + 60


def headlines(fake: FakeSlack) -> list[int]:
    """Story numbers in the order they were posted (each appears once when nothing is duplicated)."""
    text = " ".join(str(m.get("blocks", "")) for m in fake.messages)
    return [int(n) for n in re.findall(r"\|Story number (\d+) about the summit>", text)]


def parts(fake: FakeSlack, key: str = KEY) -> list[int]:
    return [m["metadata"]["event_payload"]["part"] for m in fake.messages
            if m.get("metadata", {}).get("event_payload", {}).get("key") == key]


def calls(fake: FakeSlack, method: str) -> list[dict[str, object]]:
    return [payload for name, payload in fake.calls if name == method]


def assert_each_part_once(fake: FakeSlack, ids: list[str]) -> None:
    total = len(render_briefing(make_briefing(STORIES)))
    assert parts(fake) == list(range(1, total + 1))
    assert headlines(fake) == list(range(STORIES))
    assert ids == [m["ts"] for m in fake.messages if m.get("metadata")]
    first, *rest = [m for m in fake.messages if m.get("metadata")]
    assert "thread_ts" not in first and all(m["thread_ts"] == first["ts"] for m in rest)


async def crash_after_parts_accepted(fake: FakeSlack, accepted: int) -> None:
    """Post in a task that is cancelled while waiting for the answer to part ``accepted``, which Slack
    has already posted: the process "dies" between Slack accepting and anyone recording it."""
    fake.fail_next("chat.postMessage", ACCEPTED_THEN_HANG, after=accepted - 1)
    doomed = asyncio.create_task(make_adapter(fake).post(CHANNEL, make_briefing(STORIES), key=KEY))
    await fake.wait_for(lambda: len(parts(fake)) >= accepted)
    await fake.wait_for(lambda: not fake.failures["chat.postMessage"])  # the hang has begun
    doomed.cancel()
    with pytest.raises(asyncio.CancelledError):
        await doomed


def test_metadata_marks_each_part_and_only_this_key_is_found() -> None:
    mine: list[dict[str, Any]] = [{"ts": "1740816060.000003", "metadata": part_metadata(KEY, 0, 4)},
            {"ts": "1740816060.000001", "metadata": part_metadata(KEY, 0, 4)},  # an earlier duplicate
            {"ts": "1740816060.000004", "metadata": part_metadata(KEY, 2, 4)}]
    others: list[dict[str, Any]] = [{"ts": "1740816060.000005", "metadata": part_metadata("slack:C0NEWS|other", 1, 4)},
              {"ts": "1740816060.000006", "metadata": {"event_type": "task_created", "event_payload": {"key": KEY}}},
              {"ts": "1740816060.000007", "metadata": {"event_type": EVENT_TYPE,
                                                       "event_payload": {"key": KEY, "part": "x"}}},
              {"ts": "1740816060.000008", "text": "plain chatter"}]
    assert part_metadata(KEY, 2, 4) == {"event_type": "briefbot_briefing",
                                        "event_payload": {"key": KEY, "part": 3, "parts": 4}}
    assert keyed_parts([*mine, *others], KEY) == {0: "1740816060.000001", 2: "1740816060.000004"}


async def test_restart_after_parts_were_accepted_posts_only_the_missing_ones(fake: FakeSlack) -> None:
    await crash_after_parts_accepted(fake, accepted=2)
    assert parts(fake) == [1, 2]
    posts_before = len(calls(fake, "chat.postMessage"))
    fresh = make_adapter(fake)  # a new process: nothing in memory
    ids = await fresh.post(CHANNEL, make_briefing(STORIES), key=KEY)
    assert len(calls(fake, "chat.postMessage")) - posts_before == 2  # parts 3 and 4 only
    assert_each_part_once(fake, ids)
    history, replies = calls(fake, "conversations.history")[-1], calls(fake, "conversations.replies")[-1]
    assert str(history["include_all_metadata"]).lower() in ("1", "true")
    assert Decimal(str(history["oldest"])) == Decimal(f"{(NOW - HISTORY_MARGIN).timestamp():.6f}")
    assert replies["ts"] == ids[0]


async def test_a_fresh_process_finds_a_finished_delivery_and_posts_nothing(fake: FakeSlack) -> None:
    first = await make_adapter(fake).post(CHANNEL, make_briefing(STORIES), key=KEY)
    again = await make_adapter(fake).post(CHANNEL, make_briefing(STORIES), key=KEY)
    assert again == first and len(fake.messages) == len(first) == 4
    assert_each_part_once(fake, again)


async def test_answer_lost_after_slack_posted_is_not_posted_again(fake: FakeSlack) -> None:
    sleep = RecordingSleep()
    fake.fail_next("chat.postMessage", ACCEPTED_THEN_500, after=1)  # part 2 posted, the answer a 500
    ids = await make_adapter(fake, sleep).post(CHANNEL, make_briefing(STORIES), key=KEY)
    assert_each_part_once(fake, ids)
    assert len(calls(fake, "chat.postMessage")) == 4 and sleep.delays == [1.0]


async def test_timeout_after_slack_posted_is_not_posted_again(fake: FakeSlack) -> None:
    config = slack_config(fake)
    adapter = SlackAdapter(config, clock=lambda: NOW, client=build_client(config, timeout=0.2),  # type: ignore[arg-type]
                           sleep=RecordingSleep(), policy=RetryPolicy(attempts=3))
    fake.fail_next("chat.postMessage", ACCEPTED_THEN_HANG)  # part 1 posted, then no answer
    ids = await adapter.post(CHANNEL, make_briefing(STORIES), key=KEY)
    assert_each_part_once(fake, ids)
    assert len(calls(fake, "chat.postMessage")) == 4


async def test_busy_channel_is_read_page_by_page_and_other_keys_are_left_alone(fake: FakeSlack) -> None:
    await make_adapter(fake).post(CHANNEL, make_briefing(3), key="slack:C0NEWS|2025-02-28T08:00:00+00:00")
    await crash_after_parts_accepted(fake, accepted=1)
    for n in range(450):  # readers chatting after part 1 went out: part 1 is on the third page
        fake.seed_message(CHANNEL.id, f"chatter {n}")
    ids = await make_adapter(fake).post(CHANNEL, make_briefing(STORIES), key=KEY)
    assert parts(fake) == [1, 2, 3, 4] and headlines(fake).count(0) == 2  # the earlier briefing's story 0
    mine = [m for m in fake.messages if m.get("metadata", {}).get("event_payload", {}).get("key") == KEY]
    assert ids == [m["ts"] for m in mine] and all(m["thread_ts"] == ids[0] for m in mine[1:])
    history = calls(fake, "conversations.history")[-3:]
    assert [h.get("cursor") for h in history] == [None, "offset:200", "offset:400"]


async def test_history_refused_falls_back_with_one_warning(fake: FakeSlack,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    fake.missing_scope.update({"conversations.history", "conversations.replies"})
    adapter = make_adapter(fake)
    with caplog.at_level(logging.WARNING, logger="adapters.slack.post"):
        await adapter.post(CHANNEL, make_briefing(STORIES), key=KEY)
        await adapter.post(CHANNEL, make_briefing(STORIES), key=KEY + "-next")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "missing_scope" in warnings[0] and "channels:history" in warnings[0]
    assert parts(fake) == [1, 2, 3, 4] and parts(fake, KEY + "-next") == [1, 2, 3, 4]
    assert fake.rejected == []  # the posts themselves went through


async def test_history_rate_limited_delays_the_post_rather_than_risk_a_duplicate(fake: FakeSlack) -> None:
    fake.fail_next("conversations.history", *[RATE_LIMITED] * 4)
    adapter = make_adapter(fake)  # 4 attempts
    with pytest.raises(PostError) as error:
        await adapter.post(CHANNEL, make_briefing(STORIES), key=KEY)
    assert (error.value.kind, error.value.posted, fake.messages) == ("retryable", (), [])
    ids = await adapter.post(CHANNEL, make_briefing(STORIES), key=KEY)  # the scheduler tries again
    assert_each_part_once(fake, ids)


CHILD = """
import asyncio, sys
from types import SimpleNamespace
from slack_helpers import make_adapter, make_briefing
from bot.models import ChannelRef

async def main() -> None:
    url, key, stories = sys.argv[1], sys.argv[2], int(sys.argv[3])
    adapter = make_adapter(SimpleNamespace(api_url=url))
    ids = await adapter.post(ChannelRef("slack", "C0NEWS"), make_briefing(stories), key=key)
    print(" ".join(ids))

asyncio.run(main())
"""


async def run_child(fake: FakeSlack) -> asyncio.subprocess.Process:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("SLACK_") and k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), str(Path(__file__).parent)])
    return await asyncio.create_subprocess_exec(sys.executable, "-c", CHILD, fake.api_url, KEY, str(STORIES),
                                                cwd=REPO, env=env, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.PIPE)


@pytest.mark.slow
async def test_sigkill_between_slack_accepting_and_the_answer_then_restart(fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", ACCEPTED_THEN_HANG, after=1)  # part 2 is posted, its answer held
    first = await run_child(fake)
    try:
        await fake.wait_for(lambda: len(fake.messages) >= 2 or first.returncode is not None, timeout=60)
    finally:
        if first.returncode is None:
            first.send_signal(signal.SIGKILL)
        _, err = await first.communicate()
    assert first.returncode == -signal.SIGKILL, err.decode()[-2000:]
    assert parts(fake) == [1, 2]
    second = await run_child(fake)
    out, err = await asyncio.wait_for(second.communicate(), 60)
    assert second.returncode == 0, err.decode()[-2000:]
    ids = out.decode().split()
    assert_each_part_once(fake, ids)
    assert Counter(m["ts"] for m in fake.messages) == Counter(ids)
