"""An unnamed speaker's label reads as running text: "unnamed officials", not "unnamed Officials" (the capital
of the word that opened the article's sentence), while a proper name keeps its capital ("unnamed Pentagon
officials"); the key quote shows the label so."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.answer.unresolved import shown_speaker
from bot.models import Attribution, SourceRef, Story
from digests.key_quote import key_quote

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("stored", "shown"), [
    ("unnamed Officials", "unnamed officials"),
    ("unnamed Senior officials", "unnamed senior officials"),
    ("unnamed Police officials", "unnamed police officials"),
    ("unnamed Two engineers", "unnamed two engineers"),
    ("unnamed Pentagon officials", "unnamed Pentagon officials"),
    ("unnamed Russian embassy spokesperson", "unnamed Russian embassy spokesperson"),
    ("unnamed Vellmar Port Authority official", "unnamed Vellmar Port Authority official"),
    ("unnamed General Motors executive", "unnamed General Motors executive"),  # a role word in a name
    ("unnamed source", "unnamed source"),
    ("It", "unnamed source"),
    ("Ida Varga", "Ida Varga"),
    ("Officials", "Officials"),  # not the unnamed form: stored as written
])
def test_the_unnamed_label_is_lower_case_but_keeps_names(stored: str, shown: str) -> None:
    assert shown_speaker(stored) == shown


def test_the_key_quote_shows_the_lower_case_label() -> None:
    content = "the ferry would not sail again until the breaches were sealed"
    quote = Attribution("v-1", "unnamed Officials", "Officials", "said", content, "indirect", 3, 100,
                        100 + len(content))
    source = SourceRef("v-1", "Vellmar Courier", "https://vellmar.example/ferry", "Storm shuts harbour", NOW)
    story = Story(id="s-1", headline="Storm shuts harbour", sources=(source,), summary=(), quotes=(quote,),
                  updated=NOW, url=source.url)
    shown = key_quote(story)
    assert shown is not None and shown.speaker == "unnamed officials" and shown.content == content
