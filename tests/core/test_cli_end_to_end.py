"""The command line end to end on the real seeds: one story from two outlets, clean, deduplicated."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
JUNK = ("Also read", "Ads by", "Shutterstock", "Others are reading now", "Homepage")


def briefbot(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = REPO.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"no seeds at {seeds}")
    db = tmp_path_factory.mktemp("cli") / "store.db"
    first = briefbot("ingest", str(seeds), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "2 added" in first.stdout, first.stdout
    return db


def test_seeds_make_one_story_with_both_outlets_and_no_junk(seeded: Path) -> None:
    out = briefbot("brief", "--format", "json", "--since", "3650d", "--db", str(seeded))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["stories"]) == 1
    story = data["stories"][0]
    assert len(story["sources"]) == 2
    assert 2 <= len(story["summary"]) <= 4
    text = json.dumps(story)
    for junk in JUNK:
        assert junk not in text, junk
    for line in story["summary"]:
        assert set(line) >= {"text", "article", "sentence"}


def test_brief_keeps_the_languages_asked_for(seeded: Path) -> None:
    def stories(*languages: str) -> int:
        out = briefbot("brief", "--format", "json", "--since", "3650d", "--db", str(seeded), *languages)
        assert out.returncode == 0, out.stderr
        return len(json.loads(out.stdout)["stories"])

    assert stories() == stories("--languages", "en") == stories("--languages", "fr de EN") == 1
    assert stories("--languages", "fr, de") == 0  # the seeds are English
    wrong = briefbot("brief", "--languages", "french", "--db", str(seeded))
    assert wrong.returncode == 2 and "briefbot brief: --languages: 'french' is not an ISO 639-1" in wrong.stderr


def test_ingesting_the_same_folder_twice_adds_nothing(seeded: Path) -> None:
    again = briefbot("ingest", str(REPO.parent / "shared" / "seeds"), "--db", str(seeded))
    assert again.returncode == 0, again.stderr
    assert "0 added" in again.stdout and "2 skipped" in again.stdout, again.stdout


def test_sources_lists_what_was_ingested(seeded: Path) -> None:
    out = briefbot("sources", "--db", str(seeded))
    assert out.returncode == 0 and "seeds" in out.stdout and "2 articles" in out.stdout, out.stdout


def test_bad_inputs_are_named_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "broken.rss").write_text("<rss><channel><item><title>x</title>")
    good = tmp_path / "good.txt"
    good.write_text("A good title\n\nThe council voted on Tuesday to build a new library. It opens in 2028.\n")
    out = briefbot("ingest", str(tmp_path), str(tmp_path / "missing.txt"), "--db", str(tmp_path / "s.db"))
    assert out.returncode == 0, out.stderr
    assert "1 added" in out.stdout, out.stdout
    for name in ("empty.txt", "binary.txt", "missing.txt"):
        assert name in out.stdout, (name, out.stdout)


def test_demo_prints_a_briefing_offline() -> None:
    out = briefbot("demo")
    assert out.returncode == 0, out.stderr
    assert "Briefing" in out.stdout and "Harbour Bridge" in out.stdout
    assert "Sources:" in out.stdout
    # the outlet's later edit shows under its line in the story view, the changed fact first (its correction note is
    # counted with the other changes), and the correction note is no summary line
    view = out.stdout.split('"/brief story 1"', 1)[1]
    edited = next(line for line in view.splitlines() if "edited " in line)
    assert "two hours" in edited and "(and 1 more change)" in edited
    assert not any(line.startswith(("> Correction", "   only here: Correction")) for line in view.splitlines())
    assert "*" not in view and "`" not in view  # a terminal shows no chat bold or code marks


def test_summarise_without_store(shared_dir: Path) -> None:
    files = sorted(str(p) for p in (shared_dir / "seeds").glob("*.txt"))
    out = briefbot("summarise", *files, "--sentences", "3", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["summary"]) == 3
    assert all(not any(j in s["text"] for j in JUNK) for s in data["summary"])


def test_bad_config_stops_with_key_path(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[briefing]\nmax_stories = "ten"\n')
    out = briefbot("sources", "--config", str(cfg), "--db", str(tmp_path / "s.db"))
    assert out.returncode == 2 and "briefing.max_stories: expected a whole number" in out.stderr
