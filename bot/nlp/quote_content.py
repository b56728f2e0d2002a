"""Content spans of a speech cue: its clause, an adjacent quotation, a parenthetical's host, an object."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from bot.nlp.quote_cues import (
    ABOUT_PREPS,
    ABOUT_VERBS,
    ADDRESSEE_VERBS,
    ANAPHORIC_OBJECTS,
    NO_OBJECT_VERBS,
    OBJECT_CONTENT_VERBS,
    RELATIVE,
    SPEECH_VERBS,
    VIEW_VERBS,
    words,
)
from bot.nlp.speech_acts import action_cue, without_stray_mark

Chars = tuple[int, int]
_TRIM = " \t\n,;:—–-"
_CLOSING = "\"”’'»«›‹“"  # the last character of a closed quotation (German „…“ closes with “)
_PREP_CONTENT = words("about regarding for by")
_OBJECT_PREPS = words("for on to with against of")
_SUBORDINATORS = words("when while because if after before as since although though until once unless whether")
_ADVERBIAL = frozenset(("prep", "advmod", "npadvmod", "advcl", "mark", "aux", "neg"))
# Children of a cue that belong to the attribution phrase, not the content ("said on Twitter", "told reporters").
_PHRASE_DEPS = frozenset(("nsubj", "advmod", "npadvmod", "prep", "agent", "prt", "dative", "aux", "neg", "punct"))


def span_chars(first: Token, last: Token) -> Chars:
    """Characters from the start of ``first`` to the end of ``last``."""
    return first.idx, last.idx + len(last.text)


def trim(text: str, start: int, end: int) -> Chars:
    """Drop surrounding spaces, commas, dashes and a final full stop; a closing "..." stays (as "…" does): the
    source cut the text there ("claims the crisis has no quick..."), and the content should show it."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM + ".":
        if text[end - 1] == "." and end - 3 >= start and text[end - 3:end] == "...":
            break
        end -= 1
    return start, end


_ELLIPSIS = re.compile(r" ?(?:\.{3}|…)(?=[\s”\"’']|$)")


def with_ellipsis(text: str, span: Chars) -> Chars:
    """Content whose clause stops right before an ellipsis (the parse hangs the marks on the main verb) ends with
    it: "arguing that ..., including the 2012..." where the source's text was cut."""
    start, end = span
    m = _ELLIPSIS.match(text, end)
    return (start, m.end()) if m is not None else span


def _names_before(left: Token) -> Token:
    """``"...," Attorney General Mira Holt and Deputy Attorney General Sara Vance said`` parsed with the first
    name and its title hung on the quotation (or left in the sentence before): the phrase starts right after the
    closing quotation mark, when only capitalised proper nouns and one "and" after a person's name stand between."""
    doc = left.doc
    if left.pos_ != "PROPN":
        return left
    j = left.i - 1
    while j >= 0 and ((doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()) or doc[j].lower_ == "and"):
        j -= 1
    if j < 0 or j == left.i - 1 or doc[j].tag_ != "''":
        return left
    joiners = [t for t in doc[j + 1 : left.i] if t.lower_ == "and"]
    if len(joiners) != 1 or joiners[0].i == j + 1 or doc[joiners[0].i - 1].ent_type_ != "PERSON":
        return left
    return doc[j + 1]


def speaker_start(tok: Token) -> Token:
    """The phrase's first token, leaving out a clause the parse hung on one of its nouns and the punctuation
    after it ("'We will not accept,' Attorney General Mira Holt and ... said", "accept" parsed under "Holt",
    whether "Holt" is the speaker's head or hangs on it: the parse of the same sentence varies with the text
    before it)."""
    left = tok.left_edge
    while left.i < tok.i and (left.tag_ == "''" or left.text == ","):
        left = tok.doc[left.i + 1]  # the closing mark of a quotation before the phrase, hung on its first name
    clauses = [t for t in tok.subtree if t.i < tok.i and t.dep_ in ("ccomp", "parataxis") and t.head.pos_ == "PROPN"]
    if not clauses:
        return _names_before(left)
    skipped = {s.i for c in clauses for s in c.subtree}
    doc = tok.doc
    i = left.i
    while i < tok.i and (i in skipped or doc[i].is_punct):
        i += 1
    return doc[i]


def adjacent_quote(text: str, cue: Token, spk: Token | None, sent: Span, quotes: list[Chars]) -> Chars | None:
    """A quotation right before the speaker/cue (``"...," Rutte said``) or right after (``said: "..."``)."""
    toks = [cue] + ([speaker_start(spk), spk] if spk is not None else [])
    left = min(t.idx for t in toks)
    right = max(t.idx + len(t.text) for t in toks)
    for qs, qe in quotes:
        gap_before = text[qe:left]
        if text[qe - 1] not in _CLOSING:
            continue  # a paragraph's quotation left open ("... the work. Ola Berg said"): narrative follows it
        if 0 <= len(gap_before) <= 3 and qe <= left and not gap_before.strip(" ,"):
            return qs, qe
    for qs, qe in quotes:
        gap_after = text[right:qs]
        if right <= qs and len(gap_after) <= 4 and not gap_after.strip(" ,:") and qs < sent.end_char + 2:
            return qs, qe
    return None


def _phrase_end(cue: Token, spk: Token | None, sent: Span) -> Token:
    """Last token of the attribution phrase (cue, inverted speaker, "on Twitter", "in an interview")."""
    last = cue
    allowed = {t.i for c in cue.children if c.dep_ in _PHRASE_DEPS and c.i > cue.i for t in c.subtree}
    if spk is not None:
        allowed |= {t.i for t in spk.subtree}
    for tok in sent[cue.i - sent.start + 1:]:
        if tok.i not in allowed or tok.is_punct:
            break
        last = tok
    return last


def _phrase_start(cue: Token, spk: Token | None, sent: Span) -> Token:
    first = speaker_start(spk) if spk is not None and spk.i < cue.i else cue
    if first.i > sent.start and cue.doc[first.i - 1].lower_ == "as":
        first = cue.doc[first.i - 1]
    return first


def attribution_phrase(cue: Token, spk: Token | None) -> Chars:
    """Characters of ``Mr. Bush said`` / ``as one adviser pointed out`` / ``said Tompkins``."""
    return span_chars(_phrase_start(cue, spk, cue.sent), _phrase_end(cue, spk, cue.sent))


def parenthetical(doc: Doc, cue: Token, spk: Token | None, sent: Span, text: str) -> Chars | None:
    """``The museum, Mr. Bush said, celebrated ...`` and ``People like Scott, he said.``: the host sentence
    (``text`` is ``doc.text``, read once per doc by the caller: spaCy joins it anew at every read)."""
    first = _phrase_start(cue, spk, sent)
    if first.i <= sent.start or not text[sent.start_char:first.idx].rstrip().endswith(","):
        return None
    left = range(sent.start, first.i)
    if any(t.head.i == cue.i and t.dep_ in _ADVERBIAL for t in sent.doc[sent.start:first.i] if t.head.i not in left):
        return None  # "In July, the NAACP called for ...": the left part is the cue's own adverbial
    last = _phrase_end(cue, spk, sent)
    after = doc[last.i + 1] if last.i + 1 < sent.end else None
    if after is None or after.is_sent_end or (after.is_punct and after.text in ".!?"):
        return trim(text, sent.start_char, first.idx)
    if after.text != ",":
        return None
    if _next_clause(doc, after):
        return trim(text, sent.start_char, first.idx)  # "..., the coast guard said, and two lines will skip ..."
    return trim(text, sent.start_char, sent.end_char)


def _next_clause(doc: Doc, comma: Token) -> bool:
    """After the phrase's closing comma, "and"/"but" and a clause with a subject of its own joined to the
    sentence's main verb: the writer's next statement, not the rest of the host's (unless it quotes someone:
    "Many were older, she said, and 'I had to step back'" goes on with her words)."""
    if comma.i + 1 >= len(doc):
        return False
    cc = doc[comma.i + 1]
    root = cc.sent.root
    if any(t.is_quote or t.text in ("''", "``") for t in doc[cc.i : cc.sent.end]):
        return False
    return (cc.dep_ == "cc" and cc.head.i == root.i
            and any(c.dep_ == "conj" and c.i > cc.i and any(g.dep_ in ("nsubj", "nsubjpass", "expl")
                                                             for g in c.children) for c in root.children))


def object_content(cue: Token) -> Chars | None:
    """``denied the claims``, ``told his advisers to act``, ``noted the rule in the interview``: the object
    and what follows it up to a comma or another clause."""
    lemma = cue.lemma_.lower()
    rights = list(cue.rights)
    first = next((i for i, c in enumerate(rights) if c.dep_ in ("dobj", "xcomp")), None)
    if first is None or (lemma in NO_OBJECT_VERBS and lemma not in OBJECT_CONTENT_VERBS):
        return None
    obj = rights[first]
    if obj.dep_ == "dobj" and obj.lower_ in ANAPHORIC_OBJECTS:
        return None
    taken = [obj]
    for c in rights[first + 1:]:
        if c.dep_ not in ("dobj", "xcomp", "oprd", "prep", "dative", "ccomp", "attr") and not _relative(c):
            break
        taken.append(c)
    if lemma in ADDRESSEE_VERBS and not any(c.dep_ in ("xcomp", "ccomp") for c in taken):
        return None
    return span_chars(obj.left_edge, taken[-1].right_edge)


def _clause_end(clause: Token) -> Token:
    """Last token of a reported clause, stopping before a second cue of the speaker that the parser
    folded into it ("said he would order a review and warned against hackers", "..., arguing that")."""
    doc = clause.doc
    for tok in clause.subtree:
        if (tok.i > clause.i and tok.dep_ in ("conj", "advcl") and tok.lemma_.lower() in SPEECH_VERBS
                and tok.tag_ in ("VBD", "VBG", "VBZ") and not any(c.dep_ == "nsubj" for c in tok.children)
                and describing_participle(tok) is None):
            first = tok.left_edge
            while first.i > clause.i and doc[first.i - 1].dep_ in ("cc", "punct"):
                first = doc[first.i - 1]
            return doc[max(clause.left_edge.i, first.i - 1)]
    return clause.right_edge


def what_hedge(cue: Token) -> Token | None:
    """``struck what the army said were weapons depots``: the clause ("were") of the writer's hedge, else None."""
    for clause in (c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i and c.left_edge.i < cue.i):
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("what", "whatever") and c.i < cue.i
               for c in clause.children):
            return clause
    return None


def _what_said_were(cue: Token, clause: Token) -> Chars | None:
    """In the hedge (``what_hedge``) the speaker's claim is the description after the copula ("weapons depots
    near the border"; PolNeAR marks "what analysts described as X" so), or the rest of the clause after the cue,
    up to a comma, when there is no copula ("what she said amounted to a ban")."""
    hedge = what_hedge(cue)
    if hedge is None or hedge.i != clause.i:
        return None
    if clause.lemma_ == "be":
        pred = next((c for c in clause.children if c.dep_ in ("attr", "acomp") and c.i > clause.i), None)
        if pred is not None:
            last = pred.right_edge
            for c in clause.rights:  # "were militant targets across Gaza": the place hung on the copula
                if c.i > last.i and c.dep_ == "prep" and c.i == last.i + 1:
                    last = c.right_edge
            return span_chars(pred.left_edge, last)
    doc, begin, stop = cue.doc, cue.i + 1, _clause_end(clause).i
    if doc[begin].lemma_ == "be" and begin < stop:
        begin += 1  # "what it said were smuggling camps" parsed as a progressive: the description after "were"
    comma = next((t.i for t in doc[begin:stop + 1] if t.text == ","), None)
    return span_chars(doc[begin], doc[comma - 1 if comma is not None and comma > begin else stop])


def describing_participle(tok: Token) -> Token | None:
    """``said notices had been put up saying parking would end``: a participle of saying right after a passive
    clause (no comma between) tells what its subject, a thing, says; that subject, else None ("..., arguing that"
    after a comma goes on with the speaker's own words)."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.head.i > tok.i or tok.left_edge.i == 0:
        return None
    if tok.doc[tok.left_edge.i - 1].text == ",":
        return None
    kids = list(tok.head.children)
    if any(c.dep_ == "nsubj" for c in kids):
        return None
    return next((c for c in kids if c.dep_ == "nsubjpass" and c.pos_ == "NOUN"), None)


def _relative(clause: Token) -> bool:
    """``accused the city of ignoring a report that recommended ...``: a relative clause on the object's noun
    that the parse hung on the cue as an adverbial clause (its subject "that"/"which"/"who")."""
    return clause.dep_ == "advcl" and any(c.dep_ == "nsubj" and c.lower_ in RELATIVE and c.i < clause.i
                                          for c in clause.children)


def _finite(clause: Token) -> bool:
    """A clause with its own subject and no subordinator other than "that"."""
    kids = list(clause.children)
    return (any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in kids)
            and all(c.lower_ == "that" for c in kids if c.dep_ == "mark")
            and not any(c.dep_ == "advmod" and c.lower_ in _SUBORDINATORS for c in kids))


def _own_quotation(doc: Doc, start: int, end: int, quotes: list[Chars]) -> Chars | None:
    """``One user wrote 'A,' while another said 'B'`` with the second cue hung on the first quotation's verb: a
    clause that opens a quotation and runs past its close over a verb of saying with a subject of its own (outside
    every quotation) ends with that quotation; the other cue has its own."""
    for qs, qe in quotes:
        if not qs <= start <= qs + 2 or qe >= end:
            continue
        span = doc.char_span(qe, end, alignment_mode="expand")
        for tok in span if span is not None else ():
            if (tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX")
                    and any(c.dep_ in ("nsubj", "nsubjpass") and c.idx >= qe for c in tok.children)
                    and not any(s <= tok.idx < e for s, e in quotes)):
                return qs, qe
        return None
    return None


def _closed(text: str, span: Chars, quotes: list[Chars]) -> Chars:
    """``ready to host talks "for as long as it takes".``: a quotation the content opens ends with its closing mark,
    which the parse hung elsewhere."""
    start, end = span
    for qs, qe in quotes:
        if start <= qs < end < qe and not text[end:qe - 1].strip(" ,.!?"):
            return start, qe
    return span


def next_paragraph(text: str, after: int) -> Chars | None:
    """``He said:`` closing a paragraph: the content is the next paragraph."""
    start = after
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    if end - start < 3 or end - start > 3000:
        return None
    return start, end


def content_for(doc: Doc, cue: Token, spk: Token | None, sent: Span, quotes: list[Chars],
                text: str | None = None) -> Chars | None:
    """The content span a cue introduces, or None when the rules find none; ``text`` is ``doc.text``, read once
    per doc by a caller with many cues (spaCy joins it anew at every read: cues x tokens on a text full of cues)."""
    text = doc.text if text is None else text
    span = _content(doc, cue, spk, sent, quotes, text)
    return None if span is None else with_ellipsis(text, span)


def _content(doc: Doc, cue: Token, spk: Token | None, sent: Span, quotes: list[Chars], text: str) -> Chars | None:
    lemma = cue.lemma_.lower()
    if action_cue(cue):
        return None  # "declared a state of emergency", "asked the council to act": no words reported
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    if not clauses and lemma in VIEW_VERBS:
        for obj in (c for c in cue.children if c.dep_ == "dobj"):
            clauses = [c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl")]
    quote = adjacent_quote(text, cue, spk, sent, quotes)
    back = next((c for c in cue.children if c.dep_ == "nsubjpass" and c.lower_ in ("this", "that")), None)
    if back is not None:
        # "This was reported by several diplomats": the content is the sentence before
        prev = sent.doc[sent.start - 1].sent if sent.start > 0 else None
        return trim(text, prev.start_char, prev.end_char) if prev is not None else None
    if clauses:
        # "It's unlikely; Clinton's team says she'll continue": a clause after the cue wins
        after = [c for c in clauses if c.i > cue.i]
        clause = after[0] if after and (quote is None or quote[1] > cue.idx) else clauses[0]
        if clause.i < cue.i:
            # clause-final cue: the content runs from the sentence start to the speaker or cue
            stop = min([cue.idx] + ([speaker_start(spk).idx] if spk is not None and spk.i < cue.i else []))
            start = sent.start_char
            if quote is not None and quote[1] <= stop + 1:
                return quote
            if text[:stop].rstrip()[-1:] in (":", ";"):
                return None  # "We have been here before: bin Laden declared war": not reported content
            return trim(text, start, stop)
        what = _what_said_were(cue, clause)
        if what is not None:
            return trim(text, *what)
        start, end = span_chars(clause.left_edge, _clause_end(clause))
        own = _own_quotation(doc, start, end, quotes)
        if own is not None:
            return own
        inside = next(((qs, qe) for qs, qe in quotes if qs <= start + 2 and start < qe and qe >= end - 2), None)
        return inside or _closed(text, without_stray_mark(text, *trim(text, start, end)), quotes)
    if quote is not None:
        return quote
    said_end = cue.idx + len(cue.text)
    if lemma == "go":  # "went on:" (quote_rules.went_on): the colon after the particle
        said_end = cue.doc[cue.i + 1].idx + len(cue.doc[cue.i + 1].text)
    if text[said_end:said_end + 2].strip().startswith(":"):
        start, end = trim(text, said_end + 1, sent.end_char)
        return (start, end) if end > start else next_paragraph(text, sent.end_char)
    late = next((c for c in cue.rights if c.dep_ == "advcl" and _finite(c) and not _relative(c)), None)
    if late is not None:
        # "Trump said after the convention he would not accept ...": a misparsed reported clause
        return trim(text, *span_chars(late.left_edge, late.right_edge))
    # "The weather office, posting on its website, said ...": a participle describing a noun hosts nothing
    host = parenthetical(doc, cue, spk, sent, text) if cue.dep_ != "acl" else None
    if host is not None:
        return host
    target = object_content(cue)
    if target is not None:
        return trim(text, *target)
    preps = ABOUT_PREPS if lemma in ABOUT_VERBS else _PREP_CONTENT
    for prep in (c for c in cue.rights if c.dep_ == "prep" and c.lower_ in preps):
        if any(t.ent_type_ in ("DATE", "TIME") for t in prep.children):
            return None  # "spoke on Monday"
        return trim(text, *span_chars(prep, prep.right_edge))
    target = prep_content(cue)
    return trim(text, *target) if target is not None else None


def prep_content(cue: Token) -> Chars | None:
    """``called for a moratorium``, ``called on Trump to stop``, ``pointed to the bill``: the object."""
    if cue.lemma_.lower() in NO_OBJECT_VERBS:
        return None
    rights = list(cue.rights)
    for i, prep in enumerate(rights):
        if prep.dep_ != "prep" or prep.lower_ not in _OBJECT_PREPS:
            continue
        pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is None or pobj.ent_type_ in ("DATE", "TIME"):
            return None
        last = prep.right_edge
        for c in rights[i + 1:]:
            if c.dep_ not in ("xcomp", "ccomp", "prep", "oprd"):
                break
            last = c.right_edge
        return span_chars(pobj.left_edge, last)
    return None


_GAP = re.compile(r"[^\n“\"]{0,40}?[.,:;]?\s*")
_SENTENCE_GAP = re.compile(r"[^\n“”\"]{0,400}?[.!?]\s+")


def continuation(text: str, after: int, end: int, quotes: list[Chars], taken: list[Chars]) -> Chars | None:
    """``"A," he said. "B."``: the quotation resuming after the cue's sentence, in the same paragraph and
    not the content of another attribution, belongs to the same speaker."""
    for qs, qe in quotes:
        if qs < after:
            continue
        if "\n" in text[end:qs] or any(s <= qs + 1 and qe - 1 <= e for s, e in taken):
            break
        if _GAP.fullmatch(text, after, qs) is not None or _SENTENCE_GAP.fullmatch(text, after, qs) is not None:
            return qs, qe
        break
    return None


__all__ = ["adjacent_quote", "attribution_phrase", "content_for", "continuation", "describing_participle",
           "parenthetical", "span_chars", "trim", "what_hedge"]
