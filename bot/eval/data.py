"""Loaders for the evaluation sets under ../shared/eval, with the documented dev/test splits."""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from bot.models import Article
from bot.nlp.sentences import split_sentences

T = TypeVar("T")
JITTER_HOURS = 48  # the clusters README: never give the clusterer the shared roundup date as is
_GLUED = re.compile(r"([.!?][\"']?)(?=[A-Z\"'])")


@dataclass(frozen=True, slots=True)
class SummaryItem:
    """One article with one or more reference summaries."""

    id: str
    text: str
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryItem:
    """One multi-outlet story (NeuS): the outlets' (title, text) and the neutral reference summary."""

    id: str
    articles: tuple[tuple[str, str], ...]
    reference: str


@dataclass(frozen=True, slots=True)
class ClusterItem:
    """One AllSides article with its gold story id and the roundup date."""

    story_id: str
    date: datetime
    topic: str
    source: str
    title: str
    url: str
    text: str


def make_article(
    text: str, *, title: str = "", outlet: str = "", url: str = "", published: datetime | None = None
) -> Article:
    """An Article built from plain text with the pipeline's own sentence splitter, id derived from the text."""
    ident = hashlib.sha1((url + "\n" + title + "\n" + text).encode()).hexdigest()[:16]
    return Article(ident, url, title, outlet, text, split_sentences(text), published=published)


def halves(items: Sequence[T]) -> tuple[list[T], list[T]]:
    """(dev, test): the first half of a file is for tuning, the second half is what we report."""
    mid = len(items) // 2
    return list(items[:mid]), list(items[mid:])


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def load_writer_summaries(shared: Path) -> list[SummaryItem]:
    path = shared / "eval/summaries/cnndm_writer_summaries/writer_summaries_by_article.jsonl"
    return [SummaryItem(r["article_id"], r["article"], tuple(r["writer_summaries"])) for r in _lines(path)]


def load_cnndm_highlights(shared: Path) -> list[SummaryItem]:
    path = shared / "eval/summaries/cnndm_sample100/cnndm_train_sample100.jsonl"
    return [SummaryItem(r["id"], r["article"], ("\n".join(r["highlights"]),)) for r in _lines(path)]


def load_bbc(shared: Path) -> list[SummaryItem]:
    """BBC News Summary, the fixed sample500 subset, duplicates dropped, glued references re-spaced."""
    path = shared / "eval/summaries/bbc_news_summary/bbc_news_summary.jsonl"
    return [
        SummaryItem(r["id"], r["body"], (_GLUED.sub(r"\1 ", r["summary"]),))
        for r in _lines(path)
        if r.get("sample500") and not r.get("duplicate_of")
    ]


def load_neus(shared: Path) -> list[StoryItem]:
    path = shared / "eval/clusters/allsides_neus/neus_test.jsonl"
    return [
        StoryItem(str(r["idx"]), tuple((a["title"], a["text"]) for a in r["articles"]), r["summary"])
        for r in _lines(path)
    ]


def load_allsides(shared: Path) -> list[ClusterItem]:
    path = shared / "eval/clusters/allsides_neus/allsides_articles_flat.jsonl"
    return [
        ClusterItem(
            str(r["story_id"]), datetime.fromisoformat(r["story_date"]), r["topic"], r["source"],
            r["title"], r["url"], r["text"],
        )
        for r in _lines(path)
    ]


def split_allsides(items: Sequence[ClusterItem]) -> tuple[list[ClusterItem], list[ClusterItem]]:
    """(dev, test) by time: stories before the median roundup date tune, the later ones are reported."""
    dates = sorted({(i.date, i.story_id) for i in items})
    cut = dates[len(dates) // 2][0]
    return [i for i in items if i.date < cut], [i for i in items if i.date >= cut]


def jittered_times(items: Sequence[ClusterItem], seed: int = 0) -> list[datetime]:
    """Each article's time drawn uniformly within ±48 h of its roundup date (seeded, reproducible)."""
    rng = random.Random(seed)
    return [i.date + timedelta(hours=rng.uniform(-JITTER_HOURS, JITTER_HOURS)) for i in items]
