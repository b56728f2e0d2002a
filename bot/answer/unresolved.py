"""A speaker left as an unresolved pronoun ("it", "they") shown in the project's unnamed form, not as a name."""

from __future__ import annotations

from bot.nlp.quote_cues import PRONOUNS

UNNAMED = "unnamed source"  # the speaker rules' form for a speaker the text does not name (bot/nlp/speakers.py)


def unresolved(speaker: str) -> bool:
    """The speaker is a bare pronoun the speaker rules could not bind to anyone ("It", "they", "he")."""
    return " ".join(speaker.split()).lower() in PRONOUNS


def shown_speaker(speaker: str) -> str:
    """``speaker`` as a reader can use it: an unresolved pronoun as "unnamed source", any other as stored."""
    return UNNAMED if unresolved(speaker) else speaker
