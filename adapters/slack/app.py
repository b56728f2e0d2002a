"""slack-bolt AsyncApp glue: ack a slash command or button click at once, then dispatch and answer via response_url."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from adapters.slack.channel_access import ChannelAccess
from adapters.slack.direct_message import DirectMessageHandler, PostMessages
from adapters.slack.home_tab import HomeTab
from adapters.slack.malformed import NO_CHANNEL, CheckedApp
from adapters.slack.mention import MentionHandler
from adapters.slack.post import RetryPolicy, Sleep, slack_error
from adapters.slack.respond import ResponseUrl
from adapters.slack.translate import (
    MAX_RESPONSES,
    ButtonClick,
    ResponseType,
    SlashCommand,
    click_invocation,
    in_direct_message,
    is_workspace_manager,
    parse_button_click,
    parse_slash_command,
    reply_messages,
    response_type,
    to_invocation,
    too_many_note,
)
from bot.adapter import PostError
from bot.commands.base import DEFAULT_PREFIX, Command, Dispatch, Invocation, Reply
from bot.models import ChannelRef
from digests.render_slack import SlackMessage
from digests.story_actions import PREFIX

log = logging.getLogger(__name__)

PostPrivately = Callable[[ChannelRef, Sequence[SlackMessage], str], Awaitable[list[str]]]  # (.., user id)
ERROR_REPLY = Reply("Something went wrong answering that; it has been logged.", ephemeral=True, error=True)


@dataclass
class ManagerCheck:
    """Who may change a channel's set-up. Slash commands carry no permissions, so: the configured admins,
    workspace admins/owners (users.info), the channel's creator and, in a direct message with the bot, the
    person in it (conversations.info), cached briefly."""

    client: AsyncWebClient
    admins: frozenset[str]
    clock: Callable[[], datetime]
    ttl: timedelta = timedelta(minutes=5)
    _cache: dict[tuple[str, str], tuple[datetime, bool]] = field(default_factory=dict)

    async def __call__(self, user_id: str, channel_id: str) -> bool:
        if user_id in self.admins:
            return True
        now = self.clock()
        cached = self._cache.get((user_id, channel_id))
        if cached is not None and now - cached[0] < self.ttl:
            return cached[1]
        allowed = await self._workspace_manager(user_id) or await self._channel_creator(user_id, channel_id)
        self._cache[(user_id, channel_id)] = (now, allowed)
        return allowed

    async def _workspace_manager(self, user_id: str) -> bool:
        # missing users:read scope, unknown user: not a manager
        user = await _looked_up("users.info", "user", lambda: self.client.users_info(user=user_id))
        return user is not None and is_workspace_manager(user)

    async def _channel_creator(self, user_id: str, channel_id: str) -> bool:
        # no channels:read / groups:read scope, or a DM: not the creator
        channel = await _looked_up("conversations.info", "channel",
                                   lambda: self.client.conversations_info(channel=channel_id))
        if channel is None:
            return False
        if channel.get("is_im"):  # a direct message with the bot: the person's own briefing channel
            return bool(channel.get("user") == user_id)
        return bool(channel.get("creator") == user_id)


async def _looked_up(method: str, name: str,
                     call: Callable[[], Awaitable[AsyncSlackResponse]]) -> dict[str, Any] | None:
    """The object ``name`` of the answer to a Web API ``method`` asked for a permission check; None when the call
    failed (logged) or the answer has no such object."""
    try:
        response = await call()
    except SlackApiError as exc:
        log.info("slack: %s for a permission check failed: %s", method, slack_error(exc))
        return None
    except (TimeoutError, aiohttp.ClientError) as exc:
        log.info("slack: %s for a permission check failed: %s", method, type(exc).__name__)
        return None
    found = response.get(name)
    return found if isinstance(found, dict) else None


@dataclass
class CommandHandler:
    """One slash command or story-button click, start to finish. Holds no business rules: everything goes
    through ``dispatch``, with the same permission check for both. ``command``: the slash command registered
    (``[slack] command``), which every reply names. ``access``: whether the bot can post where a set-up command
    was typed (Invocation.post_problem). An answer response_url keeps refusing goes out with ``post_instead``
    (in the channel) or ``post_privately`` (to the caller alone) instead."""

    dispatch: Dispatch
    managers: ManagerCheck
    clock: Callable[[], datetime]
    post_messages: PostMessages
    command: str = DEFAULT_PREFIX
    access: ChannelAccess | None = None
    sleep: Sleep = asyncio.sleep
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    post_instead: PostMessages | None = None
    post_privately: PostPrivately | None = None

    async def __call__(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        cmd = parse_slash_command(body)
        if not cmd.channel_id:  # Slack always sends one: nothing runs without it, and the caller is told in the ack
            log.warning("slack: a %s command from user %s came without a channel; nothing was run",
                        cmd.command or self.command, cmd.user_id or "?")
            await ack(text=NO_CHANNEL)
            return
        await ack()  # first, always: Slack wants an answer within 3 seconds
        received = self.clock()  # response_url lives thirty minutes from here
        verbs: Sequence[str] = getattr(self.dispatch, "verbs", ())
        named = f"{self.command} {to_invocation(cmd, verbs, can_manage=False, now=None).command}"
        try:
            reply = await self.answer(cmd)
        except Exception:
            log.exception("slack: answering a slash command failed")
            reply = ERROR_REPLY
        await self.deliver(cmd.channel_id, reply, respond, user_id=cmd.user_id, named=named, received=received)

    async def answer(self, cmd: SlashCommand) -> Reply:
        verbs: Sequence[str] = getattr(self.dispatch, "verbs", ())
        typed = to_invocation(cmd, verbs, can_manage=False, now=None)
        can_manage = await self._can_manage(typed.command, typed.args, cmd.user_id, cmd.channel_id)
        invocation = to_invocation(cmd, verbs, can_manage=can_manage, now=self.clock(), prefix=self.command)
        return await self.dispatch(await self._with_post_problem(invocation))

    async def on_click(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        """A story button (``brief:<verb>:<story id>``): run ``/brief <verb> <story id>`` for the clicker."""
        await ack()  # first, always, as for a slash command
        received = self.clock()
        click = parse_button_click(body)
        clicked = click_invocation(click, can_manage=False, now=None)
        if clicked is None:
            log.info("slack: ignored a click on an unknown button %r", click.action_id[:120])
            return
        try:
            reply = await self.answer_click(click)
        except Exception:
            log.exception("slack: answering a button click failed")
            reply = ERROR_REPLY
        await self.deliver(click.channel_id, reply, respond, ephemeral=True, user_id=click.user_id,
                           named=f"the {clicked.command} button", received=received)

    async def answer_click(self, click: ButtonClick) -> Reply:
        clicked = click_invocation(click, can_manage=False, now=None, prefix=self.command)
        if clicked is None:
            raise ValueError(f"not a story button: {click.action_id[:120]!r}")
        can_manage = await self._can_manage(clicked.command, clicked.args, click.user_id, click.channel_id)
        invocation = replace(clicked, can_manage=can_manage, now=self.clock())
        return await self.dispatch(await self._with_post_problem(invocation))

    async def _with_post_problem(self, invocation: Invocation) -> Invocation:
        """A set-up command the caller may run learns whether the bot can post in the channel (one
        conversations.info, not cached: adapters/slack/channel_access.py); any other is not looked up."""
        if self.access is None or not invocation.can_manage:
            return invocation
        if not self._may_need_manage(invocation.command, invocation.args):
            return invocation
        return replace(invocation, post_problem=await self.access.post_problem(invocation.channel.id))

    async def _can_manage(self, verb: str, args: str, user_id: str, channel_id: str) -> bool:
        if user_id in self.managers.admins:
            return True
        return self._may_need_manage(verb, args) and await self.managers(user_id, channel_id)

    def _may_need_manage(self, verb: str, args: str) -> bool:
        # only spend API calls (cached) on permission checks when the command may change a channel's set-up:
        # one that always does, or one given arguments that change something (not ``sources list``)
        get = getattr(self.dispatch, "get", None)
        command = get(verb) if callable(get) else None
        return not isinstance(command, Command) or command.may_change_setup(args)

    async def deliver(self, channel_id: str, reply: Reply, respond: AsyncRespond, *,
                      ephemeral: bool = False, user_id: str = "", named: str = "",
                      received: datetime | None = None) -> None:
        """Answer through response_url (``ephemeral``: only to the caller, whatever the reply says). A long
        in-channel reply is posted in the channel instead; if that fails part-way, only the parts not out yet
        are answered through response_url (the parts in the channel are not repeated). A part response_url keeps
        refusing (adapters/slack/respond.py) and the parts after it are posted instead: in the channel, or only to
        ``user_id`` when ephemeral. ``named``: the command, for the log; ``received``: when it came."""
        kind = "ephemeral" if ephemeral else response_type(reply)
        messages = reply_messages(reply)
        channel_failed = token_refused = False
        if len(messages) > MAX_RESPONSES and kind == "in_channel":
            try:  # a long briefing: post it whole in the channel, overflow threaded
                await self.post_messages(ChannelRef("slack", channel_id), messages)
                return
            except PostError as exc:
                log.info("slack: could not post a long reply in %s (%s, %d of %d part(s) out); answering the "
                         "rest in parts", channel_id, exc.reason, len(exc.posted), len(messages))
                messages = messages[len(exc.posted):]
                channel_failed, token_refused = True, exc.token_refused
        if len(messages) > MAX_RESPONSES:
            note = too_many_note(len(messages), MAX_RESPONSES - 1, token_refused=token_refused)
            messages = [*messages[: MAX_RESPONSES - 1], note]
        url = ResponseUrl(respond, received=received or self.clock(), clock=self.clock, sleep=self.sleep,
                          policy=self.policy)
        for index, message in enumerate(messages):
            if not await url.send(message, kind, after=len(messages) - index - 1):
                await self._post_lost(channel_id, messages[index:], kind, user_id=user_id,
                                      named=named or self.command, channel_failed=channel_failed)
                return

    async def _post_lost(self, channel_id: str, messages: Sequence[SlackMessage], kind: ResponseType, *,
                         user_id: str, named: str, channel_failed: bool) -> None:
        """The parts response_url did not take, posted instead; when the bot cannot either, one warning."""
        channel = ChannelRef("slack", channel_id)
        private = kind == "ephemeral"
        reason = "the channel refused it just before" if channel_failed and not private else "the bot cannot post"
        try:
            if private and self.post_privately is not None and user_id:
                await self.post_privately(channel, messages, user_id)
            elif not private and self.post_instead is not None and not channel_failed:
                await self.post_instead(channel, messages)
            else:
                raise PostError(channel, "permanent", reason)
        except PostError as exc:
            log.warning("slack: the answer to %s in %s was lost: response_url failed and posting it %s failed "
                        "too (%s)", named, channel_id, "privately" if private else "in the channel", exc.reason)
            return
        log.info("slack: answered %s in %s with %s, as response_url failed", named, channel_id,
                 "chat.postEphemeral" if private else "chat.postMessage")


def build_app(client: AsyncWebClient, *, signing_secret: str, command: str, handler: CommandHandler,
              verify_requests: bool, mentions: MentionHandler | None = None,
              direct: DirectMessageHandler | None = None, home: HomeTab | None = None) -> AsyncApp:
    """The bolt app with the one slash command, the story buttons, with ``mentions`` ``@briefbot ...``
    (app_mention events), with ``direct`` what is typed in a DM with the bot (message events; an
    app_mention from a DM goes there too) and with ``home`` the Home tab (app_home_opened events). Bolt
    acknowledges each event before the listener runs. Nothing is read from the environment."""
    app = CheckedApp(client=client, signing_secret=signing_secret, request_verification_enabled=verify_requests,
                   ssl_check_enabled=False,  # answered by adapters/slack/http_mode.py before bolt
                   logger=logging.getLogger("adapters.slack.bolt"),
                   name="briefbot")

    async def on_command(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await handler(ack, body, respond)  # bolt injects listener arguments by parameter name

    async def on_click(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await handler.on_click(ack, body, respond)

    async def on_other_click(ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()  # not a button of ours: acknowledged so Slack shows no error, and otherwise ignored
        log.info("slack: ignored a click on an unknown button %r", parse_button_click(body).action_id[:120])

    async def on_mention(body: dict[str, Any], context: AsyncBoltContext) -> None:
        event = body.get("event")
        event = event if isinstance(event, dict) else {}
        if direct is not None and in_direct_message(event):  # one answer, by the DM's rules, whichever comes
            await direct(event, context.bot_user_id or "")
        elif mentions is not None:
            await mentions(event, context.bot_user_id or "")

    async def on_message(body: dict[str, Any], context: AsyncBoltContext) -> None:
        event = body.get("event")
        if direct is not None and isinstance(event, dict):
            await direct(event, context.bot_user_id or "")

    async def on_home_opened(body: dict[str, Any]) -> None:
        event = body.get("event")
        if home is not None and isinstance(event, dict):  # without one the event is acknowledged and ignored
            await home(event)

    app.command(command)(on_command)
    app.event("app_mention")(on_mention)
    app.event("app_home_opened")(on_home_opened)
    app.event("message")(on_message)  # every message event the app gets; only a person's in a DM is answered
    app.action(re.compile(f"^{re.escape(PREFIX)}:"))(on_click)
    app.block_action(re.compile(".*"))(on_other_click)  # bolt runs the first listener that matches
    return app
