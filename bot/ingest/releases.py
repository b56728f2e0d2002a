"""GitHub release and tag feeds ("Release notes from <repo>", "Tags from <repo>"): a version-only title named by its
repository, no notes."""

from __future__ import annotations

import re

_FEED_TITLE = re.compile(r"^(?:Release notes|Tags) from (\S+)$")
_RELEASE_ID = "tag:github.com,2008:Repository/"  # an entry's <id>: tag:github.com,2008:Repository/1234/v2.3.0
# a version and nothing else: "v2.2.1", "2.2", "v3.0.0-rc.1", "1.4.0+build.7"
_VERSION = re.compile(r"^v?\d+(?:\.\d+)+(?:[-+][0-9A-Za-z.-]+)?$", re.IGNORECASE)
NO_NOTES = "No content."  # what GitHub writes as the content of a release (or tag) with no notes


def repository(feed_name: str, entry_id: str) -> str:
    """The repository a GitHub release or tag entry is of ("tidewatch"), from its feed's title; "" for any other
    entry."""
    found = _FEED_TITLE.match(feed_name.strip())
    return found.group(1) if found and entry_id.startswith(_RELEASE_ID) else ""


def release_title(title: str, repo: str) -> str:
    """``title`` with the repository before it when it is only a version ("v2.2.1" -> "tidewatch v2.2.1")."""
    return f"{repo} {title.strip()}" if repo and _VERSION.match(title.strip()) else title


def no_notes(text: str) -> bool:
    """Whether a release's text is GitHub's stand-in for none (``NO_NOTES``)."""
    return text.strip() == NO_NOTES
