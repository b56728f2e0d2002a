"""A phrasal cue as written: "pointed to", "called for", "warned of", not a bare "pointed" before what was said."""

from __future__ import annotations

from dataclasses import replace

from bot.nlp.phrasal_cues import BEFORE_CHARS, particles, shown_cue
from bot.store.articles import ArticleStore
from bot.store.quotes import QuoteHit


async def with_particles(hits: list[QuoteHit], articles: ArticleStore) -> list[QuoteHit]:
    """The hits with each phrasal cue as ``shown_cue`` (bot/nlp/phrasal_cues.py) shows it: with the particle kept at
    extraction, or for a row stored before that was kept (``cue_particle`` ""), read against its article's stored
    text (the content's offsets); the content's start moves past a particle taken from it."""
    wanted = sorted({h.attribution.article_id for h in hits
                     if particles(h.attribution.cue) and not h.attribution.cue_particle})
    texts = {a.id: a.text for a in await articles.get_many(wanted)} if wanted else {}
    out = []
    for hit in hits:
        a = hit.attribution
        if not particles(a.cue) or (a.article_id not in texts and not a.cue_particle):
            out.append(hit)
            continue
        text = texts.get(a.article_id, "")
        before = text[max(0, a.start - BEFORE_CHARS):a.start] if text[a.start:a.end] == a.content else ""
        cue, content = shown_cue(a.cue, a.content, before, particle=a.cue_particle)
        if cue == a.cue:
            out.append(hit)
            continue
        moved = len(a.content) - len(content)
        out.append(replace(hit, attribution=replace(a, cue=cue, content=content, start=a.start + moved)))
    return out
