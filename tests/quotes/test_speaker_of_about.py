""""said Tomasz of his Instagram account": the "of" phrase after a name says what the words are about, not who
spoke; the speaker is the name ("of" before a possessive pronoun). "the mayor of Lossa" stays whole."""

from __future__ import annotations

from spacy.language import Language

from bot.nlp.quotes import extract_attributions

from .conftest import make_article


def _speakers(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    return [(a.speaker, a.role) for a in extract_attributions(make_article("of", text), nlp)]


def test_an_of_phrase_about_his_own_thing_is_not_the_speaker(nlp: Language) -> None:
    text = ("The Lossa lighthouse is famous. 'I post a picture of it every morning,' said Tomasz of his Instagram "
            "account.")
    assert _speakers(nlp, text) == [("Tomasz", None)]


def test_a_womans_words_of_her_shop(nlp: Language) -> None:
    text = "'It was the best winter we ever had,' said Hilde Varn of her bakery in Lossa."
    assert _speakers(nlp, text) == [("Hilde Varn", None)]


def test_an_of_phrase_naming_a_place_stays(nlp: Language) -> None:
    text = "'The quay will reopen in May,' said the mayor of Lossa."
    assert [speaker for speaker, _ in _speakers(nlp, text)] == ["unnamed mayor of Lossa"]
