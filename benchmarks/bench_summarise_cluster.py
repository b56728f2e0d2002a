"""Benchmark: summarising a 3-outlet story and clustering 10,000 articles, beside sumy LexRank in the same run.

Run: .venv/bin/python benchmarks/bench_summarise_cluster.py [--articles 10000] [--lexrank-sample 1000]
Reads text from ../shared/eval at run time (nothing is copied into the repository).
A story's first summary (``cold``) includes loading the spaCy pipeline NeuS step 16 parses with, when it parses;
``no step 16`` is the same summariser with ``SummaryParams.clause_repeats`` off, timed in the same run.
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.eval.baselines import sumy_baselines
from bot.eval.data import load_allsides, load_bbc, load_neus, load_writer_summaries, make_article
from bot.models import Article
from bot.nlp.clause_repeats import parse_english
from bot.nlp.cluster import StoryClusterer
from bot.nlp.summarise import SummaryParams, SumySummariser, default_summariser

if TYPE_CHECKING:
    from spacy.tokens import Doc

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    return timed_both(fn, repeat)[0]


def timed_both(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (all threads) of ``fn``, in milliseconds."""
    wall, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def bench_story(label: str, story: Sequence[Article], repeat: int) -> None:
    parses = 0

    def counted(text: str) -> Doc:
        nonlocal parses
        parses += 1
        return parse_english(text)

    ours = SumySummariser(parse=counted)
    plain = SumySummariser(SummaryParams(clause_repeats=False))
    lexrank = sumy_baselines(("lexrank",))["lexrank"]
    n = sum(len(a.sentences) for a in story)
    cold = timed(lambda: ours.summarise(story, 3), 1)
    per_summary = parses
    t_ours, c_ours = timed_both(lambda: ours.summarise(story, 3), repeat)
    t_plain, c_plain = timed_both(lambda: plain.summarise(story, 3), repeat)
    t_lex, c_lex = timed_both(lambda: lexrank(story, 3), repeat)
    print(f"  {label}: {len(story)} outlets, {n} sentences: briefbot {t_ours:.1f} ms "
          f"({per_summary} step-16 parses a summary; cold first call {cold:.0f} ms), no step 16 {t_plain:.1f} ms, "
          f"sumy LexRank {t_lex:.1f} ms (ratio {t_ours / t_lex:.2f}, no step 16 {t_plain / t_lex:.2f})\n"
          f"    CPU time: briefbot {c_ours:.1f} ms, no step 16 {c_plain:.1f} ms, sumy LexRank {c_lex:.1f} ms "
          f"(ratio {c_ours / c_lex:.2f}, no step 16 {c_plain / c_lex:.2f})")


# An invented 3-outlet story (no dataset text) in which two outlets report one decision in other words, too few words
# and names shared for the word tests: the pair NeuS step 16 parses with spaCy (bot/nlp/clause_repeats.py).
PARAPHRASED_STORY = (
    ("Lowmere Herald",
     "The town council of Lowmere approved a new bus route to the hospital on Thursday evening.\n"
     "The route will run every twenty minutes from the station, the transport officer said.\n"
     "Drivers will be hired from next month, with their training paid by the region.\n"),
    ("Valdin Post",
     "After months of complaints from patients, the town council has approved the hospital bus line.\n"
     "Residents of the east district had waited two years for a direct service to the wards.\n"),
    ("Kessel Daily",
     "A petition signed by four thousand residents asked for the service last spring.\n"
     "The vote came after a long debate about what the new buses would cost the town.\n"),
)


def corpus(count: int) -> list[Article]:
    """``count`` articles from BBC + AllSides + CNN/DM, cycled, with times spread one every 15 minutes.

    Repeated copies land weeks apart (beyond the 96-hour story window), so they behave as new articles.
    """
    texts = [(i.text.split("\n", 1)[0], i.text) for i in load_bbc(SHARED)]
    texts += [(i.title, i.text) for i in load_allsides(SHARED)]
    texts += [("", i.text) for i in load_writer_summaries(SHARED)]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    out = []
    for k in range(count):
        title, text = texts[k % len(texts)]
        when = start + timedelta(minutes=15 * k)
        out.append(make_article(text, title=title, outlet=f"outlet{k % 7}", url=f"u{k}", published=when))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--lexrank-sample", type=int, default=1_000)
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")

    print("Summarising a multi-outlet story (median of repeats, 3 sentences):")
    neus = load_neus(SHARED)[0]
    bench_story("NeuS story (lead snippets)", [make_article(t, title=h) for h, t in neus.articles], 20)
    writer = load_writer_summaries(SHARED)[:3]
    bench_story("3 full-length articles", [make_article(i.text) for i in writer], 5)
    bench_story("invented story, a decision in two outlets' words (step 16 parses)",
                [make_article(text, outlet=outlet) for outlet, text in PARAPHRASED_STORY], 20)

    print(f"Clustering {args.articles:,} articles (96-hour window, articles built and split beforehand):")
    articles = corpus(args.articles)
    clusterer = StoryClusterer()
    t = time.perf_counter()
    ids = [clusterer.add(a) for a in articles]
    elapsed = time.perf_counter() - t
    print(f"  briefbot StoryClusterer: {elapsed:.1f} s, {elapsed / len(articles) * 1000:.2f} ms/article, "
          f"{len(set(ids)):,} stories, {len(clusterer.profiles()):,} in the active window at the end")
    lexrank = sumy_baselines(("lexrank",))["lexrank"]
    sample = articles[: args.lexrank_sample]
    t = time.perf_counter()
    for a in sample:
        lexrank([a], 3)
    lex_ms = (time.perf_counter() - t) / len(sample) * 1000
    print(f"  sumy LexRank on the first {len(sample):,} of the same articles: {lex_ms:.2f} ms/article "
          f"(clustering / LexRank = {elapsed / len(articles) * 1000 / lex_ms:.2f})")
    ours = default_summariser()
    t = time.perf_counter()
    for a in sample:
        ours.summarise([a], 3)
    ours_ms = (time.perf_counter() - t) / len(sample) * 1000
    print(f"  briefbot summariser on the same {len(sample):,}: {ours_ms:.2f} ms/article "
          f"(summariser / LexRank = {ours_ms / lex_ms:.2f})")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the whole run: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
