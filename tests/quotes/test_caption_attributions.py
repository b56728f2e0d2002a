"""A photo caption ending in "said Mrs Lund" ("Long night: The crews worked until dawn, said Mrs Lund .") is the
page's label on a picture, not a quotation (invented text)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

_BEFORE = "Mrs Lund runs the Ostvik ferry office. 'We never stop,' said Mrs Lund. "


def _contents(nlp: Language, text: str) -> list[str]:
    return [a.content for a in sorted(extract_from_text(text, nlp=nlp), key=lambda a: a.start)]


@pytest.mark.parametrize("caption", [
    "Long night: The crews worked until dawn to clear the quay, said Mrs Lund . ",
    "Hard winter: For many families, the ferry is the only way to town, said Mrs Lund . ",
])
def test_a_caption_gives_no_quotation(nlp: Language, caption: str) -> None:
    assert _contents(nlp, _BEFORE + caption) == ["'We never stop,'"]


def test_reported_speech_after_its_speaker_and_a_colon_stays(nlp: Language) -> None:
    text = _BEFORE + "Mrs Lund said: The crews worked until dawn to clear the quay."
    assert len(_contents(nlp, text)) == 2


def test_reported_speech_before_its_speaker_stays(nlp: Language) -> None:
    text = _BEFORE + "The crews worked until dawn to clear the quay, said Mrs Lund."
    assert _contents(nlp, text)[-1] == "The crews worked until dawn to clear the quay"
