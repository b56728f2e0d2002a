"""Server-side request forgery guard: only http(s), and never a non-public address, after DNS."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable

Resolver = Callable[[str, int], Awaitable[list[str]]]
"""Resolve (host, port) to IP address strings; injected in tests, the system's by default."""

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_HINT = "private networks are not fetched; set ingest.allow_private_networks"
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
    """Checks schemes and resolved addresses; hosts in ``trusted_hosts`` skip the address rule."""

    def __init__(self, *, allow_private: bool, resolver: Resolver | None = None,
                 trusted_hosts: Iterable[str] = ()) -> None:
        self._allow_private = allow_private
        self._resolver = resolver or system_resolver
        self._trusted = frozenset(h.lower().rstrip(".") for h in trusted_hosts)

    def check_scheme(self, scheme: str) -> None:
        if scheme.lower() not in ("http", "https"):
            raise Refused(f"refused: scheme {scheme or '(none)'!r} is not fetched (only http and https)")

    def _exempt(self, host: str) -> bool:
        return self._allow_private or host.lower().rstrip(".") in self._trusted

    def check_ip(self, ip: str, host: str | None = None) -> None:
        rule = address_rule(ip)
        if rule is not None:
            who = f"{host} resolves to {ip}, which is" if host and host != ip else f"{ip} is"
            raise Refused(f"refused: {who} {rule} ({_HINT})")

    async def resolve(self, host: str, port: int) -> list[str]:
        """Addresses for ``host``, each checked (IP literals are checked as they are)."""
        bare = host.strip("[]")
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
        if not self._exempt(host):
            for ip in addresses:
                self.check_ip(ip, host)
        return addresses
