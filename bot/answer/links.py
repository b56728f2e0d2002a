"""The bot's own source links in a reply: ``[Outlet](<url>)`` in chat, the outlet and its URL on a terminal."""

from __future__ import annotations

import re

from bot.link_labels import shows_an_address

# a link ``source_link`` wrote: the bot's own "[" (article text has every "[", "]", "<" and ">" backslash-escaped by
# bot/answer/plain.py), a label of text and escapes, and a URL ``link_url`` let through
SOURCE_LINK = re.compile(r"(?<!\\)\[((?:\\.|[^\\\]\n])+)\]\(<(https?://[^\s<>\[\]|\\`*]+)>\)")


def source_link(label: str, url: str) -> str:
    """``label`` (text through ``plain``) as a link to ``url`` (through ``link_url``; "" for none: the label alone).
    Discord shows a masked link with the angle brackets as the label, without a preview; Slack reads it as
    ``<url|label>`` (digests/render_slack.py ``markdown_to_mrkdwn``). A label that shows a web address
    (``bot.link_labels.shows_an_address``) is no label: ``label <url>``, the real address shown beside it."""
    if url and label and shows_an_address(label):  # an outlet named like an address: no disguised link
        return f"{label} <{url}>"
    return f"[{label}](<{url}>)" if url and label else label


def bare_links(text: str) -> str:
    """Reply text for a terminal, which shows no link labels: each ``source_link`` as ``label <url>``."""
    return SOURCE_LINK.sub(r"\1 <\2>", text)
