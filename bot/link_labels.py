"""Whether a link's label shows a web address: such a label is shown as text beside the link's real address."""

from __future__ import annotations

import re

# an address a reader would take for where the link goes: a scheme ("https://", "ftp://"), "www.", or a host with a
# path ("harbour-bank.example/login"); a bare "Shipmart.com" in a headline is a name and stays a label. Word
# characters and backslashes count as host characters: a label escaped for chat ("harbour\_bank") is still read
_ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*://|\bwww\.|[\w\\-]+(?:\.[\w\\-]+)*\.[a-z]{2,}/", re.IGNORECASE)


def shows_an_address(label: str) -> bool:
    """``label`` (a headline, an outlet's name) shows a web address: as a link's label it would disguise the link
    (a feed's title "https://bank.example/verify" over a link to its own page), so every renderer shows it as text
    with the link's own address beside it (digests/render_slack.py ``link``, digests/render_discord.py,
    bot/answer/links.py ``source_link``)."""
    return _ADDRESS.search(label) is not None
