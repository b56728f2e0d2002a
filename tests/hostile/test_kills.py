"""Real SIGKILLs, a few of each (benchmarks/reliability.py runs hundreds): ingestion and a multi-message
delivery killed at random moments, restarted, and checked for half-written, lost, duplicate or skipped."""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks.reliability_delivery import delivery_cycles
from benchmarks.reliability_kills import ingest_cycle, kill_windows, write_corpus


def test_ingest_killed_at_random_moments_then_restarted(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "corpus", 8)
    windows = kill_windows(tmp_path / "baseline.db", files, quotes=False)
    rng = random.Random(8)
    for n in range(2):
        cycle = ingest_cycle(rng, tmp_path / f"store{n}.db", files, windows=windows, max_kills=1, quotes=False)
        for check in cycle.after_kill:  # right after the kill, before any restart
            assert check.integrity_ok and check.half_written == 0 and check.fts_mismatch == 0
            assert check.duplicate_sources == 0
        assert cycle.lost_acknowledged == 0
        final = cycle.final
        assert cycle.final_returncode == 0 and cycle.missing_after_restart == 0
        assert (final.articles, final.duplicate_sources, final.half_written, final.fts_mismatch) == (8, 0, 0, 0)
        assert final.unclustered == 0 and final.dangling == 0


def test_delivery_killed_at_random_moments_then_restarted(tmp_path: Path) -> None:
    report = delivery_cycles(tmp_path, 2, parts=3, max_kills=2)
    assert report.kills >= 2
    assert report.duplicate_parts == 0 and report.duplicate_stories == 0
    assert report.skipped_slots == 0 and report.lost_stories == 0 and report.inconsistent_slots == 0
