"""Imports point down only, chat SDKs live in adapters/, and only the config module reads the environment."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SDKS = ("slack_bolt", "slack_sdk", "discord")
# layer of each top-level package: a module may import its own layer or lower ones
LAYERS = {"bot": 1, "digests": 1, "adapters": 2}
# the composition root may wire everything together
COMPOSITION_ROOTS = {"bot/cli.py", "bot/cli_run_bot.py", "bot/runtime.py"}


def modules() -> list[Path]:
    return sorted(p for pkg in LAYERS for p in (REPO / pkg).rglob("*.py"))


def imported(tree: ast.AST) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(REPO)))
def test_module_respects_the_layers(path: Path) -> None:
    rel = str(path.relative_to(REPO))
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{rel} needs a one-line module docstring"
    own = LAYERS[rel.split("/")[0]]
    for name in imported(tree):
        top = name.split(".")[0]
        if top in SDKS:
            assert rel.startswith("adapters/"), f"{rel} imports the chat SDK {name}"
        if top in LAYERS and rel not in COMPOSITION_ROOTS:
            assert LAYERS[top] <= own, f"{rel} imports upward: {name}"
    source = path.read_text(encoding="utf-8")
    if rel != "bot/config.py":
        assert "os.environ" not in source and "os.getenv" not in source, f"{rel} reads the environment"


def test_the_architecture_test_sees_the_code() -> None:
    found = {str(p.relative_to(REPO)) for p in modules()}
    assert {"bot/models.py", "bot/pipeline.py", "digests/compose.py", "adapters/registry.py"} <= found
