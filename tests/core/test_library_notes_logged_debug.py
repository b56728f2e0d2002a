"""A page-parsing library's own warning ("WARNING trafilatura.core: discarding data ...") is not printed among a
command's lines: it is logged at DEBUG (shown with log_level = "DEBUG"); briefbot's own warnings, and any library's
errors, still show (operator audit)."""

from __future__ import annotations

import logging

from bot.cli import configure_logging
from tests.core.test_cli_startup import bare_root


def _shown(root: logging.Logger, name: str, level: int) -> tuple[bool, str]:
    """Whether a record of ``name`` at ``level`` is printed, and the level it is printed at."""
    record = logging.LogRecord(name, level, __file__, 1, "discarding data: http://127.0.0.1/x", None, None)
    shown = root.isEnabledFor(level) and all(h.filter(record) for h in root.handlers)
    return shown, record.levelname


def test_a_parsing_library_warning_is_not_shown_at_the_usual_levels() -> None:
    for level, verbose in (("WARNING", False), ("INFO", False), ("INFO", True)):
        with bare_root() as root:
            configure_logging(level, verbose=verbose)
            assert not _shown(root, "trafilatura.core", logging.WARNING)[0]
            assert not _shown(root, "htmldate.core", logging.WARNING)[0]
            assert _shown(root, "bot.ingest.normalise", logging.WARNING) == (True, "WARNING")
            assert _shown(root, "trafilatura.core", logging.ERROR) == (True, "ERROR")
            assert _shown(root, "aiohttp.client", logging.WARNING) == (True, "WARNING")  # not a page parser


def test_log_level_debug_shows_it_as_a_debug_line() -> None:
    with bare_root() as root:
        configure_logging("DEBUG", verbose=False)
        assert _shown(root, "trafilatura.core", logging.WARNING) == (True, "DEBUG")
