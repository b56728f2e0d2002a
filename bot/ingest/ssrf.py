"""Server-side request forgery guard: only http(s), and never a non-public address, after DNS; link-local and cloud
metadata addresses not even with allow_private_networks (only a host named in trusted_hosts)."""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable, Iterable

Resolver = Callable[[str, int], Awaitable[list[str]]]
"""Resolve (host, port) to IP address strings; injected in tests, the system's by default."""

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_HINT = "private networks are not fetched; set ingest.allow_private_networks"
_ALWAYS_HINT = ("link-local and cloud metadata addresses are refused even with ingest.allow_private_networks; "
                "name the host in ingest.trusted_hosts to fetch it")
_NUMERIC = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+)){0,3}$", re.IGNORECASE)
_V4 = ipaddress.IPv4Network
_V6 = ipaddress.IPv6Network
_METADATA = (ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254"),
             ipaddress.ip_address("100.100.100.200"))
_RULES: tuple[tuple[_V4 | _V6, str], ...] = (
    (_V4("0.0.0.0/8"), "an unspecified ('this network') address"),
    (_V6("::/128"), "an unspecified address"),
    (_V4("127.0.0.0/8"), "a loopback address"),
    (_V6("::1/128"), "a loopback address"),
    (_V4("169.254.0.0/16"), "a link-local address"),
    (_V6("fe80::/10"), "a link-local address"),
    (_V4("224.0.0.0/4"), "a multicast address"),
    (_V6("ff00::/8"), "a multicast address"),
    (_V4("10.0.0.0/8"), "a private address"),
    (_V4("172.16.0.0/12"), "a private address"),
    (_V4("192.168.0.0/16"), "a private address"),
    (_V6("fc00::/7"), "a private (unique local) address"),
    (_V4("100.64.0.0/10"), "a shared carrier-grade NAT address"),
    (_V6("fec0::/10"), "a site-local address"),
    (_V4("240.0.0.0/4"), "a reserved address"),
)


class Refused(OSError):
    """A URL or address the guard will not fetch; ``str()`` is the one-line reason."""


def address_rule(ip: str) -> str | None:
    """The rule that forbids fetching from ``ip``, or None for a public address."""
    try:
        addr: IPAddress = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(addr, ipaddress.IPv6Address):
        embedded = _embedded_v4(addr)
        if embedded is not None:
            inner = address_rule(str(embedded))
            return f"{inner} (IPv4 {embedded} inside IPv6)" if inner else None
    if addr in _METADATA:
        return "a cloud metadata address"
    for network, rule in _RULES:
        if addr.version == network.version and addr in network:
            return rule
    if not addr.is_global:
        return "a non-public (reserved) address"
    return None


def always_refused(ip: str) -> bool:
    """Whether ``ip`` is link-local (169.254.0.0/16, fe80::/10) or a cloud metadata address, also inside IPv6: refused
    whatever allow_private_networks says (a cloud instance's credentials live there)."""
    try:
        addr: IPAddress = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(addr, ipaddress.IPv6Address):
        embedded = _embedded_v4(addr)
        if embedded is not None:
            addr = embedded
    return addr in _METADATA or addr.is_link_local


def numeric_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address a non-standard numeric host spells, as inet_aton reads it ("2852039166", "0xa9fea9fe",
    "0251.0376.0251.0376", "169.254.43518"); None for a canonical dotted quad or a name."""
    if not _NUMERIC.match(host) or (host.count(".") == 3 and _canonical_v4(host)):
        return None
    parts: list[int] = []
    for part in host.split("."):
        try:
            if part[:2].lower() == "0x":
                parts.append(int(part[2:] or "0", 16))
            else:
                parts.append(int(part, 8) if len(part) > 1 and part.startswith("0") else int(part))
        except ValueError:  # "09": not octal, no address
            return None
    *head, last = parts
    if any(p > 255 for p in head) or last >= 256 ** (4 - len(head)):
        return None
    value = last
    for i, p in enumerate(head):
        value += p << (8 * (3 - i))
    return ipaddress.IPv4Address(value)


def _canonical_v4(host: str) -> bool:
    try:
        return str(ipaddress.IPv4Address(host)) == host
    except ValueError:
        return False


def _host_key(host: str) -> str:
    return host.strip().lower().strip("[]").rstrip(".")


def _trusted_entry(entry: str) -> str:
    """A trusted_hosts entry ("feeds.internal", "feeds.internal:8080", "[fd00::1]:8080") as the key it is matched by:
    "host" or "host@port", lower case, without brackets or a trailing dot."""
    entry = entry.strip().lower()
    if entry.startswith("["):
        host, _, rest = entry[1:].partition("]")
        port = rest[1:] if rest.startswith(":") and rest[1:].isdecimal() else ""
        return f"{host}@{port}" if port else host
    host, sep, port = entry.rpartition(":")
    if sep and port.isdecimal() and ":" not in host:
        return f"{_host_key(host)}@{port}"
    return _host_key(entry)


def _embedded_v4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 forms."""
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr.sixtofour is not None:
        return addr.sixtofour
    packed = addr.packed
    if packed[:12] == bytes(12) and int(addr) > 1:  # ::a.b.c.d (deprecated IPv4-compatible)
        return ipaddress.IPv4Address(packed[12:])
    if packed[:12] == bytes.fromhex("0064ff9b0000000000000000"):  # 64:ff9b::/96 NAT64
        return ipaddress.IPv4Address(packed[12:])
    return None


async def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host``."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class AddressGuard:
    """Checks schemes and resolved addresses. ``allow_private`` lets private and loopback addresses through, never
    link-local or metadata ones (``always_refused``); hosts in ``trusted_hosts`` ("host" on any port, "host:port"
    on that one) skip every address rule."""

    def __init__(self, *, allow_private: bool, resolver: Resolver | None = None,
                 trusted_hosts: Iterable[str] = ()) -> None:
        self._allow_private = allow_private
        self._resolver = resolver or system_resolver
        self.trusted_hosts = frozenset(h.strip() for h in trusted_hosts if h.strip())
        self._trusted = frozenset(_trusted_entry(h) for h in self.trusted_hosts)

    def check_scheme(self, scheme: str) -> None:
        if scheme.lower() not in ("http", "https"):
            raise Refused(f"refused: scheme {scheme or '(none)'!r} is not fetched (only http and https)")

    def _trusted_host(self, host: str, port: int) -> bool:
        key = _host_key(host)
        return key in self._trusted or f"{key}@{port}" in self._trusted

    def check_ip(self, ip: str, host: str | None = None) -> None:
        """Refused for a non-public ``ip`` (with allow_private: for a link-local or metadata one only)."""
        always = always_refused(ip)
        if self._allow_private and not always:
            return
        rule = address_rule(ip)
        if rule is not None:
            who = f"{host} resolves to {ip}, which is" if host and host != ip else f"{ip} is"
            raise Refused(f"refused: {who} {rule} ({_ALWAYS_HINT if always else _HINT})")

    async def resolve(self, host: str, port: int) -> list[str]:
        """Addresses for ``host``, each checked (IP literals are checked as they are)."""
        bare = host.strip("[]")
        trusted = self._trusted_host(bare, port)
        spelled = numeric_ipv4(bare)
        if spelled is not None and not trusted:
            rule = address_rule(str(spelled))
            hint = f", {rule} ({_ALWAYS_HINT if always_refused(str(spelled)) else _HINT})" if rule else ""
            raise Refused(f"refused: {bare} is not a usable address: a non-standard numeric spelling of "
                          f"{spelled}{hint}")
        try:
            ipaddress.ip_address(bare.split("%", 1)[0])
            addresses = [bare]
        except ValueError:
            try:
                addresses = await self._resolver(host, port)
            except OSError as exc:
                raise Refused(f"could not resolve {host}: {exc.strerror or exc}") from None
        if not addresses:
            raise Refused(f"could not resolve {host}: no addresses")
        if not trusted:
            for ip in addresses:
                self.check_ip(ip, host)
        return addresses
