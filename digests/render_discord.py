"""Render a Briefing as Discord messages of embeds and story buttons (plain dicts), split within Discord's limits."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from datetime import UTC, datetime
from typing import Any

from bot.link_labels import shows_an_address
from bot.models import Briefing, BriefingItem, BriefingLength
from bot.outlets import REPUBLISHED
from bot.plurals import counted
from digests.figures_differ import DIFFER, shown_tolls
from digests.key_quote import is_quotation, item_quote, quote_text, reported_line, shown_said
from digests.length import outlets_label, shown_item
from digests.parts import Part
from digests.revision_text import UPDATED, updated_lines
from digests.source_sites import linked, site_sources
from digests.story_actions import STORY_ACTIONS, action_id
from digests.url_text import encode as encode_url

CONTENT_MAX = 2000
EMBEDS_PER_MESSAGE = 10
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
MESSAGE_EMBED_CHARS = 6000
ACTION_ROWS_MAX = 5  # message components: action rows per message, buttons per row, label and id lengths
BUTTONS_PER_ROW = 5
BUTTON_LABEL_MAX = 80
CUSTOM_ID_MAX = 100
ACTION_ROW = 1
BUTTON = 2
SECONDARY = 2  # the grey button style
# stories whose buttons one message carries: a story's buttons share one row, five rows a message (five
# stories with today's three buttons each); a message that starts more stories is split (``pack``)
STORIES_PER_ROW = BUTTONS_PER_ROW // min(len(STORY_ACTIONS), BUTTONS_PER_ROW)
STORIES_WITH_BUTTONS = ACTION_ROWS_MAX * STORIES_PER_ROW

DESCRIPTION_CHUNK = 4000  # leaves room for title + footer inside one embed's share of 6,000
FOOTER_INLINE = 200  # a longer "why" goes into fields instead of the footer
COLOUR = 0x2F6FDB
ZWSP = "\u200b"

Message = dict[str, Any]
Embed = dict[str, Any]
Component = dict[str, Any]

_INLINE = re.compile(r"([\\*_~`|\[\]<>])")
_LINE_START = re.compile(r"^(\s*)([#>-]|\d+\.)", re.MULTILINE)
_MASS_MENTION = re.compile(r"@(everyone|here)", re.IGNORECASE)


def escape_markdown(text: str) -> str:
    """Backslash-escape what would change layout: emphasis, code, spoilers, links, quotes, headings, lists."""
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m[1] + "\\" + m[2], text)


def clean(text: str) -> str:
    """Untrusted article text made inert: mass mentions defused, markdown escaped."""
    return escape_markdown(_MASS_MENTION.sub(lambda m: "@" + ZWSP + m[1], text))


def safe_url(url: str) -> str | None:
    """An http(s) URL usable inside ``[text](url)``, or None."""
    url = url.strip()
    if not re.match(r"https?://[^\s]+$", url):
        return None
    return url.replace("(", "%28").replace(")", "%29")


def shown_url(url: str) -> str:
    """A ``safe_url`` shown as text rather than as a link's target: ``< > @ | [ ]`` and backticks percent-encoded,
    so a stored ``/p/<@123>`` or ``/p/@here`` makes no mention and ``/p/||x||`` no spoiler."""
    return encode_url(url, "<>@|[]`")


def split_text(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` chars, at a newline or space when possible.

    Joining the pieces gives back ``text`` exactly; a piece never ends inside a backslash escape.
    """
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit + 1)
        if cut < limit // 2:
            cut = text.rfind(" ", 0, limit + 1)
        if cut < limit // 2:
            cut = limit
        while cut > 1 and _odd_backslashes(text[:cut]):
            cut -= 1
        pieces.append(text[:cut])
        text = text[cut:]
    if text or not pieces:
        pieces.append(text)
    return pieces


def _odd_backslashes(text: str) -> bool:
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1


def embed_chars(embed: Embed) -> int:
    """What Discord counts toward 6,000 per message."""
    total = len(embed.get("title", "")) + len(embed.get("description", ""))
    total += sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
    return total + len(embed.get("footer", {}).get("text", ""))


def _fields(name: str, text: str) -> list[dict[str, Any]]:
    chunks = [c.strip() or ZWSP for c in split_text(text, FIELD_VALUE_MAX)]
    return [{"name": name if i == 0 else f"{name} (continued)", "value": c, "inline": False}
            for i, c in enumerate(chunks)]


def _join_limited(parts: Iterable[str], sep: str, limit: int) -> list[str]:
    """Join parts with ``sep`` into strings of at most ``limit`` chars (a too-long part is split)."""
    out: list[str] = []
    current = ""
    for part in parts:
        for piece in split_text(part, limit):
            candidate = f"{current}{sep}{piece}" if current else piece
            if len(candidate) > limit:
                out.append(current)
                candidate = piece
            current = candidate
    if current:
        out.append(current)
    return out


def story_embeds(item: BriefingItem, number: int = 0, length: BriefingLength = "full") -> list[Embed]:
    """One story as one embed, or several when its text exceeds one embed's limits; ``number`` (its place
    in the briefing, what ``/brief story N`` and the buttons refer to) starts the title when given. As much
    of it as ``length`` shows (digests/length.py): short, the first summary sentence and no key quote;
    headlines, the outlet count and the sources."""
    item = shown_item(item, length)
    story = item.story
    headline = clean(story.headline) or "(untitled)"
    prefix = f"{number}. " if number > 0 else ""
    room = TITLE_MAX - len(prefix)
    cut = len(headline) > room
    title = prefix + (headline[: room - 1].rstrip("\\") + "…" if cut else headline)
    lines = [f"**{headline}**"] if cut else []
    url = safe_url(story.url)
    if url is not None and shows_an_address(story.headline):  # the title would disguise its link: the link as text
        lines.append(shown_url(url))
        url = None
    if length != "headlines" and (differ := shown_tolls(item)):
        lines.append(f"**{DIFFER}** " + clean(differ))  # one outlet's figure in the headline is no fact
    if length == "headlines":
        lines.append(outlets_label(story))
    lines += [clean(s.text) for s in story.summary]
    if item.new_since:
        lines.append("**New:** " + "\n".join(clean(s.text) for s in item.new_since))  # one per line, as the summary
    lines += [f"**{UPDATED}** " + clean(line) for line in updated_lines(item)]  # edits of articles it saw
    descriptions = split_text("\n".join(lines), DESCRIPTION_CHUNK) if lines else []
    fields: list[dict[str, Any]] = []
    quote = item_quote(item)
    if quote is not None:
        speaker = clean(quote.speaker) + (f" ({clean(quote.role)})" if quote.role else "")
        if is_quotation(quote):
            fields += _fields("Key quote", f"**{speaker}**: “{clean(quote_text(quote))}”")
        else:  # reported speech: the writer's words, so no quotation marks; "called for" as answers show it
            cue, said = shown_said(quote)
            fields += _fields("Key quote (reported speech)", reported_line(clean(cue), f"**{speaker}**", clean(said)))
    links = []
    for site in site_sources(story.sources, item.new):  # one site once, with every link; a copy credited beside it
        shown = [x for c in site.copies if (x := linked(c, _source_link))]
        links.append(linked(site, _source_link) + (f" ({REPUBLISHED} {', '.join(shown)})" if shown else ""))
    shown_links = [x for x in links if x]
    for i, value in enumerate(_join_limited(shown_links, " · ", FIELD_VALUE_MAX)):
        fields.append({"name": "Sources" if i == 0 else "Sources (continued)", "value": value,
                       "inline": False})
    why = clean(item.why)
    footer = why if why and len(why) <= FOOTER_INLINE else "briefbot"
    if why and len(why) > FOOTER_INLINE:
        fields += _fields("Why this story", why)

    first: Embed = {"title": title, "color": COLOUR, "footer": {"text": footer}}
    if url is not None:
        first["url"] = url
    when = story.updated or story.first_seen
    if when is not None:
        first["timestamp"] = when.isoformat()
    embeds = [first]
    for n, description in enumerate(descriptions):
        if n > 0:
            embeds.append(_continuation(title))
        embeds[-1]["description"] = description
    for f in fields:
        last = embeds[-1]
        if len(last.get("fields", [])) >= FIELDS_MAX or embed_chars(last) + len(f["name"]) + len(
                f["value"]) > MESSAGE_EMBED_CHARS:
            last = _continuation(title)
            embeds.append(last)
        last.setdefault("fields", []).append(f)
    return embeds


def _source_link(url: str, label: str) -> str:
    """``[label](url)``; a label that shows a web address (``shows_an_address``) as text with the URL after it."""
    if (u := safe_url(url)) is None:
        return clean(label)
    return f"{clean(label)} {shown_url(u)}" if shows_an_address(label) else f"[{clean(label) or 'source'}]({u})"


def _continuation(title: str) -> Embed:
    suffix = " (continued)"
    return {"title": title[: TITLE_MAX - len(suffix)] + suffix, "color": COLOUR}


def more_embeds(items: Iterable[BriefingItem]) -> list[Embed]:
    """The stories past the cap, as linked headlines ("and N more"), so nothing is silently dropped."""
    items = list(items)
    lines = [_source_link(i.story.url, i.story.headline) for i in items]
    return [{"title": f"And {len(items)} more" + (" (continued)" if n else ""), "color": COLOUR,
             "description": chunk} for n, chunk in enumerate(_join_limited(lines, "\n", DESCRIPTION_CHUNK))]


def header(briefing: Briefing) -> str:
    n = len(briefing.items)
    count = "nothing new" if n == 0 else counted(n, "story", "stories")
    since = ""
    if briefing.since:
        local = _local(briefing.since, briefing.generated)  # the year too when it is not the briefing's
        year = f" {local:%Y}" if local.year != briefing.generated.year else ""
        since = f" since {local:%a %d %b}{year} {local:%H:%M %Z}"
    return f"**{clean(briefing.title)}** — {count}{since}"


def _local(moment: datetime, generated: datetime) -> datetime:
    """``moment`` in the zone the briefing was made in (its channel's; a naive time is UTC)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(generated.tzinfo or UTC)


def pack(content: str, embeds: list[Embed], *, starts: Collection[int] = (),
         starts_max: int = STORIES_WITH_BUTTONS) -> list[Message]:
    """Fill messages in order: at most 10 embeds and 6,000 embed chars each; long content split first.
    ``starts``: id() of the embeds that open a story with buttons, at most ``starts_max`` to a message (so
    every such story's buttons fit under the message showing its title)."""
    messages: list[Message] = [{"content": c, "embeds": []} for c in split_text(content, CONTENT_MAX) if c]
    if not messages:
        messages.append({"content": "", "embeds": []})
    opened = 0  # stories with buttons opened in the last message
    for embed in embeds:
        last = messages[-1]["embeds"]
        opens = id(embed) in starts
        if len(last) >= EMBEDS_PER_MESSAGE or sum(map(embed_chars, last)) + embed_chars(
                embed) > MESSAGE_EMBED_CHARS or (opens and opened >= starts_max):
            messages.append({"content": "", "embeds": []})
            opened = 0
        messages[-1]["embeds"].append(embed)
        opened += opens
    return [m for m in messages if m["content"] or m["embeds"]]


def story_buttons(number: int, story_id: str) -> list[Component]:
    """The buttons of story ``number`` ("3 · Full story", "3 · Track", "3 · Mute"), one per story action
    whose id can carry the story id (none when it cannot: ``/brief story 3`` still works)."""
    buttons: list[Component] = []
    for action in STORY_ACTIONS:
        custom_id = action_id(action.verb, story_id)
        if custom_id and len(custom_id) <= CUSTOM_ID_MAX:
            buttons.append({"type": BUTTON, "style": SECONDARY, "custom_id": custom_id,
                            "label": f"{number} · {action.label}"[:BUTTON_LABEL_MAX]})
    return buttons


def action_rows(stories: Iterable[tuple[int, str]]) -> list[Component]:
    """Action rows for (number, story id) pairs: a story's buttons stay together in one row, as many
    stories per row as fit (one with today's three actions), at most five rows.

    ``render_discord`` gives a message at most ``STORIES_WITH_BUTTONS`` stories with buttons, so every
    story gets its buttons. Given more, the stories past the fifth row get none here: their number is in
    their title and ``/brief story N`` still works.
    """
    rows: list[list[Component]] = []
    seen: set[str] = set()  # Discord refuses a message with two components of the same custom_id
    for number, story_id in stories:
        group = [b for b in story_buttons(number, story_id) if b["custom_id"] not in seen][:BUTTONS_PER_ROW]
        if not group:
            continue
        if not rows or len(rows[-1]) + len(group) > BUTTONS_PER_ROW:
            if len(rows) == ACTION_ROWS_MAX:
                break
            rows.append([])
        rows[-1].extend(group)
        seen.update(b["custom_id"] for b in group)
    return [{"type": ACTION_ROW, "components": row} for row in rows]


def render_discord(briefing: Briefing, content: str = "") -> list[Message]:
    """The briefing as message bodies ``{"content": str, "embeds": [embed dicts]}``, plus
    ``"components"`` (action rows of buttons) on each message where stories start: the buttons of a
    story split across messages sit under the message showing its title, and a message starts at most
    ``STORIES_WITH_BUTTONS`` stories with buttons (a longer briefing goes on in the next message).
    ``content`` (a command's reply text) replaces the generated header line."""
    return [part.message for part in briefing_parts(briefing, content)]


def briefing_parts(briefing: Briefing, content: str = "") -> list[Part[Message]]:
    """``render_discord``'s messages, each with the stories it holds: those it has an embed of (a story's
    continuation embeds too), and every story of "and N more" in each message showing some of that list."""
    embeds: list[Embed] = []
    starts: dict[int, tuple[int, str]] = {}  # id() of a story's first embed -> (its number, its id)
    holds: dict[int, tuple[str, ...]] = {}  # id() of each embed -> the stories it shows
    for number, item in enumerate(briefing.items, 1):
        parts = story_embeds(item, number, briefing.length)
        starts[id(parts[0])] = (number, item.story.id)
        holds.update((id(e), (item.story.id,)) for e in parts)
        embeds += parts
    if briefing.more:
        listed = more_embeds(briefing.more)
        holds.update((id(e), tuple(i.story.id for i in briefing.more)) for e in listed)
        embeds += listed
    with_buttons = {key for key, (number, story_id) in starts.items() if story_buttons(number, story_id)}
    messages = pack(content or header(briefing), embeds, starts=with_buttons)
    for message in messages:
        rows = action_rows(starts[id(e)] for e in message["embeds"] if id(e) in starts)
        if rows:
            message["components"] = rows
    return [Part(m, tuple(dict.fromkeys(i for e in m["embeds"] for i in holds.get(id(e), ())))) for m in messages]


def render_text_messages(text: str) -> list[str]:
    """Plain reply text cut into message-sized pieces (content limit 2,000)."""
    return [c for c in split_text(text, CONTENT_MAX) if c.strip()] or ["(empty reply)"]


render_discord_messages = render_discord  # the name the CLI's ``brief --format discord`` uses
