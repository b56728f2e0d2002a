"""The anchor scan stops at exactly the tokens of the plain token scan that may be anchors, at the same places."""

from __future__ import annotations

import random

from bot.nlp.anchors import _SCAN, _TOKEN

TRICKY = (
    "Mayor Inès Montalvo visited Zürich-Nord, l'Ostrelle and Die Insel on 3 June 2026.",
    "the iPhone maker, an ex-Minister, a co-Op and über-Rich donors; 1 200 and 2 000 000 people",
    "abc12Def 3Com F16 x-3 ex--Minister _Tail é-Nord économie Économie",
    "On compte 1\u00a0200 habitants, 12\u202f500 arbres, 1.000, 24,1 et 0,25 point.",
    "",
    "lower case only, to the end",
    "«Ostrelle» (Valmora) “Dumarais” [Nord]",
)
PIECES = (*"abzABZéÉüÜßçÇ0129", " ", " ", "\u00a0", "\u202f", "-", "'", ".", ",", "_", '"', "“", "(", ":", "\n",
          "iPhone", "ex-Minister", "1.000", "2 000", "l'Ostrelle")


def scan(text: str) -> list[tuple[int, str]]:
    return [(m.start(1), m.group(1)) for m in _SCAN.finditer(text) if m.group(1) is not None]


def reference(text: str) -> list[tuple[int, str]]:
    """The plain scan's tokens, less those that begin with a lower-case ASCII letter (never a name or number)."""
    return [(m.start(), m.group()) for m in _TOKEN.finditer(text) if not "a" <= m.group()[0] <= "z"]


def test_the_scan_finds_the_plain_scans_tokens_that_may_be_anchors() -> None:
    for text in TRICKY:
        assert scan(text) == reference(text)
    assert scan(TRICKY[0])[:3] == [(0, "Mayor"), (6, "Inès"), (11, "Montalvo")]
    rng = random.Random(20261123)
    for _ in range(5000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 24)))
        assert scan(text) == reference(text), text
