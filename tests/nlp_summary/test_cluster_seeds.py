"""Clustering figures over several jitter seeds (`eval clusters --jitter-seeds N`): arithmetic and wiring."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bot.eval.cluster_seeds import Spread, over_seeds, seed_gain, shipped_systems
from bot.eval.clusters import evaluate_clusters
from tests.cli_run import cli


def test_spread_is_the_mean_and_sample_standard_deviation() -> None:
    got = Spread((0.80, 0.84, 0.82))
    assert math.isclose(got.mean, 0.82)
    assert math.isclose(got.sd, 0.02)
    assert Spread((0.5,)).sd == 0.0


def test_seed_gain_pairs_the_seeds_and_reports_the_worst() -> None:
    gain, se, worst = seed_gain(Spread((0.81, 0.86, 0.83)), Spread((0.80, 0.84, 0.82)))
    assert math.isclose(gain, (0.01 + 0.02 + 0.01) / 3)
    assert math.isclose(se, Spread((0.01, 0.02, 0.01)).sd / math.sqrt(3))
    assert math.isclose(worst, 0.01)


def test_seed_zero_is_the_figure_eval_clusters_prints(shared_dir: Path) -> None:
    spreads = over_seeds(shared_dir, shipped_systems(), split="dev", seeds=2, limit=60)
    plain = evaluate_clusters(shared_dir, split="dev", limit=60)
    for name in ("briefbot", "tfidf_single_link"):
        assert spreads[name].per_seed[0] == plain[name]["b3_f1"]
        assert len(spreads[name].per_seed) == 2


def test_the_cli_prints_each_seed_and_their_spread(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, printed, _ = cli(capsys, "eval", "clusters", "--jitter-seeds", "2", "--split", "dev", "--limit", "60",
                           "--json", "--data", str(shared_dir))
    out = json.loads(printed)
    assert code == 0
    assert set(out) == {"allsides_clusters_dev_seeds"}
    row = out["allsides_clusters_dev_seeds"]["briefbot"]
    assert len(row["per_seed"]) == 2 and row["mean"] == round(sum(row["per_seed"]) / 2, 4)
    assert row["per_seed"][0] == evaluate_clusters(shared_dir, split="dev", limit=60)["briefbot"]["b3_f1"]


@pytest.mark.parametrize("seeds", ["0", "-1"])
def test_the_cli_refuses_no_seeds(seeds: str, shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "eval", "clusters", "--jitter-seeds", seeds, "--data", str(shared_dir))
    assert (code, out) == (2, "") and err == f"briefbot eval: --jitter-seeds: expected at least 1, got {seeds}\n"


def test_a_split_without_seeds_is_refused_not_ignored(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "eval", "clusters", "--split", "dev", "--data", str(shared_dir))
    assert (code, out) == (2, "")
    assert err.startswith("briefbot eval clusters: --split needs --jitter-seeds N")
