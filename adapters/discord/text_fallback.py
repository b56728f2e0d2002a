"""A briefing part's plain-text version, for when Discord refuses its embeds' layout (400, code 50035)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from digests.render_discord import TITLE_MAX, Message

INVALID_FORM_BODY = 50035  # Discord refused the message's shape (a limit of an embed, a component, a URL)
CONTENT_MAX = 2000
SHORTENED = "\n… (shortened: Discord refused this part's layout)"
NOT_SHOWN = "\n… (shortened: Discord refused this part's layout; {n} more of its stories did not fit here)"
ELLIPSIS = "…"
TITLE_MIN = 24  # a title shortened for room keeps at least this much (its number and first words)
TEXT_MIN = 12  # a story's text given less room than this is left out rather than cut to a stub
CONTINUED = " (continued)"
_MORE_TITLE = re.compile(r"And \d+ more( \(continued\))?$")
_MARKUP = re.compile(r"\\.|\*\*|\[")  # an escape (one unit, never markup), a bold marker, a link's opening
_MASKED_LINK = re.compile(r"\[((?:\\.|[^\\\]])*)\]\((\S+)\)$")  # a line of "and N more": [headline](url)


def layout_refused(status: int, code: int) -> bool:
    """Whether Discord refused the message's form (its plain-text version may pass), not the channel or the bot."""
    return status == 400 and code == INVALID_FORM_BODY


def text_version(message: Message) -> Message:
    """The part as one plain message: its content, then each embed's title, link, text, fields and footer (already
    escaped by the renderer), no buttons; one message of at most Discord's 2,000 characters, as the ledger counts
    parts (one refused part must not become several) and counts every story of the part as shown.

    So when the whole text does not fit, every story of the part is still named, its title and its link (``<...>``,
    no preview), and the room left is shared evenly among the stories' texts (summary lines, fields, footer), each
    shortened at a word rather than the tail cut off. Only when even those do not fit (titles are shortened to
    ``TITLE_MIN`` first; see docs/DISCORD.md for when that can happen) do the longest links go, then the last
    stories, and the message says how many of its stories it could not show."""
    lines: list[str] = [str(message["content"])] if message.get("content") else []
    for embed in message.get("embeds", []):
        lines.extend(_embed_lines(embed))
    text = "\n".join(line for line in lines if line.strip()) or "(a part of the briefing Discord refused)"
    if len(text) <= CONTENT_MAX:
        return {"content": text, "embeds": []}
    shortened = _fitted(_entries(message))
    if len(shortened) > CONTENT_MAX:  # not reached (``_fitted`` keeps within it); one message whatever happens
        shortened = shortened[:CONTENT_MAX - len(SHORTENED)].rstrip() + SHORTENED
    return {"content": shortened, "embeds": []}


def _embed_lines(embed: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    if embed.get("title"):
        lines.append(f"**{embed['title']}**")
    if embed.get("url"):
        lines.append(f"<{embed['url']}>")
    lines.extend(_body_lines(embed))
    return lines


def _body_lines(embed: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    if embed.get("description"):
        lines.append(str(embed["description"]))
    for field in embed.get("fields", []):
        lines.append(f"{field.get('name', '')}: {field.get('value', '')}")
    footer = embed.get("footer") or {}
    if footer.get("text"):
        lines.append(str(footer["text"]))
    return lines


@dataclass
class _Entry:
    """One line-group of the shortened text: the part's content, a story (its title, link and text), the "and N
    more" heading, or one story of that list (a linked headline)."""

    name: str
    link: str = ""
    text: str = ""
    bold: bool = False
    story: bool = True

    def name_cost(self, name_room: int | None = None) -> int:
        """Characters of its name and link, the name cut to ``name_room`` (None: whole)."""
        name = len(self.name) if name_room is None else min(len(self.name), name_room)
        if self.bold:
            return name + 4 + (len(self.link) + 3 if self.link else 0)  # **name** and a line <link>
        return name + (len(self.link) + 6 if self.link else 0)  # [name](<link>)

    def render(self, name_room: int, text_room: int) -> str:
        name = _shorten(self.name, name_room)
        if self.bold:
            out = "\n".join(x for x in (f"**{name}**" if name else "", f"<{self.link}>" if self.link else "") if x)
        else:
            out = f"[{name}](<{self.link}>)" if self.link else name
        if self.text and text_room > 1:
            out = "\n".join(x for x in (out, _shorten(self.text, text_room - 1)) if x)
        return out


def _entries(message: Message) -> list[_Entry]:
    """The part's content and stories in order; a story's continuation embeds add to its text."""
    entries: list[_Entry] = []
    if message.get("content"):
        entries.append(_Entry(str(message["content"]), story=False))
    for embed in message.get("embeds", []):
        title, body = str(embed.get("title", "")), "\n".join(line for line in _body_lines(embed) if line.strip())
        if _MORE_TITLE.match(title) and not embed.get("url"):
            entries.append(_Entry(title, bold=True, story=False))
            for line in str(embed.get("description", "")).split("\n"):
                if line.strip():
                    linked = _MASKED_LINK.match(line)
                    entries.append(_Entry(linked[1], linked[2]) if linked else _Entry(line))
            continue
        previous = entries[-1] if entries else None
        if previous is not None and previous.bold and title == previous.name[:TITLE_MAX - len(CONTINUED)] + CONTINUED:
            previous.text = "\n".join(t for t in (previous.text, body) if t)
            continue
        entries.append(_Entry(title, str(embed.get("url", "")), body, bold=True))
    return entries


def _fitted(entries: list[_Entry]) -> str:
    """The entries within 2,000 characters: every name and link whole if they fit, the texts sharing what is left;
    else names shortened evenly (to ``TITLE_MIN`` at least), then the longest links left out, then the last
    entries, with a note saying how many stories are not shown."""
    dropped = 0
    while True:
        note = NOT_SHOWN.format(n=dropped) if dropped else SHORTENED
        room = CONTENT_MAX - len(note) - max(0, len(entries) - 1)  # a newline between entries
        names = sum(e.name_cost() for e in entries)
        if names <= room:
            text_rooms = _share([len(e.text) + 1 if e.text else 0 for e in entries], room - names)
            return "\n".join(e.render(len(e.name), t if t >= TEXT_MIN or t == len(e.text) + 1 else 0)
                             for e, t in zip(entries, text_rooms, strict=True)) + note  # a whole short text stays
        fixed = sum(e.name_cost(0) for e in entries)
        name_rooms = _share([len(e.name) for e in entries], room - fixed)
        if all(r >= min(len(e.name), TITLE_MIN) for e, r in zip(entries, name_rooms, strict=True)):
            return "\n".join(e.render(r, 0) for e, r in zip(entries, name_rooms, strict=True)) + note
        linked = [e for e in entries if e.link]
        if linked:
            max(linked, key=lambda e: len(e.link)).link = ""
            continue
        gone = entries.pop()
        dropped += gone.story
        if not entries:
            return note.lstrip("\n")


def _share(wants: list[int], room: int) -> list[int]:
    """Split ``room`` among ``wants`` evenly: the smallest get all they want, the rest an equal share each."""
    given = [0] * len(wants)
    left = max(0, room)
    order = sorted(range(len(wants)), key=lambda i: wants[i])
    for k, i in enumerate(order):
        given[i] = min(wants[i], left // (len(order) - k))
        left -= given[i]
    return given


def _shorten(text: str, room: int) -> str:
    """``text`` in at most ``room`` characters: whole, or cut at a word and ended with "…", never inside a
    backslash escape, a bold run or a markdown link."""
    if len(text) <= room:
        return text
    if room <= len(ELLIPSIS):
        return ELLIPSIS[:max(0, room)]
    limit = room - len(ELLIPSIS)
    cut = max(text.rfind(" ", 0, limit + 1), text.rfind("\n", 0, limit + 1))
    head = text[:cut] if cut >= limit // 2 else text[:limit]
    head = _balanced(head.rstrip())
    return head + ELLIPSIS


def _balanced(text: str) -> str:
    """``text`` without a trailing lone backslash, an open ``**`` or an unfinished ``[...](...)``."""
    while True:
        before = text
        if (len(text) - len(text.rstrip("\\"))) % 2 == 1:
            text = text[:-1]
        bold = [m.start() for m in _MARKUP.finditer(text) if m[0] == "**"]  # "\\**" closes a run: "\\" is one escape
        if len(bold) % 2 == 1:
            text = text[:bold[-1]]
        opened = [m.start() for m in _MARKUP.finditer(text) if m[0] == "["]
        if opened and not re.search(r"\]\([^)\s]*\)", text[opened[-1]:]):
            text = text[:opened[-1]]
        text = text.rstrip()
        if text == before:
            return text
