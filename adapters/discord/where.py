"""Where an interaction came from (its channel's id and type as Discord sent them) and what the bot lacks there."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import discord

from adapters.discord.translate import post_problem, thread_problem, unknown_kind_note

log = logging.getLogger(__name__)

THREAD_KINDS = (discord.ChannelType.public_thread, discord.ChannelType.private_thread, discord.ChannelType.news_thread)
# the channels whose messages a thread can be opened on (a forum's posts are threads already)
THREAD_HOLDERS = (discord.ChannelType.text, discord.ChannelType.news)
# the rest that hold a briefing as configured: a voice or stage channel's chat (the whole briefing in it), a forum or
# media channel (a post per briefing: post._open_thread)
OTHER_KNOWN = (discord.ChannelType.voice, discord.ChannelType.stage_voice, discord.ChannelType.forum,
               discord.ChannelType.media)
KEPT = 1024  # interactions whose raw channel is remembered (answering one takes at most its 15 minutes)


class RawChannels:
    """The channel (id, type number) of each recent interaction, as Discord sent it. discord.py drops a channel whose
    type it has no class for (a type newer than it, a directory): ``interaction.channel`` and ``channel_id`` are then
    None. ``watch`` puts a step before discord.py's INTERACTION_CREATE parser (its ``parsers`` table) that keeps it."""

    def __init__(self, kept: int = KEPT) -> None:
        self._kept = kept
        self._seen: OrderedDict[int, tuple[int | None, int | None]] = OrderedDict()

    def watch(self, client: discord.Client) -> None:
        parsers: dict[str, Callable[[Any], None]] | None = getattr(client._connection, "parsers", None)
        parse = parsers.get("INTERACTION_CREATE") if isinstance(parsers, dict) else None
        if parsers is None or parse is None:  # a discord.py without the table: only the channels it knows
            log.warning("discord: cannot read interactions' channels as sent; a channel of a type discord.py does "
                        "not know will not be recognised")
            return
        original = parse

        def parse_interaction_create(data: Any) -> None:
            self.remember(data)
            original(data)

        parsers["INTERACTION_CREATE"] = parse_interaction_create

    def remember(self, data: Any) -> None:
        try:
            raw = data.get("channel") or {}
            channel = raw.get("id") or data.get("channel_id")
            kind = raw.get("type")
            self._seen[int(data["id"])] = (int(channel) if channel is not None else None,
                                           int(kind) if kind is not None else None)
        except (AttributeError, KeyError, TypeError, ValueError):  # not what Discord sends: discord.py's to refuse
            return
        while len(self._seen) > self._kept:
            self._seen.popitem(last=False)

    def channel_id(self, interaction: discord.Interaction) -> int | None:
        """The interaction's channel id: discord.py's, else as Discord sent it."""
        if interaction.channel_id is not None:
            return interaction.channel_id
        return self._seen.get(interaction.id, (None, None))[0]

    def kind(self, interaction: discord.Interaction) -> int | None:
        """The channel's type number: discord.py's, else as Discord sent it; None when not sent."""
        known = getattr(interaction.channel, "type", None)
        if isinstance(known, discord.ChannelType):
            return known.value
        return self._seen.get(interaction.id, (None, None))[1]


def member_permissions(interaction: discord.Interaction) -> int | None:
    """The member's permission bitfield in the channel as Discord sent it; None outside a server (a DM)."""
    return interaction.permissions.value if interaction.guild_id is not None else None


def bot_post_problem(interaction: discord.Interaction) -> str | None:
    """What the bot lacks to post briefings in the interaction's channel, from the permissions Discord says the app
    has there (``app_permissions``); None in a DM, or when it lacks nothing."""
    if interaction.guild_id is None:
        return None
    in_thread = getattr(interaction.channel, "type", None) in THREAD_KINDS
    return post_problem(interaction.app_permissions.value, in_thread=in_thread)


def bot_thread_problem(interaction: discord.Interaction, kind: int | None, *, threads: bool) -> str | None:
    """With ``thread_per_briefing`` (``threads``), what keeps each briefing from its own thread in the interaction's
    channel (of type number ``kind``): in a text or announcement channel, what the bot lacks to open it and post in it
    (``thread_problem``); in a channel of a type briefbot does not know, that no thread is opened there
    (``unknown_kind_note``). None in a DM, a thread, a voice or stage channel's chat, a forum, when the type was not
    sent, or when nothing is missing."""
    if not threads or interaction.guild_id is None or kind is None:
        return None
    known = next((member for member in discord.ChannelType if member.value == kind), None)
    if known in THREAD_HOLDERS:
        return thread_problem(interaction.app_permissions.value, threads=threads, in_thread=False)
    if known in THREAD_KINDS or known in OTHER_KNOWN:
        return None
    name = known.name if isinstance(known, discord.ChannelType) else None
    return unknown_kind_note(kind, name)
