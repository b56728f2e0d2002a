"""The AllSides roundup loader: NeuS-shaped stories, reference = the editors' summary, outlets as Articles."""

from __future__ import annotations

import json
from pathlib import Path

from bot.eval.data import make_article
from bot.eval.roundups import ROUNDUPS, evaluate_roundups, load_roundups, story_articles


def _write(root: Path, rows: list[dict[str, object]]) -> Path:
    path = root / ROUNDUPS
    path.parent.mkdir(parents=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return root


def _outlet(title: str, *paragraphs: str) -> dict[str, object]:
    return {"newsSource": "Outlet", "newsTitle": title, "newBody": list(paragraphs)}


def test_stories_mirror_neus(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {
            "id": 7,
            "roundup": ["The council  approved the budget.\u00a0It passed 5-2.", "Coverage was balanced."],
            "news": {
                "left": _outlet("Council passes budget", "The council voted on Monday.", "It passed 5-2."),
                "right": _outlet("Budget approved", "Members approved the plan ..."),
                "center": _outlet("Empty", ""),
            },
        },
        {"id": 8, "roundup": ["One outlet only."], "news": {"left": _outlet("Solo", "Only one outlet here.")}},
        {"id": 9, "roundup": [], "news": {}},
    ]
    stories = load_roundups(_write(tmp_path, rows))
    assert [s.id for s in stories] == ["7"]
    story = stories[0]
    assert story.reference == "The council approved the budget. It passed 5-2."  # first paragraph, whitespace folded
    assert sorted(story.articles) == [
        ("Budget approved", "Members approved the plan ..."),
        ("Council passes budget", "The council voted on Monday.\nIt passed 5-2."),  # one paragraph per line
    ]
    assert load_roundups(tmp_path) == stories  # the seeded shuffle is reproducible
    assert [s.id for s in load_roundups(tmp_path, min_articles=1)] == ["7", "8"]
    articles = story_articles(story)
    assert [a.id for a in articles] == [make_article(text, title=title).id for title, text in story.articles]
    council = next(a for a in articles if a.title == "Council passes budget")
    assert [s.text for s in council.sentences] == ["The council voted on Monday.", "It passed 5-2."]


def test_the_shared_roundups(shared_dir: Path) -> None:
    stories = load_roundups(shared_dir)
    assert len(stories) == 505  # 506 roundups, one without articles
    assert all(2 <= len(s.articles) <= 3 and s.reference for s in stories)
    assert sum(len(s.articles) == 3 for s in stories) == 469
    figures = evaluate_roundups(shared_dir, limit=5)
    assert set(figures) == {"briefbot", "lead_per_outlet", "lexrank", "textrank"}
    assert all(0.0 < row["rouge1"] <= 100.0 for row in figures.values())
