"""The buttons under a story in a posted briefing: which command each runs, and the id a platform carries back."""

from __future__ import annotations

from dataclasses import dataclass

PREFIX = "brief"  # every id starts with it, so an adapter knows the click is ours
MAX_ID_CHARS = 100  # Discord's custom_id limit (Slack allows 255): ids longer than this get no buttons


@dataclass(frozen=True, slots=True)
class StoryAction:
    """One button: the `/brief` verb it runs on the story, and its label."""

    verb: str
    label: str


# "story": the story in full, to the person who clicked; "track": its follow-ups posted here as soon as
# they come; "mute": no more of it here. Track and mute need the channel-management permission, checked
# when clicked exactly as for the typed command. Renderers keep a story's buttons in one row (Discord:
# five buttons a row, so at most five actions).
STORY_ACTIONS: tuple[StoryAction, ...] = (StoryAction("story", "Full story"), StoryAction("track", "Track"),
                                          StoryAction("mute", "Mute"))


def action_id(verb: str, story_id: str) -> str:
    """``brief:story:s-1a2b``; "" when the story id cannot be carried (too long, or holding a colon)."""
    if ":" in story_id or not story_id:
        return ""
    value = f"{PREFIX}:{verb}:{story_id}"
    return value if len(value) <= MAX_ID_CHARS else ""


def parse_action_id(value: str) -> tuple[str, str] | None:
    """(verb, story id) of an id made by ``action_id`` for a known action; None for anything else."""
    parts = value.split(":")
    if len(parts) != 3 or parts[0] != PREFIX or not parts[2]:
        return None
    verbs = {a.verb for a in STORY_ACTIONS}
    return (parts[1], parts[2]) if parts[1] in verbs else None
