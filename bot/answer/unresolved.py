"""A speaker left as an unresolved pronoun ("it", "they") shown in the project's unnamed form, not as a name."""

from __future__ import annotations

from bot.nlp.quote_cues import INDEFINITE, INSTITUTION_NOUNS, PASSING_ADJECTIVES, PRONOUNS, ROLE_NOUNS, words

UNNAMED = "unnamed source"  # the speaker rules' form for a speaker the text does not name (bot/nlp/speakers.py)
# common words that open a description ("Senior officials said ...") and take a capital only at a sentence's start
_COMMON_OPENERS = ROLE_NOUNS | INSTITUTION_NOUNS | PASSING_ADJECTIVES | INDEFINITE | words(
    """senior junior top high-ranking veteran military security intelligence government health defence defense
    police diplomatic foreign four five six several few both various other frontline fellow""")  # no demonyms


def unresolved(speaker: str) -> bool:
    """The speaker is a bare pronoun the speaker rules could not bind to anyone ("It", "they", "he")."""
    return " ".join(speaker.split()).lower() in PRONOUNS


def shown_speaker(speaker: str) -> str:
    """``speaker`` as a reader can use it: an unresolved pronoun as "unnamed source"; an unnamed description
    whose first word kept the capital of its sentence's start in lower case ("unnamed Officials" -> "unnamed
    officials"), a name's capital kept ("unnamed Pentagon officials", "unnamed General Motors executive"); any
    other as stored."""
    if unresolved(speaker):
        return UNNAMED
    if not speaker.startswith("unnamed "):
        return speaker
    first, _, rest = speaker.removeprefix("unnamed ").partition(" ")
    common = first.lower() in _COMMON_OPENERS or first.lower().removesuffix("s") in _COMMON_OPENERS
    next_word = rest.split(maxsplit=1)[0] if rest else ""
    if common and first[:1].isupper() and first[1:] == first[1:].lower() and next_word == next_word.lower():
        return " ".join(w for w in ("unnamed", first.lower(), rest) if w)
    return speaker
