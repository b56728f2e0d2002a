"""Smoke tests of the evaluation commands on a few items, plus the B-cubed arithmetic on a toy case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.eval import clusters, summaries
from bot.eval.clusters import bcubed


def test_bcubed_on_a_toy_clustering() -> None:
    gold = ["a", "a", "b", "b"]
    assert bcubed(gold, ["x", "x", "y", "y"])["b3_f1"] == 1.0
    merged = bcubed(gold, ["x", "x", "x", "x"])
    assert merged["b3_precision"] == 0.5 and merged["b3_recall"] == 1.0
    split = bcubed(gold, ["1", "2", "3", "4"])
    assert split["b3_precision"] == 1.0 and split["b3_recall"] == 0.5 and split["pairwise_f1"] == 0.0


def test_eval_summaries_json_shape(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert summaries.main(shared_dir, as_json=True, limit=2) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"cnndm_writer_summaries", "cnndm_sample100", "bbc_sample500"}
    for systems in out.values():
        assert {"briefbot", "lead3", "lexrank", "textrank", "lsa", "luhn"} <= set(systems)
        assert all(0.0 <= systems["briefbot"][m] <= 100.0 for m in ("rouge1", "rouge2", "rougeL"))


def test_eval_clusters_json_shape(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert clusters.main(shared_dir, as_json=True, limit=30) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["allsides_clusters"]) == {"briefbot", "tfidf_single_link"}
    assert set(out["allsides_clusters"]["briefbot"]) == {"b3_precision", "b3_recall", "b3_f1", "pairwise_f1"}
    assert {"briefbot", "lead_per_outlet", "lexrank", "textrank"} == set(out["neus"])


def test_eval_without_data_exits_2(tmp_path: Path) -> None:
    assert summaries.main(tmp_path, as_json=False) == 2
    assert clusters.main(tmp_path, as_json=False) == 2
