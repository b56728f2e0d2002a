"""Discord interaction round trip: INTERACTION_CREATE on the local gateway -> callback received, per command.

Run: ``.venv/bin/python benchmarks/bench_discord.py [--rounds 200] [--write docs/BENCHMARKS.md]``.
The no-op command is the baseline (gateway + discord.py + adapter + REST callback, no work); the others
add the command layer's work and rendering. Everything is on 127.0.0.1 against tests/discord/fake_discord.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import re
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import discord
import yarl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "discord"))

from discord_harness import discord_config, real_briefing  # noqa: E402
from fake_discord import FakeDiscord  # noqa: E402

from adapters.discord import DiscordAdapter  # noqa: E402
from bot.commands.base import Command, Invocation, Reply  # noqa: E402
from bot.commands.dispatch import Dispatcher, help_text  # noqa: E402

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


async def measure(rounds: int) -> dict[str, list[float]]:
    saved = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    fake = FakeDiscord()
    await fake.start()
    discord.http.Route.BASE = fake.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    adapter = DiscordAdapter(discord_config(fake), clock=lambda: datetime.now(UTC), guild_ready_timeout=0.05)
    dispatcher = build_dispatcher()
    task = asyncio.create_task(adapter.run(dispatcher))
    timings: dict[str, list[float]] = {c.name: [] for c in dispatcher.commands}
    try:
        await fake.wait_ready(timeout=10)
        for n in range(rounds + 10):  # interleaved so drift hits every command alike; 10 warm-up rounds
            for name in timings:
                start = time.perf_counter()
                inter = await fake.push_command(name, {})
                pattern = rf"/interactions/{inter}/[^/]+/callback"
                await fake.wait_for(lambda p=pattern: any(  # type: ignore[misc]
                    r.method == "POST" and re.fullmatch(p, r.path) for r in fake.requests))
                if n >= 10:
                    timings[name].append((time.perf_counter() - start) * 1000)
            fake.requests.clear()
    finally:
        await adapter.close()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await fake.stop()
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved
    return timings


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(timings: dict[str, list[float]], rounds: int) -> str:
    lines = [SECTION, "",
             f"`benchmarks/bench_discord.py --rounds {rounds}`: INTERACTION_CREATE pushed on the local gateway "
             "until the interaction callback reaches the local REST server (real discord.py client, "
             "the adapter, the Dispatcher; all on 127.0.0.1). `noop` is the baseline measured in the same "
             "run, interleaved with the others. The local Discord shares the process and event loop with "
             "the bot, so its own work is inside every row alike; figures are wall time per interaction.", "",
             f"Machine: Python {platform.python_version()}, discord.py {discord.__version__}, "
             f"{platform.machine()}, measured {datetime.now(UTC):%Y-%m-%d}.", "",
             "| command | what it does | p50 ms | p95 ms | max ms | over noop p95 |",
             "|---|---|---|---|---|---|"]
    what = {"noop": "returns \"ok\" (baseline)", "help": "help text generated from the command list",
            "brief": "10-story real briefing rendered as embeds"}
    base = pct(timings["noop"], 0.95)
    for name, values in timings.items():
        p95 = pct(values, 0.95)
        lines.append(f"| {name} | {what[name]} | {statistics.median(values):.2f} | {p95:.2f} | "
                     f"{max(values):.2f} | {p95 - base:+.2f} |")
    lines += ["", "Discord's limit is 3 s before an interaction must be answered or deferred; the adapter defers "
              "after 2 s (or at once for commands marked slow).", ""]
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    """Replace only this benchmark's section (up to the next ``## `` heading), or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    pattern = re.compile(re.escape(SECTION) + r"\n.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--write", type=Path, default=None, help="update this section of the markdown file")
    args = parser.parse_args()
    timings = asyncio.run(measure(args.rounds))
    section = report(timings, args.rounds)
    print(section)
    if args.write:
        write_section(args.write, section)


if __name__ == "__main__":
    main()
