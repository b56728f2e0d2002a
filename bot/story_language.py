"""Which of a story's articles its summary and headline are drawn from: a story told in several languages is
summarised in one (its main one), so a briefing never mixes languages in one summary or repeats a fact in two."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from bot.models import Article
from bot.nlp.anchors import language_key


def summary_articles(articles: Sequence[Article], lead: Article) -> list[Article]:
    """All the articles when they share a language (every story before cross-language joins); else those in the
    story's main language: the one most of its articles are in, on a tie the ``lead`` article's. Order kept."""
    languages = [language_key(a.language) for a in articles]
    counts = Counter(languages)
    if len(counts) <= 1:
        return list(articles)
    top = max(counts.values())
    lead_language = language_key(lead.language)
    main = lead_language if counts[lead_language] == top else next(k for k in languages if counts[k] == top)
    return [a for a, k in zip(articles, languages, strict=True) if k == main]
