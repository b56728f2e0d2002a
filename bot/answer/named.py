"""Whether a topic or a typed name names one speaker: their whole name, or their surname alone."""

from __future__ import annotations

from bot.store.quotes import surname
from bot.store.speaker_roles import typed_name


def names_speaker(text: str, speaker: str) -> bool:
    """Whether ``text`` is this speaker's name: the whole of it ("Elena Vasquez", "the Kremlin" for "Kremlin"), or
    one word that is their surname ("Vasquez"). A joint speaker ("Valdoria and Merrin") is named only whole: a word
    it holds ("Valdoria") names one of its members, not it."""
    asked, name = typed_name(text), typed_name(speaker)
    if not asked:
        return False
    if asked == name:
        return True
    return " " not in asked and " and " not in name and surname(speaker) == asked
