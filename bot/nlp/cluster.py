"""Incremental story clustering: an article joins the most similar recent story, found via an inverted index."""

from __future__ import annotations

import heapq
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import lru_cache
from operator import itemgetter
from typing import Any

import numpy as np

from bot.models import Article
from bot.nlp.anchors import NUMBER, article_anchors, language_key
from bot.nlp.terms import TermAnalyser
from bot.outlets import outlet_name

Vector = np.ndarray[Any, np.dtype[np.float64]]

NAME = "@"  # prefix that keeps name terms apart from plain terms in one vector
# how far an article may lie outside a story's span and still join it: outlets cover one event over up to
# about four days (opinion and weekly pieces later); tuned on the AllSides dev half (docs/QUALITY.md)
STORY_WINDOW = timedelta(hours=96)
_outlet_key = lru_cache(maxsize=4096)(outlet_name)  # names repeat across every article of an outlet


def same_outlet(outlet: str, outlets: Iterable[str]) -> bool:
    """Whether ``outlet`` is one of ``outlets`` by name, compared as bot/outlets.py compares names (case, spacing
    and a leading "The" aside: "The Lindholt Courier" is "Lindholt Courier"); never for no name."""
    key = _outlet_key(outlet)
    return bool(key) and any(_outlet_key(o) == key for o in outlets)


def distinct_outlets(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` with each outlet once, in its first spelling: names compared as ``same_outlet`` compares them
    ("The Lindholt Courier" then "Lindholt Courier" is one outlet); a name that is no outlet's ("", spaces) once as
    written."""
    kept: dict[str, str] = {}
    for name in names:
        kept.setdefault(_outlet_key(name) or name, name)  # "" and spaces fold to "": keyed as written, never as one
    return tuple(kept.values())


@dataclass(frozen=True, slots=True)
class ClusterParams:
    """Tuned on the earlier half of the AllSides set only (see docs/QUALITY.md)."""

    threshold: float = 0.2  # cosine (IDF-weighted) at or above which an article joins a story
    title_weight: float = 2.0  # title terms count this many times
    name_weight: float = 0.0  # names and numbers count this much on top of their plain term
    lead_sentences: int = 8  # long articles: the event is in the lead; later text adds noise
    profile_terms: int = 80  # terms kept per story profile
    query_terms: int = 12  # an article's most distinctive terms used to look up candidates
    prior_stories: float = 20.0  # pseudo-count that keeps IDF sane while few articles have been seen
    same_outlet_penalty: float = 0.3  # an outlet rarely files two articles on one event: scale sim down
    size_growth: float = 0.6  # bigger stories need a closer match (threshold * (1 + g * ln min(size, 4)))
    time_scale_hours: float = 0.0  # > 0: similarity decays as exp(-gap / scale) outside the story's span
    # joins across languages (only into a story none of whose articles is in the article's language), on names and
    # numbers of the title and lead (bot/nlp/anchors.py); set on our own multilingual set (docs/QUALITY.md)
    cross_threshold: float = 0.55  # IDF-weighted overlap of anchors at or above which it joins; above 1: never
    cross_min_shared: int = 2  # ... and at least this many shared anchors, one of them a name
    profile_anchors: int = 60  # anchors kept per story profile
    # [stories] join_languages = false: a story whose articles' languages are known takes only articles in one of
    # them (no join across languages, on anchors or on stems); a story of unknown languages is judged as before
    languages_apart: bool = False


@dataclass(frozen=True, slots=True)
class StoryProfile:
    """What the clusterer remembers of a story; persisted by the store as JSON."""

    story_id: str
    terms: tuple[tuple[str, float], ...]  # summed per-article term weights (names prefixed "@")
    first: datetime | None = None
    last: datetime | None = None
    size: int = 0
    article_ids: tuple[str, ...] = field(default=())
    outlets: tuple[str, ...] = field(default=())
    # language_key of each article, in article_ids' order; () in profiles saved before, and shorter than size when
    # articles were added to such a profile: then the story's languages are unknown
    languages: tuple[str, ...] = field(default=())
    anchors: tuple[tuple[str, float], ...] = field(default=())  # names and numbers: in how many articles each

    def to_json(self) -> str:
        return json.dumps(
            {
                "story_id": self.story_id,
                "terms": [[t, w] for t, w in self.terms],
                "first": self.first.isoformat() if self.first else None,
                "last": self.last.isoformat() if self.last else None,
                "size": self.size,
                "article_ids": list(self.article_ids),
                "outlets": list(self.outlets),
                "languages": list(self.languages),
                "anchors": [[a, n] for a, n in self.anchors],
            },
            ensure_ascii=False,
        )

    @staticmethod
    def from_json(s: str) -> StoryProfile:
        d = json.loads(s)
        return StoryProfile(
            story_id=str(d["story_id"]),
            terms=tuple((str(t), float(w)) for t, w in d["terms"]),
            first=datetime.fromisoformat(d["first"]) if d.get("first") else None,
            last=datetime.fromisoformat(d["last"]) if d.get("last") else None,
            size=int(d.get("size", 0)),
            article_ids=tuple(d.get("article_ids", ())),
            # one spelling per outlet: a profile saved before that rule may have "The X" beside "X"
            outlets=distinct_outlets(str(o) for o in d.get("outlets", ())),
            languages=tuple(str(x) for x in d.get("languages", ())),
            anchors=tuple((str(a), float(n)) for a, n in d.get("anchors", ())),
        )


def article_terms(article: Article, analyser: TermAnalyser, params: ClusterParams) -> dict[str, float]:
    """Log-scaled term weights of title + lead, names counted again under their own key, unit total; stemmed and
    stop words left out in the article's language (a story's profile then holds each language's stems)."""
    analyser = analyser.for_language(article.language)
    lead = " ".join(s.text for s in article.sentences[: params.lead_sentences]) or article.text
    counts: defaultdict[str, float] = defaultdict(float)
    for text, weight in ((article.title, params.title_weight), (lead, 1.0)):
        for term in analyser.index_terms(text):  # text without spaces between words in pieces
            counts[term] += weight
        if params.name_weight > 0:
            for name in analyser.names(text):
                counts[NAME + name] += weight * params.name_weight
    weights = {t: 1.0 + math.log(c) if c >= 1 else c for t, c in counts.items()}
    total = sum(weights.values()) or 1.0
    return {t: w / total for t, w in weights.items()}


class StoryClusterer:
    """Assigns articles to stories one at a time; never re-clusters what is already placed."""

    def __init__(
        self,
        profiles: Iterable[StoryProfile] = (),
        *,
        window: timedelta = STORY_WINDOW,
        params: ClusterParams | None = None,
        analyser: TermAnalyser | None = None,
        seen: Mapping[str, datetime] | None = None,
        now: datetime | None = None,
    ) -> None:
        """``seen``: when each story of undated articles among ``profiles`` was first seen; ``now``: when the
        articles added are seen. With them an undated article counts as published ``now`` and an undated story as
        published when it was first seen (the window, eviction), so such stories age as dated ones do; without them
        an undated article or story is inside every window and never evicted."""
        self.window = window
        self.now = now
        self._first_seen: dict[str, datetime] = dict(seen or {})  # undated story id -> when it was first seen
        self.params = params or ClusterParams()
        self._analyser = analyser or TermAnalyser()
        self._profiles: dict[str, StoryProfile] = {}
        self._index: defaultdict[str, set[str]] = defaultdict(set)
        self._terms = _TermTable()  # term ids and in how many articles (or loaded profiles) each occurs
        self._seen = 0
        self._changed: dict[str, StoryProfile] = {}
        self._story_of: dict[str, str] = {}  # article id -> story id
        self._arrays: dict[str, tuple[np.ndarray[Any, np.dtype[np.int64]], Vector]] = {}  # term ids, weights
        self._expiry: list[tuple[datetime, str]] = []  # (last time, story id): a min-heap for eviction
        self._newest: datetime | None = None
        # cross-language joins keep their own index and statistics: the stems' ones never see an anchor
        self._anchor_index: defaultdict[str, set[str]] = defaultdict(set)
        self._anchor_df: defaultdict[str, int] = defaultdict(int)
        self._anchor_seen = 0
        # stories held whose articles' languages are all known, and of them how many have an article in each language:
        # when every such story has one in an article's language, no story can take it across languages
        self._known_stories = 0
        self._stories_in: Counter[str] = Counter()
        for profile in profiles:
            self._put(profile)
            self._terms.count(t for t, _ in profile.terms)  # IDF statistics start from what was saved
            self._seen += 1
            self._count_anchors(a for a, _ in profile.anchors)

    def add(self, article: Article) -> str:
        """The id of the story this article belongs to: an existing one if same event, else a new one."""
        known = self._story_of.get(article.id)
        if known is not None:
            return known
        when = article.published or self.now
        self._evict(when)
        vector = article_terms(article, self._analyser, self.params)
        self._terms.count(vector)
        self._seen += 1
        anchors = article_anchors(article)
        self._count_anchors(anchors)
        language = language_key(article.language)
        best_id, best_margin = None, 0.0
        candidates = list(self._candidates(vector, when))
        sims = self._similarities(vector, candidates, article.outlet)
        for story_id, sim in zip(candidates, sims.tolist(), strict=True):
            profile = self._profiles[story_id]
            if self.params.languages_apart and len(profile.languages) >= profile.size > 0 \
                    and language not in profile.languages:
                continue
            margin = sim * self._recency(profile, when) / self._threshold(profile, language)
            if margin > best_margin:
                best_id, best_margin = story_id, margin
        for story_id, margin in self._cross_margins(anchors, article, when):
            if margin > best_margin:
                best_id, best_margin = story_id, margin
        if best_id is not None and best_margin >= 1.0:
            profile = self._merge(self._profiles[best_id], vector, article, anchors)
        else:
            profile = self._merge(StoryProfile("s-" + article.id, ()), vector, article, anchors)
            if article.published is None and self.now is not None:
                self._first_seen[profile.story_id] = self.now
        self._put(profile)
        self._changed[profile.story_id] = profile
        return profile.story_id

    def profile(self, story_id: str) -> StoryProfile | None:
        """The profile held of story ``story_id`` (None: not loaded, or evicted)."""
        return self._profiles.get(story_id)

    def rebuild(self, story_id: str, members: Iterable[Article]) -> StoryProfile:
        """Story ``story_id``'s profile made again from ``members`` (its articles as stored now, in the order they
        joined it), as if each had been added in that form: an edited article's first text no longer counts, its
        new one does (terms, anchors, span, size, languages, outlets). IDF statistics are left as they were."""
        profile = StoryProfile(story_id, ())
        for article in members:
            vector = article_terms(article, self._analyser, self.params)
            profile = self._merge(profile, vector, article, article_anchors(article))
        self._put(profile)
        self._changed[story_id] = profile
        return profile

    def changed(self) -> list[StoryProfile]:
        """Profiles created or updated since construction, for the caller to save."""
        return list(self._changed.values())

    def profiles(self) -> list[StoryProfile]:
        return list(self._profiles.values())

    def _threshold(self, profile: StoryProfile, language: str) -> float:
        """Higher for bigger stories; a story told in several languages is as big as its articles in the article's
        language (the others' stems dilute its profile for this article). A story of one language, or whose
        languages are unknown, counts all its articles, as before; so does every story when cross-language joins
        are off (cross_threshold above 1), which is then the clusterer as it was before them."""
        known = len(profile.languages) >= profile.size and self.params.cross_threshold <= 1.0
        own = profile.languages.count(language) if known else 0
        size = min(4, max(1, own or profile.size))
        return self.params.threshold * (1.0 + self.params.size_growth * math.log(size))

    def _span(self, profile: StoryProfile) -> tuple[datetime, datetime] | None:
        """The story's first and last article dates, or for an undated story when it was first seen (both ends)."""
        if profile.first is not None and profile.last is not None:
            return profile.first, profile.last
        seen = self._first_seen.get(profile.story_id)
        return None if seen is None else (seen, seen)

    def _recency(self, profile: StoryProfile, when: datetime | None) -> float:
        scale = self.params.time_scale_hours
        span = self._span(profile)
        if scale <= 0 or when is None or span is None:
            return 1.0
        gap = max(span[0] - when, when - span[1], timedelta(0))
        return math.exp(-gap.total_seconds() / 3600.0 / scale)

    def _idf(self, term: str) -> float:
        n = self._seen + self.params.prior_stories
        return math.log((n + 1.0) / (self._terms.df_of(term) + 1.0)) + 1.0

    def _candidates(self, vector: dict[str, float], when: datetime | None) -> set[str]:
        """Stories sharing one of the article's most distinctive terms, within the time window."""
        ranked = sorted(vector, key=lambda t: vector[t] * self._idf(t), reverse=True)
        found: set[str] = set()
        for term in ranked[: self.params.query_terms]:
            found |= self._index.get(term, set())
        return {s for s in found if self._in_window(self._profiles[s], when)}

    def _count_anchors(self, anchors: Iterable[str]) -> None:
        seen = False
        for anchor in anchors:
            self._anchor_df[anchor] += 1
            seen = True
        self._anchor_seen += seen

    def _anchor_idf(self, anchor: str) -> float:
        n = self._anchor_seen + self.params.prior_stories
        return math.log((n + 1.0) / (self._anchor_df.get(anchor, 0) + 1.0)) + 1.0

    def _cross_margins(self, anchors: frozenset[str], article: Article,
                       when: datetime | None) -> list[tuple[str, float]]:
        """(story, similarity / threshold) on names and numbers for each story in the window that shares at least
        two anchors (one a name) and none of whose articles is in the article's language: a story that has one
        in its language (English among English ones, say) is left to the stems alone. Candidates are looked up
        through the anchor index (every anchor of the article: they are few), as stems look up theirs."""
        p = self.params
        if p.cross_threshold > 1.0 or len(anchors) < p.cross_min_shared:
            return []
        language = language_key(article.language)
        if self._stories_in[language] >= self._known_stories:
            return []  # the loop below would skip every story (the common case: one language in the window)
        idf = {a: self._anchor_idf(a) for a in anchors}
        found: set[str] = set()
        for anchor in anchors:  # few (a title and three sentences' names and numbers), and each rare
            found |= self._anchor_index.get(anchor, set())
        a_total = sum(idf.values())
        out: list[tuple[str, float]] = []
        for story_id in sorted(found):
            profile = self._profiles[story_id]
            if len(profile.languages) < profile.size or language in profile.languages:
                continue  # a story of unknown languages, or one with an article in this one: the stems decide
            if not self._in_window(profile, when):
                continue
            shared = [a for a, _ in profile.anchors if a in anchors]
            if len(shared) < p.cross_min_shared or all(a.startswith(NUMBER) for a in shared):
                continue
            # IDF-weighted overlap coefficient: a German report capitalises every noun, so its anchors outnumber a
            # French one's; what is shared is measured against the smaller side
            s_total = sum(self._anchor_idf(a) for a, _ in profile.anchors)
            sim = sum(idf[a] for a in shared) / max(min(a_total, s_total), 1e-300)
            if same_outlet(article.outlet, profile.outlets):
                sim *= 1.0 - p.same_outlet_penalty
            out.append((story_id, sim * self._recency(profile, when) / p.cross_threshold))
        return out

    def _in_window(self, profile: StoryProfile, when: datetime | None) -> bool:
        span = self._span(profile)
        if when is None or span is None:
            return True
        return span[0] - self.window <= when <= span[1] + self.window

    def _similarities(self, vector: dict[str, float], stories: list[str], outlet: str) -> Vector:
        """IDF-weighted cosine of the article with each story's summed terms, all stories in one numpy pass."""
        if not stories:
            return np.zeros(0)
        n = self._seen + self.params.prior_stories
        a_ids = self._terms.ids(vector)
        a_weights = np.fromiter(vector.values(), float, len(vector))
        a_norm = float(np.sqrt(((a_weights * self._terms.idf(a_ids, n)) ** 2).sum()))
        ids = np.concatenate([self._arrays[s][0] for s in stories])
        weights = np.concatenate([self._arrays[s][1] for s in stories])
        # every candidate came from the inverted index, so it has at least one term: no empty segment
        starts = np.cumsum([0] + [len(self._arrays[s][0]) for s in stories[:-1]])
        idf2 = self._terms.idf(ids, n) ** 2
        scratch = self._terms.scratch
        scratch[a_ids] = a_weights  # the article as a dense vector, only for this call
        dots = np.add.reduceat(weights * scratch[ids] * idf2, starts)
        scratch[a_ids] = 0.0
        norms = np.sqrt(np.add.reduceat(weights**2 * idf2, starts)) * a_norm
        penalty = self.params.same_outlet_penalty
        keep = np.array([1.0 - penalty if same_outlet(outlet, self._profiles[s].outlets) else 1.0 for s in stories])
        return np.asarray(keep * dots / np.maximum(norms, 1e-300), dtype=float)

    def _merge(
        self, profile: StoryProfile, vector: dict[str, float], article: Article, anchors: frozenset[str] = frozenset(),
    ) -> StoryProfile:
        summed: defaultdict[str, float] = defaultdict(float, profile.terms)
        for term, weight in vector.items():
            summed[term] += weight
        top = sorted(summed.items(), key=lambda tw: -tw[1])[: self.params.profile_terms]
        kept = tuple((t, round(w, 6)) for t, w in top)  # rounded so the JSON form round-trips exactly
        when = article.published
        first = min((t for t in (profile.first, when) if t is not None), default=None)
        last = max((t for t in (profile.last, when) if t is not None), default=None)
        counted: defaultdict[str, float] = defaultdict(float, profile.anchors)
        for anchor in anchors:
            counted[anchor] += 1.0
        # most articles first, ties by anchor: sorted by anchor, then stably by count (no Python key call per item)
        by_count = sorted(sorted(counted.items()), key=itemgetter(1), reverse=True)
        kept_anchors = tuple(by_count[: self.params.profile_anchors])
        return replace(
            profile, terms=kept, first=first, last=last, size=profile.size + 1,
            languages=(*profile.languages, language_key(article.language)),
            anchors=kept_anchors,
            article_ids=(*profile.article_ids, article.id),
            outlets=(profile.outlets if article.outlet in profile.outlets
                     or same_outlet(article.outlet, profile.outlets) else (*profile.outlets, article.outlet)),
        )

    def _evict(self, when: datetime | None) -> None:
        """Forget stories that ended two windows before the newest article seen (an undated story: first seen):
        nothing recent can join them.

        This keeps the index to the active window, so each add costs time proportional to the stories in the
        window, not to everything ever seen. The IDF statistics are not windowed: they count every article seen
        (IDF over recent articles only was tried on the AllSides dev half and did not help: docs/QUALITY.md).
        """
        if when is None:
            return
        if self._newest is None or when > self._newest:
            self._newest = when
        horizon = self._newest - 2 * self.window
        while self._expiry and self._expiry[0][0] < horizon:
            last, story_id = heapq.heappop(self._expiry)
            profile = self._profiles.get(story_id)
            span = self._span(profile) if profile is not None else None
            if profile is not None and span is not None and span[1] == last:
                self._drop(profile)
                del self._profiles[story_id]
                del self._arrays[story_id]
                self._first_seen.pop(story_id, None)
                for article_id in profile.article_ids:
                    self._story_of.pop(article_id, None)

    def _tally_languages(self, profile: StoryProfile, step: int) -> None:
        if len(profile.languages) >= profile.size:
            self._known_stories += step
            for language in set(profile.languages):
                self._stories_in[language] += step

    def _drop(self, profile: StoryProfile) -> None:
        self._tally_languages(profile, -1)
        for term, _ in profile.terms:
            members = self._index.get(term)
            if members is not None:
                members.discard(profile.story_id)
                if not members:
                    del self._index[term]
        for anchor, _ in profile.anchors:
            holders = self._anchor_index.get(anchor)
            if holders is not None:
                holders.discard(profile.story_id)
                if not holders:
                    del self._anchor_index[anchor]

    def _put(self, profile: StoryProfile) -> None:
        old = self._profiles.get(profile.story_id)
        if old is not None:
            self._drop(old)
        self._profiles[profile.story_id] = profile
        self._tally_languages(profile, 1)
        self._arrays[profile.story_id] = (
            self._terms.ids(t for t, _ in profile.terms), np.array([w for _, w in profile.terms], dtype=float))
        for term, _ in profile.terms:
            self._index[term].add(profile.story_id)
        for anchor, _ in profile.anchors:
            self._anchor_index[anchor].add(profile.story_id)
        for article_id in profile.article_ids:
            self._story_of[article_id] = profile.story_id
        span = self._span(profile)
        if span is not None:
            heapq.heappush(self._expiry, (span[1], profile.story_id))


class _TermTable:
    """Term ids, document frequencies as a numpy array, and a zeroed scratch row for dense dot products."""

    def __init__(self) -> None:
        self._id: dict[str, int] = {}
        self._df: Vector = np.zeros(1024)
        self.scratch: Vector = np.zeros(1024)

    def ids(self, terms: Iterable[str]) -> np.ndarray[Any, np.dtype[np.int64]]:
        found = [self._id.setdefault(t, len(self._id)) for t in terms]
        if len(self._id) > len(self._df):
            size = 2 * len(self._id)
            self._df = np.concatenate([self._df, np.zeros(size - len(self._df))])
            self.scratch = np.zeros(size)
        return np.array(found, dtype=np.int64)

    def count(self, terms: Iterable[str]) -> None:
        ids = self.ids(terms)  # first: it may grow the arrays
        np.add.at(self._df, ids, 1.0)

    def df_of(self, term: str) -> float:
        got = self._id.get(term)
        return 0.0 if got is None else float(self._df[got])

    def idf(self, ids: np.ndarray[Any, np.dtype[np.int64]], n: float) -> Vector:
        return np.asarray(np.log((n + 1.0) / (self._df[ids] + 1.0)) + 1.0, dtype=float)
