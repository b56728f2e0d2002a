"""An untitled text is never headed by a sentence that leaves a quotation open or closes one it never opened (a piece
of a quotation the splitter cut); every example was written for these tests."""

from __future__ import annotations

import pytest

from bot.ingest.fallback_title import fallback_title, heads_text
from bot.nlp.sentences import split_sentences

_PLAIN = "The Lisport harbour board closed the north quay to cargo ships after the storm."


@pytest.mark.parametrize("first", [
    'Mayor Ilse Varga wrote that "we cannot let the trawler families of Marrow Bay wait another winter.',
    "Mayor Ilse Varga wrote: ‘We cannot let the trawler families of Marrow Bay wait another winter.",
    "Le maire a écrit : « nous ne pouvons pas laisser les familles de Marrow Bay attendre.",
    'We will find the money in the spring," she said.',
])
def test_a_piece_of_a_quotation_never_heads_a_text(first: str) -> None:
    assert not heads_text(first)
    text = f"{first}\n{_PLAIN}\n"
    assert fallback_title(split_sentences(text), text) == _PLAIN


@pytest.mark.parametrize("first", [
    '"We cannot let the trawler families wait another winter," Mayor Ilse Varga wrote on Monday.',
    "The mayor called the repair plan ‘a disgrace’ and left the harbour board meeting early.",
    _PLAIN,
])
def test_a_sentence_with_its_quotation_closed_heads_a_text(first: str) -> None:
    assert heads_text(first)


def test_a_piece_from_inside_a_quotation_never_heads_a_text() -> None:
    # the splitter cut a quotation of three sentences: its middle one has no mark of its own
    text = ('"We cannot let the trawler families wait another winter. We owe them a safe quay. We will find the '
            'money," Mayor Ilse Varga wrote.\n' + _PLAIN + "\n")
    sentences = split_sentences(text)
    assert any(s.text == "We owe them a safe quay." for s in sentences)
    assert fallback_title(sentences, text) == _PLAIN
