"""Language of undeclared articles: the old rule (English under 30 words) beside the new one (short texts too).

    .venv/bin/python benchmarks/eval_language.py [--shared ../shared] [--part dev|fresh|all|scripts|sentences]
        [--show N] [--scripts-before FILE] [--sentences-before FILE]

(a) English texts labelled as another language, for each English evaluation set (read from ../shared/eval and
../shared/seeds at run time, nothing copied into the repository) and our own English headlines with foreign names
(benchmarks/language_samples.py ENGLISH_NAMES): each text whole, cut to its first 8, 12, 16, 20 and 25 words, and
its title alone where the set has titles. (b) Accuracy on our own short texts in other languages
(benchmarks/language_samples.py): DEV, the part the short-text rule was tuned on; FRESH, written before the rule's
output on it was seen (then scored once before the rule's second version: a word's languages are those all its hints
agree on); FRESH_2, written after that run and before the second version was run on it. Both rules run on the same
texts in the same run. (c) Texts in scripts besides Latin (benchmarks/script_samples.py, our own): each language
labelled right by the rule before the script rule (``latin_language``: English for them all) and by the rule now
(``detect_language``), and our English texts quoting those scripts; (a) also counts the English texts whose label
the script rule changes (those it gives a language to). With ``--scripts-before FILE`` (an earlier
bot/ingest/scripts.py, e.g. ``git show REV:bot/ingest/scripts.py > FILE``) the old rule of (c) is that file's script
rule before the Latin rules, and (a) counts the English texts that file's rule and the current one label apart.
(d) Thai and Lao sentence splitting on our own texts (benchmarks/space_sentence_samples.py, DEV tuned on, FRESH not):
texts split exactly right and sentence boundaries found, before (each line one sentence, or with
``--sentences-before FILE`` an earlier bot/nlp/sentences.py) and now (``split_sentences``).
Results and their reading: docs/QUALITY.md, "Language of undeclared articles".
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.language_samples import DEV, ENGLISH_NAMES, FRESH, FRESH_2
from benchmarks.script_samples import (
    ENGLISH_WITH_SCRIPTS,
    ENGLISH_WITH_SCRIPTS_2,
    ENGLISH_WITH_SCRIPTS_3,
    ENGLISH_WITH_SCRIPTS_FRESH,
    ENGLISH_WITH_SCRIPTS_FRESH_3,
    SCRIPT_SAMPLES,
    SCRIPT_SAMPLES_2,
    SCRIPT_SAMPLES_3,
)
from benchmarks.script_samples import FRESH as SCRIPT_FRESH
from benchmarks.script_samples import FRESH_2 as SCRIPT_FRESH_2
from benchmarks.script_samples import FRESH_3 as SCRIPT_FRESH_3
from benchmarks.space_sentence_samples import DEV as SPACE_DEV
from benchmarks.space_sentence_samples import FRESH as SPACE_FRESH
from bot.ingest.language import (
    _WORD,
    ENGLISH_WORDS,
    MIN_WORDS,
    SHORT_MIN_WORDS,
    _languages_of,
    detect_language,
    latin_language,
    stop_word_language,
)
from bot.ingest.scripts import script_language
from bot.nlp.sentences import split_sentences

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CUTS = (8, 12, 16, 20, 25)
Rule = Callable[[str], str]


def old_rule(text: str) -> str:
    """The rule before short texts were labelled: under MIN_WORDS words English, else the stop-word rule."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    return stop_word_language(words) if len(words) >= MIN_WORDS else "en"


RULES: dict[str, Rule] = {"old": old_rule, "new": detect_language}
ScriptRule = Callable[[str], str | None]


def module_from(path: Path, name: str) -> Any:
    """An earlier copy of one of the project's modules, loaded from ``path`` under ``name``."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def script_rule_from(path: Path) -> ScriptRule:
    """``script_language`` of an earlier copy of bot/ingest/scripts.py, loaded from ``path``."""
    rule: ScriptRule = module_from(path, "scripts_before").script_language
    return rule


Splitter = Callable[[str], list[str]]


def splitter_from(path: Path) -> Splitter:
    """``split_sentences`` of an earlier copy of bot/nlp/sentences.py, loaded from ``path``, as sentence texts."""
    split: Callable[[str], tuple[Any, ...]] = module_from(path, "sentences_before").split_sentences
    return lambda text: [s.text for s in split(text)]


def whole_lines(text: str) -> list[str]:
    """The rule before Thai and Lao were split: each line one sentence."""
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class EnglishText:
    """One English evaluation text: its body and, where the set has one, its title."""

    body: str
    title: str


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def english_sets(shared: Path) -> dict[str, list[EnglishText]]:
    """Every English text of the evaluation sets, by set; our own headlines last."""
    ev = shared / "eval"
    bbc = [r for r in _lines(ev / "summaries/bbc_news_summary/bbc_news_summary.jsonl")
           if r.get("sample500") and not r.get("duplicate_of")]
    seeds = [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
    return {
        "AllSides": [EnglishText(r["text"], r["title"])
                     for r in _lines(ev / "clusters/allsides_neus/allsides_articles_flat.jsonl")],
        "BBC": [EnglishText(r["body"], r["title"]) for r in bbc],
        "CNN/DM": [EnglishText(r["article"], "") for r in
                   _lines(ev / "summaries/cnndm_writer_summaries/writer_summaries_by_article.jsonl")],
        "PolNeAR": [EnglishText(r["text"], r["title"]) for r in _lines(ev / "quotes/polnear/dev.jsonl")],
        "seeds": [EnglishText(text, text.strip().split("\n", 1)[0]) for text in seeds],
        "own names": [EnglishText(text, "") for text in ENGLISH_NAMES],
    }


def first_words(text: str, count: int) -> str:
    """``text`` up to the end of its ``count``-th word, as written."""
    matches = list(_WORD.finditer(text[:20_000]))
    return text[: matches[count - 1].end()] if len(matches) >= count else text


def variants(item: EnglishText) -> dict[str, str]:
    """The texts one English item is read as: whole, cut, and its title alone."""
    out = {"whole": item.body}
    out.update({f"{n} words": first_words(item.body, n) for n in CUTS})
    if item.title.strip():
        out["title"] = item.title
    return out


def english_report(shared: Path, show: int, before: ScriptRule | None = None) -> None:
    sets = english_sets(shared)
    apart = 0  # English texts the earlier script rule (--scripts-before) and the current one label apart
    rows = ["whole", *(f"{n} words" for n in CUTS), "title"]
    wrong: dict[tuple[str, str, str], int] = Counter()
    counted: dict[tuple[str, str], int] = Counter()
    examples: list[str] = []
    labels: Counter[str] = Counter()
    scripted: Counter[str] = Counter()  # English texts the script rule gives a language to (its label changed)
    for name, items in sets.items():
        for item in items:
            for row, text in variants(item).items():
                counted[name, row] += 1
                if before is not None and before(text) != script_language(text):
                    apart += 1
                if (found := script_language(text)) is not None:
                    scripted[found] += 1
                    examples.append(f"  {name} {row} -> {found} by its script: {' '.join(text.split())[:160]}")
                for rule_name, rule in RULES.items():
                    label = rule(text)
                    if label != "en":
                        wrong[name, row, rule_name] += 1
                        if rule_name == "new":
                            labels[label] += 1
                            if len(examples) < show:
                                examples.append(f"  {name} {row} -> {label}: {' '.join(text.split())[:160]}")
    print("(a) English texts labelled as another language, old | new rule (texts per cell in brackets)")
    header = f"{'':10}" + "".join(f"{name:>16}" for name in sets) + f"{'all':>18}"
    print(header)
    for row in rows:
        cells = []
        totals = [0, 0, 0]
        for name in sets:
            n = counted[name, row]
            old, new = wrong[name, row, "old"], wrong[name, row, "new"]
            totals = [totals[0] + old, totals[1] + new, totals[2] + n]
            cells.append(f"{old:>4} |{new:>3} ({n:>4})" if n else f"{'-':>16}")
        print(f"{row:10}" + "".join(f"{c:>16}" for c in cells)
              + f"{totals[0]:>6} |{totals[1]:>3} ({totals[2]:>5})")
    print(f"  new rule's labels on English texts: {dict(labels) or 'none'}")
    print(f"  English texts relabelled by the script rule: {sum(scripted.values())} of {sum(counted.values())} "
          f"{dict(scripted) or ''}")
    if before is not None:
        print(f"  English texts the earlier script rule (--scripts-before) and the current one label apart: {apart}")
    print("\n".join(examples))
    closest_english([text for name, items in sets.items() if name != "own names"
                     for item in items for text in variants(item).values()])


def closest_english(texts: list[str], count: int = 3) -> None:
    """The English texts of SHORT_MIN_WORDS to MIN_WORDS - 1 words that hold the most markers of other languages
    (lower-case words with languages) and the fewest English function words."""
    found: dict[str, tuple[int, int]] = {}
    for text in texts:
        words = _WORD.findall(text[:20_000])
        if SHORT_MIN_WORDS <= len(words) < MIN_WORDS:
            lower = [w for w in words if w.islower()]
            found[" ".join(text.split())] = (sum(1 for w in lower if _languages_of(w)),
                                             sum(1 for w in words if w.lower() in ENGLISH_WORDS))
    print("  most markers in a short English text of the evaluation sets (markers, English function words), of "
          f"{len(found)}:")
    for text, (markers, english) in sorted(found.items(), key=lambda kv: (-kv[1][0], kv[1][1]))[:count]:
        print(f"    {markers}, {english}: {text[:120]}")


def samples_report(name: str, samples: dict[str, tuple[str, ...]], show: int) -> None:
    print(f"\n(b) {name}: our own short texts labelled right, old | new rule")
    right: Counter[tuple[str, str]] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    misses: list[str] = []
    for code, texts in samples.items():
        for text in texts:
            for rule_name, rule in RULES.items():
                label = rule(text)
                right[code, rule_name] += label == code
                if rule_name == "new" and label != code:
                    confusions[code, label] += 1
                    misses.append(f"  {code} -> {label}: {' '.join(text.split())}")
    total = sum(len(texts) for texts in samples.values())
    for code, texts in samples.items():
        print(f"  {code}: {right[code, 'old']:>3} |{right[code, 'new']:>3} of {len(texts)}")
    old = sum(right[code, "old"] for code in samples)
    new = sum(right[code, "new"] for code in samples)
    print(f"  all: {old} | {new} of {total} ({old / total:.0%} | {new / total:.0%})")
    print(f"  new rule's misses: {dict(Counter({f'{a}->{b}': n for (a, b), n in confusions.items()})) or 'none'}")
    print("\n".join(misses[:show]))


def scripts_report(show: int, before: ScriptRule | None = None) -> None:
    """(c): our texts in scripts besides Latin, right by the rule before the script rule (or, with ``before``, an
    earlier script rule) and by the rule now."""
    old_rule: Rule = latin_language if before is None else (lambda text: before(text) or latin_language(text))
    rules: dict[str, Rule] = {"old": old_rule, "new": detect_language}
    parts = (("written with the rule", SCRIPT_SAMPLES), ("written after it, not tuned on", SCRIPT_FRESH),
             ("written with the second change (more scripts, Cyrillic and Japanese forms)", SCRIPT_SAMPLES_2),
             ("written after the second change, not tuned on", SCRIPT_FRESH_2),
             ("written with the third change (Tibetan, Thaana, Syriac, Mongolian script, Tigrinya)", SCRIPT_SAMPLES_3),
             ("written after the third change, not tuned on", SCRIPT_FRESH_3))
    for part, samples in parts:
        print(f"\n(c) texts in scripts besides Latin, {part}: labelled right, old | new rule")
        right: Counter[tuple[str, str]] = Counter()
        misses: list[str] = []
        for code, texts in samples.items():
            for text in texts:
                for rule_name, rule in rules.items():
                    label = rule(text)
                    right[code, rule_name] += label == code
                    if rule_name == "new" and label != code:
                        misses.append(f"  {code} -> {label}: {text}")
        print("  " + "  ".join(f"{code} {right[code, 'old']}|{right[code, 'new']}/{len(texts)}"
                               for code, texts in samples.items()))
        total = sum(len(texts) for texts in samples.values())
        old, new = (sum(right[code, r] for code in samples) for r in ("old", "new"))
        print(f"  all: {old} | {new} of {total}")
        print("\n".join(misses[:show]))
    english = (*ENGLISH_WITH_SCRIPTS, *ENGLISH_WITH_SCRIPTS_FRESH, *ENGLISH_WITH_SCRIPTS_2, *ENGLISH_WITH_SCRIPTS_3,
               *ENGLISH_WITH_SCRIPTS_FRESH_3)
    for rule_name, rule in rules.items():
        print(f"  our English texts quoting those scripts, {rule_name} rule: "
              f"{sum(rule(t) == 'en' for t in english)} of {len(english)} English")


def sentences_report(show: int, before: Splitter | None = None) -> None:
    """(d): our Thai and Lao texts (each its sentences joined by a space) split exactly right, and the boundaries
    between their sentences found (right ones of those found, and of those written), before and now."""
    rules: dict[str, Splitter] = {"old": before or whole_lines,
                                  "new": lambda text: [s.text for s in split_sentences(text)]}
    parts = (("DEV, tuned on", SPACE_DEV), ("FRESH, written after the splitter, not tuned on", SPACE_FRESH))
    for part, samples in parts:
        written = sum(len(s) - 1 for s in samples)
        print(f"\n(d) Thai and Lao sentences, {part}: {len(samples)} texts, {written} boundaries written")
        misses: list[str] = []
        for rule_name, rule in rules.items():
            exact = found = right = 0
            for sentences in samples:
                got = rule(" ".join(sentences))
                exact += got == list(sentences)
                gold, cuts = _boundaries(list(sentences)), _boundaries(got)
                found, right = found + len(cuts), right + len(gold & cuts)
                if rule_name == "new" and got != list(sentences):
                    misses.append("  " + " | ".join(got))
            print(f"  {rule_name}: {exact} of {len(samples)} texts exact; boundaries {right} right of {found} found, "
                  f"of {written} written")
        print("\n".join(misses[:show]))


def _boundaries(sentences: list[str]) -> set[int]:
    """Where each sentence but the first starts, counted in non-space characters from the text's start."""
    out: set[int] = set()
    seen = 0
    for sentence in sentences:
        if seen:
            out.add(seen)
        seen += len("".join(sentence.split()))
    return out


def speed(shared: Path) -> None:
    """Microseconds per call of each rule over the 25-word cuts of the English sets."""
    texts = [first_words(item.body, 25) for items in english_sets(shared).values() for item in items]
    for rule_name, rule in {**RULES, "script rule alone (script_language)": script_language}.items():
        start = time.perf_counter()
        for text in texts:
            rule(text)
        print(f"  {rule_name}: {(time.perf_counter() - start) / len(texts) * 1e6:.1f} µs per 25-word text")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--part", choices=("dev", "fresh", "all", "scripts", "sentences"), default="all",
                        help="which of our own non-English sets to score (fresh: FRESH and FRESH_2; scripts: only "
                             "(c), without the evaluation sets; sentences: only (d))")
    parser.add_argument("--show", type=int, default=10, help="how many mislabelled texts to print per part")
    parser.add_argument("--scripts-before", type=Path, default=None,
                        help="an earlier bot/ingest/scripts.py whose rule is the old one of (c)")
    parser.add_argument("--sentences-before", type=Path, default=None,
                        help="an earlier bot/nlp/sentences.py whose splitter is the old one of (d)")
    args = parser.parse_args(argv)
    before = script_rule_from(args.scripts_before) if args.scripts_before else None
    split_before = splitter_from(args.sentences_before) if args.sentences_before else None
    if args.part == "scripts":
        scripts_report(args.show, before)
        return 0
    if args.part == "sentences":
        sentences_report(args.show, split_before)
        return 0
    english_report(args.shared, args.show, before)
    if args.part in ("dev", "all"):
        samples_report("DEV (tuned on)", DEV, args.show)
    if args.part in ("fresh", "all"):
        samples_report("FRESH (not tuned on; scored once before the rule's second version)", FRESH, args.show)
        samples_report("FRESH_2 (not tuned on; written before the second version was run)", FRESH_2, args.show)
    scripts_report(args.show, before)
    sentences_report(args.show, split_before)
    print("\nspeed")
    speed(args.shared)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
