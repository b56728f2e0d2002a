"""A pronoun speaker left unresolved ("he" with no one named before it) is no one's antecedent: a later "she" or
"they" is not made that "he"; no answer offers the pronoun as a speaker's name ("Did you mean: he?"); and
`briefbot quotes` shows it as answers do, an unnamed source."""

from __future__ import annotations

from spacy.language import Language

from bot.answer.respond import suggest
from bot.cli_quotes import _line
from bot.nlp.quotes import extract_from_text

# invented text: no person is named before any of the three pronouns
_HARBOUR = ("The harbour at Velmora flooded on Monday after a storm surge broke the sea wall. Residents were moved "
            "to the school hall.\n\n"
            "\"We have never seen water this high in Velmora,\" he said.\n\n"
            "She said the Velmora ferry would not run until Friday.\n\n"
            "They said the Velmora school would stay shut.\n")


def test_a_later_pronoun_is_not_an_unresolved_one(nlp: Language) -> None:
    found = extract_from_text(_HARBOUR, "harbour", nlp)
    speakers = {a.speaker_as_written: a.speaker for a in found}
    assert speakers["he"] == "he"  # the premise: no one to bind it to
    assert speakers["She"] == "She"  # not "he": a woman is not the man who spoke before
    assert speakers["They"] == "They"


def test_a_named_antecedent_still_binds(nlp: Language) -> None:
    text = _HARBOUR.replace("Residents were", "Harbour master Ilse Marrow said residents were")
    found = extract_from_text(text, "harbour", nlp)
    assert {a.speaker for a in found if a.speaker_as_written == "She"} == {"Ilse Marrow"}


def test_no_pronoun_is_suggested_as_a_name() -> None:
    assert suggest("Hei", ["he"]) == []
    assert suggest("Shea", ["she", "they"]) == []
    assert suggest("Lindh", ["she", "Ada Lind"]) == ["Ada Lind"]  # a name still is


def test_the_quotes_command_shows_an_unnamed_source(nlp: Language) -> None:
    found = extract_from_text(_HARBOUR, "harbour", nlp)
    lines = [_line(a, frozenset()) for a in found]
    assert lines[0].startswith("unnamed source [as 'he'] said (direct, ")
    assert not any(line.startswith(("he ", "She ", "They ")) for line in lines)
