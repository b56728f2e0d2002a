"""The outlet routes of attributions ("told the Valmont Post": "via Valmont Post"), each on its own quote."""

from __future__ import annotations


class Routes:
    """The papers an article's speakers told, in full ("Valmont Post"), in the order read."""

    def __init__(self) -> None:
        self._vias: list[str] = []

    def full(self, via: str) -> str:
        """A paper's name as the article first gave it ("told the Post" after "told the Valmont Post")."""
        if not via:
            return via
        known = next((v for v in self._vias if v == via or v.endswith(" " + via)), None)
        if known is None:
            self._vias.append(via)
        return known or via


def has_via(role: str, via: str) -> bool:
    """The role names this route already, in full or by its full name ("via Valmont Post" for "Post")."""
    return any(part.startswith("via ") and (part[4:] == via or part[4:].endswith(" " + via))
               for part in role.split(", "))


def with_via(role: str | None, canonical: str, via: str) -> str | None:
    """``role`` with the route ``via`` added ("harbour master, via Valmont Post"), unless the speaker is the outlet
    itself or the role names the route already."""
    if not via or via.lower() in canonical.lower() or has_via(role or "", via):
        return role
    return f"{role}, via {via}" if role else f"via {via}"


__all__ = ["Routes", "has_via", "with_via"]
