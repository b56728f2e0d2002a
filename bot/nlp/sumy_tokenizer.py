"""A sumy tokenizer that needs no NLTK data, and builders of sumy documents from our own sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence

from bot.nlp.terms import words

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


class SumyTokenizer:
    """Duck-typed replacement for ``sumy.nlp.tokenizers.Tokenizer`` (which needs NLTK punkt data).

    Our pipeline hands sumy sentences that are already split, so ``to_sentences`` is only a plain
    fallback for callers that give sumy raw text.
    """

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))


def sumy_document(paragraphs: Iterable[Sequence[str]], tokenizer: SumyTokenizer | None = None) -> Any:
    """A sumy ``ObjectDocumentModel`` whose sentences are exactly the given texts (one paragraph each group)."""
    tok = tokenizer or SumyTokenizer()
    return ObjectDocumentModel(
        [Paragraph([SumySentence(text, tok) for text in group]) for group in paragraphs]
    )
