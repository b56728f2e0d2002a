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
from benchmarks.reliability_webhook_failures import (  # noqa: E402
    FailureCounts,
    FailurePlan,
    FailureProxy,
    FailureScenario,
    OperatorLog,
    count_run,
    run_slots,
)
from benchmarks.reliability_webhook_proxy import (  # noqa: E402
    NO_FAULTS,
    FaultProxy,
    FaultRates,
    Upstream,
    discord_upstream,
    slack_upstream,
)
from benchmarks.reliability_webhook_worker import (  # noqa: E402
    T0,
    Spec,
    channel_key,
    fingerprint,
    read_lines,
    run_days,
    slot_of,
    write_spec,
)
from bot.clock import ManualClock  # noqa: E402

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


FAILURE_SCENARIOS = (
    FailureScenario("POSTs held past the timeout (hangs, stalls)",
                    FailurePlan(hang_before=0.05, hang_after=0.06, stall=0.04)),
    FailureScenario("429 with Retry-After mid-briefing", FailurePlan(retry_after_short=0.1, retry_after_long=0.1)),
    FailureScenario("429 with Retry-After, process restarted before each retry",
                    FailurePlan(retry_after_short=0.1, retry_after_long=0.1, restart_before_retry=True)),
    FailureScenario("5xx bursts (1-15 min)", FailurePlan(burst=0.12)),
    FailureScenario("5xx bursts, process restarted before each retry", FailurePlan(burst=0.12,
                                                                                 restart_before_retry=True)),
    FailureScenario("404: webhook deleted", FailurePlan(refusal=404)),
    FailureScenario("403: webhook refused", FailurePlan(refusal=403)),
    FailureScenario("400: invalid payload", FailurePlan(refusal=400)),
)


async def one_failure_run(folder: Path, platform: str, arm: str, scenario: FailureScenario, days: int, seed: int,
                          timeout: float) -> FailureCounts:
    """One platform, one arm, one scenario, in this process: the fake, the proxy before it, the delivery loop."""
    folder.mkdir(parents=True, exist_ok=True)
    clock = ManualClock(T0)
    spec = Spec(f"sqlite:///{folder / 'store.db'}", platform, arm, "", days, seed, str(folder))

    def parts_today() -> int:
        lines = read_lines(spec.path("expected.jsonl"))
        return len(lines[-1]["parts"]) if lines else 1

    async with fake_webhook(platform) as (server, webhook_url, upstream):
        proxy = FailureProxy(Upstream(upstream.base, upstream.fail_next), scenario.plan, platform=platform,
                             clock=clock, seed=seed, hold=timeout + 0.3, parts_today=parts_today)
        await proxy.start()
        spec.url = proxy.url_for(webhook_url)
        sleeps: list[float] = []
        try:
            with OperatorLog() as log:
                records = await run_slots(spec, scenario, proxy, clock, timeout=timeout, sleeps=sleeps)
        finally:
            await proxy.stop()
        counts = count_run(spec, received(platform, server), records)
    counts.faults, counts.posts, counts.posts_after_end = Counter(proxy.injected), proxy.posts, proxy.posts_after_end
    counts.refused_slots, counts.spells = proxy.refused_slots, Counter(proxy.spells)
    counts.retry_after_margins, counts.in_process_waits = proxy.retry_after_margins, sleeps
    counts.log_first, counts.log_count = log.first, log.count
    return counts


def failure_runs(folder: Path, days: int, seed: int, timeout: float,
                 ) -> Iterator[tuple[FailureScenario, str, dict[str, FailureCounts]]]:
    """Each failure scenario, each arm: (scenario, arm, counts by platform)."""
    for n, scenario in enumerate(FAILURE_SCENARIOS):
        for arm in ARMS:
            by_platform = {}
            for platform in PLATFORMS:
                sub = folder / f"failure{n}-{arm}-{platform}"
                by_platform[platform] = asyncio.run(one_failure_run(sub, platform, arm, scenario, days, seed, timeout))
            print(f"  webhooks: {scenario.name}, {arm} done", file=sys.stderr)
            yield scenario, arm, by_platform


def _total(by_platform: dict[str, FailureCounts]) -> FailureCounts:
    total = FailureCounts()
    for counts in by_platform.values():
        total.add(counts)
    return total


def _seconds(values: list[float]) -> str:
    if not values:
        return "-"
    low, high = min(values), max(values)
    return f"{low:g} s" if low == high else f"{low:g}-{high:g} s"


def failure_table(results: list[tuple[FailureScenario, str, dict[str, FailureCounts]]]) -> str:
    head = ["scenario", "delivery", "briefings: delivered / failed for good / unfinished", "parts", "received once",
            "duplicated (extra copies)", "not posted (slot failed)", "lost", "faults met (of POSTs)",
            "POSTs for a slot after it ended", "ledger retries (delays set; with parts out)",
            "next POST after a 429, past its Retry-After", "unexpected"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for scenario, arm, by_platform in results:
        c = _total(by_platform)
        faults = ", ".join(f"{k} {v}" for k, v in sorted(c.faults.items()) if k != "none") or "-"
        if c.spells:
            faults += " (" + ", ".join(f"{n} {kind}s" for kind, n in sorted(c.spells.items())) + ")"
        early = sum(m < 0 for m in c.retry_after_margins)
        after_429 = (f"{_seconds(c.retry_after_margins)}; early: {early}" if c.retry_after_margins else "-")
        lines.append("| " + " | ".join([
            scenario.name, ARM_LABEL[arm], f"{c.delivered} / {c.failed} / {c.unfinished} of {c.briefings}",
            str(c.parts), str(c.once), f"{c.duplicated} ({c.extra_copies})", str(c.not_posted), str(c.lost),
            f"{faults} (of {c.posts})", str(c.posts_after_end),
            f"{c.retries} ({_seconds(c.retry_delays)}; {c.retries_mid_briefing})",
            after_429, str(c.unexpected)]) + " |")
    return "\n".join(lines)


def _operator_view(scenario: FailureScenario, by_platform: dict[str, FailureCounts]) -> list[str]:
    """What the ledger recorded and what an operator reads, per platform (the ledger arm)."""
    lines = [f"- **{scenario.name}**:"]
    for platform, c in by_platform.items():
        reasons = "; ".join(f"{n} x `{r}`" for r, n in c.reasons.items()) or "none"
        waits = f"{len(c.in_process_waits)} in-process wait(s) ({_seconds(c.in_process_waits)})"
        lines.append(f"  - {platform}: ledger: {c.delivered} delivered, {c.failed} failed for good (error: "
                     f"{reasons}), {c.unfinished} unfinished; {c.retries} retry time(s) set "
                     f"({_seconds(c.retry_delays)} after the tick), {waits}; notices received: {c.notices}.")
        if c.displays:
            lines.append(f"    `briefbot channels` while it waited: `{c.displays[0]}`")
        if c.last_errors:
            lines.append(f"    `briefbot channels` after the failure: `last error: {c.last_errors[0]}`")
        for template, line in c.log_first.items():
            if "part(s) of" in template or "already delivered" in template:
                continue
            lines.append(f"    log ({c.log_count[template]}x): `{line}`")
    return lines


def _failure_reading(results: list[tuple[FailureScenario, str, dict[str, FailureCounts]]]) -> list[str]:
    """What the table says, checked against the expected behaviour (so a re-run keeps the words true)."""
    by = {(scenario.name, arm): _total(counts) for scenario, arm, counts in results}
    lines = []
    for scenario, arm, _ in results:
        if arm != "ledger":
            continue
        c, plain = by[(scenario.name, "ledger")], by[(scenario.name, "plain")]
        plan = scenario.plan
        checks = [f"lost {c.lost} (plain post {plain.lost})",
                  f"extra copies {c.extra_copies} (plain post {plain.extra_copies})"]
        if plan.hang_after:
            held = c.faults["hang after"]
            checks.append(f"the extra copies {'are exactly' if c.extra_copies == held else 'are NOT'} the "
                          f"{held} POST(s) the platform took before their answer was held past the timeout")
        if plan.refusal:
            checks.append(f"{c.failed} of {c.refused_slots} refused slot(s) failed for good "
                          f"({'as expected' if c.failed == c.refused_slots else 'NOT as expected'}), "
                          f"{c.retries} retry time(s) set, {c.faults[f'{plan.refusal} refused']} refused POST(s) "
                          "in all (each refused part once; after a 400 also Slack's plain-text version of it; after "
                          f"a 404 or 403 also the failure notice), {c.posts_after_end} POST(s) for a slot after it "
                          "ended")
        if c.retry_after_margins:
            early = sum(m < 0 for m in c.retry_after_margins)
            checks.append(f"{len(c.retry_after_margins)} POST(s) after a 429, {early} before its Retry-After "
                          "had passed")
        if plan.burst or plan.stall or plan.retry_after_long:
            checks.append(f"longest ledger retry delay {max(c.retry_delays, default=0) / 60:g} min")
        if c.retries:
            checks.append(f"{c.retries_mid_briefing} of {c.retries} ledger retries came with parts already out "
                          "(the next POST is the part that failed, with the ledger)")
        lines.append(f"- **{scenario.name}**: " + "; ".join(checks) + ".")
    return lines


FAILURE_FOUND = (
    "- **Found by these runs and fixed**: a long Retry-After met after the adapter had waited out shorter ones in "
    "the same post (2 s each here) was handed back counted from the end of those waits, while the delivery counts "
    "it from its tick: the ledger's retry time came early by the time waited (with a real clock, also by the "
    "POSTs' own time: up to 3 x the timeout). In one process the adapter's own not-before still held the POST "
    "back (one more ledger retry); a restarted process posted early (the first run of the restart row: 1 POST, "
    "4 s before the Retry-After had passed). `adapters/webhooks/base.py` now counts it from the post's start; "
    "`tests/webhooks/test_webhook_retry_after_waits.py`."
)


def failure_section(results: list[tuple[FailureScenario, str, dict[str, FailureCounts]]], days: int,
                    timeout: float, seconds: float) -> str:
    """The RELIABILITY.md subsection for the failure scenarios: how it was run, the table, what each showed."""
    return "\n".join([
        "### Webhook POSTs that hang, refusals that end a slot, 429s and 5xx bursts",
        "",
        f"Produced by `.venv/bin/python benchmarks/reliability_webhooks.py --failures-only --failure-days {days} "
        f"--hang-timeout {timeout:g}` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, in {seconds / 60:.1f} minutes "
        "(without `--failures-only` it runs after the table above).",
        "",
        f"{days} daily briefings per platform and scenario, in one process on a `ManualClock` (the adapter's "
        "waits move it; nothing sleeps for a retry delay), through the same proxy and local fakes "
        "(`benchmarks/reliability_webhook_failures.py`). *Hang*: the proxy holds a POST past the adapter's "
        f"request timeout, set to {timeout:g} s through the adapter's constructor (`timeout=`; 15 s by default, "
        "`REQUEST_TIMEOUT_SECONDS` in `adapters/webhooks/base.py`), then resets it: either before passing it on "
        "(nothing posted) or after the fake posted it (the platform took it; only the answer is missing); a "
        "*stall* is a spell of 1 to 10 minutes (clock time) in which every POST is held and never passed on. The "
        f"holds ({timeout + 0.3:g} s each) are real waits, the only ones; the clock does not move during them. "
        "*429*: a Retry-After of 2 s (waited out by the adapter) or 120 s (handed back to the ledger); the "
        "column says how long after that time the next POST came (negative: early). "
        "*5xx bursts*: a POST starts a burst in which every POST gets "
        "a 503 for 1 to 15 minutes of clock time. *Restarted before each retry*: a new adapter and scheduler on "
        "the same store before each retry the ledger sets (what the plain post forgets then shows). *404 / 403 / "
        "400*: on every 4th day, from the k-th part of the briefing on (k drawn from its parts), every POST to "
        "the webhook that day is refused with the platform's answer (Slack: `no_service`, `action_prohibited`, "
        "`invalid_payload`; Discord: code 10015 Unknown Webhook, 50013 Missing Permissions, 50035 Invalid Form "
        "Body); a 400 refuses the briefing's messages (also Slack's plain-text version), not the failure "
        "notice. The webhook is back the next day. After each slot ends the scheduler ticks twice more that "
        "day (a failed slot's stories go into the next day's briefing: more parts in those rows). Each row sums "
        "Slack and Discord; *not posted (slot failed)*: parts never received of slots the "
        "ledger recorded as failed for good; *lost*: parts never received of any other slot.",
        "",
        failure_table(results),
        "",
        "Reading it:",
        *_failure_reading(results),
        FAILURE_FOUND,
        "",
        "What the ledger recorded and what the operator sees (per-part ledger run; the first line of each kind, "
        "with how many there were):",
        *[line for scenario, arm, by_platform in results if arm == "ledger"
          for line in _operator_view(scenario, by_platform)],
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
