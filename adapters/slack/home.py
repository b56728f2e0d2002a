"""A person's HomeView as a Block Kit ``home`` view within Slack's limits: at most 100 blocks, 3,000 characters a
section, well under the 250 kB a view may weigh; what does not fit ends in "and N more"."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from bot.commands.base import DEFAULT_PREFIX
from bot.home import ChannelSetup, HomeView
from bot.plurals import counted
from digests.render_slack import Block, escape

MAX_BLOCKS = 100
SECTION_CHARS = 3000
HEADER_CHARS = 150
MAX_VIEW_BYTES = 200_000  # Slack refuses a view over 250 kB (view_too_large)
TOPIC_CHARS = 200  # a single topic longer than this is cut (a topic may be up to 2,000 characters)
_SLACK_CHANNEL = re.compile(r"[CG][A-Z0-9]{2,}")


def header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": clip(text, HEADER_CHARS), "emoji": False}}


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, SECTION_CHARS)}}


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, SECTION_CHARS)}]}


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (never empty: Slack refuses empty text)."""
    text = text or " "
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def more(count: int, noun: str = "more") -> str:
    return f"and {count} {noun}"


def fit_list(items: Sequence[str], budget: int, *, separator: str = ", ") -> str:
    """As many ``items`` as fit in ``budget`` characters, then "and N more" for the rest."""
    shown: list[str] = []
    used = 0
    for n, item in enumerate(items):
        left = len(items) - n - 1
        tail = len(separator) + len(more(left)) if left else 0
        cost = (len(separator) if shown else 0) + len(item)
        if used + cost + tail > budget:
            suffix = more(len(items) - n)
            return separator.join(shown) + (separator if shown else "") + suffix
        shown.append(item)
        used += cost
    return separator.join(shown)


def channel_name(setup: ChannelSetup) -> str:
    """A Slack channel as a link Slack shows by name (no one is notified); anything else as escaped text."""
    if setup.channel.platform == "slack" and _SLACK_CHANNEL.fullmatch(setup.channel.id):
        return f"<#{setup.channel.id}>"
    return escape(setup.channel.key)


def setup_text(setup: ChannelSetup, title: str) -> str:
    """One channel's set-up in one section, its topics cut to what fits."""
    lines = [title,
             f"Schedule: {escape(setup.schedule)} · Length: {escape(setup.length)} · "
             f"Languages: {escape(clip(setup.languages, TOPIC_CHARS))}",
             f"Breaking alerts: {escape(setup.alerts)}",
             escape(setup.next_briefing)]
    if setup.sources:
        lines.append(f"Also follows {counted(setup.sources, 'source')}.")
    label = "Topics: "
    if not setup.topics:
        gets = "every story from the sources it follows" if setup.sources else "every stored story"
        lines.insert(1, label + f"none ({gets})")
        return "\n".join(lines)
    budget = SECTION_CHARS - len("\n".join(lines)) - 1 - len(label)
    topics = [f"`{escape(clip(t, TOPIC_CHARS))}`" for t in setup.topics]
    lines.insert(1, label + fit_list(topics, budget))
    return "\n".join(lines)


def commands_text(view: HomeView, command: str) -> str:
    lines = [f"• `{escape(f'{command} {hint.usage}')}` — {escape(hint.help)}" for hint in view.commands]
    if view.all_commands > len(view.commands):
        lines.append(f"`{command} help` lists all {view.all_commands} commands.")
    return "\n".join(lines)


def start_text(view: HomeView, command: str, *, personal: bool = True, channel: bool = True) -> str:
    usage = escape(f"{command} {view.start.usage if view.start else 'subscribe <topic>'}")
    where = [w for w, wanted in (("here in Messages (the tab beside Home) for a briefing of your own", personal),
                                  ("in a channel the bot is in, for everyone there", channel)) if wanted]
    return f"Type `{usage}` " + ", or ".join(where) + "."


def render_home(view: HomeView, *, command: str = DEFAULT_PREFIX) -> dict[str, Any]:
    """The ``home`` view for ``views.publish``: what briefbot does and its most useful commands, the person's
    personal briefing and the channels they set topics up in (as many as fit, then "and N more")."""
    blocks: list[Block] = [header("briefbot"), section(escape(view.about)), section(commands_text(view, command)),
                           {"type": "divider"}]
    if view.empty:
        blocks += [header("Nothing set up yet"), section(start_text(view, command))]
        return {"type": "home", "blocks": blocks}
    blocks.append(header("Your personal briefing"))
    if view.personal is not None:
        paused = " (paused)" if view.personal.paused else ""
        blocks.append(section(setup_text(view.personal, f"*Posted to you here in Messages{paused}*")))
    else:
        blocks.append(section("None yet. " + start_text(view, command, channel=False)))
    if view.configured:
        blocks += [{"type": "divider"}, header("Channels where you set topics up")]
        blocks += channel_blocks(view.configured, blocks, command)
    return {"type": "home", "blocks": blocks}


def channel_blocks(channels: Sequence[ChannelSetup], before: Sequence[Block], command: str) -> list[Block]:
    """One section per channel while the view stays within its block and size limits; a last context block says
    how many were left out."""
    room = MAX_BLOCKS - len(before) - 1  # one block kept for "and N more"
    size = view_bytes(before)
    out: list[Block] = []
    for n, setup in enumerate(channels):
        paused = " (paused)" if setup.paused else ""
        block = section(setup_text(setup, f"*{channel_name(setup)}*{paused}"))
        cost = view_bytes([block])
        if len(out) >= room or size + cost > MAX_VIEW_BYTES - 1_000:
            out.append(context(f"{more(len(channels) - n, 'more channels')}: `{escape(command)} schedule` and "
                               f"`{escape(command)} topics` in a channel show its set-up."))
            break
        out.append(block)
        size += cost
    return out


def view_bytes(blocks: Sequence[Block]) -> int:
    """The size Slack weighs a view's blocks by (UTF-8 JSON)."""
    return len(json.dumps(list(blocks), ensure_ascii=False).encode("utf-8"))
