"""Topic matching CPU time: each story read (``StoryText``) and matched against five topics, over invented stories
(70% of headlines in title case, sentences in sentence case); CPU seconds per round, the best of ``--rounds``.
Put an exported tree first on PYTHONPATH to time it instead of this checkout:

    git archive e59e441~1 bot | tar -x -C /tmp/prev_topics
    PYTHONPATH=/tmp/prev_topics .venv/bin/python benchmarks/bench_topic_reading.py --stories 3000 --rounds 3
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))  # after PYTHONPATH: an exported tree there wins

from bot.models import SourceRef, Story, SummarySentence
from bot.nlp.terms import TermAnalyser
from bot.topics import StoryText, match_topics, parse_topic

WORDS = ["harbour", "board", "quay", "repairs", "spring", "council", "vote", "budget", "school", "river", "bridge",
         "ferry", "tram", "market", "wind", "farm", "port", "union", "strike", "wage", "mayor", "plan", "trial",
         "court", "judge", "safety", "rules", "summit", "opens", "talks", "deal"]
NAMES = ["Velmora", "Skarvik", "Tomas", "Brell", "Ada", "Quist", "Lin", "Ai", "Eu", "Uk", "AI", "EU", "UK", "NATO"]
TOPICS = ('"AI safety"', '"UK economy"', '"EU AI act"', "Norland", '"NATO summit"')


def text(rng: random.Random, title: bool) -> str:
    found = [rng.choice(WORDS + NAMES) for _ in range(rng.randint(6, 14))]
    return " ".join(w[:1].upper() + w[1:] for w in found) + "." if title else " ".join(found) + "."


def stories(count: int) -> list[Story]:
    rng = random.Random(7)
    out = []
    for i in range(count):
        sentences = tuple(SummarySentence(s, "a1", 0, 0, len(s)) for s in (text(rng, False) for _ in range(4)))
        out.append(Story(f"s{i}", text(rng, rng.random() < 0.7), (SourceRef("a1", "Coast Wire", "", "", None),),
                         sentences))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    analyser = TermAnalyser()
    topics = [parse_topic(t, analyser) for t in TOPICS]
    found = stories(args.stories)
    times: list[float] = []
    matched = 0
    for _ in range(args.rounds):
        start = time.process_time()
        matched = sum(match_topics(topics, StoryText(s, analyser=analyser)) is not None for s in found)
        times.append(time.process_time() - start)
    import bot.topics
    print(f"{bot.topics.__file__}: {matched} of {len(found)} matched; CPU s per round "
          f"{' '.join(f'{t:.2f}' for t in times)}; best {min(times):.2f}")


if __name__ == "__main__":
    main()
