"""``bot.nlp.terms.normalise_apostrophes`` and ``words`` beside the forms they could take, same run, on the evaluation
article bodies (read at run time, never written anywhere) and our multilingual samples.

    .venv/bin/python benchmarks/bench_apostrophes.py [--reps 7]

Forms: ``str.translate`` with the mapping (the form before), four chained ``str.replace`` calls, and the chain after an
``isascii`` test (ASCII text can only hold the backtick). Texts: whole articles and the same articles cut into their
lines and sentences (what ingest and the summariser pass), split into those that are all ASCII and those that are not.
Each form is checked to give the same strings as ``translate`` before it is timed. Results: docs/BENCHMARKS.md,
"Normalising apostrophes".
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_story_load import eval_texts
from bot.nlp import terms
from tests import multilingual_samples

_TABLE = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


def by_translate(text: str) -> str:
    return text.translate(_TABLE)


def by_replace(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("`", "'").replace("´", "'")


def by_ascii_test(text: str) -> str:
    if text.isascii():
        return text.replace("`", "'")
    return text.replace("’", "'").replace("‘", "'").replace("`", "'").replace("´", "'")


FORMS: dict[str, Callable[[str], str]] = {
    "str.translate (before)": by_translate,
    "4 x str.replace": by_replace,
    "isascii, then 4 x str.replace": by_ascii_test,
    "bot.nlp.terms.normalise_apostrophes (now)": terms.normalise_apostrophes,
}


def samples() -> list[str]:
    """Our French and German sample articles (headline and text)."""
    return [f"{value[0]}\n{value[1]}" for name, value in vars(multilingual_samples).items()
            if name.isupper() and isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], str)]


def timed(call: Callable[[str], object], texts: Sequence[str], reps: int) -> float:
    """Median seconds of one pass over the texts."""
    runs = []
    for _ in range(reps):
        started = time.perf_counter()
        for text in texts:
            call(text)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args()
    articles = eval_texts() + samples() * 50  # the samples are few and short: weighed as ~1,000 articles
    pieces = [p for text in articles for p in re.split(r"(?<=[.!?])\s+|\n", text) if p]
    sets = {
        "articles, ASCII": [t for t in articles if t.isascii()],
        "articles, not ASCII": [t for t in articles if not t.isascii()],
        "sentences, ASCII": [t for t in pieces if t.isascii()],
        "sentences, not ASCII": [t for t in pieces if not t.isascii()],
    }
    print(f"Machine: Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {args.reps} reps, medians")
    for form, call in FORMS.items():
        for texts in sets.values():
            assert all(call(t) == by_translate(t) for t in texts), form
    print("\n| texts | count | MB | " + " | ".join(FORMS) + " | words(), before -> now |")
    print("|---|---|---|" + "---|" * len(FORMS) + "---|")
    for label, texts in sets.items():
        size = sum(len(t.encode()) for t in texts) / 1e6
        cells = [f"{timed(call, texts, args.reps) * 1000:.1f} ms" for call in FORMS.values()]
        before = timed(lambda t: terms.WORD_RE.findall(by_translate(t)), texts, args.reps)
        now = timed(terms.words, texts, args.reps)
        print(f"| {label} | {len(texts):,} | {size:.1f} | " + " | ".join(cells)
              + f" | {before * 1000:.0f} -> {now * 1000:.0f} ms |", flush=True)
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
