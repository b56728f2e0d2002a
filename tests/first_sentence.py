"""A summariser for pipeline tests that takes each story's first sentence: the store, not the summary, is tested."""

from __future__ import annotations

from bot.models import Article, SummarySentence


class FirstSentence:
    def summarise(self, articles: list[Article], sentences: int) -> tuple[SummarySentence, ...]:
        first = articles[0]
        s = first.sentences[0]
        return (SummarySentence(s.text, first.id, s.index, s.start, s.end),)
