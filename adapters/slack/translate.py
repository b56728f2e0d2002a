"""Pure translations between Slack payloads and the platform-neutral command layer (no I/O)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

from bot.commands.base import DEFAULT_PREFIX, Invocation, Reply
from bot.commands.dispatch import split_verb
from bot.models import ChannelRef
from bot.plurals import counted
from digests.render_slack import SlackMessage, escape, render_briefing, render_text
from digests.story_actions import parse_action_id

ResponseType = Literal["in_channel", "ephemeral"]
PostOutcome = Literal["retryable", "permanent", "text_only"]

# response_url accepts at most five messages within thirty minutes
MAX_RESPONSES = 5

# the channel itself refuses the bot (removed, deleted, archived, posting restricted), not this one message: a
# failure notice posted there would be refused the same way (PostError.channel_refused)
CHANNEL_REFUSED_ERRORS = frozenset({
    "not_in_channel", "channel_not_found", "is_archived", "restricted_action", "restricted_action_read_only_channel",
    "restricted_action_thread_only_channel", "messages_tab_disabled", "team_access_not_granted",
})
# Slack error codes that say "this channel / token cannot be posted to": retrying will not help
PERMANENT_ERRORS = CHANNEL_REFUSED_ERRORS | frozenset({
    "not_allowed_token_type",
    "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "missing_scope",
    "ekm_access_denied", "no_permission", "access_denied",
})
# Slack error codes that refuse the bot's own token, for every channel alike (a bot-wide condition)
TOKEN_ERRORS = frozenset({"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired",
                          "not_allowed_token_type", "missing_scope"})
# the message itself was refused: send it again as plain text rather than lose it
BLOCK_ERRORS = frozenset({"invalid_blocks", "invalid_blocks_format", "msg_blocks_too_long", "msg_too_long"})
MANAGER_FLAGS = ("is_admin", "is_owner", "is_primary_owner")
# message subtypes that are still a person writing; any other (bot_message, message_changed, ...) is ignored
PERSON_SUBTYPES = frozenset({"", "thread_broadcast", "file_share"})
# Slack's markup in message text: <@U..|name>, <#C..|name>, <!here>, <!subteam^S..|@team>, <https://..|label>
_MARKUP = re.compile(r"<([^<>]*)>")


@dataclass(frozen=True, slots=True)
class SlashCommand:
    """The fields of a slash-command payload the adapter uses."""

    command: str
    text: str
    user_id: str
    channel_id: str
    team_id: str
    response_url: str


def parse_slash_command(body: Mapping[str, Any]) -> SlashCommand:
    """Slack's slash-command form fields (HTTP body or Socket Mode payload) -> SlashCommand."""
    def field(name: str) -> str:
        value = body.get(name, "")
        return value if isinstance(value, str) else ""

    return SlashCommand(command=field("command"), text=field("text"), user_id=field("user_id"),
                        channel_id=field("channel_id"), team_id=field("team_id"),
                        response_url=field("response_url"))


def to_invocation(cmd: SlashCommand, verbs: Sequence[str], *, can_manage: bool,
                  now: datetime | None, prefix: str = DEFAULT_PREFIX) -> Invocation:
    """``/brief whosaid Bucharest`` -> Invocation("whosaid", "Bucharest", ...) for the dispatcher; ``prefix``: the
    configured command (``[slack] command``), which the replies name."""
    verb, args = split_verb(cmd.text, verbs)
    return Invocation(command=verb, args=args, user=cmd.user_id, channel=ChannelRef("slack", cmd.channel_id),
                      can_manage=can_manage, now=now, prefix=prefix)


@dataclass(frozen=True, slots=True)
class ButtonClick:
    """The fields of a ``block_actions`` payload (one button clicked) the adapter uses."""

    action_id: str
    user_id: str
    channel_id: str
    response_url: str


def parse_button_click(body: Mapping[str, Any]) -> ButtonClick:
    """A ``block_actions`` payload (HTTP ``payload`` field or Socket Mode ``interactive`` envelope)."""
    def text(node: Any, name: str) -> str:
        value = node.get(name, "") if isinstance(node, Mapping) else ""
        return value if isinstance(value, str) else ""

    actions = body.get("actions")
    first = actions[0] if isinstance(actions, list) and actions else {}
    # a message's channel; the container names it too (messages in threads, ephemeral previews)
    channel = text(body.get("channel"), "id") or text(body.get("container"), "channel_id")
    return ButtonClick(action_id=text(first, "action_id"), user_id=text(body.get("user"), "id"),
                       channel_id=channel, response_url=text(body, "response_url"))


def click_invocation(click: ButtonClick, *, can_manage: bool, now: datetime | None,
                     prefix: str = DEFAULT_PREFIX) -> Invocation | None:
    """A story button -> the Invocation ``/brief <verb> <story id>`` would make; None if it is not ours."""
    parsed = parse_action_id(click.action_id)
    if parsed is None or not click.user_id or not click.channel_id:
        return None
    verb, story_id = parsed
    return Invocation(command=verb, args=story_id, user=click.user_id, channel=ChannelRef("slack", click.channel_id),
                      can_manage=can_manage, now=now, prefix=prefix)


@dataclass(frozen=True, slots=True)
class SlackMention:
    """The fields of an ``app_mention`` event the adapter uses."""

    text: str
    user_id: str
    channel_id: str
    ts: str
    thread_ts: str  # the thread to answer in: the mention's own thread, or the mention itself

    @property
    def key(self) -> tuple[str, str]:
        """One mention, however many times Slack delivers it (retries, a reconnect)."""
        return self.channel_id, self.ts


def parse_mention(event: Mapping[str, Any]) -> SlackMention | None:
    """An ``app_mention`` event written by a person -> SlackMention; None for a bot's message (the app's own
    included), an edit, or an event missing its user, channel or ts."""
    def field(name: str) -> str:
        value = event.get(name, "")
        return value if isinstance(value, str) else ""

    if event.get("bot_id") or event.get("bot_profile") or event.get("edited"):
        return None
    if field("subtype") not in PERSON_SUBTYPES:
        return None
    user, channel, ts = field("user"), field("channel"), field("ts")
    if not (user and channel and ts):
        return None
    return SlackMention(text=field("text"), user_id=user, channel_id=channel, ts=ts,
                        thread_ts=field("thread_ts") or ts)


def in_direct_message(event: Mapping[str, Any]) -> bool:
    """The event is in the app's direct message with a person (its Messages tab): a ``message`` event says so
    with ``channel_type: "im"``; an ``app_mention`` (Slack sends none from a DM, but should one come) by its
    channel id, which is a ``D...`` id for a DM and nothing else."""
    channel_type = event.get("channel_type")
    if event.get("type") == "message" or channel_type is not None:
        return channel_type == "im"
    channel = event.get("channel")
    return isinstance(channel, str) and channel.startswith("D")


def parse_direct_message(event: Mapping[str, Any]) -> SlackMention | None:
    """A message a person typed in the app's DM with them -> SlackMention whose ``thread_ts`` is the thread it
    was written in, or "" (answered in the DM itself); None for a message elsewhere, a bot's (the app's own
    included), an edit or any other subtype (message_changed, message_deleted, channel_join, ...)."""
    mention = parse_mention(event) if in_direct_message(event) else None
    if mention is None:
        return None
    thread = event.get("thread_ts")
    return replace(mention, thread_ts=thread if isinstance(thread, str) else "")


def mention_text(text: str, bot_user_id: str) -> str:
    """The words of a mention: the bot's own ``<@U..>`` and Slack's pings removed, channels and links as
    their names, ``&amp; &lt; &gt;`` back to ``& < >`` (the reply renderer escapes them again)."""
    def plain(match: re.Match[str]) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):  # a user: the bot itself goes, someone else keeps their shown name
            return "" if target[1:] == bot_user_id else label.lstrip("@")
        if target.startswith("!"):  # <!here>, <!channel>, <!subteam^..>, <!date^..|fallback>: no words
            return label if target.startswith("!date") else ""
        if target.startswith("#"):
            return f"#{label}" if label else ""
        return label or target  # a link

    words = _MARKUP.sub(plain, text)
    return words.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def response_type(reply: Reply) -> ResponseType:
    """Errors and help are only for the caller; briefings and answers are visible in the channel."""
    return "ephemeral" if reply.ephemeral or reply.error else "in_channel"


def reply_messages(reply: Reply) -> list[SlackMessage]:
    """A Reply as Slack messages: a briefing through the Block Kit renderer, else escaped mrkdwn."""
    if reply.briefing is not None:  # the title on its own last line is the console's: the header block shows it
        return render_briefing(reply.briefing, intro=reply.intro())
    return render_text(reply.text, verbatim=reply.verbatim)


def too_many_note(total: int, shown: int, *, token_refused: bool = False) -> SlackMessage:
    """Shown when a reply needs more messages than response_url allows and could not be posted whole;
    ``token_refused``: the post in the channel failed because Slack refuses the bot's token (no invite mends it)."""
    if token_refused:
        text = (f"_{counted(total - shown, 'more part')} of this answer did not fit in a command reply, and the bot "
                "cannot post it in the channel: Slack refuses the bot's token until whoever runs briefbot replaces "
                "it._")
    else:
        text = (f"_{counted(total - shown, 'more part')} of this answer did not fit in a command reply. Invite the "
                "bot to this channel (`/invite @briefbot`) so it can post long briefings in a thread._")
    return SlackMessage(text=text, blocks=({"type": "section", "text": {"type": "mrkdwn", "text": text}},))


def message_payload(message: SlackMessage, *, thread_ts: str | None = None,
                    text_only: bool = False) -> dict[str, Any]:
    """chat.postMessage arguments: never ``parse``/``link_names``; no unfurls of article links."""
    payload: dict[str, Any] = {"text": message.text, "unfurl_links": False, "unfurl_media": False}
    if message.blocks and not text_only:
        payload["blocks"] = [dict(b) for b in message.blocks]
    if thread_ts:
        payload["thread_ts"] = thread_ts
    return payload


def ephemeral_payload(message: SlackMessage, *, user: str, thread_ts: str | None = None,
                      text_only: bool = False) -> dict[str, Any]:
    """chat.postEphemeral arguments: the message for ``user`` alone (in the thread of ``thread_ts``); that
    method takes no unfurl or metadata arguments."""
    payload = message_payload(message, thread_ts=thread_ts, text_only=text_only)
    for unused in ("unfurl_links", "unfurl_media"):
        payload.pop(unused)
    return {**payload, "user": user}


def classify_failure(status: int, error: str) -> PostOutcome:
    """What to do about a failed chat.postMessage: retry later, give up on the channel, or go text-only."""
    if status == 429 or status >= 500 or error == "ratelimited":
        return "retryable"
    if error in BLOCK_ERRORS:
        return "text_only"
    if error in PERMANENT_ERRORS:
        return "permanent"
    # unknown 4xx-style errors will not change by retrying; server-side hiccups are retryable
    return "retryable" if error in ("fatal_error", "internal_error", "service_unavailable",
                                    "request_timeout") else "permanent"


def retry_delay(attempt: int, retry_after: float | None, *, base: float = 1.0, cap: float = 30.0) -> float:
    """Seconds to wait before attempt ``attempt + 1``: Retry-After when Slack sends it, else backoff."""
    if retry_after is not None:
        return max(0.0, retry_after)
    return float(min(cap, base * (2 ** attempt)))




def is_workspace_manager(user: Mapping[str, Any]) -> bool:
    """users.info says this user administers or owns the workspace."""
    return any(bool(user.get(flag)) for flag in MANAGER_FLAGS)


def notice_message(text: str) -> SlackMessage:
    """A short plain notice (source failing, set-up problem), escaped like any untrusted text."""
    return SlackMessage(text=escape(text))
