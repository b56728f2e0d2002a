"""Counts on the hand-written paragraphs: the direct-quotation rules beside a naive baseline, in one run.

``.venv/bin/python -m tests.quotes.direct_score`` prints, per set and language, the attributions a reader makes, how
many each system found right (speaker and quotation both), and how many it found wrong or spurious."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.nlp.direct_cues import LANGUAGES
from bot.nlp.direct_words import Words
from bot.nlp.quote_marks import quotations
from bot.nlp.quotes_direct import direct_quotes
from tests.quotes.direct_samples import DEV, FRESH, Case

Said = tuple[str, str]  # (speaker, quotation as written)


@dataclass
class Counts:
    paragraphs: int = 0
    expected: int = 0
    right: int = 0
    wrong: int = 0  # found with another speaker, or not an attribution at all


def rules(case: Case) -> list[Said]:
    return [(a.speaker, a.content) for a in direct_quotes(case.text, case.language)]


def nearest_name(case: Case) -> list[Said]:
    """The baseline: every quotation of three words or more, spoken by the nearest capitalised name (two words or
    more) outside quotations in its line."""
    words = Words(case.text, LANGUAGES[case.language])
    quotes = quotations(case.text, case.language)
    names: list[tuple[int, str]] = []
    i = 0
    while i < len(words):
        end = words.name_end(i)
        start = words.tokens[i].start
        if end - i >= 2 and not any(qs <= start < qe for qs, qe in quotes):
            names.append((start, words.span_text(i, end)))
        i = max(end, i + 1)
    out: list[Said] = []
    for qs, qe in quotes:
        line_start = case.text.rfind("\n", 0, qs) + 1
        line_end = case.text.find("\n", qe) % (len(case.text) + 1)
        near = [(min(abs(at - qs), abs(at - qe)), name) for at, name in names if line_start <= at < line_end]
        if len(case.text[qs:qe].split()) >= 3 and near:
            out.append((min(near)[1], case.text[qs:qe]))
    return out


def score(cases: Sequence[Case], system: Callable[[Case], list[Said]]) -> dict[str, Counts]:
    """Counts per language and over all ("all")."""
    out: dict[str, Counts] = {}
    for case in cases:
        expected = [(e.speaker, e.content) for e in case.expected]
        found = system(case)
        right = sum(1 for f in found if f in expected)
        for key in (case.language, "all"):
            c = out.setdefault(key, Counts())
            c.paragraphs += 1
            c.expected += len(expected)
            c.right += right
            c.wrong += len(found) - right
    return out


def main() -> None:
    print("| set | language | paragraphs | attributions | rules: right | rules: wrong | nearest name: right "
          "| nearest name: wrong |")
    print("|---|---|---|---|---|---|---|---|")
    for name, cases in (("DEV", DEV), ("FRESH", FRESH)):
        ours, base = score(cases, rules), score(cases, nearest_name)
        for lang in [*sorted(k for k in ours if k != "all"), "all"]:
            o, b = ours[lang], base[lang]
            print(f"| {name} | {lang} | {o.paragraphs} | {o.expected} | {o.right} | {o.wrong} | {b.right} "
                  f"| {b.wrong} |")


if __name__ == "__main__":
    main()
