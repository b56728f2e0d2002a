"""AllSides headline roundups (2021-04 … 2021-10) as multi-outlet stories: a development set of the NeuS kind."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from bot.eval.clusters import paired_gain, score_stories, story_scores
from bot.eval.data import StoryItem, halves, load_neus, make_article
from bot.models import Article
from bot.nlp.summarise import SummaryParams

ROUNDUPS = "eval/clusters/allsides_neus/allsides_headline_roundups_2021-04_to_2021-10.jsonl"
STANCES = ("left", "center", "right")


def load_roundups(shared: Path, *, min_articles: int = 2) -> list[StoryItem]:
    """One StoryItem per roundup with at least ``min_articles`` outlets, in file order.

    Mirrors ``load_neus``: each outlet is ``(title, text)`` with the outlet's headline (``newsTitle``) and its
    lead snippet (``newBody`` paragraphs, one per line, so no sentence crosses a paragraph); the reference is
    the editors' neutral summary (the first ``roundup`` paragraph; the later one is a coverage note). NeuS
    gives the outlets in random stance order, so they are shuffled here too, seeded by the story id.
    """
    path = shared / ROUNDUPS
    out: list[StoryItem] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            news = row.get("news") or {}
            outlets = [_outlet(news[s]) for s in STANCES if s in news]
            outlets = [(title, text) for title, text in outlets if text.strip()]
            summary = row.get("roundup") or []
            if len(outlets) < min_articles or not summary or not str(summary[0]).strip():
                continue
            random.Random(int(row["id"])).shuffle(outlets)
            out.append(StoryItem(str(row["id"]), tuple(outlets), " ".join(str(summary[0]).split())))
    return out


def _outlet(item: dict[str, Any]) -> tuple[str, str]:
    """(headline, lead snippet with one paragraph per line) of one outlet's entry."""
    body = "\n".join(str(p).strip() for p in item.get("newBody") or [])
    return str(item.get("newsTitle") or "").strip(), body


def story_articles(story: StoryItem) -> list[Article]:
    """The story's outlets as Articles, built exactly as ``score_stories`` builds NeuS stories."""
    return [make_article(text, title=title) for title, text in story.articles]


def evaluate_roundups(
    shared: Path, *, limit: int | None = None, params: SummaryParams | None = None
) -> dict[str, dict[str, float]]:
    """ROUGE of ours and the NeuS baselines on the roundups (about 20 s for all 505; not part of the CLI).

    ``.venv/bin/python -c "from pathlib import Path; from bot.eval.roundups import evaluate_roundups;
    print(evaluate_roundups(Path('../shared')))"``
    """
    return score_stories(load_roundups(shared)[:limit], params)


def compare_on_dev(
    shared: Path, candidate: SummaryParams, shipped: SummaryParams | None = None, *, limit: int | None = None,
    metric: str = "rouge1",
) -> dict[str, tuple[float, float]]:
    """Paired ROUGE-1 (or ``metric``: "rouge2", "rougeL") gain of ``candidate`` over ``shipped`` per story, as
    (mean, standard error), on the NeuS dev half (153), the roundups (505) and both pooled: the adoption rule of
    docs/QUALITY.md (fifth round) asks for a gain on both sets and a pooled mean above twice its standard error
    (in ROUGE-2 and ROUGE-L for a change of reading order alone, which cannot move ROUGE-1). The reported NeuS
    half is not read. ``limit`` keeps the first stories of each set (for tests); about 7 s without it."""
    sets = {"neus_dev": halves(load_neus(shared))[0][:limit], "roundups": load_roundups(shared)[:limit]}
    out: dict[str, tuple[float, float]] = {}
    new_all: list[float] = []
    old_all: list[float] = []
    for name, stories in sets.items():
        new = [row[metric] for row in story_scores(stories, candidate)]
        old = [row[metric] for row in story_scores(stories, shipped)]
        out[name] = paired_gain(new, old)
        new_all += new
        old_all += old
    out["pooled"] = paired_gain(new_all, old_all)
    return out
