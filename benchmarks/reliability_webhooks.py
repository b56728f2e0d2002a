"""Webhook delivery under faults: many daily briefings (1 to 4 messages) through the real webhook adapters to the
local Slack and Discord fakes, behind a fault proxy, with SIGKILLs at the part checkpoints; each run twice, with
the per-part ledger recording (``post_resuming``) and without it (the adapter's plain ``post``, as before).

    .venv/bin/python benchmarks/reliability_webhooks.py [--days 60] [--kill-days 25] [--seed 8]
        [--failure-days 30] [--hang-timeout 0.5] [--failures-only]

Counts, per run: briefings delivered, parts the fake received exactly once / more than once / never. Then (alone
with ``--failures-only``) POSTs held past the adapter's timeout, refusals that end a slot (404, 403, 400), 429s with
a Retry-After and 5xx bursts, with what the ledger recorded and what the operator is shown.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
for _folder in ("slack", "discord"):  # the fakes are plain modules beside their tests (as tests/webhooks sets up)
    sys.path.insert(0, str(REPO / "tests" / _folder))

from benchmarks.reliability_kills import child_env  # noqa: E402
from benchmarks.reliability_webhook_proxy import (  # noqa: E402
    NO_FAULTS,
    FaultProxy,
    FaultRates,
    Upstream,
    discord_upstream,
    slack_upstream,
)
from benchmarks.reliability_webhook_worker import (  # noqa: E402
    Spec,
    channel_key,
    fingerprint,
    read_lines,
    run_days,
    slot_of,
    write_spec,
)

PLATFORMS = ("slack-webhook", "discord-webhook")
ARMS = ("ledger", "plain")
HTTP_FAULTS = FaultRates(rate_short=0.05, rate_long=0.03, server_error=0.08, reset_before=0.05, reset_after=0.04)
SLACK_CHANNEL = "C0BENCH"


@dataclass(frozen=True)
class Scenario:
    name: str
    rates: FaultRates
    kills: bool


SCENARIOS = (Scenario("HTTP faults", HTTP_FAULTS, kills=False),
             Scenario("SIGKILL at a part checkpoint", NO_FAULTS, kills=True),
             Scenario("SIGKILL + HTTP faults", HTTP_FAULTS, kills=True))


@dataclass
class RunCounts:
    """What the fake webhook received in one run, against the parts each briefing was rendered in."""

    briefings: int = 0  # slots due
    delivered: int = 0  # ledger says delivered and every part reached the fake
    parts: int = 0
    once: int = 0
    duplicated: int = 0  # parts received more than once
    extra_copies: int = 0  # copies beyond the first
    lost: int = 0  # parts never received
    unexpected: int = 0  # messages matching no part of any briefing
    inconsistent: int = 0  # a briefing rendered differently on a retry
    kills: Counter[str] = field(default_factory=Counter)  # "sent" / "recorded" -> kills landed there
    faults: Counter[str] = field(default_factory=Counter)
    posts: int = 0
    processes: int = 0

    def add(self, other: RunCounts) -> None:
        for name in ("briefings", "delivered", "parts", "once", "duplicated", "extra_copies", "lost", "unexpected",
                     "inconsistent", "posts", "processes"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.kills.update(other.kills)
        self.faults.update(other.faults)


@asynccontextmanager
async def fake_webhook(platform: str) -> Any:
    """The local fake of ``platform`` with one webhook: (server, its webhook URL, how to make it fail)."""
    if platform == "slack-webhook":
        from fake_slack import FakeSlack  # type: ignore[import-not-found]

        slack = FakeSlack()
        await slack.start()
        try:
            yield slack, slack.add_webhook(SLACK_CHANNEL), slack_upstream(slack)
        finally:
            await slack.stop()
    else:
        from fake_discord import FakeDiscord  # type: ignore[import-not-found]

        discord = FakeDiscord()
        await discord.start()
        try:
            yield discord, discord.add_webhook(), discord_upstream(discord)
        finally:
            await discord.stop()


def received(platform: str, server: Any) -> list[dict[str, Any]]:
    if platform == "slack-webhook":
        return [m for m in server.messages if m.get("webhook") and m.get("channel") == SLACK_CHANNEL]
    return [m for messages in server.messages.values() for m in messages]


async def one_run(folder: Path, platform: str, arm: str, scenario: Scenario, days: int, seed: int) -> RunCounts:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}:kills")
    kills_per_day = [1 + (rng.random() < 0.3) for _ in range(days)] if scenario.kills else []
    async with fake_webhook(platform) as (server, webhook_url, upstream):
        proxy = FaultProxy(Upstream(upstream.base, upstream.fail_next), scenario.rates, seed=seed)
        await proxy.start()
        try:
            spec = Spec(f"sqlite:///{folder / 'store.db'}", platform, arm, proxy.url_for(webhook_url), days, seed,
                        str(folder), kills_per_day)
            processes = await _deliver(spec, scenario.kills)
        finally:
            await proxy.stop()
        counts = count(spec, received(platform, server))
    counts.faults, counts.posts, counts.processes = Counter(proxy.injected), proxy.posts, processes
    return counts


async def _deliver(spec: Spec, kills: bool) -> int:
    """In this process when nothing is killed; else one process after another until one finishes."""
    if not kills:
        await run_days(spec, live_kills=False)
        return 0
    path = write_spec(spec)
    for n in range(1, 4 * spec.days + 10):
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "benchmarks.reliability_webhook_worker", str(path), cwd=REPO, env=child_env(),
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        _, err = await asyncio.wait_for(process.communicate(), timeout=300)
        if process.returncode == 0:
            return n
        if process.returncode != -9:
            raise RuntimeError(f"webhook worker failed ({process.returncode}): {err.decode()[-2000:]}")
    raise RuntimeError("webhook worker never finished")


def count(spec: Spec, messages: list[dict[str, Any]]) -> RunCounts:
    counts = RunCounts(briefings=spec.days)
    got = Counter(fingerprint(spec.platform, m) for m in messages)
    renders: dict[int, set[tuple[str, ...]]] = {}
    for record in read_lines(spec.path("expected.jsonl")):
        renders.setdefault(record["day"], set()).add(tuple(record["parts"]))
    expected: set[str] = set()
    states = _ledger_states(Path(spec.db_url.removeprefix("sqlite:///")), spec.platform)
    for day in range(spec.days):
        shapes = renders.get(day, set())
        counts.inconsistent += len(shapes) > 1
        parts = [p for shape in shapes for p in shape]
        expected.update(parts)
        for part in dict.fromkeys(parts):
            counts.parts += 1
            n = got.get(part, 0)
            counts.once += n == 1
            counts.duplicated += n > 1
            counts.extra_copies += max(0, n - 1)
            counts.lost += n == 0
        counts.delivered += bool(parts) and states.get(day) == "delivered" and all(got.get(p) for p in parts)
    counts.unexpected = sum(n for fp, n in got.items() if fp not in expected)
    counts.kills = Counter(k["kind"] for k in read_lines(spec.path("kills.jsonl")))
    return counts


def _ledger_states(db_path: Path, platform: str) -> dict[int, str]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = dict(conn.execute("SELECT slot, state FROM deliveries WHERE channel = ?", (channel_key(platform),)))
    finally:
        conn.close()
    days = {slot_of(d).isoformat(): d for d in range(400)}
    return {days[str(slot)]: str(state) for slot, state in rows.items() if str(slot) in days}


def runs(folder: Path, days: int, kill_days: int, seed: int) -> Iterator[tuple[Scenario, str, RunCounts]]:
    """Each scenario, each arm, both platforms summed: (scenario, arm, counts)."""
    for n, scenario in enumerate(SCENARIOS):
        for arm in ARMS:
            total = RunCounts()
            for platform in PLATFORMS:
                sub = folder / f"scenario{n}-{arm}-{platform}"
                total.add(asyncio.run(one_run(sub, platform, arm, scenario, kill_days if scenario.kills else days,
                                              seed)))
                print(f"  webhooks: {scenario.name}, {arm}, {platform} done", file=sys.stderr)
            yield scenario, arm, total


ARM_LABEL = {"ledger": "per-part ledger (`post_resuming`)", "plain": "baseline: plain `post`, no per-part record"}


def table(results: list[tuple[Scenario, str, RunCounts]]) -> str:
    head = ["faults", "delivery", "briefings delivered", "parts", "received once", "duplicated (extra copies)",
            "lost", "kills landed (after the POST / after the ledger write)", "HTTP faults met", "unexpected"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for scenario, arm, c in results:
        faults = ", ".join(f"{k} {v}" for k, v in sorted(c.faults.items()) if k != "none") or "-"
        kills = f"{sum(c.kills.values())} ({c.kills['sent']} / {c.kills['recorded']})" if scenario.kills else "-"
        lines.append("| " + " | ".join([
            scenario.name, ARM_LABEL[arm], f"{c.delivered}/{c.briefings}", str(c.parts), str(c.once),
            f"{c.duplicated} ({c.extra_copies})", str(c.lost), kills, f"{faults} (of {c.posts} POSTs)",
            str(c.unexpected + c.inconsistent)]) + " |")
    return "\n".join(lines)


def _reading(results: list[tuple[Scenario, str, RunCounts]]) -> list[str]:
    """What the table says, worked out from it (so a re-run keeps the words true)."""
    by = {(scenario.name, arm): c for scenario, arm, c in results}
    lines = []
    for scenario, arm, c in results:
        if arm != "ledger":
            continue
        plain = by[(scenario.name, "plain")]
        resets = c.faults["reset after"]
        window = c.kills["sent"] + resets
        explained = "are exactly" if c.extra_copies == window else "are NOT"
        causes = (f"{c.kills['sent']} kill(s) after a part's POST came back and before its ledger write, and "
                  f"{resets} reset(s) after the platform took a part" if scenario.kills
                  else f"{resets} reset(s) after the platform took a part")
        line = (f"- **{scenario.name}**: with the per-part ledger {c.duplicated} of {c.parts} parts came twice or "
                f"more ({c.extra_copies} extra copies), with the plain post {plain.duplicated} of {plain.parts} "
                f"({plain.extra_copies}); lost {c.lost} and {plain.lost}; briefings delivered "
                f"{c.delivered}/{c.briefings} and {plain.delivered}/{plain.briefings}. The ledger run's extra "
                f"copies {explained} the windows below: {causes}.")
        if scenario.kills:
            line += (f" Kills landed: {sum(c.kills.values())} with the ledger, {sum(plain.kills.values())} with the "
                     "plain post (a second kill aims at a part the restarted process sends; with the ledger it "
                     "often has none left to send).")
        lines.append(line)
    return lines


def section(results: list[tuple[Scenario, str, RunCounts]], days: int, kill_days: int, seconds: float) -> str:
    """The RELIABILITY.md section: how it was run, the table, what it means."""
    return "\n".join([
        "## Webhook delivery: each part in the ledger as it goes out, against the plain post",
        "",
        f"Produced by `.venv/bin/python benchmarks/reliability_webhooks.py --days {days} --kill-days {kill_days}` "
        f"(also a section of `benchmarks/reliability.py`) on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, in "
        f"{seconds / 60:.1f} minutes.",
        "",
        "Daily briefings of 1 to 3 messages on Slack (4-34 one-article stories a day) and 1 to 4 on Discord (3-16) "
        "go through the real webhook adapters (`slack-webhook:`, `discord-webhook:`) to the local Slack and "
        "Discord of the tests (`tests/slack/fake_slack.py`, `tests/discord/fake_discord.py`, their webhook "
        "endpoints), through a proxy "
        "that injects faults (`benchmarks/reliability_webhook_proxy.py`): a 429 with a short Retry-After (2 s, "
        "waited out by the adapter) or a long one (120 s, handed back to the ledger as the slot's retry time) and a "
        "503, both answered by the fakes' own failure injection, and the connection reset (TCP RST) before the fake "
        "sees the POST or after it took the message (its answer lost). The scheduler ticks at the slot and at each "
        "retry time the ledger sets; time is a `ManualClock` and the adapter's waits move it (nothing sleeps). With "
        "kills, each slot's delivery process is SIGKILLed once (twice in about 3 of 10 slots) right after the k-th "
        "part it sends comes back, before (`sentN`) or after (`recordedN`) that part's ledger write, k drawn from "
        "the parts it has to send; a new process takes over "
        "(`benchmarks/reliability_webhook_worker.py`). Every run is made twice with the same faults (a POST's fault "
        "depends on the seed, its body and how often that body came before): with the per-part ledger "
        "(`post_resuming`, as `Delivery` posts to a webhook now) and with the adapter's plain `post` (no part "
        "recorded until the post ends, as before; the checkpoints are called at the same moments). A part counts "
        "as received when the fake stored a message with its text and blocks (Slack) or content and embeds "
        "(Discord); each row sums Slack and Discord. *Unexpected*: messages that match no part of any briefing, "
        "and briefings rendered differently on a retry. With kills and faults together the plain post meets more "
        "faults: it sends more POSTs, each drawing its own.",
        "",
        table(results),
        "",
        "Reading it:",
        *_reading(results),
        "- **The window the per-part ledger leaves**: a process killed after the platform took a part but before "
        "that part's ledger write (one database write) posts that one part again when the slot is retried; a kill "
        "anywhere else posts nothing twice. Without the per-part record a restart posts the briefing again from its "
        "first part. The kills here aim at the part checkpoints, half of them at that window, so its share of "
        "duplicates says what a kill there costs (one part, every time), not how often a crash lands there: it is "
        "one database write long, against the POSTs, rendering and ticks around it.",
        "- **A second window, which neither run closes**: a connection reset after the platform took the part (the "
        "answer lost on the way back). The adapter cannot tell it from a reset before, and sends the part again: one "
        "extra copy per such reset, in both runs. Slack's incoming webhooks and Discord's channel webhooks take no "
        "idempotency key, so only asking the channel (which a webhook cannot) would close it.",
        "- Not covered here: POSTs that hang past the adapter's timeout, refusals that end a slot (404, 403, 400), "
        "429s mid-briefing checked against their Retry-After and 5xx bursts (the next table; 401 and an archived "
        "channel: `tests/webhooks/`), and the Slack and Discord app adapters, which find their own parts after a "
        "restart (message metadata, nonces).",
        "",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=60, help="daily briefings per platform without kills")
    parser.add_argument("--kill-days", type=int, default=25, help="daily briefings per platform with kills")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--failure-days", type=int, default=30,
                        help="daily briefings per platform in each hang / refusal / 429 / 5xx scenario")
    parser.add_argument("--hang-timeout", type=float, default=0.5,
                        help="the adapters' request timeout (seconds) in those runs; a hang is held past it")
    parser.add_argument("--failures-only", action="store_true", help="only the hang / refusal / 429 / 5xx runs")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # the adapters' retry warnings are what is being counted here
    from benchmarks.reliability_webhook_failure_report import failure_runs, failure_section

    with tempfile.TemporaryDirectory(prefix="briefbot-webhooks-") as tmp:
        if not args.failures_only:
            start = time.monotonic()
            results = list(runs(Path(tmp), args.days, args.kill_days, args.seed))
            print(section(results, args.days, args.kill_days, time.monotonic() - start))
        start = time.monotonic()
        failures = list(failure_runs(Path(tmp), args.failure_days, args.seed, args.hang_timeout))
        print(failure_section(failures, args.failure_days, args.hang_timeout, time.monotonic() - start))


if __name__ == "__main__":
    main()
