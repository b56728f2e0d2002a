"""A story's headline: no leading label ("EXPLAINER:", "WATCH:", "LIVE UPDATES:"; "OPINION |" as "Opinion:"), and
from an outlet's plain headline over the earliest report's labelled or Title Case one when the story has one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from bot.app import App, make_pipeline
from bot.config import Config
from bot.headline_choice import headline_article, shown_headline, title_cased
from bot.models import Article


def _article(key: str, title: str, hour: int | None) -> Article:
    published = datetime(2026, 11, 20, hour, 0, tzinfo=UTC) if hour is not None else None
    return Article(id=key, url=f"https://example.org/{key}", title=title, outlet=key, text="Ferries stop.",
                   sentences=(), published=published)


def test_a_leading_label_is_stripped() -> None:
    assert shown_headline("EXPLAINER: Why the Velmora ferries stopped") == "Why the Velmora ferries stopped"
    assert shown_headline("WATCH: Harbour wall gives way at Velmora") == "Harbour wall gives way at Velmora"
    # an opinion piece's label is shown, in one form (tests/core/test_opinion_reports.py)
    assert shown_headline("OPINION | The ferry fares are too high") == "Opinion: The ferry fares are too high"
    assert shown_headline("Opinion: The ferry fares are too high") == "Opinion: The ferry fares are too high"
    assert shown_headline("LIVE UPDATES: Storm reaches the coast") == "Storm reaches the coast"
    assert shown_headline("Live updates - Storm reaches the coast") == "Storm reaches the coast"


def test_other_headlines_are_kept() -> None:
    for title in ("NATO: allies meet in Velmora", "VP Ada Quist: fares will fall", "Watchdog fines Velmora port",
                  "EXPLAINER:", "Opinion polls show a close race", "Live music returns to the harbour"):
        assert shown_headline(title) == title


def test_title_case() -> None:
    assert title_cased("Ferry Chief Says Velmora Fares Will Rise Again")
    assert not title_cased("Ferry chief says Velmora fares will rise again")
    assert not title_cased("Velmora Port Shuts")  # too few words to tell


def test_a_plain_headline_beats_the_earliest_labelled_or_title_case_one() -> None:
    labelled = _article("a", "EXPLAINER: Why the Velmora ferries stopped running", 8)
    tabloid = _article("b", "Velmora Ferries Grind To A Halt As Fuel Runs Out", 9)
    plain = _article("c", "Velmora ferries stop as fuel runs short", 10)
    assert headline_article([labelled, tabloid, plain]) is plain
    assert headline_article([labelled, tabloid]) is tabloid  # no label beats Title Case with one
    assert headline_article([labelled]) is labelled
    assert shown_headline(headline_article([labelled]).title) == "Why the Velmora ferries stopped running"


def test_the_earliest_plain_headline_leads() -> None:
    first = _article("a", "Velmora ferries stop as fuel runs short", 8)
    later = _article("b", "Fuel shortage halts the Velmora ferries", 9)
    undated = _article("c", "Ferries halted at Velmora", None)
    assert headline_article([later, first, undated]) is first
    assert headline_article([undated, _article("d", "WATCH: Ferries halted", None)]) is undated


async def test_the_pipeline_heads_a_story_with_the_plain_headline(tmp_path: Path) -> None:
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    app = App(config=Config(), db_url=f"sqlite:///{tmp_path}/store.db", clock=lambda: now)
    pipeline = await make_pipeline(app, with_quotes=False)
    text = "The Velmora ferries stopped on Friday. Fuel ran short at the Velmora depot."
    labelled = replace(_article("a", "WATCH: Velmora ferries stop", 8), text=text)
    plain = replace(_article("b", "Velmora ferries stop as fuel runs short", 9), text=text)
    [update] = pipeline._summaries([("s1", [labelled, plain])], now)
    assert update.headline == "Velmora ferries stop as fuel runs short" and update.url == plain.url
    [alone] = pipeline._summaries([("s2", [labelled])], now)
    assert alone.headline == "Velmora ferries stop"
