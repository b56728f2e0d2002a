"""Nicknames in quotation marks inside a person's name (`Ada "Addie" Brun`): the whole name, without them."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_MAX_NICKNAME_TOKENS = 2  # "Addie", "Big Tom"


def _capitalised(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper()


def _nickname_at(doc: Doc, opening: int) -> int | None:
    """The closing mark of a nickname opened at token ``opening``: one or two capitalised words between two
    quotation marks, with a capitalised word right before and right after (first name, surname); else None."""
    if opening < 1 or not doc[opening].is_quote or not _capitalised(doc[opening - 1]):
        return None
    for closing in range(opening + 2, min(opening + 2 + _MAX_NICKNAME_TOKENS, len(doc) - 1)):
        if doc[closing].is_quote:
            inner = doc[opening + 1 : closing]
            if all(_capitalised(t) for t in inner) and _capitalised(doc[closing + 1]):
                return closing
            return None
    return None


def with_nickname(ent: Span, start_char: int = 0, end_char: int | None = None) -> Span:
    """The entity grown over a nickname it holds or touches, through the surname after the nickname
    (`Marcia "` tagged alone -> `Marcia "Cia" Price`), staying inside characters [start_char, end_char)."""
    doc = ent.doc  # no limit by default: not ``len(doc.text)``, which spaCy joins anew from every token at each read
    for opening in range(max(ent.start - 1, 1), min(ent.end + 1, len(doc))):
        closing = _nickname_at(doc, opening)
        if closing is None:
            continue
        first, last = min(ent.start, opening - 1), max(ent.end, closing + 2)
        end = doc[last - 1].idx + len(doc[last - 1].text)
        if doc[first].idx < start_char or (end_char is not None and end > end_char):
            return ent
        return Span(doc, first, last, label=ent.label_)
    return ent


def nickname_tokens(tokens: list[Token]) -> set[int]:
    """Indices of the tokens that are a nickname or its marks, inside a run of a name's tokens."""
    if not tokens:
        return set()
    doc = tokens[0].doc
    inside = {t.i for t in tokens}
    out: set[int] = set()
    for tok in tokens:
        closing = _nickname_at(doc, tok.i)
        if closing is not None and tok.i - 1 in inside and closing + 1 in inside:
            out.update(range(tok.i, closing + 1))
    return out
