"""Follow-ups: what the articles that joined a story add for a channel that was given the story before."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from bot.headline_choice import is_opinion, newest_headline_source, shown_headline
from bot.models import Article, Briefing, BriefingItem, RevisionNote, Sentence, Story, SummarySentence
from bot.nlp.revisions import shown_rank
from bot.nlp.summarise import Summariser, default_summariser
from bot.nlp.terms import TermAnalyser
from bot.store.ledger import Carried, Planned
from bot.store.revisions import fold

# A sentence of a new article tells the channel something new when enough of its content words were in
# none of the articles the channel has seen: background restated by a follow-up ("The fire forced the
# evacuation of dock workers") reuses the day before's words; new facts bring their own.
NOVEL_SHARE = 0.3
MIN_NOVEL_TERMS = 2
FOLLOWUP_SENTENCES = 2  # the most a "new since you last saw it" line carries
REVISION_NOTES = 2  # the most edited articles an "Updated:" follow-up names (the most important edits)


def seen_terms(seen: Sequence[Article], analyser: TermAnalyser) -> set[str]:
    """Every content term of the titles and sentences the channel's seen articles contain, each article's
    stemmed and stop words dropped in its own language (``analyser.for_language``)."""
    terms: set[str] = set()
    for article in seen:
        own = analyser.for_language(article.language)
        terms.update(own.terms(article.title))
        for sentence in article.sentences:
            terms.update(own.terms(sentence.text))
    return terms


def novel_sentences(article: Article, known: set[str], analyser: TermAnalyser) -> tuple[Sentence, ...]:
    """The sentences of ``article`` whose content words (in the article's language) are not mostly already
    ``known``."""
    own = analyser.for_language(article.language)
    out: list[Sentence] = []
    for sentence in article.sentences:
        terms = set(own.terms(sentence.text))
        fresh = terms - known
        if len(fresh) >= MIN_NOVEL_TERMS and len(fresh) >= NOVEL_SHARE * len(terms):
            out.append(sentence)
    return tuple(out)


def whats_new(summariser: Summariser, new: Sequence[Article], seen: Sequence[Article], count: int,
              analyser: TermAnalyser) -> tuple[SummarySentence, ...]:
    """The summary of the new articles' novel sentences (same summariser, so the same hygiene, dedupe and
    provenance); empty when the new articles only restate what the channel has seen. A new news report's lines
    before a new opinion piece's: a column's argument is new only when nothing else is."""
    known = seen_terms(seen, analyser)
    new = [a for a in new if not is_opinion(a)] or new
    trimmed = []
    for article in new:
        novel = novel_sentences(article, known, analyser)
        if novel:  # sentence indexes and spans stay those of the full text: provenance holds
            trimmed.append(replace(article, sentences=novel))
    if not trimmed or count <= 0:
        return ()
    return summariser.summarise(trimmed, count)


def unseen_revisions(story: Story, seen: set[str], shown_at: datetime | None) -> tuple[RevisionNote, ...]:
    """The edits that matter (``Story.revisions``) of the articles a channel saw (``seen``), made after the story
    was last brought to it (``shown_at``): one note per article (its change to show, the others counted: ``fold``),
    in the order ``fold`` chooses by (bot/nlp/revisions.py SHOWN: a changed fact before an editor's note that
    changed none), at most REVISION_NOTES. A channel never shown the story (None) is told of none."""
    if shown_at is None:
        return ()
    by_article: dict[str, list[RevisionNote]] = {}
    for note in story.revisions:
        if note.article_id in seen and note.seen_at > shown_at:
            by_article.setdefault(note.article_id, []).append(note)
    notes = sorted((fold(n) for n in by_article.values()), key=lambda n: (shown_rank(n.why), -n.seen_at.timestamp()))
    return tuple(notes[:REVISION_NOTES])


def followup_view(story: Story, new: Sequence[str]) -> Story:
    """A follow-up as shown: headed by the newest new report's title and link (bot/headline_choice.py: what the
    channel has not seen, not the first report's news, which a "strike halts the port" over "the strike ended"
    would contradict; the story's own when none is new), its sources, none of what the channel was already given
    (no summary; only quotes from the new articles). What is new goes in ``BriefingItem.new_since``."""
    fresh = set(new)
    lead = newest_headline_source([s for s in story.sources if s.article_id in fresh])
    headline, url = ((shown_headline(lead.title, lead.url), lead.url or story.url) if lead
                     else (story.headline, story.url))
    return replace(story, headline=headline, url=url, summary=(),
                   quotes=tuple(q for q in story.quotes if q.article_id in fresh))


def carried_view(story: Story, carried: Carried) -> Story:
    """A story as a claimed slot carries it, whatever joined it since: its articles, headline and summary
    then, and quotes from those articles (a follow-up: from its new articles)."""
    shown = set(carried.articles)
    quoted = set(carried.new) if carried.new or carried.revised else shown
    return replace(story, headline=carried.headline, url=carried.url, summary=carried.summary,
                   sources=tuple(s for s in story.sources if s.article_id in shown),
                   quotes=tuple(q for q in story.quotes if q.article_id in quoted))


def plan_of(briefing: Briefing, unseen: Mapping[str, Sequence[str]]) -> Planned:
    """A composed briefing as the ledger records it: each story with the articles it shows, and its length."""
    return Planned(briefing.title, briefing.since, tuple(
        Carried(i.story.id, tuple(s.article_id for s in i.story.sources), i.story.headline, i.story.url,
                i.story.summary, tuple(unseen.get(i.story.id, ())), i.new_since, i.why, i.score,
                more=n >= len(briefing.items), revised=i.revised)
        for n, i in enumerate((*briefing.items, *briefing.more))), length=briefing.length)


def replay(planned: Planned, stories: Sequence[Story], generated: datetime) -> Briefing:
    """A claimed slot's briefing as it was planned, from its stories as they are now."""
    by_id = {s.id: s for s in stories}
    items = [(c, BriefingItem(carried_view(by_id[c.story_id], c), c.score, c.why, c.new_since, c.revised, c.new))
             for c in planned.stories if c.story_id in by_id]
    return Briefing(planned.title, generated, tuple(i for c, i in items if not c.more), since=planned.since,
                    more=tuple(i for c, i in items if c.more))


class WhatsNew:
    """``whats_new`` for many channels at once: the same follow-up is summarised once (kept while its
    articles and the set of new ones hold), off the event loop."""

    CACHE_SIZE = 500

    def __init__(self, summariser: Summariser | None, count: int) -> None:
        self._summariser = summariser
        self.count = count
        self._analyser = TermAnalyser()  # used only in the worker thread
        self._cache: dict[tuple[object, ...], tuple[SummarySentence, ...]] = {}

    @property
    def summariser(self) -> Summariser:
        if self._summariser is None:  # built on the first follow-up: most deliveries never need it
            self._summariser = default_summariser()
        return self._summariser

    async def find(self, story: Story, articles: Sequence[Article], new: Sequence[str]) -> tuple[SummarySentence, ...]:
        fresh = set(new)
        key = (story.id, tuple(sorted(fresh)), tuple((a.id, a.content_hash) for a in articles))
        if key not in self._cache:
            if len(self._cache) >= self.CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = await asyncio.to_thread(
                whats_new, self.summariser, [a for a in articles if a.id in fresh],
                [a for a in articles if a.id not in fresh], self.count, self._analyser)
        return self._cache[key]
