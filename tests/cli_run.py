"""Run the ``briefbot`` command line in-process and capture what it printed."""

from __future__ import annotations

import pytest

from bot.cli import main


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``briefbot ARGS``: its exit code, standard output and standard error."""
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err
