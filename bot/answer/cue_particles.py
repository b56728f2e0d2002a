"""A phrasal cue as written: "pointed to", "called for", "warned of", not a bare "pointed" before what was said."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.store.articles import ArticleStore
from bot.store.quotes import QuoteHit

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


def _particles(cue: str) -> tuple[str, ...]:
    words = cue.split()
    return _TAKES.get(words[0].lower(), ()) if len(words) == 1 else ()


def shown_cue(cue: str, content: str, before: str) -> tuple[str, str]:
    """The cue and content to show: a one-word phrasal cue ("pointed") with the particle that heads the content
    ("for a full audit": "called for", "a full audit") or that the article text ``before`` the content puts right
    after the cue ("... pointed to "); anything else as it is."""
    particles = _particles(cue)
    if not particles:
        return cue, content
    head = re.match(r"(\S+)\s+(?=\S)", content)
    if head and head[1].lower() in particles:
        return f"{cue} {head[1].lower()}", content[head.end():]
    tail = re.search(r"(\S+)\s+(\S+)\s*$", before)
    if tail and tail[1].lower() == cue.lower() and tail[2].lower() in particles:
        return f"{cue} {tail[2].lower()}", content
    return cue, content


async def with_particles(hits: list[QuoteHit], articles: ArticleStore) -> list[QuoteHit]:
    """The hits with each phrasal cue as ``shown_cue`` shows it, read against its article's stored text (the
    content's offsets); the content's start moves past a particle taken from it."""
    wanted = sorted({h.attribution.article_id for h in hits if _particles(h.attribution.cue)})
    texts = {a.id: a.text for a in await articles.get_many(wanted)} if wanted else {}
    out = []
    for hit in hits:
        a = hit.attribution
        if a.article_id not in texts:
            out.append(hit)
            continue
        text = texts[a.article_id]
        before = text[max(0, a.start - 80):a.start] if text[a.start:a.end] == a.content else ""
        cue, content = shown_cue(a.cue, a.content, before)
        if cue == a.cue:
            out.append(hit)
            continue
        moved = len(a.content) - len(content)
        out.append(replace(hit, attribution=replace(a, cue=cue, content=content, start=a.start + moved)))
    return out
