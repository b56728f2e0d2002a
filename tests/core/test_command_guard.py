"""The pile-up guard through the real Dispatcher: one heavy command per person, N at once, M waiting, the rest
refused; light commands never held back. Commands are held "running" by events, never by time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.dispatch import Dispatcher
from bot.commands.guard import BUSY, CommandGuard, request_of
from bot.config import CommandsConfig, Config
from bot.models import ChannelRef

CHANNEL = ChannelRef("slack", "C1")
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


class Held:
    """Heavy command handlers that stay running until the test releases them, one event per person."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.finished: list[str] = []
        self._release: dict[str, asyncio.Event] = {}
        self.fail: set[str] = set()

    def _event(self, user: str) -> asyncio.Event:
        return self._release.setdefault(user, asyncio.Event())

    def release(self, user: str) -> None:
        self._event(user).set()

    async def __call__(self, inv: Invocation) -> Reply:
        self.started.append(inv.user)
        await self._event(inv.user).wait()
        self._release.pop(inv.user, None)  # the person's next request waits for a new release
        self.finished.append(inv.user)
        if inv.user in self.fail:
            raise RuntimeError("the store went away")
        return Reply(f"briefing for {inv.user}")


async def light(inv: Invocation) -> Reply:
    return Reply(f"subscribed to {inv.args}")


def dispatcher(held: Held, guard: CommandGuard) -> Dispatcher:
    topic = (Option("topic", "a topic", rest=True),)
    return Dispatcher([
        Command("brief", "A briefing now.", held, topic, slow=True, heavy=True),
        Command("whosaid", "Who said what.", held, topic, heavy=True),
        Command("subscribe", "Follow a topic.", light, topic),
    ], guard=guard)


def ask(dispatch: Dispatcher, user: str, text: str = "brief NATO", *, platform: str = "slack") -> asyncio.Task[Reply]:
    inv = dispatch.from_text(text, user=user, channel=ChannelRef(platform, "C1"), can_manage=True)
    return asyncio.create_task(dispatch(inv))


async def until(predicate: Callable[[], bool]) -> None:
    """Let the other tasks run (zero-time yields, no clock) until ``predicate`` holds."""
    for _ in range(200):
        if predicate():
            return
        await asyncio.sleep(0)
    raise AssertionError("the condition never held")


async def test_a_second_heavy_command_from_the_same_person_is_answered_without_running() -> None:
    held = Held()
    dispatch = dispatcher(held, CommandGuard(4, 16))
    first = ask(dispatch, "U1", "NATO since last week")
    await until(lambda: held.started == ["U1"])
    again = await ask(dispatch, "U1", "whosaid Bucharest")  # a different heavy verb: still one at a time
    assert again.ephemeral and not again.error
    assert again.text == ("Still working on your last request (`/brief NATO since last week`); "
                          "this one was not run.")
    assert held.started == ["U1"]  # the second one never reached its handler
    other_person = ask(dispatch, "U2")  # somebody else is not held back
    same_id_elsewhere = ask(dispatch, "U1", platform="discord")  # another platform's user 1 is another person
    await until(lambda: sorted(held.started) == ["U1", "U1", "U2"])
    held.release("U1")
    assert (await first).text == "briefing for U1"
    # once the first has finished, the same person's next request runs
    later = ask(dispatch, "U1", "whosaid Bucharest")
    await until(lambda: held.started.count("U1") == 3)
    for user in ("U1", "U2"):
        held.release(user)
    assert (await later).text == "briefing for U1"
    await other_person
    await same_id_elsewhere


async def test_actions_that_fetch_are_held_back_and_the_others_are_not() -> None:
    """``sources add``/``import`` read the web: one at a time per person like a briefing; ``list`` never waits."""
    held = Held()
    sources = Command("sources", "Sources.", held, (Option("action", "what", required=True),
                                                    Option("target", "a URL", rest=True)),
                      heavy_actions=frozenset({"add", "import"}))
    dispatch = Dispatcher([*dispatcher(held, CommandGuard(4, 16)).commands, sources], guard=CommandGuard(4, 16))
    first = ask(dispatch, "U1", "sources import https://example.org/list.opml")
    await until(lambda: held.started == ["U1"])
    again = await ask(dispatch, "U1", "sources ADD https://example.org/feed.xml")
    assert again.text.startswith("Still working on your last request (`/brief sources import https://example.org")
    typed = await dispatch(Invocation("sources", "", "U1", ChannelRef("slack", "C1"), can_manage=True,
                                      options={"target": "https://example.org/feed.xml", "action": "add"}))
    assert typed.text.startswith("Still working")  # typed options (Discord) are read by the first option's name
    listing = ask(dispatch, "U1", "sources list")  # shows only: never held back, runs beside the import
    await until(lambda: held.started == ["U1", "U1"])
    held.release("U1")  # both wait on the person's one event
    assert {(await first).text, (await listing).text} == {"briefing for U1"}
    assert len(held.started) == 2


async def test_the_overall_limit_runs_n_queues_m_and_refuses_the_rest() -> None:
    held = Held()
    guard = CommandGuard(max_concurrent=2, max_waiting=2)
    dispatch = dispatcher(held, guard)
    tasks = {user: ask(dispatch, user) for user in ("U1", "U2", "U3", "U4")}
    await until(lambda: guard.running == 2 and guard.waiting == 2)
    assert held.started == ["U1", "U2"]  # exactly N run
    refused = await ask(dispatch, "U5")
    assert refused.text == BUSY and refused.ephemeral
    assert held.started == ["U1", "U2"] and not any(t.done() for t in tasks.values())
    # a light command passes while the heavy ones are held
    assert (await ask(dispatch, "U5", "subscribe Sofia")).text == "subscribed to Sofia"
    # a freed slot goes to the first in line
    held.release("U1")
    assert (await tasks["U1"]).text == "briefing for U1"
    await until(lambda: held.started == ["U1", "U2", "U3"])
    assert guard.running == 2 and guard.waiting == 1
    assert not tasks["U4"].done()
    for user in ("U2", "U3", "U4"):
        held.release(user)
    assert [(await tasks[u]).text for u in ("U2", "U3", "U4")] == [f"briefing for {u}" for u in ("U2", "U3", "U4")]
    assert held.started == ["U1", "U2", "U3", "U4"]
    assert (guard.running, guard.waiting) == (0, 0)


async def test_a_double_submit_while_waiting_in_line_is_refused_too() -> None:
    held = Held()
    guard = CommandGuard(max_concurrent=1, max_waiting=5)
    dispatch = dispatcher(held, guard)
    running, waiting = ask(dispatch, "U1"), ask(dispatch, "U2", "whosaid Sofia")
    await until(lambda: guard.waiting == 1)
    again = await ask(dispatch, "U2")
    assert again.text.startswith("Still working on your last request (`/brief whosaid Sofia`)")
    assert guard.waiting == 1
    held.release("U1")
    held.release("U2")
    await running
    await waiting
    assert held.started == ["U1", "U2"]


async def test_no_limit_and_no_queue() -> None:
    held = Held()
    unlimited = CommandGuard(max_concurrent=0, max_waiting=0)
    dispatch = dispatcher(held, unlimited)
    tasks = [ask(dispatch, f"U{n}") for n in range(10)]
    await until(lambda: len(held.started) == 10)  # 0 = no overall limit (still one per person)
    for n in range(10):
        held.release(f"U{n}")
    await asyncio.gather(*tasks)

    held = Held()
    no_queue = CommandGuard(max_concurrent=1, max_waiting=0)
    dispatch = dispatcher(held, no_queue)
    first = ask(dispatch, "U1")
    await until(lambda: held.started == ["U1"])
    assert (await ask(dispatch, "U2")).text == BUSY  # nowhere to wait
    held.release("U1")
    await first


async def test_an_exception_in_a_command_frees_its_slot_and_the_person() -> None:
    held = Held()
    held.fail.add("U1")
    guard = CommandGuard(max_concurrent=1, max_waiting=1)
    dispatch = dispatcher(held, guard)
    failing, queued = ask(dispatch, "U1"), ask(dispatch, "U2")
    await until(lambda: guard.waiting == 1)
    held.release("U1")
    reply = await failing
    assert reply.error and "went wrong" in reply.text
    await until(lambda: held.started == ["U1", "U2"])  # the slot went on to the one waiting
    retry = ask(dispatch, "U1")  # and U1 is free to ask again: queued behind U2
    await until(lambda: guard.waiting == 1)
    held.fail.clear()
    held.release("U2")
    held.release("U1")
    assert (await queued).text == "briefing for U2"
    assert (await retry).text == "briefing for U1"
    assert (guard.running, guard.waiting) == (0, 0)


async def test_a_cancelled_command_frees_its_slot_whether_running_or_waiting() -> None:
    held = Held()
    guard = CommandGuard(max_concurrent=1, max_waiting=2)
    dispatch = dispatcher(held, guard)
    running, waiting, last = ask(dispatch, "U1"), ask(dispatch, "U2"), ask(dispatch, "U3")
    await until(lambda: guard.waiting == 2)
    waiting.cancel()  # the adapter stopped while U2 waited
    await until(lambda: guard.waiting == 1)
    running.cancel()
    await until(lambda: held.started == ["U1", "U3"])  # U2 never ran; U3 took the slot
    held.release("U3")
    assert (await last).text == "briefing for U3"
    assert (guard.running, guard.waiting) == (0, 0)
    assert (await ask(dispatch, "U2", "subscribe x")).text == "subscribed to x"
    with pytest.raises(asyncio.CancelledError):
        await waiting


async def test_without_a_guard_nothing_is_held_back() -> None:
    held = Held()
    dispatch = Dispatcher(dispatcher(held, CommandGuard()).commands)
    tasks = [ask(dispatch, "U1") for _ in range(3)]
    await until(lambda: held.started == ["U1"] * 3)  # the same person, three at once: all run
    held.release("U1")
    assert [r.text for r in await asyncio.gather(*tasks)] == ["briefing for U1"] * 3


def test_request_is_short_and_safe_inside_backticks() -> None:
    inv = Invocation("whosaid", "the `quoted` " + "word " * 40, "U1", CHANNEL)
    text = request_of(inv)
    assert text.startswith("/brief whosaid the 'quoted' word") and text.endswith("…") and "`" not in text
    assert request_of(Invocation("brief", "", "U1", CHANNEL)) == "/brief"
    assert request_of(Invocation("story", "3", "U1", CHANNEL, prefix="/news")) == "/news story 3"


def test_the_guard_takes_its_limits_from_the_config() -> None:
    assert Config().commands == CommandsConfig(max_concurrent=4, max_waiting=16)
    guard = CommandGuard.from_config(CommandsConfig(max_concurrent=2, max_waiting=0))
    assert (guard.max_concurrent, guard.max_waiting) == (2, 0)


def test_the_heavy_commands_are_declared_on_the_commands() -> None:
    from pathlib import Path

    from bot.commands import build_commands
    from bot.commands.deps import CommandDeps

    commands = build_commands(CommandDeps(Config(), object(), lambda: NOW))  # type: ignore[arg-type]
    heavy = {c.name for c in commands if c.heavy}
    assert heavy == {"brief", "whosaid", "ask", "story", "why", "preview"}
    assert {c.name: c.heavy_actions for c in commands if c.heavy_actions} == {"sources": {"add", "import"}}
    guard_source = (Path(__file__).resolve().parents[2] / "bot" / "commands" / "guard.py").read_text()
    assert not any(f'"{verb}"' in guard_source for verb in heavy - {"brief"})  # no name lists in the guard
