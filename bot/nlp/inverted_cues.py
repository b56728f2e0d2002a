"""The name after an inverted cue that follows a quotation (``"...," joked Wendell Marsh.``)."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.quote_cues import PRONOUNS, SPEECH_VERBS, TITLES, words

_CLOSING = "\"”’'"
_ENDS = words(", ! ?")  # the quotation's own last mark before its closing one
_AFTER = ("ADP", "ADV", "SCONJ", "PRON")  # "joked Wendell on Friday", "said Wendell, who ..."
_NOT_INVERTED = words("tell")  # '"...," told Wendell' is no English inversion: Wendell would be told


def _closes_quotation(tok: Token) -> bool:
    """The cue comes right after a quotation's closing mark (``,"`` or ``",``)."""
    doc, i = tok.doc, tok.i
    if i >= 2 and doc[i - 1].text in _CLOSING and doc[i - 2].text in _ENDS:
        return True
    return i >= 2 and doc[i - 1].text == "," and doc[i - 2].text in _CLOSING


def _name_word(tok: Token) -> bool:
    text = tok.text
    return (
        text[:1].isupper()
        and text.rstrip(".").replace("-", "").isalpha()
        and tok.lower_ not in PRONOUNS
        and not tok.is_sent_start
    )


def inverted_name(tok: Token) -> tuple[Token, int, int] | None:
    """(head, start, end) of the name right after a cue placed after a quotation, titles included, or None.

    The parse often takes that name for the cue's object or hangs the cue on it ("joked" a compound of "Marsh"):
    the name, ending the sentence or followed by a comma, a preposition, an adverb or "who", is the speaker."""
    if tok.lemma_.lower() in _NOT_INVERTED or not _closes_quotation(tok):
        return None
    doc = tok.doc
    j = tok.i + 1
    while j < len(doc) and _name_word(doc[j]):
        j += 1
    run = doc[tok.i + 1 : j]
    if not any(t.lower_ not in TITLES for t in run):
        return None
    after = doc[j] if j < len(doc) else None
    if after is not None and not ((after.is_punct and after.text not in _CLOSING) or after.pos_ in _AFTER):
        return None  # "said Wendell's aide", "joked Wendell Marsh officials"
    return run[-1], run[0].idx, run[-1].idx + len(run[-1].text)


def mistagged_cue(tok: Token) -> bool:
    """``"...," joked Marsh.`` with "joked" tagged a proper noun: a lower-case past form of a verb of saying, after a
    quotation and before a name."""
    text = tok.text
    past = text.endswith("ed") and (text[:-1] in SPEECH_VERBS or text[:-2] in SPEECH_VERBS)
    return tok.pos_ == "PROPN" and text.islower() and past and inverted_name(tok) is not None
