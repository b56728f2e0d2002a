"""Credentials written into a URL (``https://user:pass@host/``, ``?token=...``): told apart, and masked in text."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

# scheme://, then what comes before the last @ within the authority (no /, ?, # or space before it): a password with
# an unencoded @ is split there, as URL parsers split it (urlsplit), so no part of it shows
_USERINFO = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.-]*://)(?P<user>[^/?#\s:]*)(?P<password>:[^/?#\s]*)?@")
# name=value after ? & ; or # (an OAuth fragment); the value ends before the next separator, a space, a quote or an
# angle bracket, and leaves out punctuation that ends the sentence around the URL ("...?key=abc.")
_PARAMETER = re.compile(r"(?<=[?&;#])(?P<name>[A-Za-z0-9_.%-]{1,64})="
                        r"(?P<value>[^&;#\s'\"<>]+?)(?=[.,:!?)\]]*(?:[&;#\s'\"<>]|$))")
# parameter names that carry a secret: the whole name, or how it ends (api_key, apiKey, access_token, X-Amz-Signature)
SECRET_NAMES = frozenset({"pwd", "pass", "sig", "auth", "authorization", "session", "sessionid"})
SECRET_ENDINGS = ("token", "key", "secret", "password", "passwd", "signature", "credential", "credentials")


def has_userinfo(url: str) -> bool:
    """Whether ``url`` carries a user name or password before its host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "@" in url
    return parts.username is not None or parts.password is not None


def is_secret_parameter(name: str) -> bool:
    """Whether a query parameter's name (as written, percent-encoded or not) says its value is a secret."""
    folded = unquote(name).lower()
    return folded in SECRET_NAMES or folded.endswith(SECRET_ENDINGS)


def mask_userinfo(text: str) -> str:
    """``text`` with the credentials of each URL in it shown as ``***``, the one rule for every URL briefbot shows
    (a feed's in a fetch error, a store's in a store error: ``redact_url``):

    * a password always, the user name before it shown (``https://reader:***@host/feed``): a name beside a
      password is who logs in, which an operator needs to see;
    * a user name written alone, or before an empty password, whole (``https://***@host/``): it is then the only
      credential, and often a token (``https://TOKEN@host/``, ``https://KEY:@api.host/``); a store's role name is
      masked too (``postgresql://***@db/briefbot``), the server's own message names the role when it matters;
    * the value of a query (or fragment) parameter whose name says it is a secret (``?token=***``,
      ``&api_key=***``, ``?key=***``, ``#access_token=***``, ``?password=***``: ``is_secret_parameter``).
    """

    def masked_userinfo(m: re.Match[str]) -> str:
        password = m.group("password")
        if password is not None and password != ":":
            return f"{m.group('scheme')}{m.group('user')}:***@"
        return f"{m.group('scheme')}***@"

    def masked_parameter(m: re.Match[str]) -> str:
        return f"{m.group('name')}=***" if is_secret_parameter(m.group("name")) else m.group()

    text = _USERINFO.sub(masked_userinfo, text)
    if "=" not in text:
        return text
    return _PARAMETER.sub(masked_parameter, text)
