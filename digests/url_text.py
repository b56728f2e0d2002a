"""Feed URLs made safe to print inside chat links: what could end the link or mislead a reader percent-encoded."""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

HTTP = ("http://", "https://")


def _unsafe(char: str, extra: str) -> bool:
    """Whitespace, control and format characters (a right-to-left override that flips ``gnp.exe``), and ``extra``."""
    return char in extra or char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def encode(url: str, extra: str = "") -> str:
    """``url`` with every unsafe character percent-encoded (UTF-8); ``%`` and everything else left as stored, so an
    already encoded URL is unchanged."""
    return "".join(quote(c, safe="") if _unsafe(c, extra) else c for c in url)


def markdown_url(url: str) -> str | None:
    """An http(s) URL for a Markdown ``[text](url)``: spaces, ``( ) < >`` and, past the host, ``[ ]`` percent-encoded,
    so a stored ``/p/g)](http://evil.example)`` cannot close the link and open another; None for any other scheme."""
    url = url.strip()
    if not url.lower().startswith(HTTP):
        return None
    scheme, _, rest = url.partition("://")
    host_end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))  # "[::1]" stays
    return f"{scheme}://{encode(rest[:host_end], '()<>')}{encode(rest[host_end:], '()<>[]')}"
