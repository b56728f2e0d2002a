"""SIGKILL harness: kill `briefbot ingest` and a schema migration at random moments, then check the store."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import IngestConfig
from bot.nlp.sentences import split_sentences

REPO = Path(__file__).resolve().parents[1]
_PROGRESS = re.compile(r"^(?P<target>.+): (?P<done>\d+)/(?P<total>\d+)$")

_PLACES = ("Harbourton", "Valemark", "Eastbridge", "Norholm", "Saltmere", "Kestrel Bay", "Dunmore", "Brackwater")
_PEOPLE = ("Mara Lind", "Tomas Okafor", "Ines Varga", "Peter Holm", "Ada Brennan", "Luca Moretti")
_THINGS = ("the ferry terminal", "the water board", "the rail link", "the school budget", "the flood barrier",
           "the port authority", "the night market", "the wind farm")
_VERBS = ("approved", "delayed", "questioned", "opened", "rejected", "expanded", "reviewed", "funded")


def _article(rng: random.Random, n: int) -> str:
    """A short made-up local news article (title line, then sentences with a quote or two)."""
    place, other = rng.sample(_PLACES, 2)
    person = rng.choice(_PEOPLE)
    thing = rng.choice(_THINGS)
    lines = [f"{place} council {rng.choice(_VERBS)} plans for {thing} (report {n})", ""]
    for i in range(rng.randint(6, 14)):
        amount = rng.randint(2, 900)
        choice = i % 4
        if choice == 0:
            lines.append(f"Officials in {place} said on Tuesday that {thing} would cost {amount} million crowns.")
        elif choice == 1:
            lines.append(f"\u201cWe have waited {amount} days for an answer,\u201d {person} said.")
        elif choice == 2:
            lines.append(f"Residents of {other} {rng.choice(_VERBS)} a motion on {thing} by {amount} votes.")
        else:
            lines.append(f"The decision, number {n}-{i}, follows {amount} complaints about {thing}.")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 8) -> list[Path]:
    """``count`` distinct generated article files (our own text, no news copied)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"article-{n:04d}.txt"
        path.write_text(_article(rng, n), encoding="utf-8")
        paths.append(path)
    return paths


def ingest_argv(db: Path, files: Sequence[Path], *, quotes: bool = True) -> list[str]:
    argv = [sys.executable, "-m", "bot.cli", "ingest", *map(str, files), "--db", str(db)]
    return argv if quotes else [*argv, "--no-quotes"]


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PYTHONPATH"] = str(REPO)
    return env


@dataclass
class Run:
    """One child run: how it ended and which targets it had acknowledged (progress lines on stderr)."""

    killed: bool
    returncode: int
    seconds: float
    acknowledged: list[str] = field(default_factory=list)
    stderr: str = ""


def run_ingest(db: Path, files: Sequence[Path], *, kill_after: float | None, quotes: bool = True,
               timeout: float = 600) -> Run:
    """Run `briefbot ingest`; with ``kill_after``, SIGKILL it that many seconds after start."""
    start = time.monotonic()
    proc = subprocess.Popen(ingest_argv(db, files, quotes=quotes), cwd=REPO, env=child_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    killed = False
    try:
        if kill_after is not None:
            try:
                proc.wait(timeout=kill_after)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                killed = True
        _, err = proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    names = {str(f) for f in files}
    acked: list[str] = []
    for line in err.splitlines():
        m = _PROGRESS.match(line.strip())
        if m and m["target"] in names:
            acked = [str(f) for f in files[: int(m["done"])]]
    return Run(killed, proc.returncode, time.monotonic() - start, acked, err)


@dataclass
class StoreCheck:
    """What a store looks like after a crash: counts of every kind of damage (all should be 0)."""

    integrity_ok: bool
    articles: int
    half_written: int  # sentence rows missing or differing from a re-split of the stored text
    fts_mismatch: int  # full-text index rows out of step with the tables
    duplicate_sources: int  # the same input stored twice
    unclustered: int  # articles never placed in a story
    dangling: int = 0  # articles placed in a story that has no row or no summary (invisible in briefings)
    sources: set[str] = field(default_factory=set)


def check_store(db: Path, config: IngestConfig | None = None) -> StoreCheck:
    """Open the SQLite file read-only with the stdlib and check every article against its sentences."""
    config = config or IngestConfig()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "articles" not in tables:
            return StoreCheck(ok, 0, 0, 0, 0, 0)
        dangling = conn.execute(
            "SELECT count(*) FROM articles a LEFT JOIN stories s ON s.id = a.story_id "
            "WHERE a.story_id IS NOT NULL AND (s.id IS NULL OR s.summary = '[]')").fetchone()[0]
        rows = conn.execute("SELECT id, text, source, story_id FROM articles").fetchall()
        half = fts = 0
        for article_id, text, _source, _story in rows:
            stored = conn.execute("SELECT idx, char_start, char_end, text FROM sentences WHERE article_id = ? "
                                  "ORDER BY idx", (article_id,)).fetchall()
            expected = split_sentences(text, max_sentences=config.max_sentences,
                                       max_chars=config.max_sentence_chars)
            if [(s.index, s.start, s.end, s.text) for s in expected] != [tuple(r) for r in stored]:
                half += 1
            fts_sentences = conn.execute("SELECT count(*) FROM sentence_fts WHERE article_id = ?",
                                         (article_id,)).fetchone()[0]
            fts_articles = conn.execute("SELECT count(*) FROM article_fts WHERE article_id = ?",
                                        (article_id,)).fetchone()[0]
            if fts_sentences != len(stored) or fts_articles != 1:
                fts += 1
        orphans = conn.execute("SELECT count(*) FROM sentences WHERE article_id NOT IN "
                               "(SELECT id FROM articles)").fetchone()[0]
        sources = [r[2] for r in rows]
        return StoreCheck(ok, len(rows), half + orphans, fts, len(sources) - len(set(sources)),
                          sum(1 for r in rows if r[3] is None), dangling, set(sources))
    finally:
        conn.close()


@dataclass
class IngestCycle:
    """One kill-and-restart cycle of ingestion."""

    kills: int
    after_kill: list[StoreCheck]
    lost_acknowledged: int  # acknowledged before a kill, missing after it
    final: StoreCheck
    final_returncode: int
    missing_after_restart: int  # inputs not stored once the restarted ingest finished


def kill_windows(db: Path, files: Sequence[Path], *, quotes: bool = True) -> list[tuple[float, float]]:
    """Run one uninterrupted ingest (the baseline) and time its phases from its stderr lines:
    (store opened .. last article written), (.. quotes found), (.. stories clustered and summarised)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    names = {str(f) for f in files}
    start = time.monotonic()
    proc = subprocess.Popen(ingest_argv(db, files, quotes=quotes), cwd=REPO, env=child_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    opened = written = quoted = 0.0
    for line in proc.stderr:
        now = time.monotonic() - start
        m = _PROGRESS.match(line.strip())
        if "migrated" in line or (m and not opened):
            opened = opened or max(0.0, now - 0.2)
        if m and m["target"] in names:
            written = now
        elif m and m["target"].startswith("finding quotes"):
            quoted = now
    proc.wait()
    end = time.monotonic() - start
    if proc.returncode != 0:
        raise RuntimeError(f"the baseline ingest failed (exit {proc.returncode})")
    written = written or end
    quoted = max(quoted, written)
    return [(opened, written), (written, quoted), (quoted, end)]


def ingest_cycle(rng: random.Random, db: Path, files: Sequence[Path], *, windows: Sequence[tuple[float, float]],
                 max_kills: int = 3, quotes: bool = True) -> IngestCycle:
    """Kill the ingest 1..max_kills times, each at a random moment of a random phase (writing articles,
    finding quotes, clustering and summarising), checking the store after each kill; then let it
    finish and check that every input is stored exactly once, in a story with a summary."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    checks: list[StoreCheck] = []
    lost = 0
    kills = rng.randint(1, max_kills)
    for _ in range(kills):
        low, high = rng.choice(list(windows))
        run = run_ingest(db, files, kill_after=rng.uniform(low, high), quotes=quotes)
        if not db.exists():
            continue
        check = check_store(db)
        checks.append(check)
        lost += len(set(run.acknowledged) - check.sources)
    final_run = run_ingest(db, files, kill_after=None, quotes=quotes)
    final = check_store(db)
    missing = len({str(f) for f in files} - final.sources)
    return IngestCycle(kills, checks, lost, final, final_run.returncode, missing)


MIGRATE_CHILD = """
import asyncio, sys
from bot.store.db import Database
sys.stdout.write("ready\\n"); sys.stdout.flush()
sys.stdin.readline()
async def main():
    db = await Database.open(sys.argv[1])
    await db.close()
asyncio.run(main())
sys.stdout.write("done\\n"); sys.stdout.flush()
"""

REOPEN_CHILD = """
import asyncio, sys
from bot.store.db import Database, StoreError
from bot.store.migrations import MIGRATIONS
async def main():
    try:
        db = await Database.open(sys.argv[1])
    except StoreError as exc:
        print("refused", str(exc).replace("\\n", " ")[:300]); return
    version = await db.schema_version()
    await db.close()
    print("opened", version, len(MIGRATIONS))
asyncio.run(main())
"""


@dataclass
class MigrationCycle:
    """One kill during a fresh store's migration, and what reopening it did."""

    kill_after: float
    killed: bool
    outcome: str  # "opened" (fully migrated), "refused" (clear StoreError) or "corrupt"
    detail: str


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=REPO, env=child_env(), text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def migration_cycle(db: Path, kill_after: float) -> MigrationCycle:
    """Start migrating a fresh SQLite store, SIGKILL it ``kill_after`` seconds in, then reopen it."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    proc = _python(MIGRATE_CHILD, str(db))
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdout.readline()  # "ready": imports done, so the kill lands in the migration itself
    proc.stdin.write("go\n")
    proc.stdin.flush()
    try:
        proc.wait(timeout=kill_after)
        killed = False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        killed = True
    proc.communicate()
    reopen = _python(REOPEN_CHILD, str(db))
    out, err = reopen.communicate(timeout=120)
    words = out.split()
    if reopen.returncode == 0 and words[:1] == ["opened"] and words[1] == words[2]:
        check = check_store(db)
        return MigrationCycle(kill_after, killed, "opened" if check.integrity_ok else "corrupt", out.strip())
    if reopen.returncode == 0 and words[:1] == ["refused"]:
        return MigrationCycle(kill_after, killed, "refused", out.strip())
    return MigrationCycle(kill_after, killed, "corrupt", (out + err).strip()[-300:])


def time_migration(db: Path) -> float:
    """Seconds a fresh store's migration takes in a child (imports excluded): the kill window."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    proc = _python(MIGRATE_CHILD, str(db))
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdout.readline()
    start = time.monotonic()
    proc.stdin.write("go\n")
    proc.stdin.flush()
    proc.stdout.readline()
    elapsed = time.monotonic() - start
    proc.communicate()
    return elapsed
