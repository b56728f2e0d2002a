"""A "he" or "she" said before anyone is named: the person named as the next speaker, when no one else fits."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from spacy.tokens import Doc

from bot.nlp.quote_rules import Found

_FORWARD = ("he", "she")
# an honorific that says the named speaker is not the pronoun's ("she said ... Mr Tomas Brell said")
_OTHER_SEX = {"she": frozenset(("mr", "sir", "lord", "king", "prince")),
              "he": frozenset(("mrs", "ms", "miss", "dame", "lady", "queen", "princess"))}


def name_forward(doc: Doc, found: list[Found], order: list[int], person: Callable[[int], bool],
                 unresolved: Callable[[int], bool], named: Callable[[int], bool],
                 known: Callable[[str], bool]) -> dict[int, int]:
    """Which attributions spoken by a bare "he"/"she" that found no one take the speaker of a later one: index of
    the pronoun's attribution -> index of the named speaker's. Only when nobody came before (no person speaking,
    no person's name and no known surname in the text before the pronoun), the next speaker that is not the same
    unresolved pronoun is a person named by a proper noun, in the (last such) pronoun's sentence or the one right
    after it, and no other person is named from the first pronoun's sentence through the name's ("Tomas Brell
    said Ada Quist would decide" names two).
    ``person(i)``: attribution i's speaker is a person; ``unresolved(i)``: its pronoun found no one;
    ``named(i)``: its speaker is one named person; ``known(word)``: a surname the article names in full."""
    pending: list[int] = []
    word = ""
    for i in order:
        f = found[i]
        if f.speaker_start < 0:
            continue
        head = doc[f.speaker_token]
        pronoun = head.lower_ in _FORWARD and f.speaker_end - f.speaker_start == len(head.text)
        if pronoun and unresolved(i) and word in ("", head.lower_):
            if not pending and _anyone_before(doc, f.speaker_start, known):
                return {}
            pending.append(i)
            word = head.lower_
            continue
        if not pending:
            if person(i):
                return {}  # a person spoke first: pronouns refer back as usual
            continue
        if pronoun or head.pos_ != "PROPN" or not named(i) or not person(i) or _other_sex(doc, f, word):
            return {}
        return _if_alone(doc, found, pending, i)
    return {}


def _other_sex(doc: Doc, f: Found, pronoun: str) -> bool:
    """Whether an honorific in the speaker's words, or just before them, is the other sex's (``Mr``, ``Dame``)."""
    span = doc.char_span(f.speaker_start, f.speaker_end, alignment_mode="expand")
    if span is None:
        return False
    before = [doc[span.start - 1]] if span.start > 0 else []
    return any(t.lower_.rstrip(".") in _OTHER_SEX[pronoun] for t in (*before, *span))


def _anyone_before(doc: Doc, char: int, known: Callable[[str], bool]) -> bool:
    if any(e.label_ == "PERSON" and e.start_char < char for e in doc.ents):
        return True
    return any(t.pos_ == "PROPN" and known(t.lower_) for t in doc if t.idx < char)


def _if_alone(doc: Doc, found: list[Found], pending: list[int], speaker: int) -> dict[int, int]:
    """The pronouns' mapping to ``speaker`` when the name follows at once and is the only person named."""
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]

    def index(char: int) -> int:
        return max(0, bisect_right(starts, char) - 1)

    first, last = index(found[pending[0]].speaker_start), index(found[pending[-1]].speaker_start)
    own = index(found[speaker].speaker_start)
    if own not in (last, last + 1):
        return {}
    s_start, s_end = found[speaker].speaker_start, found[speaker].speaker_end
    for ent in doc.ents:
        if (ent.label_ == "PERSON" and starts[first] <= ent.start_char < sents[own].end_char
                and not s_start <= ent.start_char < s_end):
            return {}
    return dict.fromkeys(pending, speaker)
