"""Turn free command text into verb + options and route an Invocation to its Command."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import replace

from bot.answer.plain import echoed, echoed_code
from bot.command_stats import UNKNOWN_VERB, CommandStats, Outcome
from bot.commands.base import DEFAULT_PREFIX, Command, Invocation, Option, Reply
from bot.commands.guard import CommandGuard, Refused, person_of, request_of
from bot.commands.question_words import ASK_VERB, WHY_VERB, asks_about_story

log = logging.getLogger(__name__)

DEFAULT_VERB = "brief"
MAX_ARGS_CHARS = 2000
# a newer briefbot upgraded the store: what stops a command that would write (bot/store/schema_watch.py)
StoreUpgradedCheck = Callable[[], Awaitable[Exception | None]]
UPGRADED_REPLY = ("The store was upgraded by a newer briefbot; this bot is stopping. Nothing was changed: ask "
                  "again once the newer briefbot runs.")
_PLAIN_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


class UsageError(ValueError):
    """The user's command text does not fit the command's options; any typed words it repeats are already inert
    (``echoed_code``), so the reply shows the rest, our own text, as written."""


STORY_VERB = "story"
_STORY_NUMBER = re.compile(r"#[0-9]+[?!.]*")  # "/brief #2": story 2 (bot/commands/story_commands.py reads "#2")


def story_number(text: str, verbs: Sequence[str]) -> bool:
    """Whether ``text`` is a bare ``#N`` (digits only: ``#2``, ``#2?``) that means ``story N`` among ``verbs``."""
    return STORY_VERB in verbs and _STORY_NUMBER.fullmatch(text.strip()) is not None


def split_verb(text: str, verbs: Sequence[str]) -> tuple[str, str]:
    """``"whosaid Bucharest"`` -> ``("whosaid", "Bucharest")``; unknown first word -> the default verb. A verb
    closed by a full stop is that verb (``help.``), and the default verb's name before another verb is dropped
    (``brief help``, as typed by someone who left out the slash). Any whitespace ends the verb: a newline or a tab
    as well as a space. A bare ``#N`` (digits only: ``#2``, ``#2?``) is ``story N``, not a channel mention."""
    stripped = text.strip()
    if story_number(stripped, verbs):
        return STORY_VERB, stripped
    words = stripped.split(None, 1)  # any whitespace ends the verb: a space, a newline, a tab
    first, rest = (words[0], words[1]) if len(words) == 2 else (stripped, "")
    verb = first.lower().rstrip(".") if not rest.strip() else first.lower()
    if verb == DEFAULT_VERB and rest.strip():
        second = split_verb(rest, verbs)
        if second[0] != DEFAULT_VERB:
            return second
    if verb in verbs:
        return verb, rest.strip()
    return DEFAULT_VERB, stripped


_MARKUP = re.compile(r"<\?xml|<opml\b", re.IGNORECASE)  # pasted OPML or XML


def tidy_args(text: str) -> str:
    """What was typed, as the parsers read it: typographic quotes (“ ” ‘ ’ « » „, as phones and chat apps put them)
    made plain, the question and exclamation marks closing the text dropped (``story 2?``, ``whosaid Bucharest?!``;
    not one inside it, ``Yahoo! Japan``), and one full stop closing the text dropped (``story 2.``, ``whosaid
    Bucharest.``) unless its last word holds another (``U.S.``) and is no web address (``sources add
    https://example.org/feed.xml.``). Pasted markup (``sources import <opml ...>``) is left as it is: a curly quote
    inside an attribute is text there."""
    if _MARKUP.search(text):
        return text.strip()
    plain = text.translate(_PLAIN_QUOTES).strip().rstrip("?!").rstrip()
    last = plain.rsplit(None, 1)[-1] if plain else ""
    if last.endswith(".") and not last.endswith("..") and ("." not in last[:-1] or "://" in last):
        plain = plain[:-1].rstrip()
    return plain


def parse_options(options: Sequence[Option], args: str) -> dict[str, str]:
    """Fill a command's options from free text: ``keyword value`` pairs, then positionals in order."""
    words = args.split()
    keywords = {o.name for o in options if o.keyword}
    found: dict[str, str] = {}
    positional: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word.lower() in keywords and (i + 1 == len(words) or words[i + 1].lower() in keywords):
            option = next(o for o in options if o.name == word.lower())  # "brief since": not a topic "since"
            raise UsageError(f"`{option.name}` needs a value ({option.description})")
        if word.lower() in keywords:
            # a keyword option takes the words up to the next keyword
            j = i + 1
            while j < len(words) and words[j].lower() not in keywords:
                j += 1
            found[word.lower()] = " ".join(words[i + 1 : j])
            i = j
            continue
        positional.append(word)
        i += 1
    positionals = [o for o in options if not o.keyword]
    for n, opt in enumerate(positionals):
        if not positional:
            break
        if opt.rest or n == len(positionals) - 1:
            found[opt.name] = " ".join(positional)
            positional = []
        else:
            found[opt.name] = positional.pop(0)
    if positional:
        raise UsageError(f"Unexpected words: {echoed_code(' '.join(positional), 80)}")
    for opt in options:
        if opt.required and not found.get(opt.name):
            raise UsageError(f"Missing <{opt.name}>: {opt.description}")
        if opt.kind == "integer" and opt.name in found and not found[opt.name].lstrip("-").isdecimal():
            raise UsageError(f"`{opt.name}` must be a whole number, got {echoed_code(found[opt.name], 80)}")
    return found


def usage(command: Command) -> str:
    """One usage line, e.g. ``whosaid <topic> [since <when>]``; the default verb is written without its name
    (``[<topic>] [since <when>]``), as people type it."""
    parts = [] if command.name == DEFAULT_VERB else [command.name]
    for opt in command.options:
        value = opt.shown or f"<{opt.name}>"
        label = f"{opt.name} {value}" if opt.keyword else value
        parts.append(label if opt.required else f"[{label}]")
    return " ".join(parts)


def help_text(commands: Sequence[Command], prefix: str = DEFAULT_PREFIX) -> str:
    """Help generated from the command list itself, so it never drifts from what exists; ``prefix``: the slash
    command as the platform registered it (``Invocation.prefix``)."""
    lines = ["Commands:"]
    for command in commands:
        lines.append(f"• `{prefix} {usage(command)}` — {command.help}")
    return "\n".join(lines)


class Dispatcher:
    """Routes invocations to an explicit list of commands; the one ``dispatch`` every adapter awaits.
    With a ``guard``, heavy commands wait for (or are refused) a slot; with ``stats``, every answer is counted; with
    ``upgraded``, a command that may write (``Command.may_change_setup``) first asks it whether a newer briefbot
    upgraded the store (read at most once a minute: ``SchemaWatch``) and, if so, writes nothing."""

    def __init__(self, commands: Sequence[Command], *, guard: CommandGuard | None = None,
                 stats: CommandStats | None = None, upgraded: StoreUpgradedCheck | None = None) -> None:
        self.commands = tuple(commands)
        self._by_name = {c.name: c for c in commands}
        self.guard = guard
        self.stats = stats
        self.upgraded = upgraded

    @property
    def verbs(self) -> tuple[str, ...]:
        return tuple(self._by_name)

    def get(self, name: str) -> Command | None:
        return self._by_name.get(name)

    def from_text(self, text: str, **fields: object) -> Invocation:
        """Build an Invocation from ``/brief ...`` text (Slack, console); ``fields`` may name its ``prefix``."""
        verb, args = split_verb(text, self.verbs)
        return Invocation(command=verb, args=args, **fields)  # type: ignore[arg-type]

    def routed(self, invocation: Invocation) -> Invocation:
        """The invocation as the command that answers it gets it: a bare ``#N`` given to the default verb ("/brief
        brief topic:#2", Discord's options; "@briefbot brief #2") is ``story N``, as typed "/brief #2" is; ``why``
        then a question ("/brief why did the bridge close?", Discord's ``why story:did the bridge close?``) is
        ``ask why ...``, as a mention with those words is (``why #2``, ``why 2`` or headline words stay ``why``)."""
        if invocation.command == DEFAULT_VERB and story_number(invocation.args, self.verbs):
            return replace(invocation, command=STORY_VERB, args=invocation.args.strip(), options={})
        if (invocation.command == WHY_VERB and ASK_VERB in self._by_name
                and asks_about_story(WHY_VERB, invocation.args)):
            return replace(invocation, command=ASK_VERB, args=f"{WHY_VERB} {invocation.args.strip()}", options={})
        return invocation

    async def __call__(self, invocation: Invocation) -> Reply:
        invocation = self.routed(invocation)
        if self.stats is None:
            return (await self._answer(invocation))[0]
        started = self.stats.now()
        reply, outcome = await self._answer(invocation)
        # counted as the command that answered ("/brief #2" as story, "/brief why did ...?" as ask)
        verb = invocation.command if invocation.command in self._by_name else UNKNOWN_VERB
        self.stats.record(verb, outcome, started)
        return reply

    async def _answer(self, invocation: Invocation) -> tuple[Reply, Outcome]:
        command = self._by_name.get(invocation.command)
        if command is None:
            return Reply(
                f"Unknown command {echoed(repr(invocation.command[:50]))}.\n"
                + help_text(self.commands, invocation.prefix),
                ephemeral=True,
                error=True,
            ), "error"
        if len(invocation.args) > MAX_ARGS_CHARS:
            return Reply(f"That is too long ({len(invocation.args)} characters; the limit is "
                         f"{MAX_ARGS_CHARS}).", ephemeral=True, error=True), "error"
        if command.manages_channel and not invocation.can_manage:
            return Reply(
                f"Sorry, `{command.name}` changes this channel's set-up and needs the channel-management "
                "permission. Nothing was changed.",
                ephemeral=True,
                error=True,
            ), "error"
        try:
            options = ({k: tidy_args(v) for k, v in invocation.options.items()}
                       or parse_options(command.options, tidy_args(invocation.args)))
        except UsageError as exc:
            # its words are ours (our code spans kept) but for what was typed, made inert where it is quoted
            return Reply(f"{exc}. Usage: `{invocation.prefix} {usage(command)}`",
                         ephemeral=True, error=True), "error"
        if (upgraded := await self._store_upgraded(command, invocation.args, options)) is not None:
            return upgraded
        if self.guard is None or not command.is_heavy(_first_words(command, invocation.args, options)):
            return await self._run(command, invocation, options)
        try:
            async with self.guard.slot(person_of(invocation), request_of(invocation)):
                return await self._run(command, invocation, options)
        except Refused as refused:  # raised before the command ran: _run lets no exception out
            return Reply(refused.text, ephemeral=True), "busy"

    async def _store_upgraded(self, command: Command, args: str,
                              options: Mapping[str, str]) -> tuple[Reply, Outcome] | None:
        """The reply instead of running ``command`` when it may write and a newer briefbot upgraded the store."""
        if self.upgraded is None or not command.may_change_setup(_typed(command, args, options)):
            return None
        try:
            reason = await self.upgraded()
        except Exception:  # the store cannot be read: the command is not run against it
            log.exception("command %s: cannot read the store's schema version", command.name)
            return Reply("Something went wrong answering that; it has been logged.", ephemeral=True,
                         error=True), "failed"
        if reason is None:
            return None
        log.warning("command %s not run: %s", command.name, reason)
        return Reply(UPGRADED_REPLY, ephemeral=True, error=True), "error"

    async def _run(self, command: Command, invocation: Invocation, options: dict[str, str]) -> tuple[Reply, Outcome]:
        try:
            reply = await command.handler(replace(invocation, options=options))
        except Exception:  # a bug in one handler must not take the adapter down
            log.exception("command %s failed", command.name)
            return Reply("Something went wrong answering that; it has been logged.", ephemeral=True,
                         error=True), "failed"
        return reply, "error" if reply.error else "ok"


def _first_words(command: Command, args: str, options: Mapping[str, str]) -> str:
    """What the person asked for as text: the free text typed, or (options given typed, as Discord gives them) the
    first option's value."""
    if args.strip() or not command.options:
        return args
    return options.get(command.options[0].name, "")


def _typed(command: Command, args: str, options: Mapping[str, str]) -> str:
    """Everything typed, in the command's option order when typed as options (Discord's ``schedule tz:...``)."""
    if args.strip() or not options:
        return args
    return " ".join(options[o.name] for o in command.options if options.get(o.name))
