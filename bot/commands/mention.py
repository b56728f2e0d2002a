"""A message for the bot, as a command: a known verb runs, anything else is asked; read-only except in a
direct message with the bot (the person's own briefing channel)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import datetime

from bot.commands.base import DEFAULT_PREFIX, Command, Dispatch, Invocation, Reply
from bot.commands.dispatch import MAX_ARGS_CHARS, STORY_VERB, help_text, story_number
from bot.commands.question_words import ASK_VERB as ASK_VERB
from bot.commands.question_words import TRAILING_ON_VERB as TRAILING_ON_VERB
from bot.commands.question_words import asks_about_story as asks_about_story
from bot.models import ChannelRef

HELP_VERB = "help"
# "@briefbot, who said ...", "@briefbot: whosaid ...": what people type between the mention and the words
LEADING = " \t\r\n,:;.-–—>|"
# whether the person may change this DM's set-up: the platform's rule for ``/brief`` there (asked only for a change)
ManageCheck = Callable[[], Awaitable[bool]]


def changes_setup(command: Command, args: str) -> bool:
    """Whether running ``command`` with ``args`` may change the channel's set-up (which a mention in a channel
    never does)."""
    return command.may_change_setup(args)


def refusal(verb: str, prefix: str) -> Reply:
    return Reply(f"A mention only answers questions: `{verb}` changes this channel's set-up. Type "
                 f"`{prefix} {verb} …` for that.", ephemeral=True, error=True)


def too_long(length: int) -> Reply:
    return Reply(f"That is too long ({length} characters; the limit is {MAX_ARGS_CHARS}).", ephemeral=True,
                 error=True)


def mention_invocation(text: str, commands: Sequence[Command], *, user: str, channel: ChannelRef,
                       now: datetime | None, prefix: str = DEFAULT_PREFIX,
                       own_channel: bool = False) -> Invocation | Reply:
    """The text of a mention (the platform's markup already removed) as an Invocation, or the Reply that
    answers it without running anything (too long, or a verb that would change the channel's set-up).

    ``"whosaid Bucharest since Monday"`` runs ``whosaid``; ``"who said what about Bucharest?"`` is asked
    whole (``ask``), as is ``why`` or ``story`` starting a question (``why is the bridge closed?``, ``story about
    the bridge``: ``asks_about_story``); a bare ``#2`` is ``story 2``; nothing at all gets the help. Permissions are
    never looked up: ``can_manage`` is False.
    ``prefix``: the slash command as the platform registered it, which every reply names (and which is dropped
    when typed first). ``own_channel``: a direct message with the bot, where set-up verbs are not refused (the
    dispatcher still checks ``can_manage``, which ``answer_mention`` fills in there).
    """
    cleaned = " ".join(text.split()).lstrip(LEADING).strip()
    typed, _, after = cleaned.partition(" ")
    if typed.lower() == prefix.lower():  # "@briefbot /brief whosaid X", or "/brief ..." sent as a plain message
        cleaned = after.lstrip(LEADING).strip()
    if len(cleaned) > MAX_ARGS_CHARS:
        return too_long(len(cleaned))
    by_name = {c.name: c for c in commands}
    first, _, rest = cleaned.partition(" ")
    verb = first.lower().rstrip(TRAILING_ON_VERB)
    if not cleaned:
        verb, args = HELP_VERB, ""
    elif story_number(cleaned, tuple(by_name)):  # "@briefbot #2": story 2, as "/brief #2" is
        verb, args = STORY_VERB, cleaned
    elif verb in by_name and not asks_about_story(verb, rest):
        args = rest.strip()
    else:
        verb, args = ASK_VERB, cleaned
    command = by_name.get(verb)
    if command is None:  # a command list without help or ask: say what there is
        return Reply(help_text(commands, prefix), ephemeral=True)
    if changes_setup(command, args) and not own_channel:
        return refusal(verb, prefix)
    return Invocation(command=verb, args=args, user=user, channel=channel, can_manage=False, now=now, prefix=prefix)


async def answer_mention(dispatch: Dispatch, text: str, *, user: str, channel: ChannelRef,
                         now: datetime | None, prefix: str = DEFAULT_PREFIX,
                         may_manage: ManageCheck | None = None) -> Reply:
    """Answer a mention through the one ``dispatch`` every adapter awaits (its command list is read from it).

    ``may_manage``: given only for a direct message with the bot, the person's own briefing channel. There a
    set-up verb runs as ``/brief <verb>`` would, with the permission ``may_manage`` says (the platform's rule
    for ``/brief`` in that DM), asked only when the command may change the set-up."""
    commands: Sequence[Command] = tuple(getattr(dispatch, "commands", ()))
    found = mention_invocation(text, commands, user=user, channel=channel, now=now, prefix=prefix,
                               own_channel=may_manage is not None)
    if isinstance(found, Reply):
        return found
    command = next((c for c in commands if c.name == found.command), None)
    if may_manage is not None and command is not None and changes_setup(command, found.args):
        found = replace(found, can_manage=await may_manage())
    return await dispatch(found)
