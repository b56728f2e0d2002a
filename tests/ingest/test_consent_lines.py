"""A cookie or consent prompt left in an article's text is page furniture: clean_text drops its line."""

from __future__ import annotations

import pytest

from bot.ingest.junk import clean_text

STORY = "The ferry timetable changes on Monday.\n\nMayor Ada Quist said the night boat would keep running."


@pytest.mark.parametrize("prompt", [
    "Biscuits keep this page running. By using our pages, you agree to our use of cookies. Accept all",
    "By continuing to browse you agree to our use of cookies.",
    "If you stay on this site, you accept our privacy policy and terms of use.",
])
def test_a_consent_prompt_line_is_dropped(prompt: str) -> None:
    cleaned = clean_text(f"{STORY}\n\n{prompt}")
    assert "agree" not in cleaned and "accept" not in cleaned
    assert cleaned == STORY


@pytest.mark.parametrize("line", [
    "The regulator said many sites still set cookies before readers agree to them.",
    "Residents agree that the harbour needs a new cookie factory.",
])
def test_news_about_cookies_stays(line: str) -> None:
    assert line in clean_text(f"{STORY}\n\n{line}")
