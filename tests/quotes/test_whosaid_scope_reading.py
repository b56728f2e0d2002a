"""The answer's check of its hits reads each article's sentences once (``_mentions``) and looks them up for every
quote, and reads an article once for all pages: what it keeps, and in which order, is what reading each quote's
sentences again kept (the check as it was, below), for topics of one word, of several, and names in a row, over
invented articles with sentences that refer back, quotes of sentences the article lacks, and repeated articles."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace

from bot.answer import scope
from bot.answer.scope import ABOUT_SENTENCES, REPEATED, TopicWords, in_scope
from bot.models import Article, Attribution
from bot.nlp.sentences import split_sentences
from bot.nlp.terms import TermAnalyser, words
from bot.store.articles import ArticleStore
from bot.store.quotes import QuoteHit, topic_text

ANALYSER = TermAnalyser()
SENTENCES = ("The Grand National was run at Aintree on Saturday.", "The decision surprised the trainers.",
             "This was the first national race of the year.", "Ferries stopped for the strike at noon.",
             "It rained all afternoon over the course.", "The grand old horse won the National again.",
             "Those strikes closed the ferry port.", "Nobody expected a ferry strike in spring.",
             "Trainers said the ground was soft.", "The owners of the Grand National winner were pleased.")
CONTENTS = ("the race was fair", "the ferry strike had to end", "the Grand National would go on",
            "nothing would change", "strikes never help ferries", "the national side was ready")
TOPICS = ("Grand National", "ferry strike", "national", "the Grand National", "strike", "rain", "ferries",
          "Aintree race")


def old_named_in(topic: TopicWords, text: str) -> bool:
    """``TopicWords.named_in`` as it was: every word stemmed, repeats too."""
    stems = [ANALYSER.stem(w) for w in words(text)]
    if not topic.in_a_row:
        return set(topic.stems) <= set(stems)
    n = len(topic.stems)
    return any(tuple(stems[i:i + n]) == topic.stems for i in range(len(stems) - n + 1))


def old_in_scope(hits: Sequence[QuoteHit], topic: str, held: dict[str, Article]) -> list[QuoteHit]:
    """``in_scope`` as it was: each quote's sentences read again for it."""
    wanted = TopicWords.of(topic)
    if wanted is None or not hits:
        return list(hits)
    kept: list[QuoteHit] = []
    for hit in hits:
        article = held.get(hit.attribution.article_id)
        if article is None:
            continue
        texts = {s.index: s.text for s in article.sentences}
        named = {i for i, t in texts.items() if old_named_in(wanted, t)}
        titled = old_named_in(wanted, article.title)
        a = hit.attribution
        own = texts.get(a.sentence, "")
        names = (old_named_in(wanted, a.content)
                 or (topic_text(a, texts) != topic_text(a, {a.sentence: own})
                     and old_named_in(wanted, texts.get(a.sentence - 1, "")))
                 or (old_named_in(wanted, own) and titled + len(named) >= REPEATED))
        if names:
            kept.append(replace(hit, mentions=True))
        elif titled or (bool(texts) and min(texts) in named and len(named) >= ABOUT_SENTENCES):
            kept.append(replace(hit, mentions=False))
    return sorted(kept, key=lambda h: not h.mentions)


class Held(ArticleStore):
    """Articles held in memory; counts what it is asked for."""

    def __init__(self, held: dict[str, Article]) -> None:
        self.held = held
        self.asked: list[str] = []

    async def get_many(self, ids: Sequence[str]) -> list[Article]:
        self.asked += ids
        return [self.held[i] for i in ids if i in self.held]


def invented(rng: random.Random) -> tuple[dict[str, Article], list[QuoteHit]]:
    held: dict[str, Article] = {}
    hits: list[QuoteHit] = []
    for n in range(60):
        text = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(0, 7)))
        title = rng.choice(("Race day", "The Grand National", "Ferry strike goes on", "National news", "Weather"))
        sentences = split_sentences(text)
        if rng.random() < 0.9:  # the others are not found
            held[f"a{n}"] = Article(f"a{n}", f"https://example.org/a{n}", title, "Outlet", text, sentences)
        for _ in range(rng.randint(1, 4)):
            index = rng.randint(-1, len(sentences) + 1)  # sometimes a sentence the article does not have
            quote = Attribution(f"a{n}", "Ana Ostrelle", "she", "said", rng.choice(CONTENTS), "indirect", index, 0, 5)
            hits.append(QuoteHit(quote, "Outlet", title, f"https://example.org/a{n}", None, rng.random() < 0.5))
    rng.shuffle(hits)
    return held, hits


async def test_the_hits_kept_are_those_kept_before() -> None:
    rng = random.Random(5)
    kept = named = 0
    for _ in range(12):
        held, hits = invented(rng)
        for topic in TOPICS:
            want = old_in_scope(hits, topic, held)
            assert await in_scope(hits, topic, Held(held)) == want, topic
            read: dict[str, scope._Mentions | None] = {}
            pages = [hits[:40], hits[40:90], hits[90:]]  # the pages of one question: its articles read once
            store = Held(held)
            paged = [h for page in pages for h in await in_scope(page, topic, store, read)]
            assert paged == [h for page in pages for h in old_in_scope(page, topic, held)], topic
            assert len(store.asked) == len(set(store.asked))
            kept += len(want)
            named += sum(h.mentions for h in want)
    assert named and kept > named  # some kept because they name it, some only because their article is about it


def test_named_in_says_what_it_said() -> None:
    rng = random.Random(9)
    for topic in TOPICS:
        wanted = TopicWords.of(topic)
        assert wanted is not None
        for _ in range(200):
            text = " ".join(rng.choice((*SENTENCES, *CONTENTS)) for _ in range(rng.randint(0, 3)))
            assert wanted.named_in(text) == old_named_in(wanted, text), (topic, text)

