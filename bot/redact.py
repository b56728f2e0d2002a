"""Log lines that never show a secret: configured token values and URL credentials masked in every record."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable

from bot.config import Config, Secret
from bot.ingest.userinfo import mask_userinfo

MIN_SECRET_CHARS = 6  # shorter values would mask ordinary words; no real token is this short
MASK = "[redacted]"


def secret_values(config: Config) -> list[str]:
    """Every secret value the config read from the environment (longest first, so none is half-masked)."""
    found: list[str] = []
    for section in (config.slack, config.discord, config.health):
        for f in dataclasses.fields(section):
            value = getattr(section, f.name)
            if isinstance(value, Secret) and len(value.value) >= MIN_SECRET_CHARS:
                found.append(value.value)
    for source in config.sources:  # headers_env values; "Bearer abc..." / "Basic abc...": the token alone too
        for header in source.headers:
            for part in (header.value.value.strip(), header.value.value.strip().partition(" ")[2].strip()):
                if len(part) >= MIN_SECRET_CHARS:
                    found.append(part)
    for channel in config.channels:  # a webhook URL is its token: the URL, and its last path segment alone
        url = channel.webhook_url.value.strip()
        for part in (url, url.split("?")[0].rstrip("/").rpartition("/")[2]):
            if len(part) >= MIN_SECRET_CHARS:
                found.append(part)
    return sorted(set(found), key=len, reverse=True)


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then masks the secrets anywhere in the line: message, arguments, traceback; and the
    credentials of every URL in it, by the rule error messages follow (``mask_userinfo``: a password, a user name
    written alone, a ``?token=``). Libraries log what servers send back, and a misconfigured server may echo a
    token."""

    def __init__(self, fmt: str | None, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        self._secrets = tuple(secrets)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return mask_userinfo(text) if "://" in text or "=" in text else text


def redact_logs(config: Config, logger: logging.Logger | None = None) -> None:
    """Give every handler of ``logger`` (the root by default) a redacting formatter, keeping its format (with no
    secret configured too: URL credentials are masked whatever the config)."""
    secrets = secret_values(config)
    for handler in (logger or logging.getLogger()).handlers:
        fmt = handler.formatter._fmt if handler.formatter is not None else None
        handler.setFormatter(RedactingFormatter(fmt, secrets))
