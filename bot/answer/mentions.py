"""Mentions in our own words that may carry a server's: each one defused, every other character left as written."""

from __future__ import annotations

import re

from bot.answer.plain import ZWSP

# the mass mentions as typed (Slack's @channel/@here/@everyone, Discord's @everyone/@here, any case) and the markup
# both platforms read as a mention: Slack's <!channel> <!here> <@U123> <#C123>, Discord's <@123> <@&123> <#123>
_MENTION = re.compile(r"(@)(?=everyone|here|channel)|(<)(?=[!@#])", re.IGNORECASE)


def defused(text: str) -> str:
    """``@here`` -> ``@\\u200bhere``, ``<!channel>`` -> ``<\\u200b!channel>``: a zero-width space after the ``@`` or
    ``<`` that would start a mention, so neither platform reads one; underscores, asterisks and the rest are kept
    (``FEED_TOKEN`` stays as written)."""
    return _MENTION.sub(lambda m: (m[1] or m[2]) + ZWSP, text)
