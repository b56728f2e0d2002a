"""Topics, schedules and zones as people type them in chat, read into the forms the parsers take."""

from __future__ import annotations

import pytest

from bot.commands.schedule_input import spoken_quiet, spoken_schedule, spoken_zone, zone_key
from bot.commands.topic_input import listed_topic, split_topics, too_common
from bot.schedule import ScheduleError
from bot.topics import parse_topic


def test_a_comma_list_is_several_topics_but_not_inside_a_quoted_phrase() -> None:
    assert split_topics("Valdoria, Merrin") == ["Valdoria", "Merrin"]
    assert split_topics('"Port Averley, harbour" , cod,,') == ['"Port Averley, harbour"', "cod"]
    assert split_topics("  ") == []


@pytest.mark.parametrize(("typed", "common"), [("the", True), ("of the", True), ("the harbour", False),
                                               ("US", False), ("May", False), ("from:Wire", False)])
def test_a_topic_of_only_common_words_is_told_apart(typed: str, common: bool) -> None:
    assert too_common(parse_topic(typed)) is common


def test_a_listed_topic_is_found_whatever_its_case_or_quotes() -> None:
    listed = ['"Harbour Bridge"', "cod -sport"]
    assert listed_topic(listed, "harbour bridge") == '"Harbour Bridge"'
    assert listed_topic(listed, "cod -sport") == "cod -sport"
    assert listed_topic(listed, "cod") is None
    assert listed_topic(["Cod", "cod"], "COD") is None  # two spellings listed: which one is not guessed


@pytest.mark.parametrize(("typed", "spec"), [
    ("Weekdays 7am", "weekdays 07:00"), ("workdays at 6:15", "weekdays 06:15"), ("8:00", "daily 08:00"),
    ("every day at 12pm", "daily 12:00"), ("12am", "daily 00:00"), ("on friday 17:00", "weekly fri 17:00"),
    ("weekly Monday 9am", "weekly mon 09:00"),
    # forms the parser reads (or judges) itself come back as typed
    ("every 4h", "every 4h"), ("0 7 * * 1-5", "0 7 * * 1-5"), ("daily 08:00,18:00", "daily 08:00,18:00"),
    ("daily 7", "daily 7"), ("fortnightly 9:00", "fortnightly 9:00"),
])
def test_spoken_schedules(typed: str, spec: str) -> None:
    assert spoken_schedule(typed) == spec


@pytest.mark.parametrize("typed", ["24:00", "daily 7:60", "0am", "weekdays 13pm"])
def test_a_time_that_does_not_exist_is_named(typed: str) -> None:
    with pytest.raises(ScheduleError, match="is not a time of day"):
        spoken_schedule(typed)


def test_zones_in_any_case_and_fixed_offsets() -> None:
    assert spoken_zone("europe/bucharest") == "Europe/Bucharest"
    assert spoken_zone("america/new york") == "America/New_York"
    assert spoken_zone("Mars/Base") == "Mars/Base"  # unknown: left for the parser to refuse
    with pytest.raises(ScheduleError, match="Etc/GMT\\+5 to keep UTC-5 all year"):
        spoken_zone("UTC-5")
    with pytest.raises(ScheduleError, match="fixed offset"):
        spoken_zone("+02:00")


@pytest.mark.parametrize(("typed", "quiet"), [("22-7", "22:00-07:00"), ("10pm-7am", "22:00-07:00"),
                                              ("22:00 to 6:30", "22:00-06:30"), ("22:00–07:00", "22:00-07:00"),
                                              ("off", "off"), ("late-early", "late-early"), ("25-7", "25-7")])
def test_spoken_quiet_hours(typed: str, quiet: str) -> None:
    assert spoken_quiet(typed) == quiet


def test_fixed_offset_abbreviations_are_refused_with_the_place_zone() -> None:
    for typed, place in [("EST", "America/New_York"), ("mst", "America/Denver"), ("HST", "Pacific/Honolulu"),
                         ("GMT", "Europe/London")]:
        with pytest.raises(ScheduleError, match="fixed offset") as refused:
            spoken_zone(typed)
        assert place in str(refused.value), (typed, refused.value)
    assert "America/Phoenix" in _refusal("MST")
    assert spoken_zone("CET") == "CET" and spoken_zone("utc") == "UTC"  # CET follows summer time; UTC is meant


def _refusal(typed: str) -> str:
    with pytest.raises(ScheduleError) as refused:
        zone_key(typed)
    return str(refused.value)


def test_a_zone_that_does_not_exist_is_answered_with_the_one_meant() -> None:
    assert zone_key("europe/brussels") == "Europe/Brussels"
    assert 'unknown timezone "PST"' in _refusal("PST") and "America/Los_Angeles" in _refusal("PST")
    assert "America/Chicago" in _refusal("cst") and "Europe/London" in _refusal("BST")
    assert _refusal("Bucharest").endswith("did you mean Europe/Bucharest?")
    assert _refusal("new york").endswith("did you mean America/New_York?")
    assert _refusal("Europe/Bucharst").endswith("did you mean Europe/Bucharest?")
    assert "give an IANA zone name" in _refusal("Mars/Base")
