"""Bounded NLP time on hostile text: overlong sentences parsed as separate pieces, overlong tokens left unparsed."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

import numpy
from spacy.language import Language
from spacy.tokens import Doc

# Longest stretch between sentence ends in the shared eval texts (5,923 texts, 7.9 M chars): p99.9 352 chars,
# max 1,063 (docs/BENCHMARKS.md). Anything longer than this is cut at a space: no real sentence gets here.
MAX_RUN_CHARS = 2_000
# Longest unbroken token in the same texts: 39 chars. spaCy's tokenizer is quadratic in the length of a run of
# punctuation (``"<" * 20_000``: minutes), so a run of non-space characters longer than this is not given to the
# pipeline at all: it becomes one token of its own, a sentence of its own, with no tags. URLs too (a URL prefix does
# not make the tokenizer faster, and URLs this long are rare in article text).
MAX_TOKEN_CHARS = 200

# The same stretch counted in words and marks (``\w+`` or one other non-space character, about spaCy's tokens): p99.9
# 69, max 242. quote_rules reads a cue's whole sentence, so a sentence's token count is what costs.
MAX_RUN_TOKENS = 400
_TOKEN = re.compile(r"\w+|[^\w\s]")

_SENTENCE_END = re.compile(r"[.!?][)\]\"'”’»]*\s|\n")
_TO_LAST_SPACE = re.compile(r".*\s", re.DOTALL)

# Words and marks quote finding reads of one text (a run too long to parse counts as one): spaCy costs 0.2-0.5 ms a
# token on our 2-core machine, so punctuation-dense text (a token every two characters) cost 20-110 s at 200,000
# characters, and the speaker rules grow faster than linearly with a text full of cues. The longest of 4,300 seed
# and eval texts holds 5,076 (about 60,000 characters of prose is 12,000): real articles are read whole.
MAX_PARSED_TOKENS = 12_000
_BUDGET_TOKEN = re.compile(rf"(?<!\S)\S{{{MAX_TOKEN_CHARS + 1},}}|\w+|[^\w\s]")


def pieces(text: str, max_run: int = MAX_RUN_CHARS, max_token: int = MAX_TOKEN_CHARS) -> list[tuple[str, bool]]:
    """``text`` as the pieces the parser sees, each with whether it is parsed (else one bare token); they
    concatenate to ``text`` exactly, and any text a person would write is one parsed piece."""
    spans: list[tuple[int, int, bool]] = []
    pos = 0
    for m in re.finditer(rf"(?<!\S)\S{{{max_token + 1},}}", text):
        _cut_stretch(text, pos, m.start(), max_run, spans)
        spans.append((m.start(), m.end(), False))
        pos = m.end()
    _cut_stretch(text, pos, len(text), max_run, spans)
    if not spans or spans == [(0, len(text), True)]:
        return [(text, True)]
    return [(text[a:b], parsed) for a, b, parsed in spans]


def cut_points(text: str) -> list[int]:
    """Offsets where ``text`` is cut into pieces; empty for any text a person would write."""
    offsets = [0]
    for piece, _parsed in pieces(text):
        offsets.append(offsets[-1] + len(piece))
    return offsets[1:-1]


def _cut_stretch(text: str, start: int, end: int, max_run: int, spans: list[tuple[int, int, bool]]) -> None:
    """``text[start:end]`` in parsed pieces, cut after a space so no stretch between sentence ends is longer
    than ``max_run``."""
    cuts: list[int] = []
    run = start
    for m in _SENTENCE_END.finditer(text, start, end):
        _cut_run(text, run, m.end(), max_run, cuts)
        run = m.end()
    _cut_run(text, run, end, max_run, cuts)
    bounds = [start, *cuts, end]
    spans.extend((a, b, True) for a, b in itertools.pairwise(bounds) if b > a)


def _cut_run(text: str, start: int, end: int, max_run: int, cuts: list[int]) -> None:
    """Cut points for one stretch with no sentence end: after the last space before ``max_run`` characters or
    ``MAX_RUN_TOKENS`` words and marks, whichever comes first."""
    while start < end:
        limit = min(end, start + max_run)
        if limit - start > MAX_RUN_TOKENS:  # a token is at least one character
            over = next(itertools.islice(_TOKEN.finditer(text, start, limit), MAX_RUN_TOKENS, None), None)
            limit = over.start() if over else limit
        if limit == end:
            return
        spaced = _TO_LAST_SPACE.match(text, start + 1, limit)
        cut = spaced.end() if spaced else limit
        cuts.append(cut)
        start = cut


def budget_tokens(text: str) -> int:
    """Words and marks of ``text`` as the budget counts them."""
    return sum(1 for _m in _BUDGET_TOKEN.finditer(text))


def budget_end(text: str, max_tokens: int | None = None) -> int:
    """How much of ``text`` quote finding reads: all of it within ``max_tokens`` (``MAX_PARSED_TOKENS``) words and
    marks, else up to the last sentence end before the first token over, failing that the last space."""
    budget = MAX_PARSED_TOKENS if max_tokens is None else max_tokens
    over = next(itertools.islice(_BUDGET_TOKEN.finditer(text), budget, None), None)
    if over is None:
        return len(text)
    limit = over.start()
    window = max(0, limit - MAX_RUN_CHARS)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, window, limit)]
    if ends:
        return ends[-1]
    spaced = _TO_LAST_SPACE.match(text, window, limit)
    return spaced.end() if spaced else limit


def _bare(nlp: Language, piece: str, width: int) -> Doc:
    """A piece not worth parsing (a long run with no space) as one token that is its own sentence."""
    doc = Doc(nlp.vocab, words=[piece], spaces=[False], heads=[0], deps=["ROOT"], sent_starts=[True])
    doc.tensor = numpy.zeros((1, width), dtype="float32")
    return doc


def join(docs: list[Doc], text: str) -> Doc:
    """One doc from the parsed pieces of ``text``: character offsets index ``text``."""
    if len(docs) == 1:
        return docs[0]
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:  # never expected: pieces are cut between characters, spaces stay with their token
        raise ValueError("joined pieces do not reproduce the text")
    return doc


def _assemble(nlp: Language, parts: list[tuple[str, bool]], parsed: Iterator[Doc]) -> list[Doc]:
    docs = [next(parsed) if is_parsed else None for _piece, is_parsed in parts]
    width = next((d.tensor.shape[1] for d in docs if d is not None and d.tensor.ndim == 2), 0)
    return [d if d is not None else _bare(nlp, piece, width) for d, (piece, _p) in zip(docs, parts, strict=True)]


def parse(nlp: Language, text: str) -> Doc:
    """``nlp(text)``, with hostile stretches parsed piece by piece (near-linear time)."""
    parts = pieces(text)
    if parts == [(text, True)]:
        return nlp(text)
    parsed = nlp.pipe(piece for piece, is_parsed in parts if is_parsed)
    return join(_assemble(nlp, parts, iter(parsed)), text)


def pipe(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """``nlp.pipe(texts)`` with the same guard as ``parse``; docs come back in order, one per text."""
    split: list[tuple[str, list[tuple[str, bool]]]] = []

    def flat() -> Iterator[str]:
        for text in texts:
            parts = pieces(text)
            split.append((text, parts))
            yield from (piece for piece, is_parsed in parts if is_parsed)

    source = iter(nlp.pipe(flat(), batch_size=batch_size))
    ahead: list[Doc] = []
    index = 0
    while True:
        if index == len(split):  # the next text's pieces are listed once its first piece is asked for
            first = next(source, None)
            if first is not None:
                ahead.append(first)
            elif index == len(split):  # every text is listed: the last ones may have no parsed piece
                return
        text, parts = split[index]
        yield join(_assemble(nlp, parts, _drain(ahead, source)), text)
        index += 1


def _drain(ahead: list[Doc], source: Iterator[Doc]) -> Iterator[Doc]:
    """The docs read ahead, then the rest; a plain loop, as ``yield from`` would close ``source`` with this."""
    while ahead:
        yield ahead.pop(0)
    for doc in source:  # noqa: UP028
        yield doc
