"""Counts on the look-alike set: attributions found in prose that is not speech, and in real attributions.

``.venv/bin/python -m tests.quotes.lookalike_score`` prints, for tests/quotes/lookalike_samples.py, the attributions
found in the sentences that hold none (false positives), the real attributions found right (speaker and content),
wrong (another speaker or content) and missed, precision and recall over all sentences, and each miss."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.nlp.quotes import extract_from_text
from tests.quotes.lookalike_samples import NOT_SPEECH, SPEECH, Case

Said = tuple[str, str]  # (canonical speaker, content as written)


@dataclass
class Counts:
    false_positives: int = 0
    right: int = 0
    wrong: int = 0
    missed: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.right + self.wrong + self.false_positives
        return self.right / found if found else 0.0

    @property
    def recall(self) -> float:
        expected = self.right + self.missed
        return self.right / expected if expected else 0.0


def found_in(text: str) -> list[Said]:
    return [(a.speaker, a.content) for a in extract_from_text(text)]


def score(not_speech: Sequence[Case], speech: Sequence[Case], found_by: Callable[[str], list[Said]]) -> Counts:
    """False positives on ``not_speech``; right, wrong and missed on ``speech`` (one attribution each)."""
    counts = Counts()
    for case in not_speech:
        for speaker, content in found_by(case.text):
            counts.false_positives += 1
            counts.notes.append(f"false positive: {speaker!r} / {content!r} in {case.text!r}")
    for case in speech:
        found = found_by(case.text)
        if (case.speaker, case.content) in found:
            counts.right += 1
            counts.wrong += len(found) - 1
        else:
            counts.missed += 1
            counts.wrong += len(found)
            counts.notes.append(f"missed: {case.text!r}, found {found!r}")
    return counts


def main() -> None:
    c = score(NOT_SPEECH, SPEECH, found_in)
    print(f"look-alikes: {len(NOT_SPEECH)} sentences, {c.false_positives} false positives")
    print(f"attributions: {len(SPEECH)} expected, {c.right} right, {c.wrong} wrong, {c.missed} missed")
    print(f"precision {c.precision:.3f}  recall {c.recall:.3f}")
    for note in c.notes:
        print("  " + note)


if __name__ == "__main__":
    main()
