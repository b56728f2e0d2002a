"""The stored story profiles a clustering run starts from: dated stories by their dates, undated ones by first seen."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.nlp.cluster import StoryProfile
from bot.store.stories import StoredProfile


def window_profiles(rows: Sequence[StoredProfile],
                    since: datetime) -> tuple[list[StoryProfile], dict[str, datetime]]:
    """The profiles among ``rows`` (StoryStore.profiles_since) to cluster new articles against, and when each story
    of undated articles among them was first seen (StoryClusterer's ``seen``). A dated story was loaded by its
    newest article's date; an undated one, whose ``updated`` is when it was last summarised, counts from when it
    was first seen, and is left out once that is before ``since``, as a dated story is once its newest article is."""
    profiles: list[StoryProfile] = []
    seen: dict[str, datetime] = {}
    for row in rows:
        profile = StoryProfile.from_json(row.profile)
        if profile.first is None or profile.last is None:
            if row.first_seen is None or row.first_seen < since:
                continue
            seen[profile.story_id] = row.first_seen
        profiles.append(profile)
    return profiles, seen
