"""The docs stay true: every `briefbot` command line in the README parses, and CI runs the README's test command."""

from __future__ import annotations

import re
import shlex
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def readme_command_lines() -> list[str]:
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith("briefbot "):
                lines.append(line)
    return lines


@pytest.mark.parametrize("line", readme_command_lines())
def test_readme_command_parses(line: str) -> None:
    words = shlex.split(line)[1:]
    if "|" in line:  # "eval summaries|clusters|quotes": check each alternative
        for choice in line.split()[2].split("|"):
            build_parser().parse_args(["eval", choice])
        return
    build_parser().parse_args(words)


def test_readme_lists_enough_commands() -> None:
    assert len(readme_command_lines()) >= 10


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    assert "make test" in ci and "make test" in README and "make demo" in README


def test_readme_ask_forms_are_in_the_help(tmp_path: Path) -> None:
    """The README's short help names the forms of `ask` that `/brief help` names, and no other."""
    from bot.commands import build_dispatcher
    from bot.commands.deps import CommandDeps
    from bot.commands.dispatch import help_text
    from bot.config import Config

    block = README.split("/brief ask <question>", 1)[1].split("\n/brief ", 1)[0]
    forms = " ".join(block.split()).split(" / ")
    dispatcher = build_dispatcher(CommandDeps(Config(), None, lambda: NOW))  # type: ignore[arg-type]
    [line] = [line for line in help_text(dispatcher.commands).splitlines() if line.startswith("• `/brief ask ")]
    assert len(forms) >= 6 and all(form in line for form in forms), (forms, line)
