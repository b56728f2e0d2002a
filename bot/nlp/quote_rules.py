"""Rules over a spaCy dependency parse that find speech cues, their speakers and their content spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.models import AttributionKind
from bot.nlp.quote_cues import (
    ABOUT_PREPS,
    ABOUT_VERBS,
    OBJECT_CONTENT_VERBS,
    RELATIVE,
    SPEECH_VERBS,
    VIEW_NOUNS,
    VIEW_VERBS,
    words,
)

# A quotation: curly pair, or straight pair, within one paragraph (multi-sentence is fine).
_QUOTE = re.compile(r"“[^“”\n]{1,3000}”|\"[^\"\n]{1,3000}\"|''[^\n]{1,3000}?''|``[^\n]{1,3000}?''")
_TRIM = " \t\n,;:—–-"
MAX_CONTENT_CHARS = 3000
_PREP_CONTENT = words("about regarding for by")


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution as character spans in the parsed text (speaker span -1 when none)."""

    cue: str
    cue_start: int
    cue_end: int
    start: int
    end: int
    speaker_start: int
    speaker_end: int
    kind: AttributionKind
    speaker_token: int  # token index of the speaker's head, -1 when none
    via: str = ""  # "Izvestia" in "according to Izvestia, the official said ..."


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations, marks included."""
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text)]


_MODAL = words("will would could might may should can shall must to 'll")


def is_cue(tok: Token) -> bool:
    """A verb of saying used as a verb ("pointed" only with "out"/"to"); not future, negated or passive."""
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODAL):
            return False
        if c.dep_ == "nsubjpass" and c.lower_ not in ("it", "this", "that"):
            return False
    if not _sentence_like(tok.sent):
        return False
    if tok.pos_ not in ("VERB", "AUX") or lemma not in SPEECH_VERBS:
        return lemma in VIEW_VERBS and any(
            c.dep_ == "dobj" and c.lemma_.lower() in VIEW_NOUNS for c in tok.children)
    if lemma == "point":
        return any(c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ == "to") for c in tok.children)
    return True


def _sentence_like(sent: Span) -> bool:
    """A real sentence ends in punctuation; headlines, captions and menus do not."""
    return sent.text.rstrip()[-1:] in (".", "!", "?", '"', "”", ":", ")", "'", "’")


def subject(tok: Token, depth: int = 0) -> Token | None:
    """The speaker of a cue: its subject, a passive agent, or the subject of the verb it hangs on."""
    for c in tok.children:
        if c.dep_ == "nsubj":
            if c.lower_ in RELATIVE and tok.dep_ == "relcl":
                return tok.head
            return c
    for c in tok.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if depth < 3 and tok.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl") and tok.head is not tok:
        head = tok.head
        if head.dep_ == "prep" and head.head is not head:
            head = head.head
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return None
        return subject(head, depth + 1)
    return None


def speaker_span(tok: Token) -> tuple[int, int]:
    """Characters of the speaker phrase: its left edge through the head, plus a flat name after it."""
    left = tok.left_edge
    end_tok = tok
    for c in tok.rights:
        if c.dep_ in ("compound", "flat", "prep", "cc", "conj") or (c.dep_ == "appos" and c.pos_ == "PROPN"):
            end_tok = c.right_edge
        else:
            break
    return left.idx, end_tok.idx + len(end_tok.text)


def _span_chars(first: Token, last: Token) -> tuple[int, int]:
    return first.idx, last.idx + len(last.text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM + ".":
        end -= 1
    return start, end


def _classify(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> tuple[int, int, AttributionKind]:
    """Snap content to a quotation it sits in (direct); mark content holding one as mixed."""
    for qs, qe in quotes:
        inner_s, inner_e = qs + 1, qe - 1
        if inner_s - 2 <= start and end <= inner_e + 2 and start < qe:
            return qs, qe, "direct"
    if any(start <= qs and qe <= end + 1 for qs, qe in quotes):
        return start, end, "mixed"
    return start, end, "indirect"


def _adjacent_quote(text: str, cue: Token, spk: Token | None, sent: Span,
                    quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A quotation right before the speaker/cue (``"...," Rutte said``) or right after (``said: "..."``)."""
    toks = [cue] + ([spk.left_edge, spk] if spk is not None else [])
    left = min(t.idx for t in toks)
    right = max(t.idx + len(t.text) for t in toks)
    for qs, qe in quotes:
        gap_before = text[qe:left]
        if 0 <= len(gap_before) <= 3 and qe <= left and not gap_before.strip(" ,"):
            return qs, qe
    for qs, qe in quotes:
        gap_after = text[right:qs]
        if right <= qs and len(gap_after) <= 4 and not gap_after.strip(" ,:") and qs < sent.end_char + 2:
            return qs, qe
    return None


def _content_for(doc: Doc, cue: Token, spk: Token | None, sent: Span,
                 quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    text = doc.text
    lemma = cue.lemma_.lower()
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    if not clauses and lemma in VIEW_VERBS:
        for obj in (c for c in cue.children if c.dep_ == "dobj"):
            clauses = [c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl")]
    quote = _adjacent_quote(text, cue, spk, sent, quotes)
    back = next((c for c in cue.children if c.dep_ == "nsubjpass" and c.lower_ in ("this", "that")), None)
    if back is not None:
        # "This was reported by several diplomats": the content is the sentence before
        prev = sent.doc[sent.start - 1].sent if sent.start > 0 else None
        return _trim(text, prev.start_char, prev.end_char) if prev is not None else None
    if clauses:
        clause = clauses[0]
        if clause.i < cue.i:
            # clause-final cue: the content runs from the sentence start to the speaker or cue
            stop = min([cue.idx] + ([spk.left_edge.idx] if spk is not None and spk.i < cue.i else []))
            start = sent.start_char
            if quote is not None and quote[1] <= stop + 1:
                return quote
            return _trim(text, start, stop)
        start, end = _span_chars(clause.left_edge, clause.right_edge)
        inside = next(((qs, qe) for qs, qe in quotes if qs <= start + 2 and start < qe and qe >= end - 2), None)
        return inside or _trim(text, start, end)
    if quote is not None:
        return quote
    if text[cue.idx + len(cue.text):cue.idx + len(cue.text) + 2].strip().startswith(":"):
        return _trim(text, cue.idx + len(cue.text) + 1, sent.end_char)
    objs = [c for c in cue.rights if c.dep_ in ("dobj", "xcomp", "prep", "dative", "oprd", "attr")]
    if objs and objs[0].dep_ in ("dobj", "xcomp") and lemma in OBJECT_CONTENT_VERBS:
        return _trim(text, *_span_chars(objs[0].left_edge, objs[-1].right_edge))
    preps = ABOUT_PREPS if lemma in ABOUT_VERBS else _PREP_CONTENT
    for prep in (c for c in cue.rights if c.dep_ == "prep" and c.lower_ in preps):
        return _trim(text, *_span_chars(prep, prep.right_edge))
    return None


_GAP = re.compile(r"[^\n“\"]{0,40}?[.,:;]?\s*")


def _continuation(text: str, after: int, end: int, quotes: list[tuple[int, int]]) -> int:
    """``"A," he said. "B."``: the quotation resuming right after the cue belongs to the same speaker."""
    for qs, qe in quotes:
        if qs < after:
            continue
        gap = _GAP.fullmatch(text, after, qs)
        if gap is not None and "\n" not in text[end:qs]:
            return qe
        break
    return end


def _according(doc: Doc, tok: Token, quotes: list[tuple[int, int]]) -> Found | None:
    """``according to X, CONTENT`` or ``CONTENT, according to X``."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    src = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if to is None or src is None:
        return None
    sent = tok.sent
    phrase_s, phrase_e = tok.idx, tok.right_edge.idx + len(tok.right_edge.text)
    if phrase_s - sent.start_char < sent.end_char - phrase_e:
        start, end = _trim(doc.text, phrase_e, sent.end_char)
    else:
        start, end = _trim(doc.text, sent.start_char, phrase_s)
    if end - start < 3:
        return None
    start, end, kind = _classify(doc.text, start, end, quotes)
    s_start, s_end = speaker_span(src)
    return Found("according to", tok.idx, to.idx + len(to.text), start, end, s_start, s_end, kind, src.i)


def find_attributions(doc: Doc) -> list[Found]:
    """Every speech attribution the rules find in a parsed document, in text order."""
    text = doc.text
    quotes = quote_spans(text)
    found: list[Found] = []
    vias: dict[int, str] = {}
    for tok in doc:
        if tok.lower_ == "according" and tok.dep_ == "prep":
            head = tok.head
            if is_cue(head) and subject(head) is not None:
                vias[head.i] = _source_text(tok)
                continue
            hit = _according(doc, tok, quotes)
            if hit is not None:
                found.append(hit)
    for tok in doc:
        if not is_cue(tok):
            continue
        spk = subject(tok)
        span = _content_for(doc, tok, spk, tok.sent, quotes)
        if span is None:
            continue
        start, end = span
        if end - start < 3 or end - start > MAX_CONTENT_CHARS:
            continue
        start, end, kind = _classify(text, start, end, quotes)
        s_start, s_end = speaker_span(spk) if spk is not None else (-1, -1)
        if s_start >= 0 and start <= s_start < end:
            continue  # the "speaker" sits inside the content: a mis-parse
        if kind == "direct" and end <= tok.idx:
            end = _continuation(text, max(tok.idx + len(tok.text), s_end), end, quotes)
        cue_end = tok.idx + len(tok.text)
        prt = next((c for c in tok.rights if c.dep_ == "prt"), None)
        if prt is not None:
            cue_end = prt.idx + len(prt.text)
        found.append(Found(text[tok.idx:cue_end], tok.idx, cue_end, start, end, s_start, s_end, kind,
                           spk.i if spk is not None else -1, vias.get(tok.i, "")))
    return _dedupe(sorted(found, key=lambda f: (f.start, f.cue_start)))


def _source_text(according: Token) -> str:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    src = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if src is None:
        return ""
    first = src.left_edge
    if first.dep_ == "det":
        first = according.doc[first.i + 1]
    text = according.doc.text
    end = src.right_edge.idx + len(src.right_edge.text)
    if text[end:end + 1] == ")" and text.count("(", first.idx, end) > text.count(")", first.idx, end):
        end += 1
    return text[first.idx:end]


def _dedupe(found: list[Found]) -> list[Found]:
    """One attribution per content span; a cue nested in another's content keeps both (PolNeAR does)."""
    out: list[Found] = []
    seen: set[tuple[int, int]] = set()
    for f in found:
        if (f.start, f.end) in seen:
            continue
        if any(g is not f and g.speaker_token == f.speaker_token and f.start <= g.cue_start < f.end
               for g in found):
            continue  # "responded by stating that ...": keep the inner cue only
        seen.add((f.start, f.end))
        out.append(f)
    return out
