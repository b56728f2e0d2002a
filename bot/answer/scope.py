"""Which found quotes answer "about X": those that name X, or whose article is about X (not a passing mention)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import aclosing
from dataclasses import dataclass, replace
from datetime import datetime

from bot.models import Article
from bot.nlp.terms import TermAnalyser, words
from bot.store.articles import ArticleStore, query_terms
from bot.store.quotes import MAX_CANDIDATES, QuoteHit, QuoteStore, topic_terms, topic_text

# An article is about X when its title names X, or its opening sentence does (news puts its subject first) and this
# many of its sentences in all; a quote whose sentence (not its own words) names X answers when its article names X
# at least REPEATED times (its title counting as one)
ABOUT_SENTENCES = 3
REPEATED = 2
_ANALYSER = TermAnalyser()


@dataclass(frozen=True, slots=True)
class TopicWords:
    """A topic as the stems a text must hold: a name of several words ("Grand National", "Bank of England") in a
    row, as written; other words ("ferry strike") each somewhere in the same text."""

    stems: tuple[str, ...]
    in_a_row: bool

    @classmethod
    def of(cls, topic: str) -> TopicWords | None:
        kept = topic_terms(topic)
        if not kept:
            return None
        name = len(kept) > 1 and all(t[:1].isupper() for t in kept)
        written = query_terms(topic) if name else kept
        if name:  # from its first capitalised word to its last ("the Bank of England": bank of england)
            capitals = [i for i, t in enumerate(written) if t[:1].isupper()]
            written = written[capitals[0]:capitals[-1] + 1]
        return cls(tuple(_ANALYSER.stem(w) for w in words(" ".join(written))), name)  # as ``named_in`` reads a text

    def named_in(self, text: str) -> bool:
        """Whether ``text`` names the topic."""
        if not self.in_a_row:  # each distinct word stemmed once (the analyser keeps its stems)
            stem = _ANALYSER.stem
            return set(self.stems) <= {stem(w) for w in set(words(text))}
        stems = [_ANALYSER.stem(w) for w in words(text)]
        n = len(self.stems)
        return any(tuple(stems[i:i + n]) == self.stems for i in range(len(stems) - n + 1))


@dataclass(frozen=True, slots=True)
class _Mentions:
    titled: bool  # the title names the topic
    opens: bool  # its first sentence does
    sentences: int  # how many of its sentences do
    texts: dict[int, str]  # its sentences by index
    named: frozenset[int]  # the indexes of those that name it
    nowhere: bool  # what ``named_in`` says of no text (of a sentence the article does not have)

    def names(self, index: int) -> bool:
        """Whether its sentence of this index names the topic (as ``named_in`` of its text, "" when it has none)."""
        return index in self.named if index in self.texts else self.nowhere

    def about(self) -> bool:
        return self.titled or (self.opens and self.sentences >= ABOUT_SENTENCES)

    def repeated(self) -> bool:
        return self.titled + self.sentences >= REPEATED


def _mentions(article: Article, topic: TopicWords) -> _Mentions:
    texts = {s.index: s.text for s in article.sentences}
    named = frozenset(i for i, t in texts.items() if topic.named_in(t))
    return _Mentions(topic.named_in(article.title), bool(texts) and min(texts) in named, len(named), texts, named,
                     topic.named_in(""))


def _names(hit: QuoteHit, topic: TopicWords, article: _Mentions, said: dict[str, bool]) -> bool:
    """Whether a quote names the topic: in its own words; in the sentence its sentence refers back to ("The decision
    ..." after the sentence naming it: ``topic_text``); or in its own sentence, beside the words said, when the
    article names it again (once there it may only describe someone: "the Marlow club's owner")."""
    a = hit.attribution
    own_words = said.get(a.content)
    if own_words is None:  # the same words (a wire copy's) read once
        own_words = said[a.content] = topic.named_in(a.content)
    if own_words:
        return True
    # its article's sentences were read once for it (``_mentions``): looked up, not read again for each quote
    if article.names(a.sentence - 1) \
            and topic_text(a, article.texts) != topic_text(a, {a.sentence: article.texts.get(a.sentence, "")}):
        return True
    return article.names(a.sentence) and article.repeated()


async def in_scope(hits: Sequence[QuoteHit], topic: str, articles: ArticleStore,
                   read: dict[str, _Mentions | None] | None = None) -> list[QuoteHit]:
    """The hits that answer a question about ``topic``, those that name it first (``QuoteHit.mentions``), else in
    the order found: a quote that names it (``_names``), and any quote of an article about it (its title names it,
    or its opening sentence and three in all). Read from the articles' own text: SQLite and PostgreSQL agree.
    ``read``: what earlier pages of the same question read of their articles (None: not found), kept and added to,
    so an article is fetched and read once."""
    wanted = TopicWords.of(topic)
    if wanted is None or not hits:
        return list(hits)
    seen = {} if read is None else read
    ids = [i for i in dict.fromkeys(h.attribution.article_id for h in hits) if i not in seen]
    seen.update(dict.fromkeys(ids))  # those not found stay None
    seen.update((a.id, _mentions(a, wanted)) for a in await articles.get_many(ids))
    kept: list[QuoteHit] = []
    said: dict[str, bool] = {}
    for hit in hits:
        found = seen.get(hit.attribution.article_id)
        if found is None:
            continue
        if _names(hit, wanted, found, said):
            kept.append(replace(hit, mentions=True))
        elif found.about():
            kept.append(replace(hit, mentions=False))
    return sorted(kept, key=lambda h: not h.mentions)


async def found_in_scope(quotes: QuoteStore, articles: ArticleStore, topic: str, *, enough: int,
                         speakers: Sequence[str] = (), since: datetime | None = None) -> list[QuoteHit]:
    """``in_scope`` of the quotes found for ``topic`` (``QuoteStore.search``, wide), read a page of candidates at a
    time, newest first, until ``enough`` are kept or the candidates run out, at most MAX_CANDIDATES of them: the
    newest candidates of a common topic may all be passing mentions that hide older quotes about it."""
    kept: list[QuoteHit] = []
    read: dict[str, _Mentions | None] = {}  # each article read once, whatever the number of pages its quotes are in
    async with aclosing(quotes.pages(topic, speakers=speakers, since=since, wide=True, most=MAX_CANDIDATES)) as pages:
        async for page in pages:
            kept += await in_scope(page, topic, articles, read)
            if len(kept) >= enough:
                break
    return sorted(kept, key=lambda h: not h.mentions)
