"""A key quote of reported speech written before its attribution ("About 40 trucks are stuck, the customs office
said") is shown in that order, not as "customs office said About 40 trucks ..." with a capital in mid-sentence."""

from __future__ import annotations

from digests.key_quote import reported_line


def test_content_written_first_stays_first() -> None:
    line = reported_line("said", "customs office", "About 40 trucks are stuck at the border")
    assert line == "About 40 trucks are stuck at the border, customs office said."


def test_content_after_the_cue_follows_it() -> None:
    assert reported_line("said", "Net menders", "the dredging came too late") == (
        "Net menders said the dredging came too late.")


def test_a_sentence_before_according_to_stays_first() -> None:
    assert reported_line("according to", "treasury", "Fuel duty is frozen until March") == (
        "Fuel duty is frozen until March, according to treasury.")


def test_a_cue_written_before_the_name_still_leads_lower_case_words() -> None:
    assert reported_line("according to", "the port authority", "dredging would start in spring.") == (
        "According to the port authority, dredging would start in spring.")
