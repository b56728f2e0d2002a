"""Counts on the hand-written paragraphs: direct quotations plus reported speech beside the direct rules alone.

``.venv/bin/python -m tests.quotes.reported_score`` prints, per set (DEV, FRESH, FRESH-FORMS, FRESH-FORMS-2) and
language, the attributions a reader makes in tests/quotes/reported_samples.py (and reported_forms_samples.py) and
how many each system gets right (speaker and content both), wrong (another speaker or content, or no attribution a
reader makes) and missed; then, on the direct-quotation sets (tests/quotes/direct_samples.py), the direct
quotations of both systems, to show none is lost."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.models import Attribution
from bot.nlp.quotes_direct import direct_quotes, rule_quotes
from tests.quotes import direct_samples, reported_forms_samples, reported_samples

Said = tuple[str, str]  # (canonical speaker, content as written)
System = Callable[[str, str], tuple[Attribution, ...]]


@dataclass
class Counts:
    paragraphs: int = 0
    expected: int = 0
    right: int = 0
    wrong: int = 0
    missed: int = 0


Case = tuple[str, str, list[Said]]  # (language, text, the attributions a reader makes)


def score(cases: Sequence[Case], found_by: Callable[[str, str], list[Said]]) -> dict[str, Counts]:
    """Counts per language and over all ("all"); ``cases`` are (language, text, expected)."""
    out: dict[str, Counts] = {}
    for language, text, expected in cases:
        found = found_by(text, language)
        right = sum((Counter(found) & Counter(expected)).values())
        for key in (language, "all"):
            c = out.setdefault(key, Counts())
            c.paragraphs += 1
            c.expected += len(expected)
            c.right += right
            c.wrong += len(found) - right
            c.missed += len(expected) - right
    return out


def said_by(system: System, kinds: frozenset[str] = frozenset(("direct", "indirect", "mixed"))
            ) -> Callable[[str, str], list[Said]]:
    return lambda text, language: [(a.speaker, a.content) for a in system(text, language) if a.kind in kinds]


def reported_cases(paragraphs: Sequence[reported_samples.Paragraph]) -> list[Case]:
    return [(p.language, p.text, [(e.speaker, e.content) for e in p.expected]) for p in paragraphs]


def direct_cases(cases: Sequence[direct_samples.Case]) -> list[Case]:
    return [(c.language, c.text, [(e.speaker, e.content) for e in c.expected]) for c in cases]


def _table(title: str, rows: list[tuple[str, dict[str, Counts], dict[str, Counts]]], new: str, old: str) -> None:
    print(title)
    print(f"| set | language | paragraphs | attributions | {new}: right | {new}: wrong | {new}: missed "
          f"| {old}: right | {old}: wrong | {old}: missed |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, ours, base in rows:
        for lang in [*sorted(k for k in ours if k != "all"), "all"]:
            o, b = ours[lang], base[lang]
            print(f"| {name} | {lang} | {o.paragraphs} | {o.expected} | {o.right} | {o.wrong} | {o.missed} "
                  f"| {b.right} | {b.wrong} | {b.missed} |")


def main() -> None:
    both, direct_only = said_by(rule_quotes), said_by(direct_quotes)
    _table("Reported speech and direct quotations (tests/quotes/reported_samples.py)",
           [(name, score(reported_cases(s), both), score(reported_cases(s), direct_only))
            for name, s in (("DEV", reported_samples.DEV), ("FRESH", reported_samples.FRESH),
                            ("FRESH-FORMS", reported_forms_samples.FRESH_FORMS),
                            ("FRESH-FORMS-2", reported_forms_samples.FRESH_FORMS_2))],
           "with reported", "direct only")
    print()
    kept = said_by(rule_quotes, frozenset(("direct",)))
    _table("Direct quotations only (tests/quotes/direct_samples.py): the direct ones the combined rules keep",
           [(name, score(direct_cases(s), kept), score(direct_cases(s), direct_only))
            for name, s in (("DEV", direct_samples.DEV), ("FRESH", direct_samples.FRESH))],
           "with reported", "direct only")


if __name__ == "__main__":
    main()
