"""Every hostile input and fault we try, how many cases, and what happened; writes docs/RELIABILITY.md.

    .venv/bin/python benchmarks/reliability.py --cycles 100 [--ingest-cycles N] [--fuzz 300] [--out docs/RELIABILITY.md]
        [--webhook-days 60 --webhook-kill-days 25]

Nothing here is hard-coded: every number in the table comes from the run that writes it.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.reliability_delivery import delivery_cycles
from benchmarks.reliability_faults import HOSTILE, mixed_ingest
from benchmarks.reliability_fuzz import TARGETS, fuzz, pathological_splits
from benchmarks.reliability_kills import (
    ingest_cycle,
    kill_windows,
    migration_cycle,
    time_migration,
    write_corpus,
)

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Row:
    area: str
    what: str
    cases: int
    crashes: int | str = 0
    hangs: int | str = "-"
    lost: int | str = "-"
    duplicates: int | str = "-"
    skipped: int | str = "-"
    notes: str = ""

    def cells(self) -> list[str]:
        return [self.area, self.what, str(self.cases), str(self.crashes), str(self.hangs), str(self.lost),
                str(self.duplicates), str(self.skipped), self.notes]


def fuzz_rows(examples: int) -> list[Row]:
    rows = []
    for target in TARGETS:
        r = fuzz(target, examples)
        refused = ", ".join(f"{k} {v}" for k, v in sorted(r.refusals.items()))
        rows.append(Row("fuzzing", r.name, r.cases, r.crashes, r.hangs,
                        notes=f"{r.accepted} accepted, {r.refused} refused ({refused or '-'}); slowest "
                              f"{r.slowest * 1000:.0f} ms" + (f"; first crash: {r.first_crash}" if r.crashes else "")))
    for name, seconds, found in pathological_splits():
        rows.append(Row("sentence splitter", f"{name}, 200,000 chars", 1, 0, int(seconds > 5.0),
                        notes=f"{seconds:.2f} s, {found} sentences kept"))
    return rows


def ingest_rows(folder: Path, cycles: int, files: int) -> list[Row]:
    corpus = write_corpus(folder / "corpus", files)
    windows = kill_windows(folder / "baseline.db", corpus)
    rng = random.Random(8)
    kills = half = fts = dup = lost_acked = missing = unclustered = dangling = bad_exit = integrity = 0
    for n in range(cycles):
        c = ingest_cycle(rng, folder / "kill.db", corpus, windows=windows, max_kills=2)
        kills += c.kills
        for check in c.after_kill:
            half += check.half_written
            fts += check.fts_mismatch
            dup += check.duplicate_sources
            integrity += not check.integrity_ok
        lost_acked += c.lost_acknowledged
        missing += c.missing_after_restart
        dup += c.final.duplicate_sources
        unclustered += c.final.unclustered
        dangling += c.final.dangling
        bad_exit += c.final_returncode != 0
        integrity += not c.final.integrity_ok
        if (n + 1) % 10 == 0:
            print(f"  ingest kill cycles: {n + 1}/{cycles}", file=sys.stderr)
    phases = ", ".join(f"{a:.1f}-{b:.1f} s" for a, b in windows)
    return [
        Row("SIGKILL", f"`briefbot ingest` of {files} files killed 1-2 times per cycle, then restarted", cycles,
            bad_exit, "-", lost_acked + missing + unclustered + dangling, dup, "-",
            f"{kills} kills, spread over the phases write / quotes / cluster+summarise ({phases} in the baseline "
            f"run); after each kill: {integrity} integrity failures, {half} half-written articles, {fts} "
            f"full-text rows out of step; after the restart: {missing} inputs missing, {unclustered} articles in "
            f"no story, {dangling} in a story never summarised, {lost_acked} acknowledged articles lost"),
    ]


def migration_rows(folder: Path, cycles: int) -> list[Row]:
    window = time_migration(folder / "timing.db")
    rng = random.Random(8)
    outcomes: dict[str, int] = {}
    killed = 0
    for _ in range(cycles):
        r = migration_cycle(folder / "migrate.db", rng.uniform(0.0, window))
        outcomes[r.outcome] = outcomes.get(r.outcome, 0) + 1
        killed += r.killed
    return [Row("SIGKILL", "schema migration of a fresh store killed at a random moment, then reopened", cycles,
                outcomes.get("corrupt", 0), "-", outcomes.get("corrupt", 0), "-", "-",
                f"{killed} really killed inside a {window * 1000:.0f} ms migration; reopened and fully migrated: "
                f"{outcomes.get('opened', 0)}; refused clearly: {outcomes.get('refused', 0)}; "
                f"silently corrupt: {outcomes.get('corrupt', 0)}")]


def delivery_rows(folder: Path, cycles: int) -> list[Row]:
    r = delivery_cycles(folder, cycles, parts=3, max_kills=2)
    phases = "; ".join(f"{k}: {v}" for k, v in sorted(r.kill_phases.items()))
    return [Row("SIGKILL", "scheduled 3-message briefing: delivery process killed 1-2 times per slot, restarted",
                cycles, 0, "-", r.lost_stories, r.duplicate_parts + r.duplicate_stories, r.skipped_slots,
                f"{r.kills} kills landing at: {phases}; {r.resends_absorbed} parts re-sent after a restart and "
                f"dropped by the platform's per-part key; {r.inconsistent_slots} slots with differing parts")]


def source_rows(folder: Path, rounds: int) -> list[Row]:
    stopped: dict[str, int] = dict.fromkeys(HOSTILE, 0)
    slowest: dict[str, float] = dict.fromkeys(HOSTILE, 0.0)
    normal_ok = normal_all = 0
    reasons: dict[str, str] = {}
    for n in range(rounds):
        sub = folder / f"round{n}"
        sub.mkdir(parents=True, exist_ok=True)
        run = asyncio.run(mixed_ingest(sub, normal=6, timeout=1.0, max_bytes=2_000_000))
        normal_ok += run.stored_normal
        normal_all += run.expected_normal
        for name in HOSTILE:
            stopped[name] += name not in run.unstopped
            reasons[name] = run.reasons[name].split(": ", 1)[-1][:110]
        for name, seconds in run.seconds_by_name.items():
            slowest[name] = max(slowest[name], seconds)
    rows = [Row("hostile source", name, rounds, rounds - stopped[name], "0" if slowest[name] < 3.0 else "1+",
                notes=f"stopped {stopped[name]}/{rounds}, slowest {slowest[name]:.2f} s (limit 1 s); "
                      f"\"{reasons[name]}\"") for name in HOSTILE]
    rows.append(Row("hostile source", "normal feeds in the same runs", rounds * 6, 0, "0", normal_all - normal_ok,
                    notes=f"{normal_ok}/{normal_all} articles stored"))
    return rows


def pg_rows(writes: int) -> list[Row]:
    from benchmarks.reliability_pg import terminate_during_writes
    from tests.pg import PG_HOST, PG_PORT, server_answers

    if not server_answers():
        return [Row("PostgreSQL", "server-side connection kills", 0, notes=f"skipped: nothing on {PG_HOST}:{PG_PORT}")]

    async def both() -> list[Row]:
        import asyncpg  # type: ignore[import-untyped]

        admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user="postgres", database="postgres")
        rows = []
        for mid in (False, True):
            await admin.execute('DROP DATABASE IF EXISTS "briefbot_bench_hostile" WITH (FORCE)')
            await admin.execute('CREATE DATABASE "briefbot_bench_hostile"')
            url = f"postgresql://postgres@{PG_HOST}:{PG_PORT}/briefbot_bench_hostile"
            r = await terminate_during_writes(url, writes, every=5, mid_transaction=mid)
            kinds = ", ".join(f"{k} {v}" for k, v in r.error_kinds.items()) or "none"
            rows.append(Row("PostgreSQL", "all connections terminated " + ("while a write is in flight" if mid
                            else "between writes") + " (pg_terminate_backend)", writes, r.errors_escaped, "-",
                            r.lost, notes=f"{r.terminations} backends terminated; {r.acknowledged} writes "
                                          f"acknowledged, {r.lost} of them lost; errors reaching the caller: {kinds}"))
        await admin.close()
        return rows

    return asyncio.run(both())


def webhook_section(folder: Path, days: int, kill_days: int) -> str:
    """Webhook briefings under HTTP faults and kills, with and without the per-part ledger: its own table; then hanging
    POSTs, refusals, 429s and 5xx bursts (benchmarks/reliability_webhook_failures.py): its subsection."""
    from benchmarks.reliability_webhook_failure_report import failure_runs, failure_section
    from benchmarks.reliability_webhooks import runs, section

    start = time.monotonic()
    kills = section(list(runs(folder, days, kill_days, seed=8)), days, kill_days, time.monotonic() - start)
    start = time.monotonic()
    failure_days, timeout = 30, 0.5  # as reliability_webhooks.py's defaults
    failures = list(failure_runs(folder / "failures", failure_days, 8, timeout))
    return kills + "\n\n" + failure_section(failures, failure_days, timeout, time.monotonic() - start)


def secrets_rows(folder: Path) -> list[Row]:
    import pytest

    code = pytest.main(["-q", "-p", "no:cacheprovider", str(REPO / "tests" / "hostile" / "test_secrets.py"),
                        "--basetemp", str(folder / "secrets")])
    return [Row("secrets", "`briefbot run -v` against a platform echoing every token; config errors; logged "
                "tracebacks", 4, 0 if code == 0 else "see test", notes="tokens found in output: "
                + ("0" if code == 0 else "some (tests/hostile/test_secrets.py failed)"))]


FINDINGS = """## What these tests found (and what was done)

- **A feed could end a whole ingest run.** `parse_feed(b"<!DOCTYPE>")` served as `application/rss+xml` raised
  `AttributeError` (feedparser leaves out `version`), which escaped `read_source` and stopped every other
  source. Fixed in `bot/ingest/feeds.py`; also a character reference past U+10FFFF (`&#2000000;`) now gives a
  `FeedError` instead of a bare `ValueError`, and control characters no longer make lxml refuse a fragment
  (`bot/ingest/html.py`).
- **`/brief` crashed on some typed text**: `since 99999999999999999999d` (`OverflowError` in
  `bot/timeparse.py`) and a topic like `OR` or `-sport` (`TopicError` escaping the handler), both answered by
  the dispatcher's "something went wrong". Both now get a clear reply (`bot/timeparse.py`,
  `bot/commands/briefing_commands.py`), checked over the real command list by a property test.
- **A SIGKILL during a schema migration bricked the store.** pysqlite runs DDL outside any transaction, so a
  kill after `CREATE VIRTUAL TABLE article_fts` but before the version row left a store that refused to open
  for ever ("table article_fts already exists"; 1 in 30 random kills). `bot/store/db.py` now opens each
  SQLite migration with `BEGIN IMMEDIATE`.
- **A SIGKILL after the articles were written but before clustering and summarising lost them from every
  briefing**: a restart found them "unchanged" and never clustered them (40 of 40 in a kill during the quote
  or cluster phase), or left them in stories that had no row or summary. `Pipeline.refresh_stories` now also
  takes `ArticleStore.unfinished_ids()`, and `story_ids_for_articles` only returns stories that exist.
- **Tokens echoed back by a server reached the debug log** (`slack_sdk` and `discord.http` log response
  bodies). `bot/redact.py` masks every configured secret in every formatted log line, tracebacks included.
- **A PostgreSQL connection terminated while a write was in flight** reached the caller as `DBAPIError
  (connection_invalidated=True)` (nothing acknowledged was lost). `Database.transaction` now re-runs such a
  transaction on a fresh connection; article saves and story placement/summaries go through it
  (`tests/hostile/test_pg_reconnect.py`).
- **Sentence splitting was slow on bracket floods** (~25-55 µs per character: syntok looks ahead for the
  closing bracket of every opening one, quadratic within a piece; a 200,000-character article of `[1[1[1...`
  took 5-11 s of CPU). Lines with no space or an opening bracket every few characters now bypass syntok and
  brackety lines are cut into 2,000-character pieces (`bot/nlp/sentences.py`); see the splitter rows.
- **A slot retried after `/brief length` changed was posted at the new length** (found in review, not by these
  runs). The ledger kept what each slot carries (its stories, their articles and text) but not its length, so a
  briefing composed `full` whose post failed, or that a crash left pending, went out as `headlines` when the channel
  changed its length before the retry or the catch-up. Since schema v15 the ledger records the length with the slot
  when it is first composed (`deliveries.length`), and a retry or catch-up posts at it (`Delivery.replay`); the next
  slot takes the new length. A slot claimed before the upgrade has none recorded and is posted at the channel's
  length of the moment, as before (`tests/channels/test_slot_length.py`, SQLite and PostgreSQL).
- **A webhook channel's multi-message briefing repeated its first parts after a crash or restart, and a
  platform's Retry-After never reached the ledger** (found in review, not by these runs). A webhook cannot read the
  channel, and the parts already out were remembered only by the process; the ledger retried a rate-limited slot
  after its own 1, 2, 4 ... minutes, which the adapter then refused without sending. Now the delivery records each
  part's message id in the slot's ledger row as soon as the platform took it (`bot/delivery_parts.py`,
  `DeliveryLedger.record_parts`, before the next part is sent), and a retry, in the same process or after a
  restart, passes the recorded ids to the adapter, which posts only the rest (`bot/adapter.py` `ResumablePost`;
  adapters without it, console and the bot adapters, are called as before). What is guaranteed: a recorded part is
  never posted again. `tests/webhooks/test_webhook_sigkill.py` SIGKILLs the delivery process right after part 1 of
  a 3-part briefing is recorded, for a Slack and a Discord webhook, and after the restart the local webhook servers
  have each part exactly once. The window left: a kill after the platform took a part but before its ledger write
  (one database write) posts that one part again on the retry, as the same file's second test shows (`sent1`: part
  1 twice, parts 2 and 3 once); measured over many briefings, kills and HTTP faults, against the plain post, in
  "Webhook delivery" above, which also counts a second window the ledger does not close (a connection reset after
  the platform took a part: its answer lost, the adapter sends it again). `PostError.retry_after` now carries a rate
  limit's wait (the webhooks' 429, the Slack app's Retry-After once it stops waiting in-process, Discord's
  `RateLimited` or a 429's Retry-After header), and
  `Delivery._failed` retries at the later of its own backoff and that wait; the catch-up grace rules are unchanged
  (a retry that fails again past the grace ends the slot as failed) (`tests/channels/test_delivery_parts.py`,
  SQLite and PostgreSQL; `tests/webhooks/test_webhook_delivery.py`).
"""


def write_doc(path: Path, rows: list[Row], args: argparse.Namespace, seconds: float, webhooks: str = "") -> None:
    head = ["area", "hostile input or fault", "cases", "crashes", "hangs", "lost", "duplicates", "skipped", "notes"]
    lines = [
        "# Reliability: a hostile world, measured",
        "",
        f"Produced by `.venv/bin/python benchmarks/reliability.py --cycles {args.cycles} --ingest-cycles "
        f"{args.ingest_cycles} --fuzz {args.fuzz} --source-rounds {args.source_rounds}` on "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC ({platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}), in {seconds / 60:.1f} minutes. Re-run it to check every figure.",
        "",
        "Columns: *crashes* = an exception other than the module's own clear error (or a process exiting "
        "non-zero); *hangs* = a case past its bound; *lost* = articles, stories or acknowledged writes missing; "
        "*duplicates* = a message part or story posted twice, or an input stored twice; *skipped* = a due "
        "briefing slot never completely posted. `-` = does not apply.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row.cells()) + " |" for row in rows]
    lines += ["", "How each row is produced: `benchmarks/reliability_*.py`; the same code runs, smaller, in "
              "`tests/hostile/` (`.venv/bin/pytest tests/hostile`).", "", *([webhooks] if webhooks else []), FINDINGS]
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=100, help="delivery and migration kill cycles")
    parser.add_argument("--ingest-cycles", type=int, default=None, help="ingest kill cycles (default: --cycles)")
    parser.add_argument("--ingest-files", type=int, default=20)
    parser.add_argument("--fuzz", type=int, default=300, help="generated cases per fuzz target")
    parser.add_argument("--source-rounds", type=int, default=5)
    parser.add_argument("--pg-writes", type=int, default=200)
    parser.add_argument("--webhook-days", type=int, default=60, help="webhook briefings per platform, no kills")
    parser.add_argument("--webhook-kill-days", type=int, default=25, help="webhook briefings per platform, kills")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "RELIABILITY.md")
    args = parser.parse_args()
    args.ingest_cycles = args.cycles if args.ingest_cycles is None else args.ingest_cycles
    start = time.monotonic()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="briefbot-reliability-") as tmp:
        folder = Path(tmp)
        sections: list[tuple[str, Callable[[], list[Row]]]] = [
            ("fuzzing", lambda: fuzz_rows(args.fuzz)),
            ("hostile sources", lambda: source_rows(folder / "sources", args.source_rounds)),
            ("secrets", lambda: secrets_rows(folder)),
            ("PostgreSQL", lambda: pg_rows(args.pg_writes)),
            ("migration kills", lambda: migration_rows(folder / "migration", args.cycles)),
            ("delivery kills", lambda: delivery_rows(folder / "delivery", args.cycles)),
            ("ingest kills", lambda: ingest_rows(folder / "ingest", args.ingest_cycles, args.ingest_files)),
        ]
        for label, make in sections:
            print(f"{label} ...", file=sys.stderr)
            rows += make()
        print("webhook delivery ...", file=sys.stderr)
        webhooks = webhook_section(folder / "webhooks", args.webhook_days, args.webhook_kill_days)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_doc(args.out, rows, args, time.monotonic() - start, webhooks)
    print(args.out.read_text())


if __name__ == "__main__":
    main()
