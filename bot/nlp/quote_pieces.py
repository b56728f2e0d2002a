"""Pieces of a quotation opened in an earlier paragraph: a paragraph's sentences before the one that closes it."""

from __future__ import annotations

from collections.abc import Sequence

from bot.models import Sentence
from bot.nlp.line_shapes import closes_unopened_quotation, leaves_quotation_open

# any mark that may open or close a quotation in double marks or guillemets: a paragraph's sentence holding one is
# read by the quotation-line rules of step 13 (``leaves_quotation_open``), not here
_MARKS = "\"“”„«»‹›"


def inside_earlier_quotation(text: str, sentences: Sequence[Sentence]) -> frozenset[int]:
    """Positions in ``sentences`` (of ``text``) of the sentences that are a piece of a quotation opened in an earlier
    paragraph: before a sentence that closes a quotation it never opened (``closes_unopened_quotation``: 'It will
    pay this time," she said.'), the sentences of the same paragraph (no line break between, none left out of
    ``sentences``) back to its start, when none of them holds a double quotation mark or guillemet or opens a
    quotation in single marks. A page that drops
    the mark opening a quotation's later paragraph leaves them with no mark: read alone they are the speaker's words
    told as the outlet's own. The closing sentence itself is page junk already (``junk_reason``)."""
    out: set[int] = set()
    for k, sentence in enumerate(sentences):
        if k == 0 or not closes_unopened_quotation(sentence.text):
            continue
        pieces: list[int] = []
        j = k - 1
        while j >= 0:
            after = sentences[j + 1]
            if after.index != sentences[j].index + 1 or "\n" in text[sentences[j].end : after.start]:
                break
            if any(mark in sentences[j].text for mark in _MARKS) or leaves_quotation_open(sentences[j].text):
                pieces = []
                break
            pieces.append(j)
            j -= 1
        out.update(pieces)
    return frozenset(out)
