""""he said" when the text does not tell the last speaker's sex: the person the sentence before is about (its
subject), when that is another person who may be of the pronoun's sex, not the last speaker (invented text)."""

from __future__ import annotations

from spacy.language import Language

from bot.nlp.quotes import extract_from_text

OPENING = 'Ada Quist opened the new plant on Monday. "It will bring work to the valley," Quist said. '


def _speakers(text: str, nlp: Language) -> list[tuple[str, str]]:
    return [(a.speaker_as_written, a.speaker) for a in extract_from_text(text, nlp=nlp)]


def test_the_previous_sentences_subject_is_the_pronoun(nlp: Language) -> None:
    text = OPENING + 'Tom Berg toured the new wing in the afternoon. "The roof already leaks," he said.'
    assert _speakers(text, nlp)[-1] == ("he", "Tom Berg")


def test_a_thing_as_the_subject_leaves_the_last_speaker(nlp: Language) -> None:
    text = OPENING + 'The new wing cost ten million. "The roof already leaks," she said.'
    assert _speakers(text, nlp)[-1] == ("she", "Ada Quist")


def test_a_subject_of_the_other_sex_leaves_the_last_speaker(nlp: Language) -> None:
    text = ('Ada Quist and her team opened the new plant on Monday. "It will bring work to the valley," Quist '
            'said. Tom Berg and his crew toured the new wing. "The roof already leaks," she said.')
    assert _speakers(text, nlp)[-1] == ("she", "Ada Quist")


def test_a_subject_the_pronouns_own_words_name_is_not_the_pronoun(nlp: Language) -> None:
    text = OPENING + "Tom Berg toured the new wing in the afternoon. She said Berg had found a leak in the roof."
    assert _speakers(text, nlp)[-1] == ("She", "Ada Quist")
