"""Extractive summaries of one article or a multi-outlet story: sumy LexRank plus position, support and hygiene."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from sumy.summarizers.lex_rank import LexRankSummarizer

from bot.models import Article, Sentence, SummarySentence
from bot.nlp.clause_repeats import ClauseReader, Parse, parse_english
from bot.nlp.clock_times import clock_words
from bot.nlp.cut_lines import CUT_MARK, cut_line_end
from bot.nlp.line_shapes import (
    closes_unopened_quotation,
    is_bare_quotation,
    leaves_quotation_open,
    opens_with_quotation,
)
from bot.nlp.quote_pieces import inside_earlier_quotation
from bot.nlp.sentence_quality import (
    MAX_WORDS,
    addresses_reader,
    dateline_length,
    junk_reason,
    opens_with_reference,
)
from bot.nlp.silence import silent_subject
from bot.nlp.spelled_numbers import spelled_quantities
from bot.nlp.subjectivity import opinion_score
from bot.nlp.terms import TermAnalyser, english_stop_words, segment_words, word_length

Matrix = np.ndarray[Any, np.dtype[np.float64]]
Mask = np.ndarray[Any, np.dtype[np.bool_]]


class Summariser(Protocol):
    """Anything that turns one article or a story's articles into a few provenance-carrying sentences."""

    def summarise(self, articles: Sequence[Article], sentences: int) -> tuple[SummarySentence, ...]: ...


@dataclass(frozen=True, slots=True)
class SummaryParams:
    """Weights of the sentence score; tuned on the development halves only (see docs/QUALITY.md)."""

    position_weight: float = 0.7  # lead prior: news puts the event first
    position_decay: float = 0.5  # prior = 1 / (1 + rank) ** decay
    centrality_weight: float = 0.3  # sumy LexRank score, scaled to [0, 1]
    support_weight: float = 1.0  # multi-outlet only: how much other outlets say the same thing
    # multi-outlet only: minus this × (lexicon subjectivity + 1 if the sentence hedges), since a story told by
    # several outlets is summarised best in neutral words (NeuS, AllSides roundups; docs/QUALITY.md, fifth round)
    opinion_weight: float = 0.2
    duplicate_threshold: float = 0.45  # TF-IDF cosine at or above which two sentences say the same thing
    # ... or, for two sentences with the same words that differ only in numbers, this share of the longer one's terms
    # also in the other: IDF is counted over the story's sentences, so a sentence a page repeats many times with a
    # new label and number each time ("Section 7: ... contract 1007 ...") weighs its repeated words near zero and its
    # numbers most, and its copies fall below the cosine
    same_terms: float = 0.8
    same_terms_min: int = 5  # ... when both have at least this many terms
    # across outlets a paraphrase shares few words but the same facts: names and numbers
    cross_outlet_threshold: float = 0.2  # ... so there a lower cosine is a duplicate ...
    shared_facts: int = 2  # ... when the two sentences share at least this many names/numbers
    # ... or (English) when both say the same someone gave no comment or explanation ("did not comment" / "did not
    # offer an explanation"; bot/nlp/silence.py)
    silent_repeats: bool = True
    # ... or (English, the summary's choice) when their main clauses have the same subject, verb and an object word
    # ("The House passed a bill ..." / "... the House has passed legislation ...": bot/nlp/clause_repeats.py)
    clause_repeats: bool = True
    short_words: int = 8  # sentences shorter than this are scaled down
    long_words: int = 60  # ... and longer than this too
    length_penalty: float = 0.9
    reader_address_factor: float = 0.2  # "Imagine if you ...": a feature lede, not what happened
    # a feed teaser cut mid-sentence (no end mark, or "...", "…", "[…]"): the last sentence of an article with no whole
    # usable sentence may be a summary line when the whole ones run out, shown cut (bot/nlp/cut_lines.py)
    cut_teasers: bool = True


@dataclass(frozen=True, slots=True)
class _Candidate:
    article: int
    sentence: Sentence
    rank: int  # position among the article's usable sentences (each piece of a joined quotation counted)
    refers_back: bool
    second_tier: bool  # a teaser cut mid-sentence (``cut_end``), used only if whole sentences run out
    to_reader: bool  # talks to the reader outside quotes: scaled down (SummaryParams.reader_address_factor)
    words: tuple[str, ...]  # word tokens (pieces of text written without spaces: segment_words), computed once
    length: float  # in English words (bot/nlp/terms.py, word_length): the number of words for spaced text
    analyser: TermAnalyser  # its article's language's stemmer and stop words
    cut_end: int | None = None  # second tier: how much of the sentence's text is shown before CUT_MARK
    # a quotation and nothing else ('"I will step down."', ``is_bare_quotation``): no speaker, so never a line
    bare_quote: bool = False


ADDITION_RANKS = 8  # SumySummariser.additions looks this far into each article: a main point, not a footnote
ADDITION_MAX_SIMILARITY = 0.3  # ... at a sentence sharing no more words than this with every other outlet's
# an article whose fit with the rest of its story (``article_fit``) is below this share of the best-fitting article's
# reads after the story's core (``reading_order``)
CORE_FIT_SHARE = 0.7
_OPENING_QUOTES = "\"“‘'«„"


class SumySummariser:
    """The default summariser: candidates cleaned, scored, then picked greedily without repeats.

    Each sentence is stemmed, and its stop words left out, in its article's language (``Article.language``), so
    a story told in several languages compares its sentences within each language; across languages they share
    little (numbers, and the names both languages stem alike), so neither supports nor repeats the other."""

    def __init__(self, params: SummaryParams | None = None, analyser: TermAnalyser | None = None,
                 parse: Parse = parse_english) -> None:
        self.params = params or SummaryParams()
        self._parse = parse  # English sentences to spaCy docs, for ``clause_repeats``
        self._analyser = analyser or TermAnalyser()
        self._lexrank: Any = LexRankSummarizer(self._analyser.stem)
        self._lexrank.stop_words = english_stop_words()
        self._english = self._analyser.for_language("en")

    def summarise(self, articles: Sequence[Article], sentences: int) -> tuple[SummarySentence, ...]:
        """The summary of whole sentences; when they run out before ``sentences`` lines, feed teasers cut
        mid-sentence (``SummaryParams.cut_teasers``) fill the rest as a last resort, after them and repeating none."""
        cands = self._candidates(articles)
        whole = [c for c in cands if not c.second_tier]
        if not cands or sentences <= 0:
            return ()
        picks = self._pick(articles, whole, sentences) if whole else []
        if len(picks) < sentences and len(whole) < len(cands):
            index = {id(c): i for i, c in enumerate(cands)}
            picks += self._pick(articles, cands, sentences, [index[id(c)] for c in picks], fill=True)
        return tuple(_provenance(articles[c.article], c.sentence, c.cut_end) for c in picks)

    def _pick(self, articles: Sequence[Article], cands: list[_Candidate], sentences: int,
              chosen: Sequence[int] = (), *, fill: bool = False) -> list[_Candidate]:
        """Up to ``sentences`` lines of ``cands`` after the ``chosen`` ones (indices into ``cands``, already shown),
        the new ones only, in reading order. ``fill``: only cut teasers may be added (the bigger pool's statistics
        must not let in a whole line the summary of whole lines left out as a repeat)."""
        ours, sumy_terms, numeric = self._counts(cands)
        vectors = _tfidf(ours)
        sims = vectors @ vectors.T
        scores = self._scores(cands, sims, len(articles), self._centrality(sumy_terms))
        reader = ClauseReader(self._parse) if self.params.clause_repeats else None
        picked = self._select(cands, scores, self._same_terms(ours, sims, numeric), sentences, list(chosen),
                              whole=not fill, clauses=reader)
        added = picked[len(chosen):]
        fit = article_fit([c.article for c in cands], vectors, len(articles))
        order = reading_order([(cands[i].article, cands[i].rank, cands[i].sentence.index) for i in added], fit)
        return [cands[added[k]] for k in order]

    def additions(self, articles: Sequence[Article], *,
                  skip: Collection[tuple[str, int]] = ()) -> dict[str, SummarySentence]:
        """What each outlet reports that no other outlet of the story does: per article id, its first clean
        statement (among its first ADDITION_RANKS usable sentences, 8-60 words, not a back-reference, not a
        quotation, which "who said what" shows) that repeats nothing in another outlet's articles (the test the
        summary uses against repeats) and shares few words with any of it (TF-IDF cosine below
        ADDITION_MAX_SIMILARITY). ``skip``: (article id, sentence index) pairs already shown, e.g. the summary's."""
        cands = [c for c in self._candidates(articles) if not c.second_tier]  # as before cut teasers were lines
        outlets = [a.outlet.strip().casefold() or a.id for a in articles]
        if len(set(outlets)) < 2 or not cands:
            return {}
        ours, _, numeric = self._counts(cands)
        vectors = _tfidf(ours)
        sims = self._same_terms(ours, vectors @ vectors.T, numeric)
        owner = np.array([outlets[c.article] for c in cands])
        out: dict[str, SummarySentence] = {}
        for i, c in enumerate(cands):
            article = articles[c.article]
            if (article.id in out or c.rank >= ADDITION_RANKS or c.refers_back or c.to_reader
                    or not 8 <= c.length <= 60 or (article.id, c.sentence.index) in skip
                    or c.sentence.text.lstrip()[:1] in _OPENING_QUOTES):
                continue
            others = np.flatnonzero(owner != outlets[c.article])
            if (others.size and float(sims[i, others].max()) < ADDITION_MAX_SIMILARITY
                    and not any(self._repeats(cands, sims, i, int(j)) for j in others)):
                out[article.id] = _provenance(article, c.sentence)
        return out

    def _candidates(self, articles: Sequence[Article]) -> list[_Candidate]:
        out: list[_Candidate] = []
        for a, article in enumerate(articles):
            analyser = self._analyser.for_language(article.language)
            rank = 0
            reasons = [junk_reason(sent.text) for sent in article.sentences]
            inside = -1  # the last sentence a quotation joined to an earlier one (``_quotation_end``) ends in
            earlier = inside_earlier_quotation(article.text, article.sentences)  # pieces with no mark of their own
            for k, (orig, reason) in enumerate(zip(article.sentences, reasons, strict=True)):
                cut_end = None
                sent: Sentence | None = orig
                if k <= inside or k in earlier:  # a quotation's piece, which keeps its place in the count of ``rank``
                    if reason is None:
                        rank += 1
                    continue
                if reason is not None:
                    cut_end = self._cut_end(article, k, reasons)
                    if cut_end is None:
                        continue
                elif leaves_quotation_open(orig.text):
                    sent, inside = _quotation_end(article, k)
                if sent is None:
                    rank += 1
                    continue
                tokens = tuple(segment_words(sent.text))
                out.append(_Candidate(a, sent, rank, opens_with_reference(sent.text, article.language),
                                      cut_end is not None, addresses_reader(sent.text, article.language), tokens,
                                      word_length(sent.text), analyser, cut_end, is_bare_quotation(sent.text)))
                rank += 1
        return out

    def _cut_end(self, article: Article, k: int, reasons: Sequence[str | None]) -> int | None:
        """``cut_line_end`` of the article's sentence ``k`` when it may be a last-resort line: the article's last
        sentence, cut mid-sentence, in an article with no whole usable sentence (a feed teaser and nothing else)."""
        if not self.params.cut_teasers or k != len(reasons) - 1 or any(r is None for r in reasons):
            return None
        return cut_line_end(article.sentences[k].text, english=article.language.startswith("en"))

    def _counts(self, cands: list[_Candidate]) -> tuple[Matrix, Matrix, Mask]:
        """Term counts per candidate, stemmed once: ours (no single letters) and sumy LexRank's, and which terms
        (columns) are numbers (hold a digit). English sentences leave out sumy LexRank's stop words; others their
        language's."""
        vocab: dict[str, int] = {}
        cells: list[tuple[int, int, bool]] = []
        for row, c in enumerate(cands):
            analyser = c.analyser
            stop = self._stop_words(c)
            stem, normal = analyser.stem, analyser.normal if analyser.elides else None
            for word in c.words:
                low = word.lower() if normal is None else normal(word)
                if low not in stop:
                    cells.append((row, vocab.setdefault(stem(low), len(vocab)), len(low) > 1 or low.isdigit()))
        sumy_counts = np.zeros((len(cands), max(1, len(vocab))))
        our_counts = np.zeros_like(sumy_counts)
        if cells:
            rows, cols, kept = (np.array(x) for x in zip(*cells, strict=True))
            np.add.at(sumy_counts, (rows, cols), 1.0)
            np.add.at(our_counts, (rows[kept], cols[kept]), 1.0)
        numeric = np.zeros(sumy_counts.shape[1], dtype=bool)
        numeric[:len(vocab)] = [any(ch.isdigit() for ch in term) for term in vocab]
        return our_counts, sumy_counts, numeric

    def _centrality(self, counts: Matrix) -> Matrix:
        """sumy's LexRank over the candidates: its IDF-modified cosine graph (built with numpy) and power method.

        The same formula as ``LexRankSummarizer._create_matrix`` (tf / max tf, idf = log(N / (1 + n)),
        edges above sumy's threshold, rows divided by degree) without its pure-Python double loop;
        tests/nlp_summary check that the scores equal sumy's own.
        """
        n = len(counts)
        if n < 3:
            return np.ones(n)
        lex = self._lexrank
        tf = counts / np.maximum(counts.max(axis=1, keepdims=True), 1.0)
        weighted = tf * np.log(n / (1.0 + (counts > 0).sum(axis=0)))
        norms = np.sqrt((weighted**2).sum(axis=1))
        norms[norms == 0] = np.inf  # a sentence without terms is similar to nothing
        edges = ((weighted @ weighted.T) / np.outer(norms, norms) > lex.threshold).astype(float)
        edges /= np.maximum(edges.sum(axis=1, keepdims=True), 1.0)
        with np.errstate(invalid="ignore", divide="ignore"):  # a graph without edges gives 0/0
            scores = np.nan_to_num(np.asarray(lex.power_method(edges, lex.epsilon), dtype=float))
        top = float(scores.max()) if scores.size else 0.0
        return scores / top if top > 0 else np.ones(n)

    def _support(
        self, cands: list[_Candidate], sims: Matrix, n_articles: int
    ) -> Matrix:
        """Mean over the other outlets of the best match there: facts several outlets report score high."""
        support = np.zeros(len(cands))
        if n_articles < 2:
            return support
        owner = np.array([c.article for c in cands])
        present = sorted(set(owner.tolist()))
        for b in present:
            cols = owner == b
            best = sims[:, cols].max(axis=1)
            support += np.where(owner == b, 0.0, best)
        return support / max(1, len(present) - 1)

    def _scores(self, cands: list[_Candidate], sims: Matrix, n_articles: int, centrality: Matrix) -> Matrix:
        p = self.params
        prior = np.array([1.0 / (1.0 + c.rank) ** p.position_decay for c in cands])
        score = p.position_weight * prior + p.centrality_weight * centrality
        if n_articles > 1:
            score += p.support_weight * self._support(cands, sims, n_articles)
        for i, c in enumerate(cands):
            n = c.length
            if n < p.short_words or n > p.long_words:
                score[i] *= p.length_penalty
            if c.to_reader:
                score[i] *= p.reader_address_factor
        if n_articles > 1 and p.opinion_weight:
            score -= p.opinion_weight * np.array([opinion_score(c.sentence.text) for c in cands])
        return score

    def _select(
        self,
        cands: list[_Candidate],
        scores: Matrix,
        sims: Matrix,
        count: int,
        chosen: list[int] | None = None,
        *,
        whole: bool = True,
        clauses: ClauseReader | None = None,
    ) -> list[int]:
        """Greedy by score after the ``chosen`` ones; skip near-duplicates; a back-referring sentence waits for its
        antecedent. ``whole=False``: only cut teasers (``second_tier``) may be added. ``clauses``: repeats told by
        grammar too (``_repeats``)."""
        order = [int(i) for i in np.argsort(-scores, kind="stable") if whole or cands[int(i)].second_tier]
        chosen = chosen if chosen is not None else []
        picked = {(cands[i].article, cands[i].sentence.index) for i in chosen}
        while len(chosen) < count:
            for i in order:
                c = cands[i]
                if i in chosen or any(self._repeats(cands, sims, i, j, clauses) for j in chosen):
                    continue
                if c.refers_back and (c.article, c.sentence.index - 1) not in picked:
                    continue
                if c.bare_quote:  # who spoke is in another sentence: the reader of this line alone cannot tell
                    continue
                chosen.append(i)
                picked.add((c.article, c.sentence.index))
                break
            else:
                break
        return chosen


    def _repeats(self, cands: list[_Candidate], sims: Matrix, i: int, j: int,
                 clauses: ClauseReader | None = None) -> bool:
        """Does candidate ``i`` say what the chosen ``j`` says? Same words, or (across outlets) the
        same facts in other words: "Temperatures reached 24.1 degrees in Lisport on Tuesday" /
        "Lisport recorded 24.1 degrees on Tuesday". An English quantity in words reads as its number there
        ("three decades" / "thirty years": "30 years", ``spelled_quantities``). Two English lines saying the same
        someone gave no comment or explanation are the same fact however worded ("The justices did not comment" /
        "The justices did not offer an explanation": ``silent_subject``). With ``clauses``, two English lines whose
        main clauses have the same subject, verb and an object word are one statement ("The House passed a bill
        ..." / "... the House has passed legislation that would ...": ``Clause.repeats``)."""
        p = self.params
        if sims[i, j] >= p.duplicate_threshold:
            return True
        if cands[i].article == cands[j].article or sims[i, j] < p.cross_outlet_threshold:
            return False
        if p.silent_repeats and self._silent(cands[i]) is not None and self._silent(cands[i]) == self._silent(cands[j]):
            return True
        shared = self._facts(cands[i]) & self._facts(cands[j])
        # a number is a fact on its own: the same "38 percent" in two outlets is the same statement
        weight = sum(2 if any(ch.isdigit() for ch in fact) else 1 for fact in shared)
        if weight >= p.shared_facts:
            return True
        if clauses is None or cands[i].analyser is not self._english or cands[j].analyser is not self._english:
            return False
        mine, theirs = clauses.clause(cands[i].sentence.text), clauses.clause(cands[j].sentence.text)
        return mine is not None and theirs is not None and mine.repeats(theirs)

    def _same_terms(self, counts: Matrix, sims: Matrix, numeric: Mask) -> Matrix:
        """``sims`` with 1.0 for each pair of sentences of at least ``same_terms_min`` terms that differ only in
        numbers (``numeric``: which terms are) and share at least ``same_terms`` of the longer one's terms: what
        the repeat test reads. A longer sentence that adds words (facts) to a short one's, or one that changes a
        word of another's ("said" / "denied"), is left to the cosine."""
        present = (counts > 0).astype(float)
        sizes = present.sum(axis=1)
        shared = (present @ present.T) / np.maximum(np.maximum.outer(sizes, sizes), 1.0)
        named = present[:, ~numeric]  # the words: a repeat has the same ones
        held = named.sum(axis=1)
        common = named @ named.T
        same_words = (common == held[:, None]) & (common == held[None, :])
        same = ((np.minimum.outer(sizes, sizes) >= self.params.same_terms_min) & same_words
                & (shared >= self.params.same_terms))
        return np.where(same, 1.0, sims)

    def _facts(self, cand: _Candidate) -> set[str]:
        """``facts`` of a candidate, an English one's quantities in words read as numbers and its clock times as
        one token ("6pm" / "18:00": "18h00", ``clock_words``)."""
        if cand.analyser is not self._english:
            return facts(cand.words, self._stop_words(cand))
        return facts(spelled_quantities(clock_words(cand.sentence.text, cand.words)), self._stop_words(cand))

    def _silent(self, cand: _Candidate) -> str | None:
        """The stemmed ``silent_subject`` of an English candidate; None for other languages."""
        if cand.analyser is not self._english:
            return None
        subject = silent_subject(cand.sentence.text)
        return None if subject is None else self._english.stem(subject)

    def _stop_words(self, cand: _Candidate) -> frozenset[str]:
        """sumy LexRank's stop words for an English sentence (as ``_counts``), else its language's."""
        return self._lexrank.stop_words if cand.analyser is self._english else cand.analyser.stop_words


def facts(tokens: Sequence[str], stop_words: Collection[str] = ()) -> set[str]:
    """Names and numbers of a sentence: capitalised words that are not function words ("The", "He"),
    and anything with a digit; possessives folded ("Valdoria's" -> "valdoria")."""
    out = set()
    for token in tokens:
        low = token.lower().removesuffix("'s").removesuffix("’s")
        if any(ch.isdigit() for ch in token) or (token[:1].isupper() and len(low) > 1 and low not in stop_words):
            out.add(low)
    return out


def _tfidf(counts: Matrix) -> Matrix:
    """Unit rows of log-scaled term counts times smoothed IDF: the vectors for redundancy and support."""
    matrix = np.where(counts > 0, 1.0 + np.log(np.maximum(counts, 1.0)), 0.0)
    matrix *= np.log((len(counts) + 1) / ((counts > 0).sum(axis=0) + 1)) + 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def article_fit(owner: Sequence[int], vectors: Matrix, n_articles: int) -> list[float]:
    """How well each article fits the rest of its story: the mean cosine of its text (the sum of its sentences' unit
    TF-IDF vectors) with each other article's; 1.0 for every article of a one-article story, 0.0 for an article
    without a usable sentence."""
    if n_articles < 2:
        return [1.0] * n_articles
    rows = np.asarray(owner)
    texts = np.zeros((n_articles, vectors.shape[1]))
    np.add.at(texts, rows, vectors)
    norms = np.linalg.norm(texts, axis=1, keepdims=True)
    texts /= np.where(norms == 0, 1.0, norms)
    sims = texts @ texts.T
    return [float((sims[a].sum() - sims[a, a]) / (n_articles - 1)) for a in range(n_articles)]


def reading_order(picks: Sequence[tuple[int, int, int]], fit: Sequence[float] | None = None) -> list[int]:
    """Positions of ``(article, rank, sentence index)`` picks in reading order: each article's picks together
    and in order, the article whose pick stands highest in it (its lead, usually) first, so a story opens
    with the event rather than a detail from the first outlet. With ``fit`` (per article: ``article_fit``), an
    article that fits the story much less than the best-fitting one (below CORE_FIT_SHARE of it: a loosely related
    article that joined the story) comes after the story's core, and among equals the better-fitting one first,
    so the opening line comes from the story's core."""
    opening: dict[int, int] = {}
    for article, rank, _ in picks:
        opening[article] = min(opening.get(article, rank), rank)
    if fit is None:
        return sorted(range(len(picks)), key=lambda k: (opening[picks[k][0]], picks[k][0], picks[k][2]))
    top = max((fit[a] for a in opening), default=0.0)

    def key(k: int) -> tuple[bool, int, float, int, int]:
        article = picks[k][0]
        return fit[article] < CORE_FIT_SHARE * top, opening[article], -fit[article], article, picks[k][2]

    return sorted(range(len(picks)), key=key)


def _quotation_end(article: Article, k: int) -> tuple[Sentence | None, int]:
    """The article's sentence ``k``, which opens a quotation it does not close (``leaves_quotation_open``: the
    splitter cut a quotation of several sentences), joined with the sentences after it on the same line up to the
    one that closes the quotation ('He tweeted that "we cannot let them die in vain. We never forget them."'), and
    the index of the quotation's last sentence. The joined line is None when it is not usable (``junk_reason``: over
    MAX_WORDS words, say), or the quotation does not close on its line or before a sentence that opens with a
    quotation mark (a quotation of several paragraphs opens each with a mark and closes only the last, and pages
    that run paragraphs together leave them on one line; the quotation's piece ends before it) or before a gap in
    the article's sentences (``bot/followups.py`` keeps the novel ones only): a line that ends inside a quotation is
    never shown, and neither is a piece from inside one, with no marks. Past MAX_WORDS words only each sentence's
    own marks are read (the piece ends at one that closes a quotation it did not open), so a long line costs
    linear time."""
    sentences = article.sentences
    first = sentences[k]
    last = k
    joinable = True
    for j in range(k + 1, len(sentences)):
        sentence = sentences[j]
        if (sentence.index != sentences[j - 1].index + 1  # a follow-up's novel sentences only
                or "\n" in article.text[sentences[j - 1].end:sentence.start]
                or opens_with_quotation(sentence.text)):
            break
        last = j
        if joinable:
            text = article.text[first.start:sentence.end]
            joinable = word_length(text) <= MAX_WORDS
            if joinable and not leaves_quotation_open(text):
                return (None if junk_reason(text) else Sentence(first.index, first.start, sentence.end, text)), j
        if not joinable and closes_unopened_quotation(sentence.text):
            return None, j
    return None, last


def _provenance(article: Article, sentence: Sentence, cut_end: int | None = None) -> SummarySentence:
    """The summary line with its exact span; a leading dateline is left out of the span. A teaser cut mid-sentence
    (``cut_end``: the characters of its text shown) spans the words shown, and its line ends in CUT_MARK."""
    start = sentence.start + dateline_length(sentence.text, article.language)
    if cut_end is None:
        return SummarySentence(article.text[start : sentence.end], article.id, sentence.index, start, sentence.end)
    end = sentence.start + cut_end
    return SummarySentence(article.text[start:end] + CUT_MARK, article.id, sentence.index, start, end)


def default_summariser() -> Summariser:
    """sumy LexRank underneath, with a position prior, cross-source support, dedupe and quality filters."""
    return SumySummariser()
