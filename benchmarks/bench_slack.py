"""Slack command round trip: signed slash-command POST to ack (and to the answer), beside bare bolt's no-op ack.

Usage: .venv/bin/python benchmarks/bench_slack.py [--rounds 300] [--mentions] [--write-docs]

Everything runs on 127.0.0.1 in one process and event loop: the local Slack (tests/slack/fake_slack.py),
a bare slack-bolt AsyncApp served by bolt's own aiohttp app with a no-op `/noop` command (the baseline),
and briefbot's SlackAdapter in HTTP mode with a real Dispatcher. Series are interleaved request by request.

``--mentions`` adds ``@briefbot ...`` (app_mention events) in both modes, pushed until the threaded
chat.postMessage answer reaches the local Slack: a signed Events API POST (HTTP mode) and an envelope over the
local Socket Mode websocket, to briefbot (a fixed ``whosaid``, and ``who said what about Bucharest?`` asked of a
real store: the shared seeds ingested as in tests/slack/mention_store.py) and to the bare bolt app, whose
``app_mention`` listener posts a constant reply in the thread. The command rows run in the same rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import slack_bolt
from aiohttp import web
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "slack"))
sys.path.insert(0, str(ROOT))

from fake_slack import (  # noqa: E402
    APP_TOKEN,
    BOT_TOKEN,
    SIGNING_SECRET,
    FakeSlack,
    event_callback_payload,
    form_body,
    sign,
    slash_payload,
)
from mention_store import SEED_NOW, real_dispatcher, seed_store  # noqa: E402

from adapters.slack import SlackAdapter, build_slack_adapter  # noqa: E402
from adapters.slack.translate import reply_messages  # noqa: E402
from bot.commands.base import Command, Invocation, Option, Reply  # noqa: E402
from bot.commands.dispatch import Dispatcher  # noqa: E402
from bot.commands.mention import answer_mention  # noqa: E402
from bot.config import Secret, SlackConfig  # noqa: E402
from bot.models import ChannelRef  # noqa: E402

DOC = ROOT / "docs" / "BENCHMARKS.md"
START, END = "<!-- bench_slack:start -->", "<!-- bench_slack:end -->"
BOT_MENTION = "<@U0BOT>"  # the local Slack's bot user (auth.test)
CHANNEL = "C0CHAN"
FIXED = f"{BOT_MENTION} whosaid Bucharest"  # the same fixed whosaid the command rows run
QUESTION = f"{BOT_MENTION} who said what about Bucharest?"  # asked of the seeds store
FORM, JSON = "application/x-www-form-urlencoded", "application/json"
Step = Callable[[], Awaitable[dict[str, float]]]
_ts = itertools.count(1)


async def whosaid(inv: Invocation) -> Reply:
    return Reply(f"**Who said what about {inv.options.get('topic', '')}**\n• A spokesperson said something.")


def fixed_dispatcher(real: Dispatcher | None) -> Dispatcher:
    """The fixed whosaid alone or, with mentions, in place of the real one among the production commands
    (so ``ask`` reads the seeds store while ``whosaid`` does the same work as the command rows)."""
    fixed = Command("whosaid", "Who said what.", whosaid, options=(Option("topic", "a topic", required=True),))
    if real is None:
        return Dispatcher([fixed])
    return Dispatcher([fixed if c.name == "whosaid" else c for c in real.commands])


def bare_bolt(fake: FakeSlack) -> AsyncApp:
    """The baseline: slack-bolt with nothing of ours, a command that only acks and a mention listener that
    posts a constant reply in the mention's thread."""
    app = AsyncApp(client=AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url, retry_handlers=[]),
                   signing_secret=SIGNING_SECRET)

    @app.command("/noop")
    async def noop(ack: Callable[[], Awaitable[None]]) -> None:
        await ack()

    @app.event("app_mention")
    async def mention(event: dict[str, Any], client: AsyncWebClient) -> None:
        await client.chat_postMessage(channel=event["channel"], thread_ts=event.get("thread_ts") or event["ts"],
                                      text="ok")

    return app


async def serve(app: AsyncApp) -> tuple[web.AppRunner, int]:
    runner = web.AppRunner(app.web_app(path="/slack/events"), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, int(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]


class Sockets:
    """The local Slack pushes Socket Mode envelopes over its latest connection (it serves one client); this
    keeps each client's websocket and points the fake at the one an event is for."""

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        self.by_name: dict[str, web.WebSocketResponse] = {}

    async def remember(self, name: str) -> None:
        count = len(self.by_name) + 1
        await self.fake.wait_for(lambda: self.fake.socket_connections >= count)
        latest = self.fake.connection
        assert latest is not None and latest not in self.by_name.values()
        self.by_name[name] = latest

    async def push(self, name: str, payload: dict[str, Any]) -> str:
        self.fake.use_connection(self.by_name[name])
        return await self.fake.push_event(payload)


async def signed_post(session: aiohttp.ClientSession, port: int, body: str, content_type: str) -> float:
    """POST a signed body to /slack/events; perf_counter() when its HTTP 200 has been read."""
    async with session.post(f"http://127.0.0.1:{port}/slack/events", data=body.encode(),
                            headers={**sign(body), "Content-Type": content_type}) as response:
        await response.read()
        assert response.status == 200, response.status
    return time.perf_counter()


async def timed_post(session: aiohttp.ClientSession, port: int, body: str) -> float:
    started = time.perf_counter()
    return (await signed_post(session, port, body, FORM) - started) * 1000


def mention_payload(text: str) -> tuple[str, dict[str, Any]]:
    """A fresh app_mention event (its own ts) as the Events API body Slack sends; returns (ts, body)."""
    ts = f"1764000000.{next(_ts):06d}"
    event = {"type": "app_mention", "user": "U0READER", "text": text, "ts": ts, "channel": CHANNEL,
             "event_ts": ts, "team": "T0TEAM", "client_msg_id": f"m-{ts}"}
    return ts, event_callback_payload(event, event_id=f"Ev{ts.replace('.', '')}")


def answered(fake: FakeSlack, ts: str, parts: int) -> Callable[[], bool]:
    """Whether ``parts`` messages have been posted in the thread of ``ts`` since now."""
    start = len(fake.messages)
    return lambda: sum(m.get("thread_ts") == ts for m in fake.messages[start:]) >= parts


async def http_mention(session: aiohttp.ClientSession, fake: FakeSlack, port: int, text: str,
                       parts: int) -> tuple[float, float]:
    """A signed app_mention POST: ms until its HTTP 200, and until the threaded answer reached the local Slack."""
    ts, payload = mention_payload(text)
    body = json.dumps(payload)
    done = answered(fake, ts, parts)
    started = time.perf_counter()
    post = asyncio.ensure_future(signed_post(session, port, body, JSON))
    await fake.wait_for(done, timeout=30)
    answer = (time.perf_counter() - started) * 1000
    return (await post - started) * 1000, answer


async def socket_mention(fake: FakeSlack, sockets: Sockets, name: str, text: str, parts: int) -> float:
    """An app_mention envelope over Socket Mode: ms until the threaded answer reached the local Slack."""
    ts, payload = mention_payload(text)
    done = answered(fake, ts, parts)
    acks = len(fake.socket_acks)
    started = time.perf_counter()
    envelope = await sockets.push(name, payload)
    await fake.wait_for(done, timeout=30)
    answer = (time.perf_counter() - started) * 1000
    await fake.wait_for(lambda: any(a.get("envelope_id") == envelope for a in fake.socket_acks[acks:]))
    return answer


async def answer_parts(dispatch: Dispatcher, text: str) -> int:
    """How many thread messages briefbot posts for this mention (checked to be a public answer)."""
    reply = await answer_mention(dispatch, text.removeprefix(BOT_MENTION), user="U0READER",
                                 channel=ChannelRef("slack", CHANNEL), now=SEED_NOW)
    if reply.ephemeral or reply.error or "Who said what about Bucharest" not in reply.text:
        raise SystemExit(f"unexpected answer to {text!r}: {reply.text[:200]!r}")
    return len(reply_messages(reply))


def slack_config(fake: FakeSlack, mode: str) -> SlackConfig:
    return SlackConfig(enabled=True, mode=mode, bot_token=Secret("B", BOT_TOKEN), app_token=Secret("A", APP_TOKEN),
                       signing_secret=Secret("S", SIGNING_SECRET), http_port=0, api_base_url=fake.api_url)


async def start_adapter(stack: AsyncExitStack, fake: FakeSlack, mode: str, dispatcher: Dispatcher) -> SlackAdapter:
    adapter = build_slack_adapter(slack_config(fake, mode), clock=lambda: SEED_NOW)
    task = asyncio.create_task(adapter.run(dispatcher))

    async def stop() -> None:
        await adapter.close()
        await task

    stack.push_async_callback(stop)
    await asyncio.wait_for(adapter.ready.wait(), 10)
    return adapter


async def run(rounds: int, warmup: int, seeded: Path | None) -> dict[str, list[float]]:
    """Every series once per round, in a shuffled order, so a noisy moment falls on each alike."""
    fake = FakeSlack()
    await fake.start()
    bare = bare_bolt(fake)
    bolt_runner, bolt_port = await serve(bare)
    series: dict[str, list[float]] = {}
    try:
        async with AsyncExitStack() as stack, aiohttp.ClientSession() as session:
            real = (await stack.enter_async_context(real_dispatcher(seeded, seeded.parent))
                    if seeded is not None else None)
            dispatcher = fixed_dispatcher(real)
            adapter = await start_adapter(stack, fake, "http", dispatcher)
            assert adapter.http_port is not None
            port = adapter.http_port

            async def bolt_noop() -> dict[str, float]:
                noop = form_body(slash_payload("", response_url=fake.response_url(), command="/noop"))
                return {"noop": await timed_post(session, bolt_port, noop)}

            async def brief_command() -> dict[str, float]:
                answered_count = len(fake.responses) + 1
                body = form_body(slash_payload("whosaid Bucharest", response_url=fake.response_url()))
                started = time.perf_counter()
                ack = await timed_post(session, port, body)
                await fake.wait_for(lambda: len(fake.responses) >= answered_count)
                return {"ack": ack, "answer": (time.perf_counter() - started) * 1000}

            steps: list[Step] = [bolt_noop, brief_command]
            if real is not None:
                fixed_parts, ask_parts = await answer_parts(dispatcher, FIXED), await answer_parts(dispatcher, QUESTION)
                sockets = Sockets(fake)
                await start_adapter(stack, fake, "socket", dispatcher)
                await sockets.remember("ours")
                handler = AsyncSocketModeHandler(bare, app_token=APP_TOKEN, web_client=bare.client)
                await handler.connect_async()  # type: ignore[no-untyped-call]
                stack.push_async_callback(handler.close_async)
                await sockets.remember("bolt")

                def over_http(key: str, port: int, text: str, parts: int) -> Step:
                    async def step() -> dict[str, float]:
                        ack, answer = await http_mention(session, fake, port, text, parts)
                        return {f"http {key}": answer, f"http {key} ack": ack}
                    return step

                def over_socket(key: str, name: str, text: str, parts: int) -> Step:
                    async def step() -> dict[str, float]:
                        return {f"socket {key}": await socket_mention(fake, sockets, name, text, parts)}
                    return step

                async def direct_ask() -> dict[str, float]:
                    started = time.perf_counter()
                    reply = await answer_mention(dispatcher, QUESTION.removeprefix(BOT_MENTION), user="U0READER",
                                                 channel=ChannelRef("slack", CHANNEL), now=SEED_NOW)
                    reply_messages(reply)
                    return {"direct ask": (time.perf_counter() - started) * 1000}

                steps += [direct_ask, over_http("bolt", bolt_port, QUESTION, 1),
                          over_http("whosaid", port, FIXED, fixed_parts),
                          over_http("ask", port, QUESTION, ask_parts),
                          over_socket("bolt", "bolt", QUESTION, 1),
                          over_socket("whosaid", "ours", FIXED, fixed_parts),
                          over_socket("ask", "ours", QUESTION, ask_parts)]
            order = random.Random(20261122)
            for n in range(warmup + rounds):
                order.shuffle(steps)  # a fresh order each round: no series always follows the same one
                for step in steps:
                    samples = await step()
                    if n >= warmup:
                        for key, value in samples.items():
                            series.setdefault(key, []).append(value)
            if fake.rejected:
                raise SystemExit(f"the local Slack refused something: {fake.rejected[:5]}")
    finally:
        await bolt_runner.cleanup()
        await fake.stop()
    return series


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]


def summary(name: str, what: str, samples: list[float], base_p95: float) -> str:
    return (f"| {name} | {what} | {statistics.median(samples):.2f} | {p95(samples):.2f} | {max(samples):.2f} | "
            f"{p95(samples) - base_p95:+.2f} |")


def mention_row(mode: str, key: str, what: str, series: dict[str, list[float]]) -> str:
    samples, base = series[f"{mode} {key}"], series[f"{mode} bolt"]
    return (f"| {mode} | {what} | {statistics.median(samples):.2f} | {p95(samples):.2f} | {max(samples):.2f} | "
            f"{statistics.median(samples) - statistics.median(base):+.2f} | {p95(samples) - p95(base):+.2f} |")


def mention_lines(series: dict[str, list[float]]) -> list[str]:
    what = {"bolt": "bare slack-bolt, listener posts a constant reply (baseline)",
            "whosaid": "briefbot, `@briefbot whosaid Bucharest` (the fixed whosaid of the command rows)",
            "ask": "briefbot, `@briefbot who said what about Bucharest?` asked of the seeds store"}
    direct = series["direct ask"]
    acks = ", ".join(f"{key} {statistics.median(series[f'http {key} ack']):.2f}" for key in what)
    return [
        "### Mentions",
        "",
        "`--mentions`, same rounds as the rows above: an `app_mention` event until its threaded chat.postMessage "
        "answer reaches the local Slack. HTTP mode: a signed Events API POST (JSON) to each server. Socket Mode: "
        "an `events_api` envelope pushed over the local Slack's websocket to each client (briefbot's adapter in "
        "Socket Mode, and the same bare bolt app through bolt's `AsyncSocketModeHandler`). `ask` reads a SQLite "
        "store holding the shared seed articles, built as `tests/slack/mention_store.py` does (real pipeline, "
        "spaCy quotes).",
        "",
        "| mode | what | p50 ms | p95 ms | max ms | over bolt p50 | over bolt p95 |",
        "|---|---|---|---|---|---|---|",
        *(mention_row(mode, key, text, series) for mode in ("http", "socket") for key, text in what.items()),
        "",
        f"The event POST's own HTTP 200 (the ack), p50 ms: {acks}. The same question answered directly, "
        "no Slack (`answer_mention` over the same dispatcher, then the Slack rendering), in the same rounds: "
        f"p50 {statistics.median(direct):.2f}, p95 {p95(direct):.2f} ms.",
    ]


def section(series: dict[str, list[float]], rounds: int, load: tuple[float, float]) -> str:
    base_p95 = p95(series["noop"])
    rows = [
        summary("bolt noop", "bare slack-bolt AsyncApp, command that only acks (baseline)", series["noop"],
                base_p95),
        summary("briefbot ack", "`/brief whosaid Bucharest`: signed POST until the ack (HTTP 200)",
                series["ack"], base_p95),
        summary("briefbot answer", "same POST until the answer reaches response_url", series["answer"],
                base_p95),
    ]
    mentions = "socket ask" in series
    return "\n".join([
        START,
        "## Slack command round trip",
        "",
        f"`benchmarks/bench_slack.py --rounds {rounds}{' --mentions' if mentions else ''}`: signed slash-command "
        "POSTs to the HTTP-mode server "
        "(real slack-bolt signature check, the SlackAdapter, a real Dispatcher with a fixed `whosaid`), "
        "interleaved request by request with the same POST to a bare slack-bolt app whose `/noop` command "
        "only acks (every series once per round, in a shuffled order). The local Slack, both servers and the "
        "client share one process and event loop on 127.0.0.1, so figures are wall time per request including "
        "the client's own work.",
        "",
        f"Machine: Python {platform.python_version()}, slack-bolt {slack_bolt.version.__version__}, "
        f"{platform.machine()}, measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load average {load[0]:.2f} at "
        f"the start, {load[1]:.2f} at the end.",
        "",
        "| series | what | p50 ms | p95 ms | max ms | over bolt noop p95 |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        "Slack's limit is 3 s to acknowledge. The adapter calls `ack()` before anything else, but bolt's "
        "listener runner only notices the ack on a 10 ms poll, so every row sits above 10 ms. In that window "
        "the listener keeps running: the dispatch and the response_url POST (to the local Slack, in the same "
        "event loop) happen before the poll fires, which is why `answer` is hardly slower than `ack` and why "
        "our ack pays a few ms over the bare no-op (the answer's work shares the loop with the ack).",
        *(["", *mention_lines(series)] if mentions else []),
        END,
    ])


def write_docs(text: str) -> None:
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    if START in current and END in current:
        head, _, rest = current.partition(START)
        _, _, tail = rest.partition(END)
        updated = head + text + tail
    else:
        updated = current.rstrip("\n") + "\n\n" + text + "\n"
    DOC.write_text(updated, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--mentions", action="store_true",
                        help="add @mention rows (HTTP and Socket Mode) in the same rounds; ingests the shared seeds")
    parser.add_argument("--write-docs", action="store_true", help=f"replace the Slack section of {DOC.name}")
    args = parser.parse_args(argv)
    started_load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-slack-") as folder:
        seeded = seed_store(Path(folder)) if args.mentions else None
        series = asyncio.run(run(args.rounds, args.warmup, seeded))
    text = section(series, args.rounds, (started_load, os.getloadavg()[0]))
    print(text)
    if args.write_docs:
        write_docs(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
