"""Which stories pass a channel's languages: a story's languages read from its profile once (while its ``changed_at``
holds) and kept for the next channel; a story with an article in a chosen language, or of unknown languages, passes."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache

from bot.channel_languages import labels_of
from bot.nlp.anchors import language_key
from bot.nlp.cluster import StoryProfile
from bot.store.stories import StoryRow

UNKNOWN = None  # a story some of whose articles' languages the profile does not record (saved before it did)


def profile_languages(profile: str) -> frozenset[str] | None:
    """The language keys of a story's articles (``language_key``: "fr-CA" -> "french"), from its profile JSON;
    None when they are unknown: no profile, one saved before languages were recorded (``languages == ()``), or one
    articles were added to since (fewer languages than articles)."""
    if not profile:
        return UNKNOWN
    try:
        parsed = StoryProfile.from_json(profile)
    except (ValueError, KeyError, TypeError):
        return UNKNOWN
    if not parsed.languages or len(parsed.languages) < parsed.size:
        return UNKNOWN
    return frozenset(parsed.languages)


@lru_cache(maxsize=1024)
def wanted_keys(codes: tuple[str, ...]) -> frozenset[str]:
    """A channel's ISO 639-1 codes as the language keys profiles record ("fr" -> "french", "nl" -> "nl"), with the
    labels of the same languages ("no" -> "no", "nb", "nn"; "he" -> "he", "iw": ``channel_languages.labels_of``)."""
    return frozenset(language_key(code) for code in labels_of(codes))


class LanguageScreen:
    """Each story's languages, read once per ``changed_at`` and kept (up to ``size`` stories, the oldest let go
    first) for every channel of a ``Delivery`` and every round: deciding for a channel costs a set lookup."""

    SIZE = 20_000

    def __init__(self, size: int | None = None) -> None:
        self._size = self.SIZE if size is None else size
        self._found: OrderedDict[str, tuple[datetime | None, frozenset[str] | None]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._found)

    def languages(self, row: StoryRow) -> frozenset[str] | None:
        """The row's story's language keys (None: unknown), read from its profile unless kept at its changed_at."""
        kept = self._found.get(row.id)
        if kept is not None and kept[0] == row.changed_at:
            self._found.move_to_end(row.id)
            return kept[1]
        found = profile_languages(row.profile)
        self._found[row.id] = (row.changed_at, found)
        self._found.move_to_end(row.id)
        while len(self._found) > self._size:
            self._found.popitem(last=False)
        return found

    def passes(self, row: StoryRow, codes: Sequence[str]) -> bool:
        """Whether a channel that chose ``codes`` (empty: every language) gets the row's story: one of its articles
        is in one of them, or its languages are unknown."""
        if not codes:
            return True
        found = self.languages(row)
        return found is UNKNOWN or not found.isdisjoint(wanted_keys(tuple(codes)))

    def screened(self, rows: Sequence[StoryRow], codes: Sequence[str]) -> list[StoryRow]:
        """The rows whose stories pass ``codes``, in order (all of them when ``codes`` is empty: nothing is read)."""
        if not codes:
            return list(rows)
        return [r for r in rows if self.passes(r, codes)]
