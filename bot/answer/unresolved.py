"""Speakers and roles as a reader can use them: an unresolved pronoun ("it") in the unnamed form, not as a name,
and a description or role without the capital its sentence's start gave it."""

from __future__ import annotations

from collections.abc import Container

from bot.nlp.quote_cues import (
    CAPITALISED_BODIES,
    DEMONYMS,
    INDEFINITE,
    INSTITUTION_NOUNS,
    PASSING_ADJECTIVES,
    PRONOUNS,
    ROLE_NOUNS,
    words,
)

UNNAMED = "unnamed source"  # the speaker rules' form for a speaker the text does not name (bot/nlp/speakers.py)
# common words that open a description ("Senior officials said ...") and take a capital only at a sentence's start
_COMMON_OPENERS = ROLE_NOUNS | INSTITUTION_NOUNS | PASSING_ADJECTIVES | INDEFINITE | words(
    """senior junior top high-ranking veteran military security intelligence government health defence defense
    police diplomatic foreign four five six several few both various other frontline fellow""")  # no demonyms
_DEMONYMS = frozenset(DEMONYMS.values())  # a nationality keeps its capital ("Russian envoy")


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


def shown_role(role: str, names: Container[str] | None = None) -> str:
    """A role that kept the capital of its sentence's start ("Chief engineer Tomas Reiner said", "Mayor Ilse Marrow
    said") in lower case ("chief engineer", "mayor"), as the same role reads mid-sentence: its first word a known
    role or common word, or, with ``names`` (the words its article writes with a capital mid-sentence, casefolded:
    ``bot/answer/role_case.py``), any word that is not one of them ("Outgoing mayor"; "Valdorian envoy" kept when
    the text writes "the Valdorian coast"; "Kremlin spokesman" always: ``CAPITALISED_BODIES``). A role with a name's
    or a title's capital on any later word ("Secretary General", "head of the Valdorian Fishermen Association") as
    stored, and so is a first word written otherwise ("NATO", "McAllister")."""
    first, _, rest = role.partition(" ")
    if not (first[:1].isupper() and first[1:] == first[1:].lower() and rest == rest.lower()):
        return role
    if first.casefold() in CAPITALISED_BODIES:  # "Kremlin spokesman": a name wherever the article writes it
        return role
    common = first.lower() in _COMMON_OPENERS
    if common or (names is not None and first.casefold() not in names and first not in _DEMONYMS):
        return " ".join(w for w in (first.lower(), rest) if w)
    return role


def shown_written(as_written: str) -> str:
    """An unnamed speaker as written with "The" opening its sentence in lower case when every word after it is
    ("The office", "The national weather office": "the office", "the national weather office"); a name's
    capital ("The Kremlin", "The White House", "The Guardian") keeps it, and so does anything else."""
    first, _, rest = as_written.partition(" ")
    if first == "The" and rest and rest == rest.lower() and any(c.isalpha() for c in rest):
        return "the " + rest
    return as_written
