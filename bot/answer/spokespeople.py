"""An unnamed spokesperson for an organisation shown with that organisation when it is itself quoted."""

from __future__ import annotations

import re
from collections.abc import Iterable

# the speaker rules' form for someone speaking for a body the text names: "unnamed spokesperson for the <X>"
_FOR = re.compile(r"unnamed (spokesperson|spokespeople|spokesm[ae]n|spokeswom[ae]n|representatives?|officials?)"
                  r" (?:for|of) (.+)", re.IGNORECASE)


def _key(name: str) -> str:
    """A name as groups are matched: case-insensitive, without a leading "the"."""
    words = name.casefold().split()
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


def spoken_for(speaker: str) -> tuple[str, str] | None:
    """The body an unnamed spokesperson speaks for and the word for them: "unnamed spokesperson for the Averley
    Transport Workers' Union" -> ("the Averley Transport Workers' Union", "spokesperson"); None for anyone else."""
    found = _FOR.fullmatch(" ".join(speaker.split()))
    return (found.group(2), found.group(1).lower()) if found else None


def joined_group(speaker: str, names: Iterable[str]) -> tuple[str, str] | None:
    """The one of ``names`` (other speakers' groups of the same answer) that ``speaker`` speaks for, matched
    case-insensitively and ignoring a leading "the", with the word that marks the spokesperson's line; None when
    ``speaker`` is no spokesperson or speaks for no group of ``names``."""
    body = spoken_for(speaker)
    if body is None:
        return None
    return next(((name, body[1]) for name in names if name != speaker and _key(name) == _key(body[0])), None)
