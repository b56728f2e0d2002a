"""Links that are a picture, audio or video file, not a page: never fetched for an article's text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# a file name's extension that names a picture, sound or film (".jpeg", ".mp3", ".webm"), in any case
_MEDIA_FILE = re.compile(
    r"\.(?:jpe?g|png|gif|gifv|webp|avif|heic|svg|bmp|tiff?|mp3|m4a|aac|oga|ogg|opus|wav|flac|mp4|m4v|mov|webm|mkv|"
    r"avi|mpe?g|3gp)$", re.IGNORECASE)
# hosts that serve nothing but a post's picture or video (Reddit's: i.redd.it/x.jpeg, v.redd.it/x)
_MEDIA_HOSTS = frozenset({"i.redd.it", "v.redd.it", "preview.redd.it"})


def media_address(url: str) -> bool:
    """Whether ``url`` is a picture, audio or video file by its path's extension or its host (``_MEDIA_HOSTS``)."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return False
    return host in _MEDIA_HOSTS or _MEDIA_FILE.search(parts.path) is not None


def media_typed(url: str, hints: list[tuple[str, str]]) -> bool:
    """Whether the feed says ``url`` is a picture, audio or video: one of ``hints`` ((address, its type or medium):
    an enclosure, a media:content) is that address with a type or medium of image, audio or video."""
    return any(address == url and kind.lower().startswith(("image", "audio", "video")) for address, kind in hints)
