"""A sumy tokenizer that needs no NLTK data, and builders of sumy documents from our own sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence

from bot.nlp.full_stops import at_full_stops
from bot.nlp.terms import segment_words

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


class SumyTokenizer:
    """Duck-typed replacement for ``sumy.nlp.tokenizers.Tokenizer`` (which needs NLTK punkt data).

    Our pipeline hands sumy sentences that are already split, so ``to_sentences`` is only a plain
    fallback for callers that give sumy raw text.
    """

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Cut at ". ! ?" before a space and a capital, then after the full stops of other scripts ("。", "।" ...:
        bot/nlp/full_stops.py), which need no space after them."""
        pieces = (s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip())
        return tuple(p[a:b].strip() for p in pieces for a, b in at_full_stops(p, 0, len(p)))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Word tokens; text written without spaces between words in pieces (bot/nlp/terms.py, segment_words)."""
        return tuple(segment_words(sentence))


def sumy_document(paragraphs: Iterable[Sequence[str]], tokenizer: SumyTokenizer | None = None) -> Any:
    """A sumy ``ObjectDocumentModel`` whose sentences are exactly the given texts (one paragraph each group)."""
    tok = tokenizer or SumyTokenizer()
    return ObjectDocumentModel(
        [Paragraph([SumySentence(text, tok) for text in group]) for group in paragraphs]
    )
