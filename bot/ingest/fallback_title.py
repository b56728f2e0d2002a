"""The title of a text that has none: its first sentence that is not page junk, without a dateline, cut to a
headline's length."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.ingest.junk import is_junk_line
from bot.models import Sentence
from bot.nlp.full_stops import CLOSERS, FULL_STOPS
from bot.nlp.line_shapes import closes_unopened_quotation, leaves_quotation_open
from bot.nlp.sentence_quality import dateline_length, junk_reason
from bot.nlp.terms import word_length
from bot.text_cut import clipped

MAX_FALLBACK_TITLE_CHARS = 120  # a headline's length
MIN_TITLE_WORDS = 3  # a short sentence heads a text only with at least this many (English) words
_KEPT = (None, "run-on", "truncated")  # what junk_reason may say of a sentence that heads a text
# a short sentence closed by its stop right after a word: not "By .", "Associated Press ." or "PUBLISHED: ." (the
# pieces a byline or dateline written with spaced full stops is split into)
_CLOSED = re.compile(r"[^\s.!?:|][.!?" + re.escape(FULL_STOPS) + r"][\"'”’)»" + re.escape(CLOSERS) + r"]*$")
_WS = re.compile(r"\s+")
# a byline's stamp run into the text: "By . Name . PUBLISHED: . 08:15 EST, 4 March 2019 . | . UPDATED: . ... . "
_STAMP = re.compile(r"^\s*(?:By\s*\.?\s+[^.|]{1,60}?\s*\.\s+)?"
                    r"(?:(?:\|\s*\.?\s*)?(?:PUBLISHED|UPDATED|LAST UPDATED)\s*:\s*\.?\s*[^.|]{1,40}?\s*\.\s*)+",
                    re.IGNORECASE)


def fallback_title(sentences: Sequence[Sentence], text: str = "") -> str:
    """The first sentence that reads as one (not a byline, a "Published:" or "Last updated" line, a photo credit or
    a piece of one, nor a piece of a quotation: ``heads_text``, ``_outside_quotations``), else the first sentence,
    else ``text``; without a leading dateline (``without_dateline``), on one line, and past
    MAX_FALLBACK_TITLE_CHARS cut at a word's end with "…"."""
    chosen = next((s.text for s in _outside_quotations(sentences, text) if heads_text(s.text)),
                  sentences[0].text if sentences else text)
    return clipped(without_dateline(_WS.sub(" ", chosen).strip()), MAX_FALLBACK_TITLE_CHARS)


def _outside_quotations(sentences: Sequence[Sentence], text: str) -> list[Sentence]:
    """``sentences`` without the pieces of a quotation the splitter cut: from one that leaves a quotation open
    (``leaves_quotation_open``) to the one that closes it, or to the paragraph's end when none does (a line break
    between two sentences in ``text``)."""
    out: list[Sentence] = []
    inside = False
    for k, sentence in enumerate(sentences):
        if inside and k and "\n" in text[sentences[k - 1].end : sentence.start]:
            inside = False
        if inside:
            inside = not closes_unopened_quotation(sentence.text)
        elif leaves_quotation_open(sentence.text):
            inside = True
        else:
            out.append(sentence)
    return out


def without_dateline(sentence: str) -> str:
    """``sentence`` without a leading byline stamp ("By . Name . PUBLISHED: . 08:15 EST, 4 March 2019 . ") or
    dateline ("(Agency) -- ", "CITY (Reuters) - ", "CITY — ": ``dateline_length``); as it is when it has neither."""
    stamp = _STAMP.match(sentence)
    if stamp and stamp.end() < len(sentence):
        sentence = sentence[stamp.end():]
    return sentence[dateline_length(sentence):]


def heads_text(sentence: str) -> bool:
    """Whether ``sentence`` may head a text: not page junk by the ingest line rules (``is_junk_line``) or the
    summary's (``junk_reason``), not a piece of a quotation the splitter cut (one that leaves a quotation open or
    closes one it never opened: ``bot/nlp/line_shapes.py``), and when short, a sentence of a few words closed by
    its full stop."""
    stripped = sentence.strip()
    if not stripped or is_junk_line(stripped):
        return False
    if leaves_quotation_open(stripped) or closes_unopened_quotation(stripped):
        return False
    reason = junk_reason(stripped)
    if reason in _KEPT:
        return True
    if reason != "fragment" or word_length(stripped) < MIN_TITLE_WORDS or stripped[:1].islower():
        return False
    letters = sum(1 for c in stripped if c.isalpha())
    return _CLOSED.search(stripped) is not None and letters >= 0.6 * len(stripped.replace(" ", ""))
