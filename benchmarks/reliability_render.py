"""Hostile briefings for the chat renderers, and the checks that no rendered text can mention or broadcast."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st

from benchmarks.reliability_inputs import hostile_text
from bot.models import Attribution, Briefing, BriefingItem, SourceRef, Story, SummarySentence

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

urls = st.one_of(hostile_text, st.sampled_from([
    "https://news.example/a", "https://news.example/a|<!channel>", "https://x.example/<@U1>",
    "javascript:alert(1)", "https://x.example/@here", "https://x.example/a)b](c", "http://x.example/ a",
    "", "<https://evil.example|x>"]))


def _sentence(text: str) -> SummarySentence:
    return SummarySentence(text, "a1", 0, 0, len(text))


stories = st.builds(
    lambda headline, summary, outlet, url, speaker, role, content, title: Story(
        id="s1", headline=headline, url=url,
        sources=(SourceRef("a1", outlet, url, title, NOW),
                 SourceRef("a2", speaker, "https://ok.example/", title, None)),
        summary=tuple(_sentence(t) for t in summary),
        quotes=(Attribution("a1", speaker, speaker, "said", content, "direct", 0, 0, 1, role or None),),
        updated=NOW),
    hostile_text, st.lists(hostile_text, max_size=4), hostile_text, urls, hostile_text, hostile_text,
    hostile_text, hostile_text,
)
items = st.builds(BriefingItem, stories, st.floats(0, 1), hostile_text,
                  st.lists(hostile_text.map(_sentence), max_size=2).map(tuple))
briefings = st.builds(
    lambda title, its, more, topic: Briefing(title, NOW, tuple(its), since=NOW, topic=topic, more=tuple(more)),
    hostile_text, st.lists(items, max_size=3), st.lists(items, max_size=2), st.one_of(st.none(), hostile_text),
)

LONG = "&<!channel>@here" * 200  # 3,200 chars, no spaces: forces a hard cut at the 3,000 limit
LONG_BRIEFING = Briefing(LONG, NOW, (BriefingItem(Story("s", LONG, (), (_sentence(LONG),)), 1.0, LONG),))


SHOWN_AS_TEXT_EXCEPT = frozenset({"url", "timestamp", "type"})  # link targets and field kinds


def strings(value: Any) -> Iterator[str]:
    """Every string inside rendered output that a reader sees as text (dataclasses, dicts, lists)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in SHOWN_AS_TEXT_EXCEPT:
                yield from strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from strings(v)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from strings(getattr(value, name))


# ---- Slack -------------------------------------------------------------------------------------------

_SLACK_LINK = re.compile(r"<https?://[^<>|\s]+(?:\|[^<>]*)?>")  # made by the renderer (URL encoded), label escaped
_SLACK_DATE = re.compile(r"<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^<>]*>")
_SLACK_QUOTE = re.compile(r"^> ", re.MULTILINE)  # the renderer's own block-quote marker
_SLACK_FORBIDDEN = re.compile(r"<[!@#]|<!subteam", re.IGNORECASE)
_BROADCAST = re.compile(r"@(?:here|channel|everyone)\b", re.IGNORECASE)  # "@here0" is no broadcast
_BARE_AMP = re.compile(r"&(?!amp;|lt;|gt;)")
# A hard cut of a long unbroken run may split an escape ("&am" | "p;"): shown oddly, but inert.
_CUT_ENTITY = re.compile(r"&[a-z]{0,3}$|^[a-z]{0,3};", re.MULTILINE)


def assert_slack_safe(text: str) -> None:
    rest = _SLACK_QUOTE.sub("", _SLACK_DATE.sub("", _SLACK_LINK.sub("", text)))
    assert "<" not in rest and ">" not in rest, f"raw angle bracket in {text[:300]!r}"
    assert not _SLACK_FORBIDDEN.search(_SLACK_DATE.sub("", text)), f"mention token in {text[:300]!r}"
    assert not _BROADCAST.search(text), f"undefused broadcast in {text[:300]!r}"
    assert not _BARE_AMP.search(_CUT_ENTITY.sub("", text)), f"unescaped & in {text[:300]!r}"


_DISCORD_MENTION = re.compile(r"<(?:@[!&]?|#|/|a?:|t:)")


def _unescaped_angles(text: str) -> list[int]:
    """Positions of '<' not preceded by an odd run of backslashes (i.e. live markup)."""
    found = []
    for match in re.finditer("<", text):
        run = len(text[: match.start()]) - len(text[: match.start()].rstrip("\\"))
        if run % 2 == 0:
            found.append(match.start())
    return found


_DISCORD_BROADCAST = re.compile(r"@(?:here|everyone)", re.IGNORECASE)  # Discord has no @channel


_MD_LINK_TARGET = re.compile(r"\]\(https?://[^\s)]*\)")  # a masked link's target is not shown as text


def assert_discord_safe(text: str, *, content: bool) -> None:
    """Message content must hold no live mention at all; embed text (which never pings) no live
    broadcast or mention markup outside link targets."""
    shown = text if content else _MD_LINK_TARGET.sub("]()", text)
    assert not _DISCORD_BROADCAST.search(shown), f"undefused @everyone/@here in {text[:300]!r}"
    live = [shown[i:i + 4] for i in _unescaped_angles(shown) if _DISCORD_MENTION.match(shown, i)]
    assert not live, f"live mention syntax {live} in {text[:300]!r}"
