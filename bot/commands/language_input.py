"""Languages as people type them in chat: ``French German`` read as the codes ``fr de`` that briefings use."""

from __future__ import annotations

from bot.ingest.language import LANGUAGES


def language_codes(text: str) -> str:
    """``"French, german"`` -> ``"fr de"``: each word that is the English name of a language briefbot reads becomes
    its ISO 639-1 code; codes and other words stay as typed, for the parser to judge."""
    return " ".join(LANGUAGES.get(word.casefold(), word) for word in text.replace(",", " ").split())
