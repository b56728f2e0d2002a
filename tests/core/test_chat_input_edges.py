"""Chat input edge cases from a review: commas that belong to a topic, day ranges a schedule cannot hold, and
listed topics spelt with a closing full stop or typographic quotes."""

from __future__ import annotations

import pytest

from bot.commands.dispatch import tidy_args
from bot.commands.schedule_input import spoken_schedule
from bot.commands.topic_input import listed_topic, split_topics
from bot.schedule import ScheduleError, parse_schedule


@pytest.mark.parametrize(("typed", "topics"), [
    ("Washington, D.C.", ["Washington, D.C."]),
    ("Valdoria, D.C., Merrin", ["Valdoria, D.C.", "Merrin"]),
    ("1,000 jobs", ["1,000 jobs"]),
    ("Valdoria, Merrin", ["Valdoria", "Merrin"]),
    ("U.S., U.K.", ["U.S.", "U.K."]),
    ('"Lisport, East", NATO -sport, EU OR UN', ['"Lisport, East"', "NATO -sport", "EU OR UN"]),
])
def test_a_comma_of_an_abbreviation_or_a_number_stays_in_its_topic(typed: str, topics: list[str]) -> None:
    assert split_topics(tidy_args(typed)) == topics


@pytest.mark.parametrize("typed", ["mon-sun 7am", "sat-mon 09:00", "tue-thu 8am", "monday-sunday 7am",
                                   "mon,wed,fri 7am", "on mon wed 9am", "weekly mon fri 9:00"])
def test_several_days_are_not_read_as_one_day(typed: str) -> None:
    assert spoken_schedule(typed) == typed  # as typed, for bot/schedule.py to refuse with the forms it reads
    with pytest.raises(ScheduleError):
        parse_schedule(spoken_schedule(typed))


@pytest.mark.parametrize(("typed", "spec"), [
    ("every monday at 9:00", "weekly mon 09:00"), ("weekly on monday 9am", "weekly mon 09:00"),
    ("Monday 9:00", "weekly mon 09:00"), ("weekly mon 09:00", "weekly mon 09:00"), ("on fri 5pm", "weekly fri 17:00"),
    ("every mondays at 9:00", "weekly mon 09:00"),
])
def test_one_day_is_still_weekly(typed: str, spec: str) -> None:
    assert spoken_schedule(typed) == spec


@pytest.mark.parametrize(("listed", "typed"), [
    ("Acme Inc.", "Acme Inc."),  # stored before a closing full stop was dropped from what is typed
    ("O’Neill", "O’Neill"),  # stored with a typographic apostrophe, typed the same (made plain on the way in)
    ("O’Neill", "o'neill"),
    ("“Harbour Bridge”", "“Harbour Bridge”"),
    ("Côte d’Ivoire", "Côte d'Ivoire"),
])
def test_a_listed_topic_is_found_however_its_full_stop_and_quotes_were_stored(listed: str, typed: str) -> None:
    assert listed_topic(["Merrin", listed], tidy_args(typed)) == listed


@pytest.mark.parametrize(("typed", "tidy"), [
    ("add https://feeds.example/wire.xml.", "add https://feeds.example/wire.xml"),
    ("add <https://feeds.example/wire>.", "add <https://feeds.example/wire>"),
    ("add https://feeds.example/wire.xml", "add https://feeds.example/wire.xml"),
    ("Washington, D.C.", "Washington, D.C."),
    ("whosaid Lisport.", "whosaid Lisport"),
])
def test_a_full_stop_after_an_address_closes_the_sentence(typed: str, tidy: str) -> None:
    assert tidy_args(typed) == tidy


@pytest.mark.parametrize(("typed", "spec"), [
    ("at 7 p.m.", "daily 19:00"), ("weekdays 7 am", "weekdays 07:00"), ("every monday at 9 a.m.", "weekly mon 09:00"),
    ("at 12am", "daily 00:00"), ("12pm", "daily 12:00"), ("0:00", "daily 00:00"),
])
def test_am_and_pm_written_apart_or_with_full_stops(typed: str, spec: str) -> None:
    assert spoken_schedule(tidy_args(typed)) == spec


def test_pasted_opml_keeps_its_typographic_quotes() -> None:
    # a curly quote inside an attribute is text there: made plain, it would end the attribute and break the XML
    opml = '<opml version="2.0"><body><outline text="The “Harbour” Wire" xmlUrl="https://wire.example/feed.xml"/></body></opml>'
    assert tidy_args(opml) == opml
    assert tidy_args('<?xml version="1.0"?>' + opml + " ") == '<?xml version="1.0"?>' + opml
    assert tidy_args("“Harbour Bridge”") == '"Harbour Bridge"'  # typed text is still made plain
