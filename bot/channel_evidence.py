"""What a channel's scheduled briefing reads of its candidate stories besides their outlines, a page at a time: how
many quotes each has, its topic match (a screen over its articles' sentences first), or the feeds of its articles."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa

from bot.models import Article, Story, SummarySentence
from bot.nlp.terms import TermAnalyser, words
from bot.screen_cache import ChannelScreen, SharedScreen
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from bot.store.schema import subscriptions
from bot.store.stories import StoryRow
from bot.store.story_texts import article_feeds, sentence_texts
from bot.story_feed import Outline, StoryFeed
from bot.topic_screen import StemScreen, may_match
from bot.topic_words import parts_of
from bot.topics import Topic, TopicError, match_story, parse_topic
from digests.compose import TopicMatch

Said = Sequence[tuple[str, str]]  # each quote's (content, speaker)


def followed_by(sources: Iterable[str], feeds: Mapping[str, str], new: Sequence[str] = ()) -> bool:
    """Whether one of a story's articles (``feeds``: article id -> the feed it came from; a follow-up: one of its
    ``new`` ones) is from one of these followed feeds."""
    followed = set(sources)
    return any(feed in followed for article_id, feed in feeds.items() if not new or article_id in new)


async def subscribed_topics(db: Database, analyser: TermAnalyser) -> list[Topic]:
    """Every channel's topics (those that can be understood)."""
    async with db.connect() as conn:
        query = sa.select(subscriptions.c.topic).distinct().order_by(subscriptions.c.topic)
        texts = (await conn.execute(query)).scalars().all()
    out = []
    for text in texts:
        try:
            out.append(parse_topic(text, analyser))
        except TopicError:
            continue
    return out


class TopicScreen:
    """Passes over a story none of whose words could make one of the topics match, before its articles are loaded:
    the words of what ``bot.topics.story_text`` reads (headline, its articles' sentences, quotes and speakers) are
    tokenised once, and each distinct word stemmed once (``bot.topic_screen``)."""

    def __init__(self, topics: Sequence[Topic], analyser: TermAnalyser) -> None:
        self._topics = tuple(topics)
        self._stems = StemScreen(topics, analyser)

    def passes(self, texts: Iterable[str]) -> bool:
        """False only for a story ``match_story`` would not match; ``texts``: all it reads of the story. Joined by
        a line break, which no word runs across: the words of each text together."""
        joined = "\n".join(texts)
        raw = set(words(joined))
        if "-" in joined:  # a word joined by hyphens counts as each of its parts too
            raw.update(parts_of(list(raw)))
        stems = self._stems.stems(raw)
        return any(may_match(topic, raw, stems) for topic in self._topics)


@dataclass(slots=True)
class Evidence:
    """Per candidate story: how many quotes it has (``compose``'s ``quote_counts``), with topics its match (the
    stories that match none are not candidates), without topics but with followed sources its articles' feeds."""

    quotes: dict[str, int] = field(default_factory=dict)
    matches: dict[str, TopicMatch] = field(default_factory=dict)
    feeds: dict[str, dict[str, str]] = field(default_factory=dict)


class EvidenceReader:
    """Reads a channel's evidence of each page of candidates; with topics, keeps only the stories that match, and
    screens their rows first (``screened``), before their sources are read: through the screen the ``Delivery``'s
    channels share (bot/screen_cache.py), which reads a story's text once for all their topics, or on its own."""

    def __init__(self, db: Database, feed: StoryFeed, *, topics: Sequence[Topic], follows: bool,
                 analyser: TermAnalyser, shared: SharedScreen | None = None) -> None:
        """``shared``: the screen's readings of stories kept for the next channel (without: this channel's own)."""
        self.db = db
        self.feed = feed
        self.topics = tuple(topics)
        self.follows = follows  # a channel without topics that follows sources: it gets their stories
        self.analyser = analyser
        self.screen = TopicScreen(topics, analyser) if topics else None
        self.shared = shared.for_topics(self.topics) if shared is not None and topics else None
        self._learn = shared.learn if shared is not None else None
        self.found = Evidence()
        self._said: dict[str, Said] = {}  # the quotes of the page's stories that passed the screen

    async def screened(self, rows: Sequence[StoryRow]) -> list[StoryRow]:
        """Of a page's rows that may be candidates, those the channel's topics could match (all of them without
        topics): each one's quote words and its articles' sentences read, not its sources, quotes or articles."""
        if self.screen is None or not rows:
            return list(rows)
        if self.shared is not None:
            return await self._shared_screened(rows, self.shared)
        ids = [r.id for r in rows]
        said = await QuoteStore(self.db).said_by_story(ids)
        texts = await sentence_texts(self.db, ids)
        # in a worker thread, as the matching: tokenising every sentence takes a while, and the event loop answers
        passing = await asyncio.to_thread(self._screened, rows, said, texts)
        self._said = {r.id: said.get(r.id, []) for r in passing}
        return passing

    async def _shared_screened(self, rows: Sequence[StoryRow], shared: ChannelScreen) -> list[StoryRow]:
        """``screened`` through the shared screen: only the rows it has no reading of (for these topics) read."""
        if not shared.known() and self._learn is not None:  # read stories for every channel's topics from now on
            self._learn([*await subscribed_topics(self.db, self.analyser), *self.topics])
        decided = {r.id: shared.cached(r.id, r.changed_at) for r in rows}
        unread = [r for r in rows if decided[r.id] is None]
        said: Mapping[str, Said] = {}
        if unread:
            ids = [r.id for r in unread]
            said = await QuoteStore(self.db).said_by_story(ids)
            texts = await sentence_texts(self.db, ids)
            decided.update(await asyncio.to_thread(self._read_shared, shared, unread, said, texts))
        passing = [r for r in rows if decided[r.id]]
        read = {r.id for r in unread}
        kept = [r.id for r in passing if r.id not in read]
        if kept:  # passed on a reading kept from another channel: its quotes are read now
            said = {**said, **await QuoteStore(self.db).said_by_story(kept)}
        self._said = {r.id: said.get(r.id, []) for r in passing}
        return passing

    @staticmethod
    def _read_shared(shared: ChannelScreen, rows: Sequence[StoryRow], said: Mapping[str, Said],
                     texts: Mapping[str, str]) -> dict[str, bool]:
        return {r.id: shared.read(r.id, r.changed_at, _read(r.headline, r.summary, said.get(r.id, ()), texts.get(r.id)))
                for r in rows}

    async def add(self, outlines: Sequence[Outline]) -> set[str]:
        """Read the evidence of a page's candidates (with topics: of those ``screened`` passed); returns the ids of
        those that stay candidates."""
        stories = [o.story for o in outlines]
        if self.screen is None:
            self.found.quotes.update(await self.feed.quote_counts(outlines))
            if self.follows:
                self.found.feeds.update(await article_feeds(self.db, [s.id for s in stories]))
            return {s.id for s in stories}
        articles = await self.feed.articles(stories) if stories else {}
        matches = await asyncio.to_thread(self._matches, stories, self._said, articles)
        self.found.matches.update(matches)
        self.found.quotes.update((i, len(self._said.get(i, ()))) for i in matches)
        return set(matches)

    def _screened(self, rows: Sequence[StoryRow], said: Mapping[str, Said],
                  texts: Mapping[str, str]) -> list[StoryRow]:
        assert self.screen is not None
        screen = self.screen
        return [r for r in rows if screen.passes(_read(r.headline, r.summary, said.get(r.id, ()), texts.get(r.id)))]

    def _matches(self, stories: Sequence[Story], said: Mapping[str, Said],
                 articles: Mapping[str, Sequence[Article]]) -> dict[str, TopicMatch]:
        """What ``bot.topics.match_story`` says of each story with its articles and quotes."""
        out: dict[str, TopicMatch] = {}
        for story in stories:
            found = match_story(self.topics, story, articles.get(story.id, []), said=said.get(story.id, ()),
                                analyser=self.analyser)
            if found is not None:
                out[story.id] = found
        return out


def _read(headline: str, summary: Sequence[SummarySentence], said: Said, sentences: str | None) -> Iterable[str]:
    """Every text the matcher reads of a story: its headline, its articles' sentences (``sentence_texts``; a story
    without articles: its summary), each quote's content and speaker."""
    yield headline
    if sentences is None:
        yield from (s.text for s in summary)
    else:
        yield sentences
    for content, speaker in said:
        yield content
        yield speaker
