"""Render briefings and replies as Slack Block Kit messages within Slack's limits, never dropping content."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.answer.plain import plain
from bot.link_labels import shows_an_address
from bot.models import Briefing, BriefingItem, BriefingLength
from bot.outlets import REPUBLISHED, outlet_total
from bot.plurals import counted
from digests.figures_differ import DIFFER, shown_tolls
from digests.key_quote import is_quotation, item_quote, quote_text, reported_line, shown_said
from digests.length import outlets_label, shown_item
from digests.parts import Part
from digests.revision_text import UPDATED, updated_lines
from digests.source_sites import linked, site_sources
from digests.story_actions import STORY_ACTIONS, action_id
from digests.url_text import HTTP
from digests.url_text import encode as encode_url

Block = dict[str, Any]

_MENTION = re.compile(r"@(?=(?:channel|here|everyone)\b)", re.IGNORECASE)
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
# a bare link in angle brackets (the bot's own source links in answers, bot/answer/respond.py); article text cannot
# make one: its "<" comes backslash-escaped (bot/answer/plain.py) and is held out while links are converted
_MD_AUTOLINK = re.compile(r"<(https?://[^\s<>\ue000\ue001]+)>")
# the bot's own source link in an answer, its outlet as the label (bot/answer/links.py): "[Outlet](<url>)"
_MD_SOURCE_LINK = re.compile(r"\[([^\]\n]+)\]\(<(https?://[^\s<>\ue000\ue001]+)>\)")
_MD_ANY_LINK = re.compile(f"{_MD_LINK.pattern}|{_MD_AUTOLINK.pattern}|{_MD_SOURCE_LINK.pattern}")
# a "|" in a source link's label is shown as this look-alike: Slack ends a link's URL at the first "|", and no label
# should hold a second one
LABEL_BAR = "\u2223"  # ∣
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")
# a backslash-escaped character is that character as text (bot/answer/plain.py escapes article text so); while the
# links and bold are converted it is held out of the text as a private-use placeholder
_MD_ESCAPED = re.compile(r"\\([\\`*_~\[\]<>|#])")
_HELD = re.compile("\ue000([0-9]+)\ue001")
ZWSP = "\u200b"
# mrkdwn has no backslash escape: a feed's formatting marker is shown as a look-alike character instead (an invisible
# zero-width space beside it is no fix: Slack reads one as a word boundary, which makes formatting *start*)
LOOKALIKE = {"*": "\u2217", "_": "\u02cd", "~": "\u223c", "`": "\u02cb"}  # ∗ ˍ ∼ ˋ
# a marker Slack could read as formatting: any backtick; * _ ~ unless between two ASCII letters or digits
# ("snake_case", "5*3" format nothing and stay as written)
_MARKER = re.compile(r"`|(?<![A-Za-z0-9])[*_~]|[*_~](?![A-Za-z0-9])")
QUOTE_MARK = "\uff1e"  # ＞: a feed text's leading ">" would make its line a block quote
# A local file credited by its name ("file notes.md", "(file report.co)") reads as a web address: Slack would link it
# (to a Moldovan or Colombian site). Its text object is marked verbatim: Slack's Block Kit text object documents that
# a verbatim mrkdwn text gets no automatic links or channel and mention parsing, while its markup and the links written
# out as <url|label> still count. Chosen over a code span, which would show the name in code type unlike every other
# credit, and over an invisible joiner before the dot, which Slack does not document and which a reader copying the
# name would carry. The bot's own links there are written out, so they stay links; feed text is escaped as anywhere.
VERBATIM = {"verbatim": True}


@dataclass(frozen=True, slots=True)
class SlackLimits:
    """Slack's documented per-message limits, with a safety margin on the total size."""

    max_blocks: int = 50
    section_text: int = 3000
    header_text: int = 150
    context_elements: int = 10
    # Slack refuses roughly 13k characters of blocks per message (msg_blocks_too_long); stay under it
    message_chars: int = 12_000


@dataclass(frozen=True, slots=True)
class SlackMessage:
    """One chat message: Block Kit blocks plus the plain-text fallback Slack shows in notifications."""

    text: str
    blocks: tuple[Block, ...] = ()


def escape(text: str) -> str:
    """Make untrusted text inert: escape ``& < >`` (only these), defuse literal @channel/@here/@everyone."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MENTION.sub("@" + ZWSP, escaped)


def feed_text(text: str) -> str:
    """Feed-sourced text (a title, summary, quote, outlet or speaker) as inert mrkdwn: on one line (so it begins no
    line of its own), escaped (``escape``), its formatting markers as look-alikes (``LOOKALIKE``) and a leading ">"
    as "＞", so it shows as written in no bold, italics, strike, code or block quote."""
    safe = escape(_MARKER.sub(lambda m: LOOKALIKE[m[0]], " ".join(text.split())))
    return QUOTE_MARK + safe[len("&gt;"):] if safe.startswith("&gt;") else safe


def link(url: str, label: str) -> str:
    """A mrkdwn link with a feed-safe label (``feed_text``); a plain label when the URL is not http(s); a label that
    shows a web address (``bot.link_labels.shows_an_address``) as text with the bare link after it, never disguising
    the link. The URL is escaped, with ``|``, whitespace and control or bidi characters percent-encoded (an old
    stored URL may hold them)."""
    url = url.strip()
    if not url.startswith(HTTP):
        return feed_text(label)
    safe_url = escape(encode_url(url, "|"))
    if shows_an_address(label):  # "https://bank.example/verify" over another address: text, the real one beside it
        return f"{feed_text(label)} <{safe_url}>"
    return f"<{safe_url}|{feed_text(label) or safe_url}>"


def markdown_to_mrkdwn(text: str) -> str:
    """Reply text (Markdown-ish, partly untrusted) -> escaped Slack mrkdwn: **bold**, [a](url), [a](<url>) and <url>
    kept; a backslash-escaped character (``\\[``, ``\\*``) is shown as itself (a formatting marker as its look-alike,
    ``LOOKALIKE``) and takes part in no link or bold (inside an answer's source-link label it is label text)."""
    held: list[str] = []

    def hold(match: re.Match[str]) -> str:
        held.append(match.group(1))
        return f"\ue000{len(held) - 1}\ue001"

    text = _MD_ESCAPED.sub(hold, text.replace("\ue000", "").replace("\ue001", ""))
    out: list[str] = []
    pos = 0
    for match in _MD_ANY_LINK.finditer(text):
        out.append(_MD_BOLD.sub(r"*\1*", escape(text[pos : match.start()])))
        bare, source = match.group(3), match.group(5)
        if source:  # its label's escaped characters as themselves, made inert by ``link`` (``feed_text``)
            label = _HELD.sub(lambda m: held[int(m.group(1))], match.group(4))
            out.append(link(source, label.replace("|", LABEL_BAR)))
        else:
            out.append(f"<{escape(encode_url(bare, '|'))}>" if bare else link(match.group(2), match.group(1)))
        pos = match.end()
    out.append(_MD_BOLD.sub(r"*\1*", escape(text[pos:])))
    return _HELD.sub(lambda m: LOOKALIKE.get(held[int(m.group(1))]) or escape(held[int(m.group(1))]), "".join(out))


def chunk_text(text: str, limit: int) -> list[str]:
    """Split text into pieces of at most ``limit`` chars, at the last line end that fits (a story's summary line
    stays whole), at a space only within a line longer than ``limit``, never inside ``<...>``."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = _split_point(rest, limit)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest.strip() or not pieces:
        pieces.append(rest)
    return [p for p in pieces if p.strip()] or [text[:limit]]


def _split_point(text: str, limit: int) -> int:
    newline = space = open_at = 0
    depth = 0
    for i, ch in enumerate(text[: limit + 1]):
        if ch == "<":
            depth, open_at = depth + 1, i
        elif ch == ">" and depth:
            depth -= 1
        elif depth == 0 and i > 0 and ch == "\n":
            newline = i
        elif depth == 0 and i > 0 and ch == " ":
            space = i
    if newline:
        return newline
    if space:
        return space
    # no boundary found: cut hard, but not inside a link unless the link alone is too long
    return open_at if depth and open_at > 0 else limit


def block_chars(blocks: Sequence[Block]) -> int:
    """The size Slack measures a message's blocks by (serialised JSON characters)."""
    return len(json.dumps(list(blocks), ensure_ascii=False))


def section(text: str, *, verbatim: bool = False) -> Block:
    """A section of mrkdwn text; a ``verbatim`` one Slack shows as written, making no link of a name (``VERBATIM``)."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, **(VERBATIM if verbatim else {})}}


def context(texts: Sequence[str], *, verbatim: bool = False) -> Block:
    """A context block of mrkdwn texts; ``verbatim`` ones Slack shows as written, making no link of a name that reads
    as an address (``VERBATIM``)."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": t, **VERBATIM} if verbatim else
                                            {"type": "mrkdwn", "text": t} for t in texts]}


def story_buttons(story_id: str) -> list[Block]:
    """An ``actions`` block with one button per story action; none when the id cannot be carried."""
    buttons = []
    for action in STORY_ACTIONS:
        ident = action_id(action.verb, story_id)
        if ident:  # the full id is the action_id (unique within the block); the story id is the value too
            buttons.append({"type": "button", "action_id": ident, "value": story_id,
                            "text": {"type": "plain_text", "text": action.label, "emoji": False}})
    return [{"type": "actions", "elements": buttons}] if buttons else []


def sections(text: str, limits: SlackLimits, *, verbatim: bool = False) -> list[Block]:
    """Long mrkdwn text as as many sections as it needs (``verbatim`` as ``section``)."""
    return [section(piece, verbatim=verbatim) for piece in chunk_text(text, limits.section_text)]


def story_blocks(item: BriefingItem, limits: SlackLimits, length: BriefingLength = "full",
                 number: int = 0) -> list[Block]:
    """One story: linked headline + summary (+ what is new) + key quote; sources and why in a context;
    then its buttons (full story, track, mute: one actions block, well under Slack's 25 elements). As much
    of it as ``length`` shows (digests/length.py): short, the first summary sentence and no quote;
    headlines, the headline with its outlet count and the sources. ``number`` (its place in the briefing, what
    ``story <n>``, ``mute <n>`` and ``track <n>`` count, as on Discord) starts the headline when given."""
    item = shown_item(item, length)
    story = item.story
    url = story.url or (story.sources[0].url if story.sources else "")
    count = f" · {outlets_label(story)}" if length == "headlines" else ""
    lines = [f"*{f'{number}. ' if number > 0 else ''}{link(url, story.headline)}*{count}"]
    if length != "headlines" and (differ := shown_tolls(item)):
        lines.append(f"_{DIFFER}_ " + feed_text(differ))  # one outlet's figure in the headline is no fact
    lines += [feed_text(s.text) for s in story.summary]  # one summary line per line, as text and Discord show it
    if item.new_since:
        lines.append("_New:_ " + "\n".join(feed_text(s.text) for s in item.new_since))
    lines += [f"_{UPDATED}_ " + feed_text(line) for line in updated_lines(item)]  # edits of articles it saw
    quote = item_quote(item)
    if quote is not None:
        who = feed_text(quote.speaker) + (f", {feed_text(quote.role)}" if quote.role else "")
        if is_quotation(quote):
            lines.append(f"> “{feed_text(quote_text(quote))}” — *{who}*")
        else:  # reported speech: the writer's words, so no quotation marks; "called for" as answers show it
            cue, said = shown_said(quote)
            lines.append("> " + reported_line(feed_text(cue), f"*{who}*", feed_text(said)))
    blocks = sections("\n".join(lines), limits)
    notes = []
    if story.sources:
        notes.append("Sources: " + " · ".join(  # one site once, with every link it has
            linked(site, link)
            + (f" ({REPUBLISHED} {', '.join(linked(c, link) for c in site.copies)})" if site.copies else "")
            for site in site_sources(story.sources, item.new)))  # a follow-up's new reports first, marked
    if item.why:
        notes.append(feed_text(item.why))
    if notes:
        files = any(s.file and not s.url for s in story.sources)  # credited by name: kept from becoming a link
        blocks += contexts(chunk_text("  |  ".join(notes), limits.section_text), limits, verbatim=files)
    blocks += story_buttons(story.id)
    blocks.append({"type": "divider"})
    return blocks


def _runs(text: str, names: Sequence[str]) -> list[tuple[str, bool]]:
    """``text`` as runs of whole lines, each with whether its lines name one of ``names`` (the whole text, False,
    when none is given or named)."""
    shown = [plain(name) for name in names if name]
    if not shown:
        return [(text, False)]
    runs: list[tuple[list[str], bool]] = []
    for line in text.split("\n"):
        names_one = any(name in line for name in shown)
        if runs and runs[-1][1] == names_one:
            runs[-1][0].append(line)
        else:
            runs.append(([line], names_one))
    return [("\n".join(lines), names_one) for lines, names_one in runs if "".join(lines).strip()] or [(text, False)]


def contexts(pieces: Sequence[str], limits: SlackLimits, *, verbatim: bool = False) -> list[Block]:
    """Context blocks of at most ``context_elements`` pieces, each block small enough to share a message with
    others (a story's hundred sources make many pieces: ten in one block would pass the message size); ``verbatim``
    as ``context``."""
    blocks: list[Block] = []
    group: list[str] = []
    for piece in pieces:
        if group and (len(group) == limits.context_elements
                      or block_chars([context([*group, piece], verbatim=verbatim)]) > limits.message_chars // 3):
            blocks.append(context(group, verbatim=verbatim))
            group = []
        group.append(piece)
    if group:
        blocks.append(context(group, verbatim=verbatim))
    return blocks


def _more_blocks(more: Sequence[BriefingItem], limits: SlackLimits) -> list[Block]:
    if not more:
        return []
    lines = [f"*And {len(more)} more:*"]
    for item in more:
        s = item.story
        lines.append("• " + link(s.url or (s.sources[0].url if s.sources else ""), s.headline))
    return sections("\n".join(lines), limits)


def _when(moment: datetime) -> str:
    """A Slack date token, shown in each reader's own timezone, with a UTC-ish fallback."""
    fallback = moment.strftime("%Y-%m-%d %H:%M %Z").strip()
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


def _summary_line(briefing: Briefing) -> str:
    outlets = outlet_total(item.story.sources for item in briefing.items)  # independent outlets: bot/outlets.py
    stories = counted(len(briefing.items), "story", "stories")
    parts = [_when(briefing.generated), f"{stories} from {counted(outlets, 'outlet')}"]
    if briefing.more:
        parts.append(f"{len(briefing.more)} more listed")
    if briefing.topic:
        parts.append(f"topic: {feed_text(briefing.topic)}")
    if briefing.since is not None:
        parts.append(f"since {_when(briefing.since)}")
    return " · ".join(parts)


def _header(title: str, limits: SlackLimits) -> list[Block]:
    safe = escape(title) or "Briefing"
    if len(safe) <= limits.header_text:
        return [{"type": "header", "text": {"type": "plain_text", "text": safe, "emoji": True}}]
    return sections(f"*{safe}*", limits)  # too long for a header: keep it whole in a section


def pack(units: Sequence[Sequence[Block]], limits: SlackLimits, reserve_blocks: int,
         reserve_chars: int) -> list[list[Block]]:
    """Greedy packing of block groups into messages; a group only splits if it cannot fit any message."""
    return [blocks for blocks, _ in pack_owned(units, limits, reserve_blocks, reserve_chars)]


def pack_owned(units: Sequence[Sequence[Block]], limits: SlackLimits, reserve_blocks: int,
               reserve_chars: int) -> list[tuple[list[Block], list[int]]]:
    """As ``pack``, each message with the indexes of the groups (``units``) it shows some of (a divider alone
    shows nothing of its group)."""
    max_blocks = limits.max_blocks - reserve_blocks
    max_chars = limits.message_chars - reserve_chars
    messages: list[list[Block]] = [[]]
    owners: list[list[int]] = [[]]
    for n, unit in enumerate(units):
        current = messages[-1]
        if current and (len(current) + len(unit) > max_blocks
                        or block_chars([*current, *unit]) > max_chars):
            messages.append([])
            owners.append([])
        for block in unit:
            current = messages[-1]
            if current and (len(current) + 1 > max_blocks or block_chars([*current, block]) > max_chars):
                messages.append([])
                owners.append([])
            messages[-1].append(block)
            if block.get("type") != "divider" and (not owners[-1] or owners[-1][-1] != n):  # a divider shows nothing
                owners[-1].append(n)
    return [(m, o) for m, o in zip(messages, owners, strict=True) if m] or [([], [])]


def fallback_text(blocks: Sequence[Block]) -> str:
    """The mrkdwn text of the blocks, one line each: the message's plain-text fallback (no button labels)."""
    lines: list[str] = []
    for block in blocks:
        if block["type"] == "actions":
            continue
        if "text" in block:
            lines.append(str(block["text"]["text"]))
        for element in block.get("elements", ()):
            lines.append(str(element.get("text", "")))
    return "\n".join(line for line in lines if line)


def render_briefing(briefing: Briefing, *, intro: str = "",
                    limits: SlackLimits | None = None) -> list[SlackMessage]:
    """A briefing as one or more messages (post the first, thread the rest); every story appears."""
    return [part.message for part in briefing_parts(briefing, intro=intro, limits=limits)]


def briefing_parts(briefing: Briefing, *, intro: str = "",
                   limits: SlackLimits | None = None) -> list[Part[SlackMessage]]:
    """``render_briefing``'s messages, each with the stories it holds (a story's blocks, a line of "and N more")."""
    limits = limits or SlackLimits()
    head = _header(briefing.title, limits)
    if intro:
        head += sections(markdown_to_mrkdwn(intro), limits)
    units: list[tuple[tuple[str, ...], list[Block]]] = [((), head)]
    units += [((item.story.id,), story_blocks(item, limits, briefing.length, n))
              for n, item in enumerate(briefing.items, 1)]
    if not briefing.items:
        units.append(((), [section("_No new stories this time._")]))
    units.append((tuple(i.story.id for i in briefing.more), _more_blocks(briefing.more, limits)))
    units = [(ids, blocks) for ids, blocks in units if blocks]
    footer_reserve = block_chars([context([_summary_line(briefing) + " · part 999 of 999"])])
    packed = pack_owned([blocks for _, blocks in units], limits, reserve_blocks=1, reserve_chars=footer_reserve + 2)
    parts: list[Part[SlackMessage]] = []
    for n, (blocks, owners) in enumerate(packed, start=1):
        if blocks and blocks[-1]["type"] == "divider":
            blocks = blocks[:-1]
        line = _summary_line(briefing)
        if len(packed) > 1:
            line += f" · part {n} of {len(packed)}"
        blocks = [*blocks, context([line])]
        text = fallback_text(blocks)
        if n > 1:
            text = f"{escape(briefing.title)} (part {n} of {len(packed)})\n{text}"
        held = tuple(dict.fromkeys(i for o in owners for i in units[o][0]))
        parts.append(Part(SlackMessage(text=text, blocks=tuple(blocks)), held))
    return parts


def render_text(text: str, *, limits: SlackLimits | None = None,
                verbatim: Sequence[str] = ()) -> list[SlackMessage]:
    """A command's text reply (Markdown-ish, partly untrusted) as safe mrkdwn messages within limits. The lines that
    name one of the ``verbatim`` local file names (as the reply shows them, escaped: ``plain``) go in sections of
    their own, sent verbatim (``VERBATIM``), so Slack makes no link of "notes.md"; every other line as before, Slack
    still linking its bare addresses and #channels."""
    limits = limits or SlackLimits()
    units = [[b] for run, as_written in _runs(text, verbatim)
             for b in sections(markdown_to_mrkdwn(run) or "(empty)", limits, verbatim=as_written)]
    return [SlackMessage(text=fallback_text(blocks), blocks=tuple(blocks))
            for blocks in pack(units, limits, reserve_blocks=0, reserve_chars=0)]
