"""Quotations in guillemets told apart from arrows: « … », » … «, ‹ … ›, › … ‹ marks made straight quotes."""

from __future__ import annotations

import re

# A quotation opens with a guillemet, holds a word character, and closes with its partner before any other guillemet
# of its kind: « … » and ‹ … › (French, Spanish, Russian, Swiss ...) first, then German » … « and › … ‹. A breadcrumb
# arrow ("Accueil » Monde » Europe", "Home › News") has no partner, and "» «" between a breadcrumb and a quotation
# holds no word. The lookahead finds the word without backtracking over the whole span.
_OPENING_FIRST = re.compile(r"«(?=[^«»]*?\w)[^«»]*»|‹(?=[^‹›]*?\w)[^‹›]*›")
_CLOSING_FIRST = re.compile(r"»(?=[^«»]*?\w)[^«»]*«|›(?=[^‹›]*?\w)[^‹›]*‹")
NESTING_PASSES = 3  # « … « … » … »: each pass straightens the innermost quotations left


def _straighten(match: re.Match[str]) -> str:
    span = match.group()
    return f'"{span[1:-1]}"'


def straighten_quotations(text: str) -> str:
    """``text`` with the guillemets of each quotation made straight quotes (same length, same words), so that the
    guillemets left are arrows ("Accueil » Monde » Europe", "Lire la suite »") or marks with no partner."""
    for _ in range(NESTING_PASSES):
        if not any(mark in text for mark in "«»‹›"):
            break
        straight = _CLOSING_FIRST.sub(_straighten, _OPENING_FIRST.sub(_straighten, text))
        if straight == text:
            break
        text = straight
    return text
