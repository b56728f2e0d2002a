"""Phrasal cues ("pointed to", "called for", "warned of"): the particles each takes and the cue shown with one."""

from __future__ import annotations

import re

# the particles each phrasal cue takes, by the forms of its verb
_TAKES: dict[str, tuple[str, ...]] = {}
for _forms, _taken in (
    ("point points pointed pointing", ("to", "out")),
    ("call calls called calling", ("for", "on")),
    ("warn warns warned warning", ("of", "against", "about")),
    ("insist insists insisted insisting", ("on",)),
    ("speak speaks spoke spoken speaking", ("of", "about")),
    ("hint hints hinted hinting", ("at",)),
    ("refer refers referred referring", ("to",)),
):
    for _form in _forms.split():
        _TAKES[_form] = _taken

BEFORE_CHARS = 80  # how much article text before the content is read for a particle


def particles(cue: str) -> tuple[str, ...]:
    """The particles a one-word phrasal cue takes ("pointed": "to", "out"); none for any other cue."""
    words = cue.split()
    return _TAKES.get(words[0].lower(), ()) if len(words) == 1 else ()


def particle_before(cue: str, before: str) -> str:
    """The particle the text ``before`` the content puts right after the cue ("... pointed to ": "to"), lower
    case; "" when the text puts none there or the cue takes none."""
    taken = particles(cue)
    tail = re.search(r"(\S+)\s+(\S+)\s*$", before) if taken else None
    if tail and tail[1].lower() == cue.lower() and tail[2].lower() in taken:
        return tail[2].lower()
    return ""


def cue_particle(cue: str, text: str, start: int) -> str:
    """``particle_before`` read in ``text`` before the content starting at ``start`` (what an attribution keeps as
    its ``cue_particle``, bot/models.py)."""
    return particle_before(cue, text[max(0, start - BEFORE_CHARS):start]) if particles(cue) else ""


def shown_cue(cue: str, content: str, before: str = "", *, particle: str = "") -> tuple[str, str]:
    """The cue and content to show: a one-word phrasal cue ("pointed") with the particle that heads the content
    ("for a full audit": "called for", "a full audit"), else with the ``particle`` kept for it at extraction
    (``cue_particle``) or the one the article text ``before`` the content puts right after the cue ("... pointed
    to "); anything else as it is."""
    taken = particles(cue)
    if not taken:
        return cue, content
    head = re.match(r"(\S+)\s+(?=\S)", content)
    if head and head[1].lower() in taken:
        return f"{cue} {head[1].lower()}", content[head.end():]
    between = particle.lower() if particle.lower() in taken else particle_before(cue, before)
    return (f"{cue} {between}", content) if between else (cue, content)
