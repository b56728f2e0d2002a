"""Quotations left open at a paragraph's end (British multi-paragraph speech) bounded before narrative."""

from __future__ import annotations

import re

from bot.nlp.line_shapes import reads_as_caption
from bot.nlp.quote_cues import words

Chars = tuple[int, int]
MAX_OPEN_SENTENCES = 6  # an open paragraph of speech holds at most this many sentences; news paragraphs hold 1-5
# a sentence's end, a space, then the next sentence's first letter (a capital)
_SENTENCE_START = re.compile(r"(?<=[.!?])\s+(?=[\"“‘']?[A-Z])")
# a narrated attribution opening a sentence: a capitalised subject that is no pronoun ("Ola Berg", "The mayor",
# "Ola Berg, the mayor,"), then within a few words a verb of saying in the simple past or present (no "has said":
# speech tells what others have said); or "according to" anywhere
_SAYING = (r"(?:said|says|told|tells|added|adds|explained|insisted|warned|claimed|stated|announced|confirmed|"
           r"revealed|admitted|argued|urged|praised|critici[sz]ed|replied)")
_AUX = words("has have had having will would could can may might must should shall did does do to not never be been")
_NOT_NARRATORS = "I|We|You|He|She|They|It|This|That|These|Those|There|Then|Nobody|No one|Everyone|Everybody|Someone"
_NARRATED = re.compile(rf"(?!(?:{_NOT_NARRATORS})\b)(?P<subject>[A-Z][^.!?]{{0,80}}?)\s{_SAYING}\b")
_ACCORDING = re.compile(r"\baccording to\b")
# "He added that ...", "She later explained": the writer telling what the speaker went on to say ("He said sorry
# and ..." may be the speaker telling what another said: "said" and "told" after a pronoun stay speech)
_PRONOUN_SAYS = re.compile(r"(?:He|She)\s(?:[a-z]+ly\s|then\s|also\s|later\s)?(?:added|adds|explained|insisted|"
                           r"continued|went on)\b")
# "He told reporters the plan would ...", "She said in a statement ...": the writer naming the press or the occasion a
# statement was made to or at, which a speaker telling what another said does not ("He told the crews to go")
_PRONOUN_PRESS = re.compile(
    r"(?:He|She|They)\s(?:[a-z]+ly\s|then\s|also\s|later\s)?(?:told|tells|said|says)\s(?:(?:to|in|at|on)\s)?"
    r"(?:(?:the|a|an)\s)?(?:reporters|journalists|the press|press|media|(?:news|press)\sconference|statement|"
    r"interview|Twitter|[A-Z][A-Za-z]*(?:\s[A-Z][A-Za-z]*)*\s(?:Post|Times|News|Herald|Journal|Telegraph|Guardian|"
    r"Observer|Mail|Mirror|Echo|Gazette|Tribune|Chronicle|Radio|Television)|[A-Z]{2,})\b")
# the speaker's own voice: a sentence in the first or second person is more speech, not the writer's narrative
_OWN_VOICE = re.compile(r"\b(?:I|[Ww]e|[Mm]e|[Uu]s|[Mm]y|[Oo]ur|[Yy]ou|[Yy]our)\b")


def is_reopening(text: str, at: int) -> bool:
    """The mark at ``at`` opens the next paragraph of one quotation in text that joins paragraphs on one line:
    right after a sentence's end and a space, before a letter (``... need the work. 'Nothing is ready``)."""
    if not (at + 1 < len(text) and text[at + 1].isalpha()):
        return False
    before = at  # where the spaces before the mark begin: no copy of the text before it (quadratic over many marks)
    while before > 0 and text[before - 1] == " ":
        before -= 1
    return before < at and text[before - 1 : before] in (".", "!", "?")


def trimmed_end(text: str, end: int) -> int:
    """``len(text[:end].rstrip())``, read back from ``end`` instead of copying the text before it."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _narrated(sentence: str) -> bool:
    """``Ola Berg, the mayor, said the council would pay``: a sentence opening with someone named or described
    and what they said, in the third person: the writer speaking between two paragraphs of a quotation, not the
    speaker (``He has said something`` is the speaker's); so do ``He added that ...`` and ``He told reporters ...``
    (``He said sorry ...``, ``She said that Joy was ...``: a speaker telling what another said, stays speech)."""
    if _OWN_VOICE.search(sentence) is not None:
        return False
    if _PRONOUN_SAYS.match(sentence) is not None or _PRONOUN_PRESS.match(sentence) is not None:
        return True
    m = _NARRATED.match(sentence)
    return (m is not None and m["subject"].split()[-1].lower() not in _AUX) or _ACCORDING.search(sentence) is not None


def _cut(text: str, start: int, stop: int) -> int | None:
    """Where an open paragraph (``start``: its opening mark; ``stop``: the next paragraph's) stops being speech:
    before its first narrated sentence or photo caption after the first, or after MAX_OPEN_SENTENCES sentences; None
    when it is speech all through."""
    starts = [m.end() for m in _SENTENCE_START.finditer(text, start + 1, stop)]
    for n, begin in enumerate(starts, start=1):
        end = starts[n] if n < len(starts) else stop
        if n >= MAX_OPEN_SENTENCES or _narrated(text[begin:end]) or reads_as_caption(text[begin:end]):
            return begin
    return None


def bounded(
    text: str, start: int, end: int, reopenings: list[int], openers: list[int] | None = None, *, closed: bool = True
) -> list[Chars]:
    """A quotation from ``start`` to ``end`` (marks included) whose paragraphs reopen at ``reopenings``: one
    span while every open paragraph is speech; else cut where one turns to narrative, its open span ending at its
    last sentence's full stop, the next span starting at the next opening mark (``openers``: ``He said: 'My
    wife ...`` after the narrative) or else at the next reopening. Not ``closed`` (the mark at ``end`` is another
    quotation's, ``... 'We lost the lamps. He added ... the 'storm'``): its last paragraph is cut so too."""
    out: list[Chars] = []
    begin = para = start
    for here in reopenings:
        cut = _cut(text, para, here)
        while cut is not None:
            out.append((begin, trimmed_end(text, cut)))
            inner = next((o for o in openers or () if cut <= o < here), None)
            begin = here if inner is None else inner
            cut = None if inner is None else _cut(text, inner, here)
        para = here
    cut = None if closed else _cut(text, para, end)
    out.append((begin, end if cut is None else trimmed_end(text, cut)))
    return out


__all__ = ["MAX_OPEN_SENTENCES", "bounded", "is_reopening", "trimmed_end"]
