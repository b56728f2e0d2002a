"""A ``[[sources]]`` URL written with spaces around it is one source, the one polled and read, and keeps its
configured name: the store key, the name and the poll all use the URL without the spaces."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import cli
from tests.core.test_docs_audit_sources_config import source_states

SPACED = "http://127.0.0.1:9/spaced.xml"  # a closed port: the poll fails at once


def test_a_source_url_with_spaces_around_it_is_one_named_source(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config, db = tmp_path / "config.toml", tmp_path / "run.db"
    config.write_text(f'[[sources]]\nurl = "  {SPACED} "\nname = "Spaced News"\ninterval = "15m"\n', encoding="utf-8")
    cli(capsys, "run", "--once", "--config", str(config), "--db", str(db))
    states = source_states(db)
    assert set(states) == {SPACED}, sorted(states)
    state = states[SPACED]
    assert state.name == "Spaced News" and state.interval_seconds == 900 and state.last_fetch_at is not None
