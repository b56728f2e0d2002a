"""A person's own page (Slack's Home tab): how to use briefbot, their personal briefing and the channels where they
set topics up, read from the store; plain data, no chat SDK."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from bot.commands.base import Command
from bot.commands.describe_channel import alerts_line, languages_line, length_line, next_briefing_line, schedule_line
from bot.commands.dispatch import usage
from bot.models import ChannelRef
from bot.store.channels import Channel, ChannelStore
from bot.store.db import Database

ABOUT = ("briefbot posts news briefings on the topics and the schedule you choose, each story summarised from "
         "every outlet that carries it, and answers who said what.")
# the verbs worth showing first, in this order; their usage and help come from the command list itself
USEFUL_VERBS = ("brief", "whosaid", "ask", "subscribe", "schedule", "story")  # then "help lists all N commands"
START_VERB = "subscribe"


@dataclass(frozen=True, slots=True)
class CommandHint:
    """One command as help shows it: ``whosaid <topic> [since <when>]`` and what it does."""

    usage: str
    help: str


@dataclass(frozen=True, slots=True)
class ChannelSetup:
    """One channel's set-up as ``/brief schedule``, ``/brief topics`` and ``briefbot channels`` word it."""

    channel: ChannelRef
    topics: tuple[str, ...]
    sources: int  # feeds it follows besides its topics
    schedule: str  # ```weekdays 07:30` (Europe/Brussels)``
    next_briefing: str  # ``Next briefing: ...`` or that it is paused
    length: str
    alerts: str
    paused: bool
    languages: str = "all languages"  # ``English (en), French (fr)``: the languages of the stories its briefings carry


@dataclass(frozen=True, slots=True)
class HomeView:
    """What one person's page shows: nothing about anyone else's set-up."""

    user: str
    about: str
    commands: tuple[CommandHint, ...]  # the most useful ones
    all_commands: int  # how many ``help`` lists
    start: CommandHint | None  # how to set a briefing up (``subscribe <topic>``)
    personal: ChannelSetup | None  # their direct message with the bot, when it is set up
    configured: tuple[ChannelSetup, ...]  # the channels where they added a topic, by key

    @property
    def empty(self) -> bool:
        return self.personal is None and not self.configured


class HomeSource(Protocol):
    """Builds a person's HomeView: their platform user id and, when known, their direct message with the bot."""

    async def __call__(self, *, platform: str, user: str, personal: ChannelRef | None) -> HomeView: ...


@runtime_checkable
class ShowsHome(Protocol):
    """An adapter with a per-person page; the composition root hands it a HomeSource before ``run``."""

    home: HomeSource | None


def command_hints(commands: Sequence[Command], verbs: Sequence[str] = USEFUL_VERBS) -> tuple[CommandHint, ...]:
    """The ``verbs`` that exist, in that order, with their generated usage and help."""
    by_name = {c.name: c for c in commands}
    return tuple(CommandHint(usage(by_name[v]), by_name[v].help) for v in verbs if v in by_name)


def describe(channel: Channel, now: datetime) -> ChannelSetup:
    """A stored channel in the words the commands use."""
    return ChannelSetup(channel=channel.ref, topics=channel.topics, sources=len(channel.sources),
                        schedule=schedule_line(channel), next_briefing=next_briefing_line(channel, now),
                        length=length_line(channel.length), alerts=alerts_line(channel.alert_outlets),
                        paused=channel.paused, languages=languages_line(channel.languages))


class HomeViews:
    """A HomeSource over the store: the person's direct message (when it exists in the store) and the channels of
    the same platform where the store records them as having added a topic (``ChannelStore.set_up_by``)."""

    def __init__(self, db: Database, commands: Sequence[Command], clock: Callable[[], datetime]) -> None:
        self._store = ChannelStore(db)
        self._hints = command_hints(commands)
        self._start = next(iter(command_hints(commands, (START_VERB,))), None)
        self._all = len(commands)
        self._clock = clock

    async def __call__(self, *, platform: str, user: str, personal: ChannelRef | None) -> HomeView:
        now = self._clock()
        own = await self._store.get(personal) if personal is not None else None
        configured: list[ChannelSetup] = []
        for key in await self._store.set_up_by(platform, user):  # one query, not one a channel
            channel = await self._store.get(ChannelRef.parse(key))
            if channel is not None and channel.ref != personal and channel.topics:
                configured.append(describe(channel, now))
        return HomeView(user=user, about=ABOUT, commands=self._hints, all_commands=self._all, start=self._start,
                        personal=describe(own, now) if own is not None else None, configured=tuple(configured))
