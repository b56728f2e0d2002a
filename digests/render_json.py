"""Render a Briefing as JSON-ready data: stories[] with headline, outlet count, sources[] (with their edits) and
summary[] provenance."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.models import Briefing, BriefingItem, RevisionNote
from bot.outlets import independent, outlet_count, story_sites
from digests.figures_differ import item_tolls


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def revision_to_dict(note: RevisionNote) -> dict[str, Any]:
    """An edit that matters: when it was seen, why it matters, its most important change (both sides shortened,
    "" for an added or removed sentence) and how many more changes that matter it made."""
    return {"article": note.article_id, "outlet": note.outlet, "seen": _iso(note.seen_at), "why": note.why,
            "before": note.before, "after": note.after, "other_changes": note.others}


def item_to_dict(item: BriefingItem) -> dict[str, Any]:
    story = item.story
    own = {s.article_id for s in independent(story.sources)}
    sites = story_sites(story.sources)  # the site each source is counted under (a news search's item: its outlet's)
    edits: dict[str, list[dict[str, Any]]] = {}
    for note in story.revisions:
        edits.setdefault(note.article_id, []).append(revision_to_dict(note))
    return {
        "id": story.id,
        "headline": story.headline,
        "url": story.url,
        "score": item.score,
        "why": item.why,
        "updated": _iso(story.updated),
        "outlets": outlet_count(story.sources),  # independent outlets (bot/outlets.py)
        "sources": [
            {"name": s.name, "url": s.url, "file": s.file, "title": s.title, "published": _iso(s.published),
             "article": s.article_id, "site": sites[s.article_id],
             "copy_of": s.copy_of if s.article_id not in own else None,  # the article whose text it repeats
             "revisions": edits.get(s.article_id, []),  # its edits that matter, oldest first
             "new": s.article_id in item.new}  # a follow-up's report the channel has not seen
            for s in story.sources
        ],
        "summary": [
            {"text": s.text, "article": s.article_id, "sentence": s.sentence, "start": s.start, "end": s.end}
            for s in story.summary
        ],
        "new_since": [
            {"text": s.text, "article": s.article_id, "sentence": s.sentence, "start": s.start, "end": s.end}
            for s in item.new_since
        ],
        # the death tolls the reports differ on (headlines, lead sentences), each outlet's ("12 dead (A), 14 dead
        # (B)"); "" for none
        "reports_differ": item_tolls(item),
        # a follow-up: edits that matter of articles the channel saw, since it last saw the story
        "revised": [revision_to_dict(n) for n in item.revised],
        "quotes": [
            # ``cue`` as extracted ("pointed"); ``cue_particle`` the particle the text put after it ("to" of
            # "pointed to", bot/nlp/phrasal_cues.py), "" for none or a row stored before it was kept
            {"speaker": q.speaker, "speaker_as_written": q.speaker_as_written, "cue": q.cue,
             "cue_particle": q.cue_particle, "text": q.content, "kind": q.kind, "article": q.article_id,
             "sentence": q.sentence}
            for q in story.quotes
        ],
    }


def briefing_to_dict(briefing: Briefing) -> dict[str, Any]:
    return {
        "title": briefing.title,
        "generated": _iso(briefing.generated),
        "since": _iso(briefing.since),
        "topic": briefing.topic,
        # how much of each story the channel shows (digests/length.py); the stories below are always whole
        "length": briefing.length,
        "stories": [item_to_dict(i) for i in briefing.items],
        "more": [item_to_dict(i) for i in briefing.more],
    }
