"""Per-source request headers from the config (API keys, tokens): which source has them, and where they may go."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from yarl import URL

from bot.config import SourceConfig

Origin = tuple[str, str, int]  # (scheme, host, port), as browsers compare them
HELD_START = "not polled: "  # how a held source's note starts (SourceCredentials.problem): shown as "held back"


def is_held(note: str | None) -> bool:
    """Whether a source's stored note is the one the poller keeps for a source it holds back (no failure)."""
    return bool(note) and str(note).startswith(HELD_START)


def origin_of(url: str | URL) -> Origin | None:
    """The origin of an http(s) URL, default ports filled in; None for anything else."""
    try:
        parsed = url if isinstance(url, URL) else URL(url.strip())
        scheme, host, port = parsed.scheme.lower(), (parsed.raw_host or "").lower(), parsed.port
    except (ValueError, TypeError):
        return None
    if scheme not in ("http", "https") or not host or port is None:
        return None
    return scheme, host.rstrip("."), port


@dataclass(frozen=True)
class SourceAuth:
    """The headers one source sends, and its own origin: the only one they are ever sent to."""

    origin: Origin
    headers: Mapping[str, str] = field(repr=False)

    def applies_to(self, url: str | URL) -> bool:
        """Same scheme, host and port as the source: a redirect elsewhere, or https to http, does not."""
        return origin_of(url) == self.origin

    def where(self) -> str:
        scheme, host, port = self.origin
        return f"{scheme}://{host}:{port}"


def _unusable(value: str) -> str:
    """Why a header value cannot be sent ("" when it can); never quotes the value."""
    if not value:
        return "is unset or empty"
    if any((ord(c) < 0x20 and c != "\t") or ord(c) == 0x7F for c in value):
        return "holds a line break or another control character"
    return ""


@dataclass(frozen=True)
class SourceCredentials:
    """Configured sources' headers by source URL, and why a source whose headers are incomplete is not polled.

    Built from the config once and handed to the poller: credentials never go into the store, and sources
    added from chat have none (unless they are the very URL a configured source has)."""

    auth: Mapping[str, SourceAuth] = field(default_factory=dict, repr=False)
    problems: Mapping[str, str] = field(default_factory=dict)  # source URL -> one line naming the variable

    @classmethod
    def from_config(cls, sources: Sequence[SourceConfig]) -> SourceCredentials:
        auth: dict[str, SourceAuth] = {}
        problems: dict[str, str] = {}
        for i, source in enumerate(sources):
            if not source.headers:
                continue
            url = source.url.strip()
            origin = origin_of(url)
            if origin is None:
                problems[url] = f"its URL is not an http(s) URL with a host (sources[{i}].headers_env)"
                continue
            headers: dict[str, str] = {}
            for header in source.headers:
                value = header.value.value.strip()
                why = _unusable(value)
                if why:
                    problems[url] = (f"environment variable {header.value.env_name} (its {header.name} "
                                     f"header, sources[{i}].headers_env) {why}")
                    break
                headers[header.name] = value
            else:
                auth[url] = SourceAuth(origin, headers)
        return cls(auth, problems)

    def for_source(self, url: str) -> SourceAuth | None:
        return self.auth.get(url.strip())

    def problem(self, url: str) -> str:
        """Why this source is not polled ("" when it may be)."""
        reason = self.reason(url)
        return f"{HELD_START}{reason}" if reason else ""

    def reason(self, url: str) -> str:
        """Why this source's credentials cannot be sent ("" when they can, or it has none)."""
        return self.problems.get(url.strip(), "")
