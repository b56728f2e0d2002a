"""A stored role and the outlet route it may carry ("mayor, via Valmont Post") told apart."""

from __future__ import annotations


def _parts(role: str) -> list[str]:
    return [part.strip() for part in role.split(", ")]


def without_via(role: str | None) -> str | None:
    """The role without its route ("mayor, via Valmont Post" -> "mayor"; "via Valmont Post" -> None): what the
    speaker is, true of every quote of theirs, not only of the one a paper was told."""
    if not role:
        return role
    kept = [part for part in _parts(role) if not part.startswith("via ")]
    return ", ".join(kept) or None


def via_of(role: str | None) -> str:
    """The route a role carries, as written ("via Valmont Post"), or ""."""
    return next((part for part in _parts(role or "") if part.startswith("via ")), "")


__all__ = ["via_of", "without_via"]
