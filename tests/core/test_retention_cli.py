"""`briefbot prune [--keep-days N] [--dry-run]`: prints what was (or would be) removed; time is injected."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.app import App
from bot.cli import build_parser, main
from bot.cli_retention import run_prune
from bot.config import Config, DatabaseConfig
from tests.core.retention_store import KEEP_DAYS, OLD_TEXTS, Built, build, table_counts


@pytest.fixture
async def built(tmp_path: Path) -> Built:
    store = await build(f"sqlite:///{tmp_path}/store.db")
    await store.app.close()
    return store


async def prune_cli(store: Built, *args: str, keep_days: int = KEEP_DAYS) -> int:
    """Run the command in-process, with the test's clock and a config keeping ``keep_days``."""
    parsed = build_parser().parse_args(["prune", "--db", store.app.db_url, *args])
    assert parsed.run is run_prune
    app = App(config=replace(Config(), database=DatabaseConfig(keep_days=keep_days)), db_url=store.app.db_url,
              clock=store.clock)
    try:
        code: int = await parsed.run(parsed, app)
        return code
    finally:
        await app.close()


def counts_in(out: str) -> dict[str, int]:
    lines = [line.split() for line in out.splitlines()[1:]]
    return {" ".join(words[:-1]): int(words[-1]) for words in lines}


async def test_dry_run_prints_what_would_go_and_the_real_run_removes_it(
        built: Built, capsys: pytest.CaptureFixture[str]) -> None:
    before = await _counts(built)
    assert await prune_cli(built, "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.startswith("Would remove what is older than 2031-01-30 09:00 UTC (the last 30 days are kept):")
    would = counts_in(out)
    assert would["stories"] == len(OLD_TEXTS) - 1  # two of the old articles are one story
    assert would["articles"] == len(OLD_TEXTS) + 1  # and one old article never joined a story
    assert await _counts(built) == before
    assert await prune_cli(built) == 0
    out = capsys.readouterr().out
    assert out.startswith("Removed what is older than 2031-01-30 09:00 UTC") and counts_in(out) == would
    assert (await _counts(built))["articles"] == before["articles"] - would["articles"]


async def test_keep_days_from_the_command_line_beats_the_config(
        built: Built, capsys: pytest.CaptureFixture[str]) -> None:
    assert await prune_cli(built, "--keep-days", "365") == 0
    out = capsys.readouterr().out
    assert "(the last 365 days are kept)" in out and counts_in(out)["articles"] == 0
    assert await prune_cli(built, "--keep-days", "0") == 0
    assert capsys.readouterr().out.startswith("Retention is off")
    assert await prune_cli(built, keep_days=0) == 0
    assert capsys.readouterr().out.startswith("Retention is off")


async def _counts(store: Built) -> dict[str, int]:
    app = App(config=Config(), db_url=store.app.db_url)
    try:
        return await table_counts(await app.db())
    finally:
        await app.close()


def test_too_few_days_are_refused_naming_the_option_or_the_key(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    assert main(["prune", "--keep-days", "3", "--db", db]) == 2
    assert "--keep-days: expected 0 (keep everything) or at least 7, got 3" in capsys.readouterr().err
    config = tmp_path / "config.toml"
    config.write_text("[database]\nkeep_days = 3\n")
    assert main(["prune", "--config", str(config), "--db", db]) == 2
    assert "bad configuration: database.keep_days: expected 0 (keep everything) or at least 7" in (
        capsys.readouterr().err)
    assert not Path(db).exists()  # refused before the store was opened
