"""The words an article (or what a story keeps of it) writes as names: a role shown keeps only such a capital."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.headline_choice import title_cased
from bot.models import Article, Attribution, Story
from bot.store.articles import ArticleStore
from bot.store.quotes import QuoteHit

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_OPENS = re.compile(r"[\"“‘'«(\[:;—–-]\s*$")  # a word after an opening quote, a colon or a dash starts a clause


def proper_words(article: Article) -> frozenset[str]:
    """The words ``article`` writes with a capital mid-sentence, casefolded ("the Kremlin said", "the Valdorian
    coast"): not a sentence's first word, nor one opening a quotation or a clause after a colon or dash."""
    return proper_words_in(s.text for s in article.sentences)


def proper_words_in(sentences: Iterable[str]) -> frozenset[str]:
    """``proper_words`` of these sentences (``briefbot quotes`` of a text file, which is no stored article)."""
    found: set[str] = set()
    for sentence in sentences:
        for m in _WORD.finditer(sentence):
            before = sentence[: m.start()]
            if before.strip() and not _OPENS.search(before) and m[0][:1].isupper():
                found.add(m[0].casefold())
    return frozenset(found)


async def role_names(hits: Iterable[QuoteHit], articles: ArticleStore) -> dict[str, frozenset[str]]:
    """``proper_words`` of the articles of the hits whose role opens with a capital: by article id, those the store
    still has (a role of another article is shown without them: ``shown_role``)."""
    return await quote_names((h.attribution for h in hits), articles)


async def quote_names(quotes: Iterable[Attribution], articles: ArticleStore) -> dict[str, frozenset[str]]:
    """``role_names`` of these quotes (a story's, for its view)."""
    wanted = sorted({q.article_id for q in quotes if (q.role or "")[:1].isupper()})
    return {a.id: proper_words(a) for a in await articles.get_many(wanted)} if wanted else {}


class KnownCase:
    """``shown_role``'s names where no article text is at hand, only some of its words: a word is a name unless
    those words write it in lower case ("the harbourmaster said") and never with a capital mid-sentence. A word
    they never write keeps its capital: nothing says it is no name."""

    def __init__(self, proper: frozenset[str], lowered: frozenset[str]) -> None:
        self._proper = proper
        self._lowered = lowered

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in self._proper or word not in self._lowered)


def known_case(texts: Iterable[str], lower_only: Iterable[str] = ()) -> KnownCase:
    """``KnownCase`` of these texts (sentences, or parts of them), words casefolded as ``proper_words`` has them;
    ``lower_only``: texts whose words in lower case count, their capitals not (titles: ``story_case``)."""
    kept = list(texts)
    lowered = frozenset(m[0].casefold() for text in (*kept, *lower_only) for m in _WORD.finditer(text)
                        if m[0][:1].islower())
    return KnownCase(proper_words_in(kept), lowered)


def story_case(story: Story) -> KnownCase:
    """``known_case`` of what a story keeps of its articles' text: its summary sentences, what its quotes say and
    their speakers and roles as written (another outlet's "the outgoing mayor"). For a story shown without its
    articles (a briefing's key quote, the story view of an article the store no longer has). Its headline and its
    reports' titles count too, for the words they write in lower case only ("... as finance minister backs deal"
    lowers "Finance minister"); a title in Title Case (``title_cased``) says nothing, and a title's capitals are
    no evidence of a name (a sentence-case title opens on one, and so can a label)."""
    texts = [s.text for s in story.summary]
    texts += [text for q in story.quotes for text in (q.content, q.speaker_as_written, q.role or "") if text]
    titles = [t for t in (story.headline, *(s.title for s in story.sources)) if t and not title_cased(t)]
    return known_case(texts, titles)
