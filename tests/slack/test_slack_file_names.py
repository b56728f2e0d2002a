"""A briefing that credits a local file by its name ("notes.md", "report.co": names that read as web addresses) keeps
Slack from turning the name into a link: the context that names it is a ``verbatim`` text object, which Slack leaves
as written (no automatic links), while the bot's own links in it stay links. Names and texts written for this test."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fake_slack import validate_blocks

from bot.models import Briefing, BriefingItem, SourceRef, Story, SummarySentence
from digests.render_slack import render_briefing

NOW = datetime(2031, 5, 6, 9, 0, tzinfo=UTC)
LINK = "https://orrin-courier.test/quay"


def briefing(*sources: SourceRef) -> Briefing:
    summary = (SummarySentence("The Orrin quay will close for repairs from Monday, the harbour board said.",
                               sources[0].article_id, 0, 0, 70),)
    story = Story("s1", "Orrin quay to close for repairs", sources, summary, url=sources[0].url)
    return Briefing("Morning briefing", NOW, (BriefingItem(story, 1.0),))


def credits(b: Briefing) -> list[dict[str, Any]]:
    """Every context element of the rendered briefing that credits a source."""
    (message,) = render_briefing(b)
    assert validate_blocks(list(message.blocks)) is None
    return [e for block in message.blocks if block["type"] == "context" for e in block["elements"]
            if e["text"].startswith("Sources:")]


def test_a_file_name_that_reads_as_a_domain_is_kept_from_becoming_a_link() -> None:
    (element,) = credits(briefing(SourceRef("a1", "notes", "", "Quay notes", None, file="notes.md")))
    assert element["text"] == "Sources: file notes.md"  # as written: no <...|...> link of ours either
    assert element["verbatim"] is True


def test_the_outlets_own_link_stays_beside_its_file() -> None:
    (element,) = credits(briefing(SourceRef("a1", "Orrin Courier", LINK, "Quay", None),
                                  SourceRef("a2", "Orrin Courier", "", "Quay notes", None, file="report.co")))
    assert element["text"] == f"Sources: <{LINK}|Orrin Courier> · Orrin Courier (file report.co)"
    assert element["verbatim"] is True  # the link is written out as <url|label>: Slack still shows it as a link


def test_a_story_with_no_file_is_rendered_as_before() -> None:
    (element,) = credits(briefing(SourceRef("a1", "Orrin Courier", LINK, "Quay", None)))
    assert element == {"type": "mrkdwn", "text": f"Sources: <{LINK}|Orrin Courier>"}
