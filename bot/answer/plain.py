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


def echoed(text: str, limit: int = 80) -> str:
    """What a user typed (a topic, name, URL, story query), repeated in a reply, as text: its first ``limit``
    characters through ``plain``, so a typed ``[a](url)``, ``**x**``, ``<url>`` or @everyone makes no markup."""
    return plain(text[:limit])


def echoed_code(text: str, limit: int | None = None) -> str:
    """Typed text as a code span (```NATO```) when it holds nothing ``plain`` would change; else in quotes through
    ``plain`` (in a code span a backtick would end it, and Discord would show the escapes' backslashes); cut to
    ``limit`` characters when given."""
    text = text[:limit]
    return f"`{text}`" if text and plain(text) == text else f"“{plain(text)}”"


def echoed_url(url: str, limit: int = 300) -> str:
    """A typed or listed feed URL repeated in a reply: as it is when nothing in it can make markup or a broadcast
    (``link_url``; chat shows it as a plain link), else through ``echoed`` (``https://x/[a](https://y)`` makes no
    masked link)."""
    url = url[:limit]
    return url if link_url(url) == url and not _MASS_MENTION.search(url) else echoed(url, limit)


_LIVE = re.compile(r"(?<!\\)(?:\]\(|\*\*|<|\|\||__)|@(?:everyone|here|channel)\b", re.IGNORECASE)


def echoed_in(message: str, typed: str) -> str:
    """A parser's error message (bot/schedule.py, bot/topics.py, ...) that may repeat what was typed, for a reply:
    each whole repeat through ``echoed``; when markup (a link, bold, spoiler, ``<``, a broadcast or an odd backtick)
    is still left, the whole message through ``plain`` (its own code spans then shown as text)."""
    typed = " ".join(typed.split())
    if typed and plain(typed) != typed:
        message = message.replace(typed, plain(typed))
    if _LIVE.search(message) or len(re.findall(r"(?<!\\)`", message)) % 2:
        return plain(message)
    return message
