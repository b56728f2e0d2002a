"""The words an article writes as names (capitalised mid-sentence): a role shown keeps only such a capital."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.models import Article
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
    wanted = sorted({h.attribution.article_id for h in hits if (h.attribution.role or "")[:1].isupper()})
    return {a.id: proper_words(a) for a in await articles.get_many(wanted)} if wanted else {}
