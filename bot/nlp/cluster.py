"""Incremental story clustering: an article joins the most similar recent story, found via an inverted index."""

from __future__ import annotations

import heapq
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from bot.models import Article
from bot.nlp.terms import TermAnalyser

NAME = "@"  # prefix that keeps name terms apart from plain terms in one vector


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
            outlets=tuple(d.get("outlets", ())),
        )


def article_terms(article: Article, analyser: TermAnalyser, params: ClusterParams) -> dict[str, float]:
    """Log-scaled term weights of title + lead, names counted again under their own key, unit total."""
    lead = " ".join(s.text for s in article.sentences[: params.lead_sentences]) or article.text
    counts: defaultdict[str, float] = defaultdict(float)
    for text, weight in ((article.title, params.title_weight), (lead, 1.0)):
        for term in analyser.terms(text):
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
        window: timedelta = timedelta(days=3),
        params: ClusterParams | None = None,
        analyser: TermAnalyser | None = None,
    ) -> None:
        self.window = window
        self.params = params or ClusterParams()
        self._analyser = analyser or TermAnalyser()
        self._profiles: dict[str, StoryProfile] = {}
        self._index: defaultdict[str, set[str]] = defaultdict(set)
        self._df: Counter[str] = Counter()  # in how many articles (or loaded profiles) each term occurs
        self._seen = 0
        self._changed: dict[str, StoryProfile] = {}
        self._story_of: dict[str, str] = {}  # article id -> story id
        self._term_maps: dict[str, dict[str, float]] = {}  # story id -> its terms as a dict
        self._expiry: list[tuple[datetime, str]] = []  # (last time, story id): a min-heap for eviction
        self._newest: datetime | None = None
        for profile in profiles:
            self._put(profile)
            self._df.update(t for t, _ in profile.terms)  # IDF statistics start from what was saved
            self._seen += 1

    def add(self, article: Article) -> str:
        """The id of the story this article belongs to: an existing one if same event, else a new one."""
        known = self._story_of.get(article.id)
        if known is not None:
            return known
        self._evict(article.published)
        vector = article_terms(article, self._analyser, self.params)
        self._df.update(vector.keys())
        self._seen += 1
        best_id, best_margin = None, 0.0
        idf: dict[str, float] = {}
        for story_id in self._candidates(vector, article.published):
            profile = self._profiles[story_id]
            sim = self._similarity(vector, profile, article.outlet, idf) * self._recency(profile, article.published)
            margin = sim / self._threshold(profile)
            if margin > best_margin:
                best_id, best_margin = story_id, margin
        if best_id is not None and best_margin >= 1.0:
            profile = self._merge(self._profiles[best_id], vector, article)
        else:
            profile = self._merge(StoryProfile("s-" + article.id, ()), vector, article)
        self._put(profile)
        self._changed[profile.story_id] = profile
        return profile.story_id

    def changed(self) -> list[StoryProfile]:
        """Profiles created or updated since construction, for the caller to save."""
        return list(self._changed.values())

    def profiles(self) -> list[StoryProfile]:
        return list(self._profiles.values())

    def _threshold(self, profile: StoryProfile) -> float:
        size = min(4, max(1, profile.size))
        return self.params.threshold * (1.0 + self.params.size_growth * math.log(size))

    def _recency(self, profile: StoryProfile, when: datetime | None) -> float:
        scale = self.params.time_scale_hours
        if scale <= 0 or when is None or profile.first is None or profile.last is None:
            return 1.0
        gap = max(profile.first - when, when - profile.last, timedelta(0))
        return math.exp(-gap.total_seconds() / 3600.0 / scale)

    def _idf(self, term: str) -> float:
        n = self._seen + self.params.prior_stories
        return math.log((n + 1.0) / (self._df[term] + 1.0)) + 1.0

    def _candidates(self, vector: dict[str, float], when: datetime | None) -> set[str]:
        """Stories sharing one of the article's most distinctive terms, within the time window."""
        ranked = sorted(vector, key=lambda t: vector[t] * self._idf(t), reverse=True)
        found: set[str] = set()
        for term in ranked[: self.params.query_terms]:
            found |= self._index.get(term, set())
        return {s for s in found if self._in_window(self._profiles[s], when)}

    def _in_window(self, profile: StoryProfile, when: datetime | None) -> bool:
        if when is None or profile.first is None or profile.last is None:
            return True
        return profile.first - self.window <= when <= profile.last + self.window

    def _similarity(
        self, vector: dict[str, float], profile: StoryProfile, outlet: str, idf: dict[str, float]
    ) -> float:
        """IDF-weighted cosine of article and story centroid; ``idf`` caches IDF within one ``add``."""

        def weight(term: str) -> float:
            got = idf.get(term)
            if got is None:
                got = idf[term] = self._idf(term)
            return got

        story = self._term_maps[profile.story_id]
        dot = sum(w * story[t] * weight(t) ** 2 for t, w in vector.items() if t in story)
        if dot == 0.0:
            return 0.0
        norm_a = math.sqrt(sum((w * weight(t)) ** 2 for t, w in vector.items()))
        norm_s = math.sqrt(sum((w * weight(t)) ** 2 for t, w in story.items()))
        penalty = self.params.same_outlet_penalty if outlet and outlet in profile.outlets else 0.0
        return (1.0 - penalty) * dot / (norm_a * norm_s)

    def _merge(self, profile: StoryProfile, vector: dict[str, float], article: Article) -> StoryProfile:
        summed: defaultdict[str, float] = defaultdict(float, profile.terms)
        for term, weight in vector.items():
            summed[term] += weight
        top = sorted(summed.items(), key=lambda tw: -tw[1])[: self.params.profile_terms]
        kept = tuple((t, round(w, 6)) for t, w in top)  # rounded so the JSON form round-trips exactly
        when = article.published
        first = min((t for t in (profile.first, when) if t is not None), default=None)
        last = max((t for t in (profile.last, when) if t is not None), default=None)
        return replace(
            profile, terms=kept, first=first, last=last, size=profile.size + 1,
            article_ids=(*profile.article_ids, article.id),
            outlets=profile.outlets if article.outlet in profile.outlets else (*profile.outlets, article.outlet),
        )

    def _evict(self, when: datetime | None) -> None:
        """Forget stories that ended two windows before the newest article seen: nothing recent can join them.

        This keeps the index (and the IDF statistics) to the active window, so each add costs time
        proportional to the stories in the window, not to everything ever seen.
        """
        if when is None:
            return
        if self._newest is None or when > self._newest:
            self._newest = when
        horizon = self._newest - 2 * self.window
        while self._expiry and self._expiry[0][0] < horizon:
            last, story_id = heapq.heappop(self._expiry)
            profile = self._profiles.get(story_id)
            if profile is not None and profile.last == last:
                self._drop(profile)
                del self._profiles[story_id]
                del self._term_maps[story_id]
                for article_id in profile.article_ids:
                    self._story_of.pop(article_id, None)

    def _drop(self, profile: StoryProfile) -> None:
        for term, _ in profile.terms:
            members = self._index.get(term)
            if members is not None:
                members.discard(profile.story_id)
                if not members:
                    del self._index[term]

    def _put(self, profile: StoryProfile) -> None:
        old = self._profiles.get(profile.story_id)
        if old is not None:
            self._drop(old)
        self._profiles[profile.story_id] = profile
        self._term_maps[profile.story_id] = dict(profile.terms)
        for term, _ in profile.terms:
            self._index[term].add(profile.story_id)
        for article_id in profile.article_ids:
            self._story_of[article_id] = profile.story_id
        if profile.last is not None:
            heapq.heappush(self._expiry, (profile.last, profile.story_id))
