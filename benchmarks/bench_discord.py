"""Discord interaction round trip: INTERACTION_CREATE on the local gateway -> callback received, per command.

Run: ``.venv/bin/python benchmarks/bench_discord.py [--rounds 200] [--mentions] [--write docs/BENCHMARKS.md]``.
The no-op command is the baseline (gateway + discord.py + adapter + REST callback, no work); the others
add the command layer's work and rendering. Everything is on 127.0.0.1 against tests/discord/fake_discord.

``--mentions`` adds ``@briefbot ...``: MESSAGE_CREATE mentioning the bot pushed on the local gateway until the
reply reaches the local REST server, to briefbot (``noop``, and ``who said what about Bucharest?`` asked of a real
store: the shared seeds ingested as in tests/slack/mention_store.py) and to a bare discord.py client whose
``on_message`` replies with a constant text, in the same rounds as the interactions.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path

import discord
import yarl
from aiohttp import web

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "discord"))
sys.path.insert(0, str(ROOT / "tests" / "slack"))  # mention_store: the seeded store the mention tests use

from discord_harness import TOKEN, discord_config, real_briefing  # noqa: E402
from fake_discord import BOT_ID, CHANNEL_ID, GUILD_ID, FakeDiscord  # noqa: E402
from mention_store import SEED_NOW, real_dispatcher, seed_store  # noqa: E402

from adapters.discord import DiscordAdapter  # noqa: E402
from adapters.discord.client import reply_messages  # noqa: E402
from bot.commands.base import Command, Invocation, Reply  # noqa: E402
from bot.commands.dispatch import Dispatcher, help_text  # noqa: E402
from bot.commands.mention import answer_mention  # noqa: E402
from bot.models import ChannelRef  # noqa: E402

SECTION = "## Discord interaction round trip"


def build_dispatcher() -> Dispatcher:
    briefing = real_briefing(10)
    holder: list[Command] = []

    async def noop(_: Invocation) -> Reply:
        return Reply("ok")

    async def show_help(_: Invocation) -> Reply:
        return Reply(help_text(holder), ephemeral=True)

    async def brief(_: Invocation) -> Reply:
        return Reply("", briefing=briefing)

    holder += [Command("noop", "Does nothing (baseline).", noop), Command("help", "Help.", show_help),
               Command("brief", "A 10-story briefing as embeds.", brief)]
    return Dispatcher(holder)


READER = "42"
QUESTION = "who said what about Bucharest?"  # asked of the seeds store
Step = Callable[[], Awaitable[dict[str, float]]]


def with_store(bench: Dispatcher, real: Dispatcher | None) -> Dispatcher:
    """The benchmark's three commands and, with mentions, the production ones beside them (``ask`` reads the
    seeds store); the benchmark's ``help`` and ``brief`` keep their names."""
    if real is None:
        return bench
    names = {c.name for c in bench.commands}
    return Dispatcher([*bench.commands, *(c for c in real.commands if c.name not in names)])


class Gateways:
    """The local Discord sends gateway events over its latest connection (it serves one client); this keeps
    each client's websocket and points the fake at the one an event is for."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.by_name: dict[str, web.WebSocketResponse] = {}

    def remember(self, name: str) -> None:
        latest = self.fake.connection
        assert latest is not None and latest not in self.by_name.values()
        self.by_name[name] = latest

    def use(self, name: str) -> FakeDiscord:
        self.fake.use_connection(self.by_name[name])
        return self.fake

    async def push_mention(self, name: str, text: str) -> str:
        """MESSAGE_CREATE of a person's guild message mentioning the bot, as Discord sends it to a bot without
        the Message Content intent (the content is there because of the mention); returns its id."""
        self.use(name)
        message_id = self.fake.new_id()
        await self.fake.dispatch("MESSAGE_CREATE", {
            "id": message_id, "channel_id": CHANNEL_ID, "guild_id": GUILD_ID, "type": 0,
            "content": f"<@{BOT_ID}> {text}", "author": self.fake.user(READER, f"user{READER}"),
            "member": {"roles": [], "joined_at": "2025-01-01T00:00:00+00:00", "deaf": False, "mute": False,
                       "flags": 0},
            "timestamp": "2026-11-22T09:00:00+00:00", "edited_timestamp": None, "tts": False,
            "mention_everyone": False, "mention_roles": [], "mentions": [self.fake.user(BOT_ID, "briefbot", bot=True)],
            "attachments": [], "embeds": [], "components": [], "pinned": False, "flags": 0, "nonce": None})
        return message_id


def bare_client() -> discord.Client:
    """The baseline: discord.py with nothing of ours (the adapter's intents), replying "ok" to a mention."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    client = discord.Client(intents=intents, guild_ready_timeout=0.05)

    async def on_message(message: discord.Message) -> None:
        me = client.user
        if me is not None and not message.author.bot and any(u.id == me.id for u in message.mentions):
            await message.reply("ok", mention_author=False)

    client.event(on_message)
    return client


def replies_to(fake: FakeDiscord, message_id: str, parts: int) -> Callable[[], bool]:
    path = f"/channels/{CHANNEL_ID}/messages"
    return lambda: sum(r.method == "POST" and r.path == path and isinstance(r.body, dict)
                       and str((r.body.get("message_reference") or {}).get("message_id")) == message_id
                       for r in fake.requests) >= parts


async def answer_parts(dispatch: Dispatcher, text: str, expect: str) -> int:
    """How many reply messages briefbot sends for this mention (checked to be the expected answer)."""
    reply = await answer_mention(dispatch, text, user=READER, channel=ChannelRef("discord", CHANNEL_ID),
                                 now=SEED_NOW)
    if reply.error or expect not in reply.text:
        raise SystemExit(f"unexpected answer to {text!r}: {reply.text[:200]!r}")
    return len(reply_messages(reply))


async def reply_parts(dispatch: Dispatcher, verb: str) -> int:
    """How many messages answer ``/brief verb``: the interaction callback, then follow-ups."""
    reply = await dispatch(Invocation(command=verb, args="", user=READER, channel=ChannelRef("discord", CHANNEL_ID),
                                      now=SEED_NOW))
    return len(reply_messages(reply))


async def measure(rounds: int, seeded: Path | None = None) -> dict[str, list[float]]:
    """Every series once per round, in a shuffled order, so a noisy moment falls on each alike."""
    saved = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    fake = FakeDiscord()
    await fake.start()
    discord.http.Route.BASE = fake.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    timings: dict[str, list[float]] = {}
    try:
        async with AsyncExitStack() as stack:
            real = (await stack.enter_async_context(real_dispatcher(seeded, seeded.parent))
                    if seeded is not None else None)
            bench = build_dispatcher()
            dispatcher = with_store(bench, real)
            adapter = DiscordAdapter(discord_config(fake), clock=lambda: SEED_NOW, guild_ready_timeout=0.05)
            task = asyncio.create_task(adapter.run(dispatcher))

            async def stop_adapter() -> None:
                await adapter.close()
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)

            stack.push_async_callback(stop_adapter)
            await fake.wait_ready(timeout=10)
            gateways = Gateways(fake)
            gateways.remember("ours")

            def interaction(name: str, parts: int) -> Step:
                async def step() -> dict[str, float]:
                    start = time.perf_counter()
                    inter = await gateways.use("ours").push_command(name, {})
                    callback = rf"/interactions/{inter}/[^/]+/callback"
                    followup = rf"/webhooks/\d+/tok{inter}"
                    await fake.wait_for(lambda: any(
                        r.method == "POST" and re.fullmatch(callback, r.path) for r in fake.requests))
                    elapsed = (time.perf_counter() - start) * 1000
                    # the rest of the answer (follow-up messages) before the next step: untimed, but not left
                    # to run inside the next step's measurement
                    await fake.wait_for(lambda: sum(
                        r.method == "POST" and bool(re.fullmatch(callback, r.path) or re.fullmatch(followup, r.path))
                        for r in fake.requests) >= parts)
                    return {name: elapsed}
                return step

            steps = [interaction(c.name, await reply_parts(bench, c.name)) for c in bench.commands]
            if real is not None:
                bare = bare_client()
                bare_task = asyncio.create_task(bare.start(TOKEN))

                async def stop_bare() -> None:
                    await bare.close()
                    await asyncio.gather(bare_task, return_exceptions=True)

                stack.push_async_callback(stop_bare)
                await asyncio.wait_for(bare.wait_until_ready(), 10)
                gateways.remember("bare")
                noop_parts = await answer_parts(dispatcher, "noop", "ok")
                ask_parts = await answer_parts(dispatcher, QUESTION, "Who said what about Bucharest")

                def mention(key: str, client: str, text: str, parts: int) -> Step:
                    async def step() -> dict[str, float]:
                        start = time.perf_counter()
                        message_id = await gateways.push_mention(client, text)
                        await fake.wait_for(replies_to(fake, message_id, parts), timeout=30)
                        return {key: (time.perf_counter() - start) * 1000}
                    return step

                async def direct_ask() -> dict[str, float]:
                    start = time.perf_counter()
                    reply_messages(await answer_mention(dispatcher, QUESTION, user=READER,
                                                        channel=ChannelRef("discord", CHANNEL_ID), now=SEED_NOW))
                    return {"direct ask": (time.perf_counter() - start) * 1000}

                steps += [direct_ask, mention("mention bare", "bare", QUESTION, 1),
                          mention("mention noop", "ours", "noop", noop_parts),
                          mention("mention ask", "ours", QUESTION, ask_parts)]
            order = random.Random(20261122)
            for n in range(rounds + 10):  # 10 warm-up rounds
                order.shuffle(steps)  # a fresh order each round: no series always follows the same one
                for step in steps:
                    samples = await step()
                    if n >= 10:
                        for key, value in samples.items():
                            timings.setdefault(key, []).append(value)
                fake.requests.clear()
    finally:
        await fake.stop()
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved
    return timings


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def row(name: str, what: str, values: list[float], base: list[float], *, p50_column: bool = False) -> str:
    p95, base_p95 = pct(values, 0.95), pct(base, 0.95)
    p50 = statistics.median(values)
    over_p50 = f" {p50 - statistics.median(base):+.2f} |" if p50_column else ""
    return f"| {name} | {what} | {p50:.2f} | {p95:.2f} | {max(values):.2f} |{over_p50} {p95 - base_p95:+.2f} |"


def report(timings: dict[str, list[float]], rounds: int, load: tuple[float, float]) -> str:
    mentions = "mention ask" in timings
    lines = [SECTION, "",
             f"`benchmarks/bench_discord.py --rounds {rounds}{' --mentions' if mentions else ''}`: INTERACTION_CREATE "
             "pushed on the local gateway "
             "until the interaction callback reaches the local REST server (real discord.py client, "
             "the adapter, the Dispatcher; all on 127.0.0.1). `noop` is the baseline measured in the same "
             "run, interleaved with the others (every series once per round, in a shuffled order; a command's "
             "follow-up messages are awaited, untimed, before the next one starts). The local Discord shares the "
             "process and event loop with "
             "the bot, so its own work is inside every row alike; figures are wall time per interaction.", "",
             f"Machine: Python {platform.python_version()}, discord.py {discord.__version__}, "
             f"{platform.machine()}, measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load average {load[0]:.2f} at "
             f"the start, {load[1]:.2f} at the end.", "",
             "| command | what it does | p50 ms | p95 ms | max ms | over noop p95 |",
             "|---|---|---|---|---|---|"]
    what = {"noop": "returns \"ok\" (baseline)", "help": "help text generated from the command list",
            "brief": "10-story real briefing rendered as embeds"}
    for name, text in what.items():
        lines.append(row(name, text, timings[name], timings["noop"]))
    lines += ["", "Discord's limit is 3 s before an interaction must be answered or deferred; the adapter defers "
              "after 2 s (or at once for commands marked slow).", ""]
    if mentions:
        said = {"mention bare": "bare discord.py client, `on_message` replies \"ok\" (baseline)",
                "mention noop": "briefbot, `@briefbot noop` (the no-op command of the rows above)",
                "mention ask": "briefbot, `@briefbot who said what about Bucharest?` asked of the seeds store"}
        lines += ["### Mentions", "",
                  "`--mentions`, same rounds as the rows above: MESSAGE_CREATE of a guild message mentioning the "
                  "bot, pushed on the local gateway until the reply (POST /channels/{id}/messages with a "
                  "message_reference to it) reaches the local REST server. The bare client is a second "
                  "discord.py client on the same local Discord (the adapter's intents, defaults otherwise). "
                  "`ask` reads a SQLite store holding the shared seed articles, built as "
                  "`tests/slack/mention_store.py` does (real pipeline, spaCy quotes).", "",
                  "| series | what | p50 ms | p95 ms | max ms | over bare p50 | over bare p95 |",
                  "|---|---|---|---|---|---|---|"]
        for name, text in said.items():
            lines.append(row(name.removeprefix("mention "), text, timings[name], timings["mention bare"],
                             p50_column=True))
        direct = timings["direct ask"]
        lines += ["", "The same question answered directly, no Discord (`answer_mention` over the same dispatcher, "
                  f"then the Discord rendering), in the same rounds: p50 {statistics.median(direct):.2f}, "
                  f"p95 {pct(direct, 0.95):.2f} ms.", ""]
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str) -> None:
    """Replace only this benchmark's section (up to the next ``## `` heading or ``<!--`` marker of another
    section), or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    pattern = re.compile(re.escape(SECTION) + r"\n.*?(?=^## |^<!-- |\Z)", re.DOTALL | re.MULTILINE)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--mentions", action="store_true",
                        help="add @mention rows in the same rounds; ingests the shared seeds into a temporary store")
    parser.add_argument("--write", type=Path, default=None, help="update this section of the markdown file")
    args = parser.parse_args()
    started_load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-discord-") as folder:
        seeded = seed_store(Path(folder)) if args.mentions else None
        timings = asyncio.run(measure(args.rounds, seeded))
    section = report(timings, args.rounds, (started_load, os.getloadavg()[0]))
    print(section)
    if args.write:
        write_section(args.write, section)


if __name__ == "__main__":
    main()
