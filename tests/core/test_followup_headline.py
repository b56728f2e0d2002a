"""A follow-up is headed by what the channel has not seen: the newest new report's title, not the first report's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.followups import followup_view
from bot.models import SourceRef, Story

NOW = datetime(2031, 5, 2, 9, 0, tzinfo=UTC)


def canal(*new_titles: str) -> Story:
    first = SourceRef("a", "Canal Gazette", "https://gazette.test/walkout", "Lock-keepers walk out on the Orrin canal",
                      NOW - timedelta(days=1))
    later = tuple(SourceRef(f"n{k}", f"Outlet {k}", f"https://o{k}.test/deal", title, NOW + timedelta(hours=k))
                  for k, title in enumerate(new_titles))
    return Story("s-locks", first.title, (first, *later), (), (), updated=NOW, url=first.url)


def test_a_followup_takes_the_newest_new_reports_title_and_link() -> None:
    story = canal("Orrin lock-keepers back at work", "Lock-keepers' strike ends with 7 percent rise")
    shown = followup_view(story, ["n0", "n1"])
    assert shown.headline == "Lock-keepers' strike ends with 7 percent rise"
    assert shown.url == "https://o1.test/deal"
    assert shown.id == story.id  # the same story: `mute`, `track` and the buttons still name it


def test_a_labelled_or_title_case_new_title_gives_way_to_a_plain_one() -> None:
    story = canal("Orrin lock-keepers back at work", "ANALYSIS: What The Orrin Deal Means For Barge Owners")
    assert followup_view(story, ["n0", "n1"]).headline == "Orrin lock-keepers back at work"
    only = canal("LIVE: Orrin strike over")
    assert followup_view(only, ["n0"]).headline == "Orrin strike over"  # a label is never shown


def test_a_followup_with_no_new_report_keeps_the_storys_headline() -> None:
    story = canal("Orrin lock-keepers back at work")
    assert followup_view(story, []).headline == story.headline and followup_view(story, []).url == story.url
