"""A briefing's chat message together with the stories whose text it carries (what a renderer's split holds)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

M = TypeVar("M")


@dataclass(frozen=True, slots=True)
class Part(Generic[M]):
    """One message of a briefing as the renderer split it, and the ids of the stories it shows (in full, or as a
    line of the "and N more" list). A story too long for one message is in each part that holds some of it."""

    message: M
    story_ids: tuple[str, ...] = ()


def story_ids(parts: Sequence[Part[M]]) -> list[tuple[str, ...]]:
    """Each part's story ids, in order: what the delivery needs of a split (``bot.delivery_parts``)."""
    return [p.story_ids for p in parts]
