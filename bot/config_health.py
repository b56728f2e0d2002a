"""Config checks of ``[health]``: its ``listen`` address, and whether ``run`` can serve with its token."""

from __future__ import annotations

from bot.config_model import ConfigError, HealthConfig


def parse_listen(text: str, key: str = "health.listen") -> tuple[str, int]:
    """``host:port`` (``[::1]:port`` for IPv6) into its parts; raises ConfigError naming ``key``."""
    example = '"127.0.0.1:8081"'
    if text.startswith("["):
        host, close, rest = text[1:].partition("]")
        if not close or not rest.startswith(":"):
            raise ConfigError(f"{key}: expected [IPv6]:port, e.g. \"[::1]:8081\", got {text!r}")
        port_text = rest[1:]
    else:
        host, colon, port_text = text.rpartition(":")
        if not colon:
            raise ConfigError(f"{key}: expected host:port, e.g. {example}, got {text!r} (no port)")
        if ":" in host:
            raise ConfigError(f"{key}: write an IPv6 host in brackets, e.g. \"[::1]:8081\", got {text!r}")
    if not host.strip():
        raise ConfigError(f"{key}: expected host:port with a host, e.g. {example} (\"0.0.0.0:8081\" for "
                          f"every interface), got {text!r}")
    if not (port_text.isascii() and port_text.isdigit()) or not 1 <= int(port_text) <= 65535:
        raise ConfigError(f"{key}: expected a port from 1 to 65535 after the colon, got {text!r}")
    return host, int(port_text)


def health_token_problem(health: HealthConfig) -> str:
    """Why ``briefbot run`` cannot serve its health endpoints as configured ("" when it can): a ``token_env`` naming
    an unset or empty variable. Checked when ``run`` starts, not at load, so other commands reading the same file
    (``briefbot channels`` from an admin's shell without the service's environment) still work."""
    if health.listen and health.token.env_name and not health.token.value:
        return (f"health.token_env: ${health.token.env_name} is not set or empty: set it "
                'to the token probes send, or set token_env = "" for no authentication')
    return ""
