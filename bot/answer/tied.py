"""Speakers a name search finds that are not the one asked but tied to it ("sources within TORVA")."""

from __future__ import annotations

from bot.store.quotes import names_member
from bot.store.speaker_names import full_name
from bot.store.speaker_roles import typed_name


def tied_to(asked: str, speaker: str) -> bool:
    """Whether ``speaker``, found for the name ``asked``, is a description that holds that name rather than its
    bearer: "Sources within TORVA", "unnamed TORVA official", "unnamed spokesperson for TORVA" for "TORVA". The
    one asked is a name: the words asked ("the Velmora Council" for "Velmora Council"), one word, a full name
    ("Mark Rutte" for "Rutte", "Charles de Gaulle") or a joint speaker with such a member ("Ada Quist and Per
    Odde")."""
    if typed_name(speaker) == typed_name(asked) or len(speaker.split()) == 1 or full_name(speaker):
        return False
    words = typed_name(asked).split()
    return not (" and " in speaker and words and names_member(speaker, words))
