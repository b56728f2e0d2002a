"""A "he" or "she" before anyone is named is the person named as a speaker right after it, but only when no one
else could be meant: nobody named before it, one person named in its sentence and the next."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text


def _speakers(text: str, nlp: Language) -> list[tuple[str, str, str | None]]:
    return [(a.speaker_as_written, a.speaker, a.role) for a in extract_from_text(text, nlp=nlp)]


def test_she_before_the_mayor_is_the_mayor(nlp: Language) -> None:
    # before: "she", a speaker of her own
    text = ('"We will reopen the bridge," she said. '
            "Mayor Ada Quist said the repairs had cost less than planned.")
    assert _speakers(text, nlp) == [("she", "Ada Quist", "Mayor"), ("Mayor Ada Quist", "Ada Quist", "Mayor")]


def test_he_in_the_same_sentence_as_the_named_speaker_is_him(nlp: Language) -> None:
    text = "He said the port would close, harbour director Tomas Brell told reporters."
    assert sorted(_speakers(text, nlp)) == [("He", "Tomas Brell", "harbour director"),
                                            ("harbour director Tomas Brell", "Tomas Brell", "harbour director")]


@pytest.mark.parametrize(("text", "named"), [
    # someone named before the pronoun, without a quotation of their own: she may be that person
    ('Mayor Ines Varga visited the harbour. "We will reopen," she said. Tomas Brell said the ferries would wait.',
     "Tomas Brell"),
    # two people named in the next sentence
    ('"We will reopen the bridge," she said. Tomas Brell said Ada Quist would decide.', "Tomas Brell"),
    # the name comes two sentences later
    ('"We will reopen the bridge," she said. The bridge closed in May. Ada Quist said the repairs were done.',
     "Ada Quist"),
    # two pronouns that need not be one person
    ('"We will reopen the bridge," she said. "The ferry will wait," he said. Ada Quist said the work was done.',
     "Ada Quist"),
])
def test_a_pronoun_that_could_be_someone_else_is_not_the_next_name(nlp: Language, text: str, named: str) -> None:
    found = _speakers(text, nlp)
    assert (named, named) in [(s, s) for _, s, _ in found]
    assert [s for w, s, _ in found if w.lower() in ("he", "she") and s == named] == []


def test_a_description_after_the_pronoun_is_not_taken_for_it(nlp: Language) -> None:
    text = '"We will reopen the bridge," she said. The mayor said the repairs were done.'
    assert [w for w, s, _ in _speakers(text, nlp) if s == w] == ["she"]


def test_later_pronouns_still_find_the_named_speaker(nlp: Language) -> None:
    text = ('"We will reopen the bridge," she said. '
            "Mayor Ada Quist said the repairs had cost less than planned. "
            "She said the ferry would run until then.")
    assert [s for _, s, _ in _speakers(text, nlp)] == ["Ada Quist"] * 3
