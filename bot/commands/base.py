"""The platform-neutral command layer's types: Invocation in, Reply out."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from bot.models import Briefing, ChannelRef

OptionKind = Literal["string", "integer"]
Autocomplete = Literal["topics", "sources"] | None
DEFAULT_PREFIX = "/brief"  # the slash command's name where the platform does not say otherwise (Discord, console)


@dataclass(frozen=True, slots=True)
class Option:
    """One typed argument of a command (a Discord option; a word or ``keyword value`` in Slack text)."""

    name: str
    description: str
    required: bool = False
    kind: OptionKind = "string"
    keyword: bool = False  # written "since 24h" in free text rather than positionally
    rest: bool = False  # takes the remaining free text
    autocomplete: Autocomplete = None
    shown: str = ""  # what usage and help show for its value ("<when>", "full | short | headlines"); "": <name>


@dataclass(frozen=True, slots=True)
class Invocation:
    """A user's command, already translated out of the platform's payload."""

    command: str  # verb: "brief", "whosaid", "subscribe", ...
    args: str  # the free text after the verb, as typed
    user: str
    channel: ChannelRef
    options: Mapping[str, str] = field(default_factory=dict)
    can_manage: bool = False  # the platform says this user may change the channel's set-up
    now: datetime | None = None  # injected clock; handlers use it instead of reading the time
    # the slash command as the platform registered it (Slack: ``[slack] command``); every reply that names it uses this
    prefix: str = DEFAULT_PREFIX
    # why the bot cannot post in this channel (a sentence naming what to grant); None when it can or when unknown.
    # Set-up replies (subscribe, schedule) add it as a warning: the first briefing would fail there
    post_problem: str | None = None
    # what the bot lacks to post here as configured, though briefings still go out in some way: a whole clause naming
    # what to grant and what happens until then (Discord's thread per briefing); set-up replies warn of it as well
    post_note: str | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    """What the bot answers; the adapter delivers it the platform's way."""

    text: str  # Markdown-ish plain text (untrusted parts are escaped by the renderer)
    briefing: Briefing | None = None
    ephemeral: bool = False  # errors and help: only the caller sees them
    error: bool = False
    # local file names the text shows ("file notes.md"), which a platform could take for web addresses: Slack sends
    # the lines naming them verbatim, so it makes no link of them (digests/render_slack.py, ``render_text``)
    verbatim: tuple[str, ...] = ()

    def intro(self) -> str:
        """The text to show before the briefing: without the briefing's title it ends with (on its own last line,
        or after a label: ``Preview: <title>`` -> ``Preview:``), which the rendered briefing shows itself."""
        title = self.briefing.title if self.briefing is not None else ""
        return self.text.removesuffix(title).strip() if title and self.text.endswith(title) else self.text


Handler = Callable[[Invocation], Awaitable[Reply]]
Dispatch = Callable[[Invocation], Awaitable[Reply]]


@dataclass(frozen=True, slots=True)
class Command:
    """One verb of ``/brief``: its name, help, typed options and handler."""

    name: str
    help: str
    handler: Handler
    options: Sequence[Option] = ()
    manages_channel: bool = False  # changes a channel's set-up: needs the admin-like permission
    manages_with_args: bool = False  # ... only when given arguments (schedule, alerts, mute, sources add ...)
    slow: bool = False  # the adapter should ack/defer before running it
    # reads many stories (a briefing, a quote search): one at a time per person, a few at once overall
    # (bot/commands/guard.py, [commands] in the config)
    heavy: bool = False
    # with manages_with_args: first words of the arguments that only show something (``sources list``, ``export``)
    read_only_actions: frozenset[str] = frozenset()
    # first words of the arguments that make it heavy as well (``sources add`` and ``import`` fetch from the web)
    heavy_actions: frozenset[str] = frozenset()
    private: bool = False  # its answer is always ephemeral: a slow one is deferred privately (no public "thinking")

    def is_heavy(self, args: str) -> bool:
        """Whether this run is held back under load: a heavy verb always, another when ``args`` start with one
        of its heavy actions."""
        if self.heavy:
            return True
        first = args.split(maxsplit=1)[0].lower() if args.strip() else ""
        return first in self.heavy_actions

    def may_change_setup(self, args: str) -> bool:
        """Whether running it with ``args`` may change a channel's set-up: always for a set-up verb; for one
        that shows without arguments, when given any unless they start with a declared read-only action."""
        if self.manages_channel:
            return True
        if not self.manages_with_args:
            return False
        first = args.split(maxsplit=1)[:1]
        return bool(first) and first[0].lower() not in self.read_only_actions
