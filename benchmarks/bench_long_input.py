"""How long each NLP stage takes on one hostile text (a word run with no full stop, a run of ``<`` with no space) at
several sizes; quote finding with the long-input guard (bot/nlp/long_input.py) and without it (``--old``, only at
sizes given with ``--old-max``). Run: .venv/bin/python benchmarks/bench_long_input.py [--sizes 20000,200000]
[--old-max 20000] [--stages quotes,sentences,...]"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from bot.ingest.language import detect_language
from bot.models import Article
from bot.nlp import long_input
from bot.nlp.cluster import StoryClusterer
from bot.nlp.quotes import extract_from_text, load_pipeline
from bot.nlp.sentences import split_sentences
from bot.nlp.summarise import default_summariser
from bot.nlp.terms import TermAnalyser

TAIL = "Dunmore: the council said the quay met."


def texts(size: int) -> dict[str, str]:
    """Texts of our own making, ``size`` characters each (give or take the tail)."""
    return {
        "words, no full stop": "Report: " + "Long " * (size // 5) + TAIL,
        "'<', no space": "<" * size,
        "'< ', no full stop": "< " * (size // 2),
        "'<'*199 + ' '": ("<" * 199 + " ") * (size // 200),
    }


def _article(text: str) -> Article:
    return Article(id="a", url="", title="Long", outlet="Bench", text=text, sentences=split_sentences(text))


def stages() -> dict[str, Callable[[str], object]]:
    summariser = default_summariser()
    return {
        "sentences": split_sentences,
        "language": detect_language,
        "terms": lambda t: TermAnalyser().terms(t),
        "summary": lambda t: summariser.summarise([_article(t)], 3),
        "cluster": lambda t: StoryClusterer().add(_article(t)),
        "quotes": extract_from_text,
    }


def timed(run: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    run(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="20000,200000")
    parser.add_argument("--texts", default="", help="only the texts whose name starts with one of these (comma)")
    parser.add_argument("--old-max", type=int, default=0, help="also time quotes without the guard up to this size")
    parser.add_argument("--stages", default="sentences,language,terms,summary,cluster,quotes")
    args = parser.parse_args()
    load_pipeline()
    extract_from_text("Warm: the council said the quay met.")
    chosen = {k: v for k, v in stages().items() if k in args.stages.split(",")}
    guarded = long_input.pieces
    for size in (int(s) for s in args.sizes.split(",")):
        for name, text in texts(size).items():
            if args.texts and not name.startswith(tuple(args.texts.split(","))):
                continue
            for stage, run in chosen.items():
                print(f"{stage:9} {name:21} {len(text):>7} chars  {timed(run, text):8.2f} s", flush=True)
                if stage == "quotes" and size <= args.old_max:
                    long_input.pieces = _unguarded
                    try:
                        old = timed(run, text)
                    finally:
                        long_input.pieces = guarded
                    print(f"{stage:9} {name:21} {len(text):>7} chars  {old:8.2f} s  (no guard)", flush=True)


def _unguarded(text: str, max_run: int = 0, max_token: int = 0) -> list[tuple[str, bool]]:
    """What the code did before the guard: the whole text to spaCy."""
    return [(text, True)]

if __name__ == "__main__":
    main()
