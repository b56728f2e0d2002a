"""``mask_userinfo`` on odd URLs: a password with an unencoded ``@`` (URL parsers split at the last ``@`` before the
path), IPv6 hosts, ``@`` in the path or query, percent-encoded passwords."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from bot.ingest.userinfo import has_userinfo, mask_userinfo


@pytest.mark.parametrize("url", [
    "https://reader:pa@ss@feeds.example/f",
    "https://reader:p@s@s@feeds.example/f?x=1",
    "https://to@ken@feeds.example/",
])
def test_no_part_of_a_password_with_an_at_sign_shows(url: str) -> None:
    parts = urlsplit(url)
    secret = parts.password or parts.username
    assert secret is not None and has_userinfo(url)
    shown = mask_userinfo(f"moved permanently to {url}: not moved")
    tail = secret.split("@")[-1]
    assert f"{tail}@{parts.hostname}" not in shown
    assert f"***@{parts.hostname}" in shown


@pytest.mark.parametrize("url", [
    "https://feeds.example/p?mail=someone@example.org",
    "https://[::1]:8080/a@b",
    "https://feeds.example/a@b/c",
])
def test_an_at_sign_after_the_host_is_left_alone(url: str) -> None:
    assert not has_userinfo(url)
    assert mask_userinfo(url) == url


@pytest.mark.parametrize(("url", "masked"), [
    ("https://reader:p%40ss@feeds.example/f", "https://reader:***@feeds.example/f"),
    ("https://reader:secret@[::1]:8080/f", "https://reader:***@[::1]:8080/f"),
])
def test_encoded_and_ipv6(url: str, masked: str) -> None:
    assert mask_userinfo(url) == masked
