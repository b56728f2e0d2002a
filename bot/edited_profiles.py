"""Stories whose articles were edited at their source: their clustering profiles made again from the new texts."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol

from bot.models import Article
from bot.nlp.cluster import StoryClusterer


class Members(Protocol):
    """What is read of the article store (bot/store/articles.py ArticleStore)."""

    async def ids_for_stories(self, story_ids: Sequence[str]) -> dict[str, list[str]]: ...

    async def get_many(self, ids: Sequence[str]) -> list[Article]: ...


async def rebuild_edited(clusterer: StoryClusterer, story_ids: Collection[str], store: Members,
                         held: Sequence[Article] = ()) -> list[str]:
    """Make each story of ``story_ids`` (those of articles stored again with a new text or headline) held by
    ``clusterer`` again from its articles as stored now, so the edited ones count by their new text, not their
    first: the old text's terms leave the profile, the new one's join it. Articles in the order they joined the
    story (the profile's), any the profile does not name after them in storage order (``held``: articles already
    loaded). A story the clusterer does not hold (older than the lookback: nothing new can join it) or one of whose
    counted articles is no longer stored keeps its profile. The ids of the stories made again."""
    wanted = sorted(s for s in story_ids if clusterer.profile(s) is not None)
    if not wanted:
        return []
    members = await store.ids_for_stories(wanted)
    by_id = {a.id: a for a in held}
    by_id.update((a.id, a) for a in await store.get_many(
        [i for ids in members.values() for i in ids if i not in by_id]))
    done: list[str] = []
    for story_id in wanted:
        profile = clusterer.profile(story_id)
        ids = [i for i in members.get(story_id, ()) if i in by_id]
        if profile is None or not ids or not set(profile.article_ids) <= set(ids):
            continue
        joined = {a: n for n, a in enumerate(profile.article_ids)}
        ordered = sorted(ids, key=lambda i: joined.get(i, len(joined)))  # stable: the rest in storage order
        clusterer.rebuild(story_id, [by_id[i] for i in ordered])
        done.append(story_id)
    return done
