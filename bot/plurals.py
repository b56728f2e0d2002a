"""Counted nouns for messages: "1 error", "2 errors", "1 delivery", "3 deliveries"."""

from __future__ import annotations


def counted(n: int, one: str, many: str = "") -> str:
    """``counted(1, "error")`` -> "1 error"; ``counted(2, "entry", "entries")`` -> "2 entries" (``many`` defaults to
    ``one`` + "s")."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
