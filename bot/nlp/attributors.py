"""Which quote extractor reads an article: one per language, none for a language without one."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.models import Article, Attribution

Attributor = Callable[[Article], tuple[Attribution, ...]]


class ByLanguage:
    """Gives each article to the extractor of its language (``article.language``); other languages get none."""

    def __init__(self, extractors: Mapping[str, Attributor]) -> None:
        self.extractors = dict(extractors)

    def for_language(self, language: str) -> Attributor | None:
        return self.extractors.get(language)

    def __call__(self, article: Article) -> tuple[Attribution, ...]:
        extractor = self.for_language(article.language)
        return extractor(article) if extractor is not None else ()


def by_language(attributor: Attributor | ByLanguage) -> ByLanguage:
    """A dispatcher as given; a single extractor is the English one (spaCy's English model and English cues)."""
    return attributor if isinstance(attributor, ByLanguage) else ByLanguage({"en": attributor})


def default_attributor() -> ByLanguage:
    """English by spaCy's parse (bot/nlp/quotes.py); French, German, Spanish, Italian and Portuguese direct
    quotations and reported speech by rules (bot/nlp/quotes_direct.py, bot/nlp/quotes_reported.py). Importing it
    loads spaCy's code, not its model."""
    from bot.nlp.quotes import extract_attributions
    from bot.nlp.quotes_direct import DIRECT_LANGUAGES, extract_rule_quotes

    return ByLanguage({"en": extract_attributions, **dict.fromkeys(sorted(DIRECT_LANGUAGES), extract_rule_quotes)})
