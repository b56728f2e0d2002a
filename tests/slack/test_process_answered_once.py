"""`briefbot run` answers a mention once across a crash: the process is killed after answering, a new one starts
over the same store, and Slack's redelivery of the mention (``X-Slack-Retry-Num``) is not answered again; killed
while its answer is being posted, the new one answers it when it starts, with no redelivery (twice answered only if
Slack had already taken the first post in), and not again on a redelivery; stopped normally (SIGTERM) while its
answer is being posted, it finishes that answer before it exits, and the new one does not answer it again."""

from __future__ import annotations

import asyncio
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fake_slack import ACCEPTED_THEN_HANG, HANG, HELD, Failure, FakeSlack

# the whole-process helpers (the console script, its config and environment), by package path: tests/discord has a
# module of the same name, and tests/check puts both folders on sys.path
from tests.slack import test_process_e2e as whole

pytestmark = pytest.mark.slow

CHANNEL = "C0CHAN"  # configured in whole.write_config


@dataclass
class Bot:
    """A `briefbot run` process and every line it has logged so far."""

    proc: asyncio.subprocess.Process
    lines: list[str] = field(default_factory=list)
    ended: bool = False
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def read(self) -> None:
        assert self.proc.stderr is not None
        while line := await self.proc.stderr.readline():
            async with self.changed:
                self.lines.append(line.decode())
                self.changed.notify_all()
        async with self.changed:
            self.ended = True
            self.changed.notify_all()

    async def logged(self, text: str, timeout: float = 120) -> None:
        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(lambda: self.ended or any(text in x for x in self.lines)),
                                   timeout)
        assert any(text in x for x in self.lines), f"briefbot run never logged {text!r}:\n" + "".join(self.lines[-30:])


async def start(config: Path, db: str) -> tuple[Bot, asyncio.Task[None]]:
    proc = await asyncio.create_subprocess_exec(str(whole.BRIEFBOT), "run", "-v", "--config", str(config), "--db", db,
                                                env=whole.process_env(), stderr=asyncio.subprocess.PIPE,
                                                stdout=asyncio.subprocess.DEVNULL)
    bot = Bot(proc)
    reader = asyncio.get_running_loop().create_task(bot.read())
    await bot.logged("HTTP mode listening")
    return bot, reader


def mention(ts: str, question: str) -> dict[str, Any]:
    return {"type": "app_mention", "user": "U0READER", "text": f"<@U0BOT> {question}", "ts": ts, "channel": CHANNEL,
            "event_ts": ts, "team": "T0TEAM", "client_msg_id": f"m-{ts}"}


def in_thread(fake: FakeSlack, event: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in fake.messages if m.get("channel") == CHANNEL and m.get("thread_ts") == event["ts"]]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not whole.SEEDS.is_dir():
        pytest.skip(f"the shared seeds are not at {whole.SEEDS}")
    whole.require(whole.cli_commands(), "run", "ingest")
    db = f"sqlite:///{tmp_path_factory.mktemp('slack-answered-once') / 'briefbot.db'}"
    done = subprocess.run([str(whole.BRIEFBOT), "ingest", str(whole.SEEDS), "--db", db], env=whole.process_env(),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return db


async def test_a_mention_redelivered_after_the_process_was_killed_is_not_answered_again(
        fake: FakeSlack, ingested: str, tmp_path: Path) -> None:
    port = whole.free_port()
    config = whole.write_config(tmp_path / "briefbot.toml", fake, "http", port)
    asked = mention("1764300000.000100", "who said what about Bucharest?")
    first, reader = await start(config, ingested)
    try:
        await fake.send_event(asked, http_port=port)
        await fake.wait_for(lambda: len(in_thread(fake, asked)) == 1, timeout=120)
        await first.logged(f"message {asked['ts']} in slack:{CHANNEL} answered")  # marked done in the store
    finally:
        first.proc.kill()  # a crash: nothing is closed cleanly
        await asyncio.wait_for(first.proc.wait(), 30)
        await reader
    second, reader = await start(config, ingested)  # the same store
    try:
        await fake.send_event(asked, http_port=port, retry=1)  # Slack never saw the first delivery acknowledged
        await second.logged(f"mention {asked['ts']} in {CHANNEL} delivered again; already answered")
        later = mention("1764300000.000200", "who said what about Bucharest?")
        await fake.send_event(later, http_port=port)
        await fake.wait_for(lambda: len(in_thread(fake, later)) == 1, timeout=120)
        # marked done before the process stops, or the next test's first run would answer it again at its start
        await second.logged(f"message {later['ts']} in slack:{CHANNEL} answered")
    finally:
        await whole.stop(second.proc)
        await reader
    assert len(in_thread(fake, asked)) == 1 and len(fake.messages) == 2
    assert "Bucharest" in str(in_thread(fake, asked)[0]) and fake.rejected == []


@pytest.mark.parametrize(("failure", "answers"), [(HANG, 1), (ACCEPTED_THEN_HANG, 2)], ids=["not-taken", "taken"])
async def test_a_mention_whose_answer_was_in_flight_when_the_process_was_killed_is_answered_by_the_next(
        fake: FakeSlack, ingested: str, tmp_path: Path, failure: Failure, answers: int) -> None:
    """Killed between its claim and the end of its post (the local Slack holds chat.postMessage's answer, so the
    kill lands while the post is in flight), the run never marks the mention done; Slack had its acknowledgement,
    so it never delivers the mention again, and the next run, when it starts, takes the claim over and answers from
    the question kept with it. Exactly once if Slack had not taken the first post in; if it had (the post reached
    Slack, its answer never reached the process), twice: a window no claim can close, since the process cannot
    tell a post Slack took from one it did not. A redelivery after all is not answered again."""
    port = whole.free_port()
    config = whole.write_config(tmp_path / "briefbot.toml", fake, "http", port)
    # a ts of now, as Slack's are: the next run answers a message left unanswered only within an hour of its ts (by the
    # process's own clock); the store is the module's, so each case has its own ts
    asked = mention(f"{int(time.time())}.{answers:06d}", "who said what about Bucharest?")
    fake.fail_next("chat.postMessage", failure)
    first, reader = await start(config, ingested)
    try:
        await fake.send_event(asked, http_port=port)
        await fake.wait_for(lambda: ("chat.postMessage", "HTTP 200") in fake.rejected, timeout=120)  # held
    finally:
        first.proc.kill()
        await asyncio.wait_for(first.proc.wait(), 30)
        await reader
    assert not any(f"message {asked['ts']} in slack:{CHANNEL} answered" in line for line in first.lines)  # not done
    assert len(in_thread(fake, asked)) == answers - 1  # Slack took the held post in, or not
    second, reader = await start(config, ingested)  # no redelivery: Slack saw the first delivery acknowledged
    try:
        await second.logged(f"answering a mention left unanswered by a run that stopped: message {asked['ts']} in "
                             f"slack:{CHANNEL}")
        await fake.wait_for(lambda: len(in_thread(fake, asked)) == answers, timeout=120)
        await second.logged(f"message {asked['ts']} in slack:{CHANNEL} answered")
        await fake.send_event(asked, http_port=port, retry=1)  # and once done, never again
        await second.logged(f"mention {asked['ts']} in {CHANNEL} delivered again; already answered")
    finally:
        await whole.stop(second.proc)
        await reader
    assert len(in_thread(fake, asked)) == answers and len(fake.messages) == answers
    assert all("Bucharest" in str(m) for m in in_thread(fake, asked))


async def test_a_mention_whose_answer_is_in_flight_at_sigterm_is_finished_before_the_process_exits(
        fake: FakeSlack, ingested: str, tmp_path: Path) -> None:
    """A normal stop (SIGTERM, as a deploy sends) while Slack is slow to take an answer in: the run takes no new
    event, lets the answer finish (the local Slack holds chat.postMessage until the run says it is waiting for it),
    marks the mention done and exits; the next run answers nothing at its start, nor on a redelivery."""
    port = whole.free_port()
    config = whole.write_config(tmp_path / "briefbot.toml", fake, "http", port)
    asked = mention("1764300005.000100", "who said what about Bucharest?")
    fake.fail_next("chat.postMessage", HELD)
    first, reader = await start(config, ingested)
    try:
        await fake.send_event(asked, http_port=port)
        await fake.wait_for(lambda: fake.held == ["chat.postMessage"], timeout=120)  # the answer is in flight
        first.proc.terminate()
        await first.logged("slack: stopped taking events; letting 1 answer(s) in flight finish")
        assert fake.messages == [] and first.proc.returncode is None
        fake.release()
        assert await asyncio.wait_for(first.proc.wait(), 30) == 0
    finally:
        if first.proc.returncode is None:
            first.proc.kill()
            await first.proc.wait()
        await reader
    assert any(f"message {asked['ts']} in slack:{CHANNEL} answered" in line for line in first.lines)  # marked done
    assert not any("cut off" in line for line in first.lines)
    assert len(in_thread(fake, asked)) == 1
    second, reader = await start(config, ingested)
    try:
        await fake.send_event(asked, http_port=port, retry=1)
        await second.logged(f"mention {asked['ts']} in {CHANNEL} delivered again; already answered")
    finally:
        await whole.stop(second.proc)
        await reader
    assert not any("left unanswered by a run that stopped" in line for line in second.lines)
    assert len(in_thread(fake, asked)) == 1 and len(fake.messages) == 1 and "Bucharest" in str(fake.messages[0])
