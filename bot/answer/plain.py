"""Article text inside a Markdown-ish reply: on one line, mentions defused, markup characters backslash-escaped."""

from __future__ import annotations

import re

ZWSP = "\u200b"
# what Discord (and Markdown) would read as emphasis, code, spoilers, links, quotes or mentions; a lone "|" is no
# markup (a spoiler needs two), so a title such as "Budget vote | Harbour Times" keeps its bar unescaped
_MARKUP = re.compile(r"[\\*_~`\[\]<>]|\|{2,}")
_MASS_MENTION = re.compile(r"@(everyone|here|channel)\b", re.IGNORECASE)
_ESCAPED = re.compile(r"\\([\\*_~`\[\]<>|])")  # what ``plain`` escaped
_URL = re.compile(r"https?://[^\s<>\[\]|\\`*]+")  # nothing that closes "<...>" or makes a link, spoiler or bold


def plain(text: str) -> str:
    """Untrusted text (a quote, speaker, role, title, outlet) as text: its whitespace one space, so it cannot begin
    a line (a heading, block quote or list), @everyone/@here/@channel defused, and every markup character escaped
    with a backslash. Discord shows the escapes as the characters; ``digests.render_slack.markdown_to_mrkdwn``
    reads them the same way, so neither turns article text into a link, spoiler, code or bold."""
    text = _MASS_MENTION.sub(lambda m: "@" + ZWSP + m[1], " ".join(text.split()))
    return _MARKUP.sub(lambda m: "".join("\\" + c for c in m[0]), text)


def unescaped(text: str) -> str:
    """A reply for a terminal, which reads no markup: the backslashes ``plain`` put before markup characters removed
    (``\\[`` shows as ``[``)."""
    return _ESCAPED.sub(r"\1", text)


def link_url(url: str) -> str:
    """An article's link as a reply may show it in ``<...>``: an http(s) URL with nothing that could close the
    brackets or start markup, else "" (left out)."""
    url = url.strip()
    return url if _URL.fullmatch(url) else ""
