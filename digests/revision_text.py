"""How an edit of an article is told: "Harbour Daily changed its article: “…11 injured…” → “…14 injured…”"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from bot.models import BriefingItem, RevisionNote
from bot.plurals import counted

UPDATED = "Updated:"  # what a follow-up's line about edits starts with


def _others(note: RevisionNote) -> str:
    return f" (and {counted(note.others, 'more change')})" if note.others else ""


def change_text(note: RevisionNote) -> str:
    """The change itself: “before” → “after”, headline “before” → “after”, added “…” or removed “…”."""
    if note.why == "headline":
        return f"headline “{note.before}” → “{note.after}”"
    if note.before and note.after:
        return f"“{note.before}” → “{note.after}”"
    return f"added “{note.after}”" if note.after else f"removed “{note.before}”"


def updated_text(note: RevisionNote) -> str:
    """One edit as a follow-up tells it: "Harbour Daily changed its article: “…” → “…”"."""
    outlet = note.outlet or "An outlet"
    if note.why == "headline":
        said = f"{outlet} changed its headline: “{note.before}” → “{note.after}”"
    elif note.before and note.after:
        said = f"{outlet} changed its article: “{note.before}” → “{note.after}”"
    elif note.after:
        said = f"{outlet} added {'a note' if note.why == 'correction' else 'to its article'}: “{note.after}”"
    else:
        said = f"{outlet} removed from its article: “{note.before}”"
    return said + _others(note)


def updated_lines(item: BriefingItem) -> list[str]:
    """A follow-up's edits, one line each without the "Updated:" label (renderers add it in their markup)."""
    return [updated_text(n) for n in item.revised]


def edited_lines(notes: Sequence[RevisionNote], tz: tzinfo, shown: int = 2) -> list[str]:
    """An article's edits under its coverage line in the story view, the latest ``shown`` oldest first ("edited Fri
    20 Nov 14:05: “…11 injured…” → “…14 injured…”"), then how many earlier ones there were ("… and 3 earlier
    edits")."""
    ordered = sorted(notes, key=lambda n: n.seen_at)
    lines = [f"edited {n.seen_at.astimezone(tz):%a %d %b %H:%M}: {change_text(n)}{_others(n)}"
             for n in ordered[-shown:]] if shown > 0 else []
    earlier = len(ordered) - len(lines)
    if earlier:
        lines.append(f"… and {counted(earlier, 'earlier edit')}")
    return lines
