"""Command metrics: the dispatcher counts every answer by verb and outcome and times it on an injected monotonic
clock; /metrics renders a well-formed counter and histogram."""

from __future__ import annotations

import asyncio

import pytest

from bot.command_stats import CommandStats
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.dispatch import Dispatcher
from bot.commands.guard import CommandGuard
from bot.metrics import prometheus_text
from bot.models import ChannelRef
from tests.prometheus_format import parse

CHANNEL = ChannelRef("discord", "42")


class FakeMonotonic:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeMonotonic:
    return FakeMonotonic()


def commands(clock: FakeMonotonic, release: asyncio.Event, entered: asyncio.Event) -> list[Command]:
    async def brief(inv: Invocation) -> Reply:
        entered.set()
        await release.wait()
        clock.advance(1.5)  # the briefing "took" 1.5 s
        return Reply("briefing")

    async def whosaid(inv: Invocation) -> Reply:
        clock.advance(0.07)
        return Reply("I could not read that.", ephemeral=True, error=True)

    async def crash(inv: Invocation) -> Reply:
        clock.advance(12.0)
        raise RuntimeError("boom")

    topic = (Option("topic", "a topic", rest=True),)
    return [Command("brief", "Now.", brief, topic, heavy=True),
            Command("whosaid", "Quotes.", whosaid, (Option("topic", "a topic", required=True, rest=True),),
                    heavy=True),
            Command("crash", "Fails.", crash)]


async def test_answers_are_counted_by_verb_and_outcome_and_timed(clock: FakeMonotonic) -> None:
    release, entered = asyncio.Event(), asyncio.Event()
    stats = CommandStats(clock)
    dispatch = Dispatcher(commands(clock, release, entered), guard=CommandGuard(), stats=stats)

    def inv(verb: str, args: str = "") -> Invocation:
        return Invocation(verb, args, "7", CHANNEL)

    first = asyncio.create_task(dispatch(inv("brief", "NATO")))
    await entered.wait()
    busy = await dispatch(inv("brief", "NATO"))  # the double-submit: answered at once, not run
    assert busy.text.startswith("Still working")
    release.set()
    assert (await first).text == "briefing"
    assert (await dispatch(inv("whosaid", "Sofia"))).error  # the handler's own error reply
    assert (await dispatch(inv("whosaid"))).error  # a usage error (missing topic): counted as an error of whosaid
    assert (await dispatch(inv("crash"))).error  # raised: failed
    assert (await dispatch(inv("frobnicate"))).error  # no such verb

    snapshot = stats.snapshot()
    assert dict(snapshot.answers) == {("brief", "busy"): 1, ("brief", "ok"): 1, ("crash", "failed"): 1,
                                      ("unknown", "error"): 1, ("whosaid", "error"): 2}
    brief = snapshot.latency["brief"]
    assert (brief.count, brief.total_seconds) == (2, 1.5)  # 1.5 s for the one that ran, 0 for the refusal
    assert dict(brief.buckets) == {0.05: 1, 0.1: 1, 0.25: 1, 0.5: 1, 1.0: 1, 2.5: 2, 5.0: 2, 10.0: 2}
    assert dict(snapshot.latency["crash"].buckets)[10.0] == 0 and snapshot.latency["crash"].count == 1

    families = parse(prometheus_text(True, {"store": {"ok": True}}, snapshot))
    total = families["briefbot_commands_total"]
    assert total.type == "counter"
    assert total.value("briefbot_commands_total", verb="brief", outcome="ok") == 1
    assert total.value("briefbot_commands_total", verb="brief", outcome="busy") == 1
    assert total.value("briefbot_commands_total", verb="whosaid", outcome="error") == 2
    assert total.value("briefbot_commands_total", verb="crash", outcome="failed") == 1
    assert total.value("briefbot_commands_total", verb="unknown", outcome="error") == 1
    assert len(total.samples) == 5
    seconds = families["briefbot_command_seconds"]
    assert seconds.type == "histogram"
    assert seconds.value("briefbot_command_seconds_bucket", verb="brief", le="1") == 1
    assert seconds.value("briefbot_command_seconds_bucket", verb="brief", le="2.5") == 2
    assert seconds.value("briefbot_command_seconds_bucket", verb="brief", le="+Inf") == 2
    assert seconds.value("briefbot_command_seconds_sum", verb="brief") == 1.5
    assert seconds.value("briefbot_command_seconds_count", verb="crash") == 1
    assert seconds.value("briefbot_command_seconds_bucket", verb="crash", le="+Inf") == 1
    assert families["briefbot_ready"].value("briefbot_ready") == 1  # the gauges are still there


async def test_the_guards_load_now_is_shown_as_two_gauges(clock: FakeMonotonic) -> None:
    release, entered = asyncio.Event(), asyncio.Event()
    stats, guard = CommandStats(clock), CommandGuard(max_concurrent=1, max_waiting=2)
    stats.watch_load(lambda: (guard.running, guard.waiting))  # as build_dispatcher wires them for `briefbot run`
    dispatch = Dispatcher(commands(clock, release, entered), guard=guard, stats=stats)

    def gauges() -> tuple[float, float]:
        families = parse(prometheus_text(True, {}, stats.snapshot()))
        return (families["briefbot_commands_running"].value("briefbot_commands_running"),
                families["briefbot_commands_waiting"].value("briefbot_commands_waiting"))

    assert gauges() == (0, 0)
    tasks = [asyncio.create_task(dispatch(Invocation("brief", "NATO", user, CHANNEL))) for user in ("7", "8")]
    await entered.wait()
    for _ in range(100):  # the second one reaches the queue within a few turns of the loop
        if guard.waiting:
            break
        await asyncio.sleep(0)
    assert gauges() == (1, 1)
    release.set()
    assert [(await t).text for t in tasks] == ["briefing", "briefing"]
    assert gauges() == (0, 0)
    assert "briefbot_commands_running" not in prometheus_text(True, {}, CommandStats(clock).snapshot())


def test_without_commands_the_metrics_are_the_gauges_alone() -> None:
    text = prometheus_text(False, {})
    assert "briefbot_command" not in text
    families = parse(text)
    assert families["briefbot_ready"].type == "gauge"


def test_an_empty_record_still_renders_well_formed(clock: FakeMonotonic) -> None:
    families = parse(prometheus_text(True, {}, CommandStats(clock).snapshot()))
    assert families["briefbot_commands_total"].samples == []
    assert families["briefbot_command_seconds"].samples == []


def test_bucket_bounds_are_inclusive_and_must_ascend(clock: FakeMonotonic) -> None:
    stats = CommandStats(clock, buckets=(0.5, 1.0))
    for seconds in (0.5, 0.50001, 1.0, 30.0):
        started = stats.now()
        clock.advance(seconds)
        stats.record("ask", "ok", started)
    assert stats.snapshot().latency["ask"].buckets == ((0.5, 1), (1.0, 3))
    assert stats.snapshot().latency["ask"].count == 4
    with pytest.raises(ValueError, match="ascending"):
        CommandStats(clock, buckets=(1.0, 0.5))


def test_label_values_are_escaped(clock: FakeMonotonic) -> None:
    stats = CommandStats(clock)
    stats.record('odd"verb\\', "ok", stats.now())
    families = parse(prometheus_text(True, {}, stats.snapshot()))
    [(_, labels, _)] = families["briefbot_commands_total"].samples
    assert dict(labels)["verb"] == 'odd\\"verb\\\\'
