"""Start-up of the command line: a command other than `run`/`post`/`discord` imports no chat adapter and no NLP
while its arguments are parsed, `briefbot -h` still lists every command, and `-v` shows briefbot's own DEBUG lines
but not every SQL call aiosqlite logs (operator audit, finding 13)."""

from __future__ import annotations

import contextlib
import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from bot.cli import build_parser, configure_logging

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("adapters.discord", "adapters.slack", "discord", "slack_bolt", "bot.cli_run_bot", "nltk", "spacy")

LOADED = """
import json, sys
from bot.cli import main
main(sys.argv[1:])
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("adapters", "discord", "slack_bolt", "nltk",
                                                                     "spacy", "bot"))), file=sys.stderr)
"""


def _loaded(*args: str) -> set[str]:
    """The modules `briefbot ARGS` imported, in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", LOADED, *args], cwd=REPO, capture_output=True, text=True,
                          check=False)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_a_store_backup_imports_no_chat_adapter_and_no_nlp(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    store.write_bytes(b"")
    loaded = _loaded("store", "backup", str(tmp_path / "b.db"), "--db", str(store))
    assert "bot.cli_store" in loaded
    assert not {m for m in loaded if m.startswith(HEAVY)}


def test_sources_imports_no_chat_adapter(tmp_path: Path) -> None:
    loaded = _loaded("sources", "--db", str(tmp_path / "none.db"))
    assert "bot.cli_core" in loaded and not {m for m in loaded if m.startswith(HEAVY[:5])}


def test_the_help_lists_every_command_whichever_is_run() -> None:
    whole = build_parser().format_help()
    assert "discord" in whole and "prune" in whole
    for command in ("sources", "store", ""):
        assert build_parser(command).format_help() == whole
    prune = build_parser("prune").parse_args(["prune", "--dry-run", "--keep-days", "30"])
    assert (prune.dry_run, prune.keep_days) == (True, 30)
    invite = build_parser("discord").parse_args(["discord", "invite-url", "--application-id", "42"])
    assert invite.application_id == "42"


@contextlib.contextmanager
def bare_root() -> Iterator[logging.Logger]:
    """The root logger as a fresh process has it (no handler: pytest's own are added around the test body, so this
    is entered inside it), restored afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    root.handlers = []
    try:
        yield root
    finally:
        root.handlers, root.level = handlers, level


def _passes(root: logging.Logger, name: str, level: int) -> bool:
    record = logging.LogRecord(name, level, __file__, 1, "a line", None, None)
    return root.isEnabledFor(level) and all(h.filter(record) for h in root.handlers)


def test_verbose_keeps_libraries_at_info() -> None:
    with bare_root() as root:
        configure_logging("INFO", verbose=True)
        assert _passes(root, "bot.pipeline", logging.DEBUG) and _passes(root, "adapters.slack", logging.DEBUG)
        assert not _passes(root, "aiosqlite", logging.DEBUG) and not _passes(root, "asyncio", logging.DEBUG)
        assert _passes(root, "aiosqlite", logging.INFO)


def test_log_level_debug_shows_the_libraries_too() -> None:
    with bare_root() as root:
        configure_logging("DEBUG", verbose=True)
        assert _passes(root, "aiosqlite", logging.DEBUG)


def test_without_verbose_the_log_level_holds() -> None:
    with bare_root() as root:
        configure_logging("WARNING", verbose=False)
        assert not _passes(root, "bot.pipeline", logging.INFO) and _passes(root, "bot.pipeline", logging.WARNING)
