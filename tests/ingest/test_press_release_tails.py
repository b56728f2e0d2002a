"""A company's press release ends in boilerplate no briefing should show: the "About <company>" paragraph, the
forward-looking statements notice and the media contacts. Ingest keeps the release's news and drops its tail.
Texts written for this test (invented company and places)."""

from __future__ import annotations

import pytest

from bot.ingest.junk import clean_text

NEWS = ("Velko Foods said on Monday it was recalling 12,000 jars of plum jam sold in Orlen because some lids may "
        "not seal.\n\n"
        "\"We are sorry for the trouble this causes,\" said Ada Velko, the company's chief executive.\n\n")
ABOUT = ("About Velko Foods\n\n"
         "Velko Foods is a family-owned maker of preserves founded in Orlen in 1952, with 340 employees. For more "
         "information, visit www.velko.example.\n\n")
FORWARD = ("Forward-Looking Statements\n\n"
           "This press release contains forward-looking statements that involve risks and uncertainties. Actual "
           "results may differ materially from those expressed or implied.\n\n")
CONTACT = "Media contact:\nIvo Marr\npress@velko.example\n+99 555 0142\n\nSOURCE Velko Foods\n"


@pytest.mark.parametrize("tail", [ABOUT + FORWARD + CONTACT, ABOUT, FORWARD + CONTACT, CONTACT,
                                  FORWARD.replace("Forward-Looking Statements", "Cautionary Note Regarding "
                                                  "Forward-Looking Statements"),
                                  "Media Contacts\nIvo Marr, press@velko.example\n",
                                  "Press enquiries: Ivo Marr, press@velko.example\n"])
def test_a_press_release_keeps_its_news_without_its_boilerplate(tail: str) -> None:
    kept = clean_text(NEWS + tail, title="Velko Foods recalls plum jam")
    assert kept.split("\n\n") == [
        "Velko Foods said on Monday it was recalling 12,000 jars of plum jam sold in Orlen because some lids may "
        "not seal.",
        "\"We are sorry for the trouble this causes,\" said Ada Velko, the company's chief executive."]


def test_a_news_report_about_a_company_keeps_every_paragraph() -> None:
    text = ("About Velko Foods, the workers said little.\n\n"
            "Velko Foods is the largest employer in Orlen, and the recall worried its staff.\n\n"
            "Forward-looking statements in the annual report had warned of trouble, the union said.\n\n"
            "A media contact at the firm did not answer calls on Monday.")
    assert clean_text(text, title="Orlen waits on Velko") == text


def test_a_heading_about_something_else_is_no_boilerplate() -> None:
    text = ("The city council approved the new tram line on Tuesday after a three-hour debate.\n\n"
            "About the route\n\n"
            "The line will run from the station to the harbour, with nine stops, the council said.")
    assert clean_text(text, title="Orlen approves tram line").split("\n\n") == [
        "The city council approved the new tram line on Tuesday after a three-hour debate.",
        "The line will run from the station to the harbour, with nine stops, the council said."]


def test_boilerplate_before_any_news_is_not_taken_for_the_tail() -> None:
    text = ("Media contact: Ivo Marr\n\n"
            "Velko Foods said on Monday it would open a second plant in Orlen next spring, with 80 new jobs.")
    assert clean_text(text, title="Velko Foods to open plant") == (
        "Velko Foods said on Monday it would open a second plant in Orlen next spring, with 80 new jobs.")
