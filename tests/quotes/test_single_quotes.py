"""Single quotation marks (British style) open and close direct quotes; apostrophes never pair."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quote_marks import single_quotations
from bot.nlp.quote_rules import quote_spans
from bot.nlp.quotes import extract_from_text


def _spans(text: str) -> list[str]:
    return [text[s:e] for s, e in quote_spans(text)]


@pytest.mark.parametrize(("text", "quoted"), [
    ("'The ferry will sail at dawn,' the harbour master said.", ["'The ferry will sail at dawn,'"]),
    ("‘The ferry will sail at dawn,’ the harbour master said.", ["‘The ferry will sail at dawn,’"]),
    ("The harbour master said: 'The ferry will sail at dawn.'", ["'The ferry will sail at dawn.'"]),
    ("One fan wrote 'what a night' and another wrote 'never again'.", ["'what a night'", "'never again'"]),
    ("'I don't think we're ready,' said Ola Berg. 'We can't sail yet.'",
     ["'I don't think we're ready,'", "'We can't sail yet.'"]),
    ("'The Lindqvists' boat is gone,' Ola Berg said.", ["'The Lindqvists' boat is gone,'"]),
    ("'We played rock 'n' roll until five o'clock,' Ola Berg said.",
     ["'We played rock 'n' roll until five o'clock,'"]),
])
def test_single_marks_pair_as_quotations(text: str, quoted: list[str]) -> None:
    assert _spans(text) == quoted


@pytest.mark.parametrize("text", [
    "The Lindqvists' boat and the Berg family's house were flooded in the '90s.",
    "Ma'am, it's five o'clock and they don't play rock 'n' roll here.",
    "The sailors' union met the ferry owners' group in the '80s and the '90s.",
    "She said she'd come, but Ola's car wasn't ready.",
])
def test_apostrophes_never_pair(text: str) -> None:
    assert _spans(text) == []
    assert single_quotations(text) == []


def test_single_marks_nested_in_double_quotes_are_not_separate_quotations() -> None:
    text = '"When the captain shouted \'abandon ship\', we ran," Ola Berg said.'
    assert _spans(text) == ['"When the captain shouted \'abandon ship\', we ran,"']


def test_double_marks_nested_in_single_quotes_are_not_separate_quotations() -> None:
    text = "'When the captain shouted \"abandon ship\", we ran,' Ola Berg said."
    assert _spans(text) == ["'When the captain shouted \"abandon ship\", we ran,'"]


def test_a_single_quoted_statement_is_direct_speech(nlp: Language) -> None:
    text = "'We will not close the harbour this winter,' the mayor, Ola Berg, said on Monday."
    found = [a for a in extract_from_text(text, nlp=nlp) if a.speaker == "Ola Berg"]
    assert [(a.kind, a.content) for a in found] == [("direct", "'We will not close the harbour this winter,'")]

