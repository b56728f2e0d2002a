"""Rules over a spaCy dependency parse that find speech cues, their speakers and their content spans."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from bot.models import AttributionKind
from bot.nlp.consent_prompts import is_consent_prompt
from bot.nlp.inverted_cues import inverted_name, mistagged_cue
from bot.nlp.quote_content import (
    attribution_phrase,
    content_for,
    continuation,
    describing_participle,
    trim,
    what_hedge,
)
from bot.nlp.quote_cues import (
    DATA_NOUNS,
    NON_SPEAKERS,
    RELATIVE,
    ROLE_NOUNS,
    SPEECH_VERBS,
    VIEW_NOUNS,
    VIEW_VERBS,
    words,
)
from bot.nlp.quote_spans import quote_spans as quote_spans  # re-exported: its callers import it from here
from bot.nlp.revisions import is_note
from bot.nlp.sentence_quality import dateline_length, release_dateline_length
from bot.nlp.shown_speakers import shown_saying, shown_speaker
from bot.nlp.speaker_span import speaker_span as speaker_span  # re-exported: the span's rules moved there

MAX_CONTENT_CHARS = 3000
_FIRST_SECOND = words("i we you")


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
    # the content's pieces when the attribution phrase interrupts it ("A," he said. "B."); else empty
    pieces: tuple[tuple[int, int], ...] = ()


_MODAL = words("will would could might may should can shall must 'll")
# "went on to say", "continues to insist", "appeared to suggest": an infinitive that still reports speech
_ASPECT = words("go continue appear seem begin start proceed")


def is_cue(tok: Token) -> bool:
    """A verb of saying used as a verb ("pointed" only with "out"/"to"); not future, negated or passive."""
    lemma = tok.lemma_.lower()
    if lemma == "go":
        return went_on(tok)
    if lemma not in SPEECH_VERBS and lemma not in VIEW_VERBS:
        return False  # the cheap check first: every rule below ends False for these, and tok.sent costs a sentence
    for c in tok.children:
        if c.dep_ == "neg" and not _quoted_off(c, tok):
            return False
        if c.dep_ == "aux" and c.lower_ in _MODAL:
            return False
        if c.dep_ == "aux" and c.lower_ == "to" and not (tok.dep_ in ("xcomp", "advcl") and tok.head.lemma_ in _ASPECT):
            return False
        if c.dep_ == "nsubjpass" and c.lower_ not in ("it", "this", "that"):
            return False
        if c.dep_ == "auxpass" and c.lower_ not in ("'s", "’s") and not any(
                s.dep_ == "nsubjpass" for s in tok.children):  # "who's called for": "'s" may be "has"
            return False  # "... and was criticised for X": a passive whose subject is another verb's
    if not _sentence_like(tok.sent) or _used_as_noun(tok) or _reduced_passive(tok) or _thing_subject(tok):
        return False
    if _verb_tagged_noun(tok):
        return True
    if tok.pos_ not in ("VERB", "AUX") or lemma not in SPEECH_VERBS:
        return lemma in VIEW_VERBS and any(
            c.dep_ == "dobj" and c.lemma_.lower() in VIEW_NOUNS for c in tok.children)
    if lemma == "point":
        return any(c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ == "to") for c in tok.children)
    return True


def went_on(tok: Token) -> bool:
    """"Lind went on: "..."": a person's "went on" (a name, a pronoun or a role noun: not "the lights") before a
    colon and a quotation goes on speaking, as "continued:" does; any other "go on" ("the talks went on", "went on
    to win") says nothing."""
    prt = next((c for c in tok.rights if c.dep_ == "prt" and c.lower_ == "on" and c.i == tok.i + 1), None)
    doc = tok.doc
    if prt is None or prt.i + 2 >= len(doc) or doc[prt.i + 1].text != ":":
        return False
    spk = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if spk is None or not (spk.pos_ == "PROPN" or spk.lower_ in _WHO_GOES_ON or spk.lemma_.lower() in ROLE_NOUNS):
        return False
    return doc.text[doc[prt.i + 1].idx + 1:].lstrip()[:1] in _OPENING_MARKS


_OPENING_MARKS = "\"“‘'«"
_WHO_GOES_ON = words("he she they i we")


def _verb_tagged_noun(tok: Token) -> bool:
    """``But Trump claims that ...`` tagged as a noun: a root "claims" with a name before it and a clause."""
    return (tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and tok.tag_ == "NNS" and tok.lemma_.lower() in SPEECH_VERBS
            and any(c.dep_ == "ccomp" for c in tok.children)
            and any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == tok.i - 1 for c in tok.children))


def _used_as_noun(tok: Token) -> bool:
    """"A yellow weather warning for the coast was issued", "The traffic lights signal drivers": a cue word the
    tagger read as a verb where it is a noun (a determiner of its own, or a gerund with no auxiliary that is
    an argument, a headline's root or a noun's right-hand neighbour with nothing said after it)."""
    if any(c.dep_ == "det" for c in tok.children):
        return True
    if tok.tag_ != "VBG" or any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "compound"):
        return True
    said = any(c.i > tok.i and (c.dep_ in ("ccomp", "xcomp", "dobj") or c.text == ":") for c in tok.children)
    if tok.dep_ == "ROOT":
        return any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.i == tok.i - 1 for c in tok.children) and not said
    return tok.dep_ == "acl" and tok.head.i == tok.i - 1 and tok.head.tag_ == "NN" and not said


def _reduced_passive(tok: Token) -> bool:
    """"The new timetable, posted at every stop, lists ...": a past participle describing a noun is no cue, when
    the sentence has a finite verb of its own (with none, the parse took the main verb for a participle)."""
    root = tok.sent.root
    finite = root.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(c.dep_ in ("aux", "auxpass") for c in root.children)
    return tok.tag_ == "VBN" and tok.dep_ == "acl" and finite and not any(c.dep_ == "ccomp" for c in tok.children)


def _thing_subject(tok: Token) -> bool:
    """"The river rose, echoing the floods of 2010", "The train answered the signal": weather, water, roads,
    vehicles and prices do not speak (documents do: "the report says", "the forecast warns"); a person's
    surname does ("Ada \"Addie\" Price said", then "Price said": "Price" tagged as a noun)."""
    spk = subject(tok)
    return (spk is not None and spk.pos_ == "NOUN" and spk.lemma_.lower() in NON_SPEAKERS
            and not _surname(spk))


def _surname(tok: Token) -> bool:
    """A capitalised word inside a person's name, or the last word of one the document names."""
    if tok.ent_type_ == "PERSON":
        return True
    return tok.text[:1].isupper() and any(e.label_ == "PERSON" and e[-1].text == tok.text for e in tok.doc.ents)


def _quoted_off(child: Token, cue: Token) -> bool:
    """``Probably not," Ms. Moore said``: a quotation mark between them, so not the cue's own word."""
    lo, hi = sorted((child.i, cue.i))
    return any(t.is_quote for t in cue.doc[lo + 1:hi])


def _sentence_like(sent: Span) -> bool:
    """A real sentence ends in punctuation; headlines, captions and menus do not. Read from its last tokens, not
    ``sent.text``, which spaCy joins anew from every token at each read (a 400-token run of cues: cues x tokens)."""
    doc = sent.doc
    for i in range(sent.end - 1, sent.start - 1, -1):
        last = doc[i].text.rstrip()[-1:]
        if last:
            return last in (".", "!", "?", '"', "”", ":", ")", "'", "’", "…")  # "…": cut by the source, as "..."
    return False


def subject(tok: Token, depth: int = 0) -> Token | None:
    """The speaker of a cue: its subject, a passive agent, or the subject of the verb it hangs on."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if subjects:
        # "People like Scott, he said": the subject nearest the cue is the speaker
        c = min(subjects, key=lambda s: abs(s.i - tok.i))
        if c.lower_ in RELATIVE and tok.dep_ == "relcl":
            return tok.head
        return _hedge_host(tok) if c.lower_ == "it" and what_hedge(tok) is not None else c
    if _verb_tagged_noun(tok):
        return tok.doc[tok.i - 1]
    for c in tok.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    described = describing_participle(tok)
    if described is not None:
        return described  # "notices had been put up saying ...": the notices say it
    shown = shown_speaker(tok)
    if shown is not None:
        return shown  # "The spot ends with footage of Ola Berg saying ...": Berg says it, not the spot
    head = tok.head
    if (depth < 3 and tok.dep_ == "advcl" and tok.tag_ == "VBG" and head.dep_ == "ccomp" and head.head is not head
            and not any(c.dep_ in ("nsubj", "expl") for c in head.children)):
        return subject(head.head, depth + 1)  # "said the plan was approved, arguing ...": the one who said it
    if depth < 3 and tok.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl") and tok.head is not tok:
        head = tok.head
        if head.dep_ == "prep" and head.head is not head:
            head = head.head
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return None
        heard = [c for c in head.children if c.dep_ == "nsubjpass"] if tok.dep_ == "xcomp" else []
        if heard and not any(c.dep_ == "nsubj" for c in head.children):
            return heard[0]  # "the guard can be heard saying": the one heard, not the sentence's other subject
        return subject(head, depth + 1)
    return None


def _hedge_host(tok: Token) -> Token | None:
    """``Israel struck what it said were ...``: "it" is the subject of the clause the hedge sits in, when that is a
    singular thing (a country, a body; not a person, not a pronoun); else the "it" stays."""
    it = next(c for c in tok.children if c.dep_ == "nsubj")
    head = tok
    for _ in range(4):
        if head.head is head:
            break
        head = head.head
        host = next((c for c in head.children if c.dep_ == "nsubj" and c.i < tok.i), None)
        if host is not None:
            single = host.tag_ in ("NN", "NNP") and host.ent_type_ != "PERSON"
            return host if single else it
    return it


def _classify(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> tuple[int, int, AttributionKind]:
    """Snap content to a quotation it sits in (direct); mark content holding one as mixed. Content that opens its
    paragraph starts after a wire dateline there ("ORLEN (SW) - ", "ORLEN, Castavia, March 3 (AM) - ")."""
    for qs, qe in quotes:
        inner_s, inner_e = qs + 1, qe - 1
        if inner_s - 2 <= start and end <= inner_e + 2 and start < qe:
            return qs, qe, "direct"
    if not text[text.rfind("\n", 0, start) + 1:start].strip():
        start += dateline_length(text[start:end])
    if any(start <= qs and qe <= end + 1 for qs, qe in quotes):
        return start, end, "mixed"
    return start, end, "indirect"


def _according(text: str, tok: Token, quotes: list[tuple[int, int]]) -> Found | None:
    """``according to X, CONTENT`` or ``CONTENT, according to X`` (``text``: the doc's, read once a doc)."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    src = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if to is None or src is None:
        return None
    sent = tok.sent
    phrase_s, phrase_e = tok.idx, tok.right_edge.idx + len(tok.right_edge.text)
    if phrase_s - sent.start_char < sent.end_char - phrase_e:
        start, end = trim(text, phrase_e, sent.end_char)
    else:
        start, end = trim(text, sent.start_char, phrase_s)
    if end - start < 3:
        return None
    start, end, kind = _classify(text, start, end, quotes)
    src = _publisher(src) or src
    s_start, s_end = speaker_span(src)
    return Found("according to", tok.idx, to.idx + len(to.text), start, end, s_start, s_end, kind, src.i)


def _publisher(src: Token) -> Token | None:
    """"figures published by the treasury": the treasury, the agent of a participle after a figures noun."""
    if src.lemma_.lower() not in DATA_NOUNS and src.lower_ not in DATA_NOUNS:
        return None
    for acl in (c for c in src.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        for agent in (c for c in acl.children if c.dep_ == "agent"):
            return next((g for g in agent.children if g.dep_ == "pobj"), None)
    return None


def _in_dateline(text: str, at: int) -> bool:
    """Whether ``at`` is inside a press release's wire dateline opening its paragraph (``release_dateline_length``,
    read in the paragraph's first 300 characters: a dateline is short). An agency's ("ORLEN (AM) - ") is left to
    the speaker rules: dropping a speaker in one cost a PolNeAR dev attribution."""
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    return at < start + release_dateline_length(text[start:min(end if end >= 0 else len(text), start + 300)])


def find_attributions(doc: Doc) -> list[Found]:
    """Every speech attribution the rules find in a parsed document, in text order."""
    text = doc.text
    quotes = quote_spans(text)
    found: list[Found] = []
    vias: dict[int, str] = {}
    according: list[tuple[Found, str]] = []
    for tok in doc:
        if tok.lower_ == "according" and tok.dep_ == "prep":
            head = tok.head
            if is_cue(head) and subject(head) is not None:
                vias[head.i] = _source_text(tok, text)
                continue
            hit = _according(text, tok, quotes)
            if hit is not None:
                according.append((hit, _source_text(tok, text)))
    for tok in doc:
        if not is_cue(tok) and not mistagged_cue(tok):
            continue
        spk = subject(tok)
        inverted = inverted_name(tok) if spk is None or _quoted_off(spk, tok) else None
        if inverted is not None:
            spk = inverted[0]  # '"...," joked Wendell Marsh.': the parse took the name for an object
        if any(qs < tok.idx < qe for qs, qe in quotes):
            continue  # "I say" inside a quotation is the quoted speaker's own speech
        if _participle_opener(tok) or is_consent_prompt(tok.sent.text) or is_note(tok.sent.text):
            continue  # an editor's note ("Correction: an earlier version of this article said ...") is no one's
        if spk is not None and _in_dateline(text, spk.idx):
            continue  # "BELGRAST, Tarnovia, June 4, 2025 /PRNewswire/ -- X announced": a place, not a speaker
        span = content_for(doc, tok, spk, tok.sent, quotes, text)
        if span is None:
            continue
        start, end = span
        if end - start < 3 or end - start > MAX_CONTENT_CHARS:
            continue
        start, end, kind = _classify(text, start, end, quotes)
        shown = shown_saying(tok, SPEECH_VERBS)  # "... footage of Ola Berg saying, “...”": hers, not the spot's
        if shown is not None and shown[0].idx < start:
            tok, spk = shown
        elif shown is not None and start <= shown[1].idx < end:
            continue  # "concludes with footage of Ola Berg": what the spot shows, not what it says
        if kind != "direct" and _function_word(doc, start, end):
            continue  # "which fishing crews had asked for": "for" says nothing
        if kind != "direct" and end <= tok.idx and _captioned(text, start, end):
            continue  # "Long night: The crews worked ..., said Mrs Lund .": a photo caption, no quotation
        s_start, s_end = speaker_span(spk) if spk is not None else (-1, -1)
        if inverted is not None and spk is inverted[0]:
            s_start, s_end = inverted[1:]
        if s_start >= 0 and start <= s_start < end and not start <= tok.idx < end:
            continue  # the "speaker" sits inside the content (not a parenthetical): a mis-parse
        cue_end = tok.idx + len(tok.text)
        prt = next((c for c in tok.rights if c.dep_ == "prt"), None)
        if prt is not None:
            cue_end = prt.idx + len(prt.text)
        pieces: tuple[tuple[int, int], ...] = ()
        if start <= tok.idx < end:  # "The museum, Mr. Bush said, celebrated ...": content around the phrase
            hole_s, hole_e = attribution_phrase(tok, spk)
            pieces = tuple(p for p in (trim(text, start, hole_s), trim(text, hole_e, end)) if p[1] > p[0])
        found.append(Found(text[tok.idx:cue_end], tok.idx, cue_end, start, end, s_start, s_end, kind,
                           spk.i if spk is not None else -1, vias.get(tok.i, ""), pieces))
    found = _via_at_end(text, found, according, quotes)
    return _dedupe(doc, sorted(_resume(text, found, quotes), key=lambda f: (f.start, f.cue_start)))


def _via_at_end(text: str, found: list[Found], according: list[tuple[Found, str]],
                quotes: list[tuple[int, int]]) -> list[Found]:
    """"He said X, according to the office", the phrase hung on a verb of X: one attribution, the speaker's via the
    office (as when it hangs on "said"), not a second with the office as speaker and "He said X" as its words."""
    out = list(found)
    for acc, via in according:
        n = next((i for i, f in enumerate(out) if via and _ends_with(f, acc)), -1)
        if n < 0:
            out.append(acc)
            continue
        f = out[n]
        start, end, kind = _classify(text, *trim(text, f.start, acc.cue_start), quotes)
        out[n] = replace(f, start=start, end=end, kind=kind, via=via)
    return out


def _ends_with(f: Found, acc: Found) -> bool:
    """``f``'s reported clause (after its cue, no quotation) ends in the "according to" phrase of ``acc``, whose
    content (before the phrase) holds ``f``'s cue and speaker."""
    return (f.kind != "direct" and not f.via and not f.pieces and f.speaker_start >= 0
            and f.cue_end <= f.start < acc.cue_start and acc.cue_end <= f.end and acc.end <= acc.cue_start
            and acc.start <= min(f.speaker_start, f.cue_start))


def _participle_opener(tok: Token) -> bool:
    """"Asked about the budget, Renn said ...": a past participle opening the sentence with no subject of its
    own, hung on the verb after its comma, says what prompted the statement; the statement follows "said". So does
    "Speaking on Radio 4, Renn said ..." (a present participle of speaking or talking): where, not what."""
    participle = tok.tag_ == "VBN" or (tok.tag_ == "VBG" and tok.lemma_.lower() in ("speak", "talk"))
    return (participle and tok.dep_ == "advcl" and tok.i == tok.sent.start and tok.head.i > tok.i
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children))


# a photo caption's label before what the caption says: "Long night: The crews ..." (bot/nlp/line_shapes.py)
_CAPTION_LABEL = re.compile(r"[A-Z][\w'’-]*+(?:\s[\w'’-]+){0,2}:\s+[A-Z]")
_LABEL_BEFORE = re.compile(r"(?:^|[.!?]\s+)[A-Z][\w'’-]*+(?:\s[\w'’-]+){0,2}:\s+$")


def _captioned(text: str, start: int, end: int) -> bool:
    """Content that opens with a caption's label ("Long night: The crews ...") or follows one at its sentence's
    start."""
    return _CAPTION_LABEL.match(text, start, end) is not None or (
        text[start:start + 1].isupper() and _LABEL_BEFORE.search(text, max(0, start - 60), start) is not None)
_FUNCTION_POS = frozenset(("ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX", "PRON"))


def _function_word(doc: Doc, start: int, end: int) -> bool:
    """Content that is a single function word or pronoun ("for", "that", "to"; "itself" of "history repeating
    itself")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    toks = [t for t in span if not t.is_punct] if span is not None else []
    return len(toks) == 1 and toks[0].pos_ in _FUNCTION_POS


def _resume(text: str, found: list[Found], quotes: list[tuple[int, int]]) -> list[Found]:
    """Extend ``"A," he said. "B."`` over "B" unless another attribution already holds it."""
    out: list[Found] = []
    for f in found:
        if f.kind == "direct" and f.end <= f.cue_start:
            taken = [(g.start, g.end) for g in found if g is not f]
            more = continuation(text, max(f.cue_end, f.speaker_end), f.end, quotes, taken)
            if more is not None:
                f = replace(f, end=more[1], pieces=((f.start, f.end), more))
        out.append(f)
    return out


def _source_text(according: Token, text: str) -> str:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    src = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if src is None:
        return ""
    first = src.left_edge
    if first.dep_ == "det":
        first = according.doc[first.i + 1]
    end = src.right_edge.idx + len(src.right_edge.text)
    if text[end:end + 1] == ")" and text.count("(", first.idx, end) > text.count(")", first.idx, end):
        end += 1
    return text[first.idx:end]


def _dedupe(doc: Doc, found: list[Found]) -> list[Found]:
    """One attribution per content span; a cue nested in its own speaker's content keeps the inner one only, and one
    nested with its speaker in another speaker's reported clause is left out (`_reported_in`)."""
    out: list[Found] = []
    seen: set[tuple[int, int]] = set()
    for f in found:
        if (f.start, f.end) in seen:
            continue
        if f.kind != "direct" and any(g is not f and g.speaker_token == f.speaker_token
                                      and f.start <= g.cue_start < f.end for g in found):
            continue  # "responded by stating that ...": keep the inner cue only
        if f.kind != "direct" and not _in_relative(doc, f) and any(_reported_in(f, g) for g in found):
            continue  # "Lavrov said the Kremlin demands that ...": the Kremlin's demand is Lavrov's words
        seen.add((f.start, f.end))
        out.append(f)
    return out


def _reported_in(inner: Found, outer: Found) -> bool:
    """``inner`` (its cue, its speaker and its content) lies wholly inside the reported clause that follows
    another speaker's verb of saying ("Lavrov said the Kremlin demands that ..."): the outer speaker's words, not a
    statement of the inner subject's own. A content before its cue ("..., according to X") holds none."""
    return (outer is not inner and outer.kind != "direct" and outer.speaker_token >= 0
            and outer.speaker_token != inner.speaker_token and inner.speaker_start >= 0
            and outer.cue_start < outer.start <= min(inner.cue_start, inner.speaker_start, inner.start)
            and max(inner.end, inner.cue_end, inner.speaker_end) <= outer.end)


def _in_relative(doc: Doc, found: Found) -> bool:
    """The cue is in a relative clause ("meddling the congressman said is designed to ...", "which he said
    were at his side"): the writer's aside on a noun of the outer content, a statement of its own."""
    span = doc.char_span(found.cue_start, found.cue_end, alignment_mode="expand")
    return span is not None and any(t.dep_ in ("relcl", "acl") for t in (span[0], *span[0].ancestors)
                                    if t.idx >= found.speaker_start or t.i == span[0].i)
