"""The docs stay true: every `briefbot` command line in the README parses, and CI runs the README's test command."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from bot.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")


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
