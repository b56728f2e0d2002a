"""Baseline summarisers for the evaluations: Lead-k and sumy's own methods on the same sentence split."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from bot.models import Article
from bot.nlp.sentence_quality import MIN_WORDS
from bot.nlp.sumy_tokenizer import SumyTokenizer, sumy_document
from bot.nlp.terms import TermAnalyser, english_stop_words, words

System = Callable[[Sequence[Article], int], list[str]]


def lead(articles: Sequence[Article], count: int) -> list[str]:
    """Lead-k: the first k sentences of the (first) article, exactly as split."""
    return [s.text for a in articles for s in a.sentences][:count]


def lead_filtered(articles: Sequence[Article], count: int) -> list[str]:
    """Lead-k after dropping sentences under six words (the cnndm README's stronger Lead-3)."""
    return [s.text for a in articles for s in a.sentences if len(words(s.text)) >= MIN_WORDS][:count]


def lead_per_outlet(articles: Sequence[Article], count: int) -> list[str]:
    """One lead sentence per outlet (the NeuS baseline); ``count`` is ignored."""
    return [a.sentences[0].text for a in articles if a.sentences]


def sumy_system(summarizer: Any) -> System:
    """A sumy summariser run on the concatenated articles, one sumy paragraph per article."""
    tokenizer = SumyTokenizer()

    def run(articles: Sequence[Article], count: int) -> list[str]:
        doc = sumy_document([[s.text for s in a.sentences] for a in articles], tokenizer)
        if not doc.sentences:
            return []
        return [str(s) for s in summarizer(doc, count)]

    return run


def sumy_baselines(names: Sequence[str] = ("lexrank", "textrank", "lsa", "luhn")) -> dict[str, System]:
    """sumy's summarisers with English stemming (cached) and stop words, as users would configure them."""
    stem = TermAnalyser().stem
    classes: dict[str, Any] = {
        "lexrank": LexRankSummarizer,
        "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer,
    }
    out: dict[str, System] = {}
    for name in names:
        summarizer = classes[name](stem)
        summarizer.stop_words = english_stop_words()
        out[name] = sumy_system(summarizer)
    return out
