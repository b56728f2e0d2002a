"""Canonical URLs, normalised-text hashes and stable article ids, for dedupe."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_", "__hs", "_hs")
_TRACKING = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
    "_ga", "_gl", "ref_src", "ref_url", "cmpid", "ocid", "smid", "s_cid", "icid", "ncid", "sr_share",
    "spm", "wt.mc_id", "cmp", "mkt_tok", "oly_anon_id", "oly_enc_id", "rss", "rss_source", "feature",
    "__twitter_impression", "share", "sharetype", "via",
})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SPACE = re.compile(r"\s+")


def canonical_url(url: str) -> str:
    """One spelling per article URL: lower-case host without ``www.``, no fragment, no tracking
    parameters, no default port, no trailing slash, remaining query sorted.

    Anything that is not an http(s) URL is returned stripped but otherwise unchanged.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    )
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in _TRACKING or key.startswith(_TRACKING_PREFIXES)


def normalise_for_hash(text: str) -> str:
    """Text with case, Unicode forms, curly quotes and whitespace folded away."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return _SPACE.sub(" ", text).strip()


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the whitespace/case-normalised text: the same text hashes the same."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def article_id(guid: str | None, url: str, text_hash: str, scope: str = "") -> str:
    """Stable 16-hex-digit id: from the GUID (scoped to its feed: two feeds may both use "1") when there
    is one, else the canonical URL, else the text."""
    if guid and guid.strip():
        key = "guid:" + scope + "|" + guid.strip()
    elif url.strip():
        key = "url:" + canonical_url(url)
    else:
        key = "text:" + text_hash
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
