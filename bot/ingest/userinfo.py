"""A user name and password written into a URL (``https://user:pass@host/``): told apart, and masked in text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# scheme://, then what comes before the last @ within the authority (no /, ?, # or space before it): a password with
# an unencoded @ is split there, as URL parsers split it (urlsplit), so no part of it shows
_USERINFO = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.-]*://)(?P<user>[^/?#\s:]*)(?P<password>:[^/?#\s]*)?@")


def has_userinfo(url: str) -> bool:
    """Whether ``url`` carries a user name or password before its host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "@" in url
    return parts.username is not None or parts.password is not None


def mask_userinfo(text: str) -> str:
    """``text`` with each URL's password shown as ``***`` (``https://reader:***@host/feed``); a user name written
    alone, which is often a token (``https://TOKEN@host/``), is masked whole (``https://***@host/``)."""

    def masked(m: re.Match[str]) -> str:
        if m.group("password") is not None:
            return f"{m.group('scheme')}{m.group('user')}:***@"
        return f"{m.group('scheme')}***@"

    return _USERINFO.sub(masked, text)

