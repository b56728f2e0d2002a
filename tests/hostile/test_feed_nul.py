"""A feed with a few stray NUL bytes is read with them removed (a note); binary data is still refused."""

from __future__ import annotations

import pytest

from bot.ingest.decode import looks_binary
from bot.ingest.feeds import parse_feed


def _rss(n: int, nul_in: int | None = None) -> bytes:
    items = "".join(f"<item><title>Story {i} about the Dunmore quay</title><link>http://127.0.0.1:8000/p/{i}</link>"
                    f"<guid>g{i}</guid><description>Item {i}{chr(0) if i == nul_in else ''} text about the quay."
                    "</description></item>" for i in range(n))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
            f"{items}</channel></rss>").encode()


def test_one_nul_in_one_description_keeps_every_item() -> None:
    feed = parse_feed(_rss(5, nul_in=2))
    assert len(feed.entries) == 5
    assert "\x00" not in feed.entries[2].text and "Item 2 text" in feed.entries[2].text
    assert any("NUL" in note and "removed" in note for note in feed.notes)


def test_a_few_nuls_in_a_small_feed_are_removed() -> None:
    data = _rss(1).replace(b"<title>T</title>", b"<title>T\x00\x00\x00</title>")
    feed = parse_feed(data)
    assert feed.name == "T" and len(feed.entries) == 1


@pytest.mark.parametrize("data", [b"\x00" * 1000, bytes(range(256)) * 8, b"<?xml" + b"\x00\x01\x02\x03" * 300])
def test_binary_data_is_still_refused(data: bytes) -> None:
    assert looks_binary(data)
    with pytest.raises(ValueError, match="binary data, not text"):
        parse_feed(data)


def test_clean_feed_has_no_nul_note() -> None:
    assert not any("NUL" in note for note in parse_feed(_rss(3)).notes)
