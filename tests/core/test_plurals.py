"""Counted nouns: one helper (bot.plurals.counted) behind the summaries that say "1 error, 1 note"."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.cli_core import print_report
from bot.delivery import Outcome
from bot.models import Briefing, BriefingItem, IngestProblem, SourceRef, Story
from bot.once_summary import once_summary
from bot.pipeline import IngestReport
from bot.plurals import counted
from digests.render_slack import render_briefing

NOW = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(("n", "one", "many", "said"), [
    (0, "error", "", "0 errors"), (1, "error", "", "1 error"), (2, "note", "", "2 notes"),
    (1, "delivery", "deliveries", "1 delivery"), (3, "delivery", "deliveries", "3 deliveries"),
])
def test_counted_takes_the_singular_for_one_only(n: int, one: str, many: str, said: str) -> None:
    assert counted(n, one, many) == said


def test_the_ingest_summary_says_one_error_and_one_note(capsys: pytest.CaptureFixture[str]) -> None:
    report = IngestReport(added=1, problems=[IngestProblem("quay.rss entry 3", "no article text found")],
                          notes=[IngestProblem("quay.rss", "feed is not well-formed", kept=True)])
    print_report(report)
    assert capsys.readouterr().out.splitlines()[-1] == "1 added, 0 updated, 0 skipped, 1 error, 1 note"
    report.problems.append(IngestProblem("quay.rss entry 4", "no article text found"))
    print_report(report)
    assert capsys.readouterr().out.splitlines()[-1].endswith(", 2 errors, 1 note")


def test_a_one_story_slack_briefing_says_one_story_from_one_outlet() -> None:
    source = SourceRef("a1", "Quayside Gazette", "https://quayside.example/ferry", "Ferry returns", NOW)
    story = Story(id="s1", headline="Ferry returns to the island", sources=(source,), summary=())
    briefing = Briefing(title="Morning briefing", generated=NOW, items=(BriefingItem(story, 1.0, "everything"),))
    footer = render_briefing(briefing)[0].blocks[-1]
    assert footer["type"] == "context"
    assert "1 story from 1 outlet" in footer["elements"][0]["text"]


def test_the_run_once_line_counts_one_delivery_and_one_other_outcome() -> None:
    outcomes = [Outcome("console:main", "delivered", NOW, counted(1, "story", "stories")),
                Outcome("console:desk", "skipped", NOW, counted(1, "slot"))]
    assert once_summary("no source was due", outcomes) == (
        "Done: no source was due; 1 delivery made, 1 other outcome above.")
