"""Split clean article text into sentences with exact character offsets, in bounded time."""

from __future__ import annotations

import re

import syntok.segmenter as segmenter

from bot.models import Sentence
from bot.nlp.full_stops import at_full_stops
from bot.nlp.quote_stops import at_quote_stops
from bot.nlp.space_stops import at_spaces

# Every line is its own paragraph: a heading or caption never glues onto the next sentence.
_LINE = re.compile(r"[^\n]+")
# syntok is linear, but a megabyte of one "paragraph" still costs seconds: feed it bounded chunks.
_CHUNK_CHARS = 20_000
_SPACE = re.compile(r"\s")
_BRACKETY_CHUNK_CHARS = 2_000
_BRACKETY = 50  # opening brackets in one line that make it "brackety"


def split_sentences(
    text: str,
    *,
    max_sentences: int = 2000,
    max_chars: int = 2000,
    max_text_chars: int = 200_000,
) -> tuple[Sentence, ...]:
    """Sentences of ``text``; ``text[s.start:s.end] == s.text`` always holds.

    Newlines are hard boundaries, and so are the full stops syntok does not know (Chinese and Japanese "。", Hindi
    "।" ...: bot/nlp/full_stops.py), a full stop and a quotation mark with no space before the next sentence
    (``said.'But``: bot/nlp/quote_stops.py) and the spaces that end Thai and Lao sentences (bot/nlp/space_stops.py). At
    most ``max_sentences`` sentences of at most ``max_chars`` characters each (longer ones are cut at a space) are
    returned, and only the first ``max_text_chars`` characters are read, so hostile input costs bounded time.
    """
    spans: list[tuple[int, int]] = []
    limit = min(len(text), max_text_chars)
    for line in _LINE.finditer(text, 0, limit):
        for start, end in _pieces(text, line.start(), line.end()):
            for s_start, s_end in _syntok_spans(text, start, end):
                spans.extend(_cut(text, s_start, s_end, max_chars))
                if len(spans) >= max_sentences:
                    return _build(text, spans[:max_sentences])
    return _build(text, spans)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One line cut at the sentence ends syntok does not know (full stops, joins like ``said.'But``, Thai and Lao
    spaces), in bounded chunks."""
    return [c for p in at_full_stops(text, start, end) for j in at_quote_stops(text, *p) for q in at_spaces(text, *j)
            for c in _chunks(text, *q)]


def _build(text: str, spans: list[tuple[int, int]]) -> tuple[Sentence, ...]:
    return tuple(Sentence(i, start, end, text[start:end]) for i, (start, end) in enumerate(spans))


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut one long line into pieces of about ``_CHUNK_CHARS`` at whitespace (or hard, if none).

    syntok looks ahead for the closing bracket of every opening one, which is quadratic in a piece full
    of unclosed brackets ("[1[1[1..."): such lines are cut into much smaller pieces."""
    size = _CHUNK_CHARS
    if end - start > _BRACKETY_CHUNK_CHARS and sum(text.count(b, start, end) for b in "[({") >= _BRACKETY:
        size = _BRACKETY_CHUNK_CHARS
    out: list[tuple[int, int]] = []
    while end - start > size:
        cut = _last_space(text, start + size // 2, start + size)
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def _last_space(text: str, lo: int, hi: int) -> int:
    """Index of the last whitespace in text[lo:hi] (plus one), or ``hi`` when there is none."""
    for i in range(hi - 1, lo - 1, -1):
        if _SPACE.match(text, i):
            return i + 1
    return hi


def _syntok_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end]; each runs to the next sentence's first token."""
    piece = text[start:end]
    if len(piece) > 200 and (not _SPACE.search(piece) or sum(piece.count(b) for b in "[({") * 20 > len(piece)):
        # no space at all, or an opening bracket every few characters: no prose, and syntok's
        # look-ahead for each closing bracket would make it quadratic
        return [_strip(text, start, end)]
    starts: list[int] = []
    for paragraph in segmenter.analyze(piece):
        for sentence in paragraph:
            if sentence:
                starts.append(sentence[0].offset)
    spans: list[tuple[int, int]] = []
    bounds = [*starts, len(piece)]
    for i, first in enumerate(starts):
        # syntok's token values can differ from the source (joined hyphens); its offsets do not,
        # so a sentence is taken from the text itself, from its first token to the next one's.
        s, e = _strip(piece, first, bounds[i + 1])
        if e > s and (not spans or start + s >= spans[-1][1]):
            spans.append((start + s, start + e))
    if not starts:
        s, e = _strip(piece, 0, len(piece))
        if e > s:
            spans.append((start + s, start + e))
    return _rejoin_dates(text, _rejoin_titles(text, spans))


# Titles syntok does not know: "Gov. Jerry Brown" is one sentence, not two.
_TITLE_END = re.compile(
    r"(?:^|[\s(\"“])(?:Gov|Govs|Rep|Reps|Sen|Sens|Lt|Gen|Col|Capt|Cmdr|Adm|Maj|Sgt|Cpl|Pvt|Prof|Rev|Hon|"
    r"Atty|Supt|Det|Insp|Amb|Pres|Sec|Gens|Msgr)\.$")


def _rejoin_titles(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge a span ending in a title abbreviation with the span that follows it on the same line."""
    out: list[tuple[int, int]] = []
    for span in spans:
        if out and _TITLE_END.search(text, max(0, out[-1][1] - 9), out[-1][1]):
            out[-1] = (out[-1][0], span[1])
        else:
            out.append(span)
    return out


# German writes ordinal dates with a full stop ("am 14. Juni"), which syntok reads as a sentence end before a
# capitalised month. Month names that are not English words rejoin after any day number; those that are English words
# or names ("April", "Mai", "Juli") only after a German word that introduces a date ("am", "vom", "Montag,"), at the
# start of a line or after "(", so an English sentence ending in a number ("rose to 14. April saw ...") stays split.
_DAY_END = re.compile(r"(?:^|(?<=[\s(]))(?:0?[1-9]|[12][0-9]|3[01])\.$")
_GERMAN_ONLY_MONTH = re.compile(r"(?:Januar|Jänner|Februar|Feber|März|Juni|Oktober|Dezember)\b")
_SHARED_MONTH = re.compile(r"(?:Mai|Juli|April|August|September|November)\b")
_DATE_CUE = re.compile(
    r"(?:(?:^|[\s(])(?:am|vom|zum|bis|den|dem|der|des|seit|ab|und|oder|nach|vor|für|gegen|ohne|heutigen|"
    r"kommenden|vergangenen|letzten|nächsten|morgigen|gestrigen|diesjährigen|Am|Vom|Bis|Seit|Ab)|"
    r"\b[A-ZÄÖÜ][a-zäöüß]+,)\s+$")
_CUE_WINDOW = 30  # characters before a day number searched for a date cue
# Other German ordinals ("der 2. Weltkrieg", "zum 70. Geburtstag", "im 3. Quartal"): a number right after a German
# article or contracted preposition, before a capitalised word. English has none of these words before a number.
_ORDINAL_END = re.compile(r"(?:^|(?<=\s))[1-9][0-9]{0,2}\.$")
_ORDINAL_CUE = re.compile(
    r"(?:^|[\s(])(?:der|die|das|den|dem|des|zum|zur|im|ins|beim|vom|am|seinem|seiner|seines|ihrem|ihrer|ihres|"
    r"einem|einer|eines|Der|Die|Das|Den|Dem|Des|Zum|Zur|Im|Beim|Vom|Am)\s+$")
_CAPITALISED = re.compile(r"[A-ZÄÖÜ][a-zäöüß]")


def _rejoin_dates(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge a span ending in a German day number ("am 14.") with the next span when that starts with a month."""
    out: list[tuple[int, int]] = []
    for span in spans:
        if out and _is_split_date(text, out[-1], span[0]):
            out[-1] = (out[-1][0], span[1])
        else:
            out.append(span)
    return out


def _is_split_date(text: str, before: tuple[int, int], start: int) -> bool:
    start_before, end = before
    if _is_split_ordinal(text, start_before, end, start):
        return True
    day = _DAY_END.search(text, max(start_before, end - 3), end)
    if day is None:
        return False
    if _GERMAN_ONLY_MONTH.match(text, start):
        return True
    if not _SHARED_MONTH.match(text, start):
        return False
    line_start = text.rfind("\n", 0, day.start()) + 1
    lead = text[max(line_start, day.start() - _CUE_WINDOW): day.start()]
    return not lead.strip() or lead.endswith("(") or _DATE_CUE.search(lead) is not None


def _is_split_ordinal(text: str, start_before: int, end: int, start: int) -> bool:
    """A span ending in "der 2." and the next starting with a capitalised word: one German ordinal phrase, on one
    line ("der 2. Weltkrieg")."""
    number = _ORDINAL_END.search(text, max(start_before, end - 4), end)
    if number is None or not _CAPITALISED.match(text, start) or "\n" in text[end:start]:
        return False
    if _GERMAN_ONLY_MONTH.match(text, start) or _SHARED_MONTH.match(text, start):
        return False  # a date: the day-number rule decides ("am 32. Juni" is none)
    lead = text[max(start_before, number.start() - 12): number.start()]
    return _ORDINAL_CUE.search(lead) is not None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Split an over-long sentence into pieces of at most ``max_chars`` characters."""
    out: list[tuple[int, int]] = []
    while end - start > max_chars:
        cut = _last_space(text, start + max_chars // 2, start + max_chars)
        s, e = _strip(text, start, cut)
        if e > s:
            out.append((s, e))
        start, _ = _strip(text, cut, end)
    if end > start:
        out.append((start, end))
    return out
