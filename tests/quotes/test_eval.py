"""The PolNeAR scorer: span metrics on hand-made items, and a small real run beside the baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.eval.quote_metrics import Item, Tally, match, overlap, score_document, tokens_in
from bot.eval.quotes import load_split, main, readings


def _item(text: str, start: int, end: int, quoted: bool = False, speaker: tuple[int, int] | None = None) -> Item:
    return Item(tokens_in(text, [(start, end)]), (speaker,) if speaker else (), "", quoted)


def test_overlap_and_exact_counts() -> None:
    text = "Officials said the port will reopen on Friday after repairs."
    gold = _item(text, 15, 59, speaker=(0, 9))
    near = _item(text, 15, 45, speaker=(0, 9))  # 6 of 8 tokens
    far = _item(text, 46, 59)
    assert overlap(near.content, gold.content) == pytest.approx(6 / 8)
    assert match([far], [gold]) == []
    tallies = {s: Tally() for s in ("all", "quoted", "unquoted")}
    score_document([near], [gold], tallies)
    m = tallies["all"].metrics()
    assert (m["overlap_f1"], m["exact_f1"], m["speaker_acc"]) == (1.0, 0.0, 1.0)


def test_real_run_prints_json_beside_the_baseline(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not (shared_dir / "eval" / "quotes" / "polnear" / "dev.jsonl").is_file():
        pytest.skip("PolNeAR dev split is not in ../shared/eval/quotes/polnear")
    assert main(shared_dir, split="dev", as_json=True, limit=2) == 0
    data = json.loads(capsys.readouterr().out)
    systems = data["polnear-dev"]
    assert set(systems) == {"briefbot", "direct-quotes-only"}
    assert systems["briefbot"]["gold"] > 0
    assert systems["briefbot"]["unquoted.overlap_r"] > systems["direct-quotes-only"]["unquoted.overlap_r"]
    assert main(shared_dir, split="train", as_json=True) == 2


def test_readings_score_both_gold_readings_from_one_parse(shared_dir: Path) -> None:
    if not (shared_dir / "eval" / "quotes" / "polnear" / "dev.jsonl").is_file():
        pytest.skip("PolNeAR dev split is not in ../shared/eval/quotes/polnear")
    scores = readings(load_split(shared_dir, "dev")[:2])
    assert set(scores) == {"repaired-gold/pieces", "repaired-gold/whole-span", "published-gold/pieces",
                           "published-gold/whole-span"}
    assert scores["published-gold/pieces"]["gold"] <= scores["repaired-gold/pieces"]["gold"]
    assert scores["repaired-gold/pieces"]["predicted"] == scores["repaired-gold/whole-span"]["predicted"] > 0
