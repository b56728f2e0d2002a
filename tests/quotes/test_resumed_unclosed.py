"""``"A," he said, although ... "B`` with "B" never closed: the narrative between the two quoted pieces is no
part of the quotation (invented text)."""

from __future__ import annotations

from spacy.language import Language

from bot.nlp.quotes import extract_from_text

TEXT = (
    'Manager Harry Wendell spoke on Friday. "He has been in the naughty chair. That is in my office," said '
    'Wendell, although the underlying message was rather more serious. "We have had no phone calls. He needs to '
    "stop listening to all the noise. Wendell praised recent recruit Ole Dahl. "
    '"The question was whether he would like to play for a top team," said Wendell.'
)


def test_the_narrative_between_the_pieces_is_not_quoted(nlp: Language) -> None:
    contents = [a.content for a in extract_from_text(TEXT, nlp=nlp)]
    assert not any("underlying message" in c for c in contents)
    assert '"He has been in the naughty chair. That is in my office,"' in contents
    assert any(c.startswith('"We have had no phone calls.') for c in contents)
    assert all(
        a.speaker == "Harry Wendell"
        for a in extract_from_text(TEXT, nlp=nlp)
        if a.content.startswith(('"He has', '"We have'))
    )
