"""The webhook reliability run's failure scenarios (hanging POSTs, refusals, 429s, 5xx bursts): runs and report.

Run through benchmarks/reliability_webhooks.py (``--failures-only``) or benchmarks/reliability.py.
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
for _folder in ("slack", "discord"):  # the fakes are plain modules beside their tests (as tests/webhooks sets up)
    sys.path.insert(0, str(REPO / "tests" / _folder))

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
    Upstream,
)
from benchmarks.reliability_webhook_worker import (  # noqa: E402
    T0,
    Spec,
    read_lines,
)
from benchmarks.reliability_webhooks import ARM_LABEL, ARMS, PLATFORMS, fake_webhook, received  # noqa: E402
from bot.clock import ManualClock  # noqa: E402

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
                          "in all (each refused part once; after a 400 also Slack's plain-text version of it; no "
                          f"failure notice to a webhook refused for good, 404 or 403), {c.posts_after_end} POST(s) for "
                          "a slot after it ended")
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
    "4 s before the Retry-After had passed). First fixed in `adapters/webhooks/base.py` (counted from the post's "
    "start); now the delivery counts a retry from when the post failed (`Delivery.failed_at`, the clock then) and "
    "every adapter hands back a Retry-After as the answer that gave it said (`bot.adapter.PostError`); "
    "`tests/webhooks/test_webhook_retry_after_waits.py`, `tests/channels/test_retry_from_failure.py`. The ledger's "
    "retry delays after a hang or a 5xx now count the adapter's own waits before it gave up (1 s and 2 s here)."
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
