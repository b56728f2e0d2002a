"""The Slack adapter: commands in (HTTP or Socket Mode), briefings out (Block Kit), behind bot.adapter's seam."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.app import CommandHandler, ManagerCheck, build_app
from adapters.slack.channel_access import ChannelAccess
from adapters.slack.direct_message import DirectMessageHandler
from adapters.slack.home_tab import HomeTab
from adapters.slack.http_mode import HttpServer
from adapters.slack.left_unanswered import LeftUnanswered
from adapters.slack.mention import AnsweredOnce, MentionHandler
from adapters.slack.post import RetryPolicy, SlackPoster, Sleep, slack_error
from adapters.slack.socket_mode import (
    HANDSHAKE_TIMEOUT,
    UNREACHABLE,
    SocketModeConnection,
    failure,
    out_of_reach,
    server_side,
)
from adapters.slack.translate import notice_message
from bot.adapter import PostError
from bot.answered import AnsweredMessages
from bot.commands.base import Dispatch
from bot.config import SlackConfig
from bot.home import HomeSource
from bot.in_flight import AnswersInFlight
from bot.models import Briefing, ChannelRef
from digests.render_slack import SlackMessage, render_briefing

log = logging.getLogger(__name__)

REQUEST_TIMEOUT_SECONDS = 15
# at a normal stop (close(), or run() cancelled: SIGTERM), how long the mention and DM answers already running may take
# to finish once no new event is taken; one still running then is cut off and answered by the next run at its start
# (docs/SLACK.md, "Answered once")
DRAIN_SECONDS = 10.0
CHECK = "check the bot token"  # what auth.test is asked for at start


class SlackStartupError(RuntimeError):
    """The Slack adapter cannot start: missing or rejected credentials, Slack unreachable."""


class SlackAdapter:
    """Slack, translated: it never ranks, filters or summarises; it only carries commands and messages."""

    name = "slack"

    def __init__(self, config: SlackConfig, *, clock: Callable[[], datetime], client: AsyncWebClient,
                 sleep: Sleep = asyncio.sleep, policy: RetryPolicy | None = None,
                 connect_timeout: float = 30.0, drain_seconds: float = DRAIN_SECONDS,
                 ping_interval: float = 10.0, handshake_timeout: float = HANDSHAKE_TIMEOUT) -> None:
        self.config = config
        self.client = client
        self._clock = clock
        self._connect_timeout = connect_timeout
        self._ping_interval = ping_interval  # Socket Mode: seconds between pings, and between reconnection tries
        self._handshake_timeout = handshake_timeout  # Socket Mode: seconds for a WebSocket URL's handshake
        self._drain_seconds = drain_seconds
        self._poster = SlackPoster(client, sleep=sleep, policy=policy, token_env=config.bot_token.env_name)
        self._sleep = sleep
        self._policy = policy or RetryPolicy()
        self._stopped = asyncio.Event()
        self._running = False
        self._finished = asyncio.Event()  # set when run() has returned (or raised)
        self.ready = asyncio.Event()  # set once commands can be received
        # set once the messages a run that stopped left unanswered are answered (or found too old): see run()
        self.caught_up = asyncio.Event()
        # set once, stopping, it takes no new event and lets the answers in flight finish (up to drain_seconds)
        self.draining = asyncio.Event()
        self.http_port: int | None = None  # the bound port in HTTP mode
        self.identity: dict[str, Any] = {}  # auth.test: team, bot user id
        # why it cannot receive while running (Socket Mode refused on reconnecting); the health check reports it
        self.problem: str | None = None
        self.home: HomeSource | None = None  # each person's Home tab; set by the composition root before run()
        # the claims that make a mention or DM answered once across restarts (the store's); set like ``home``
        self.answered_messages: AnsweredMessages | None = None

    async def check_auth(self) -> dict[str, Any]:
        """auth.test, once: a bad token stops start-up here with a message that says what to fix."""
        env = self.config.bot_token.env_name
        if not self.config.bot_token:
            raise SlackStartupError(f"slack.enabled is true but ${env} is empty: set it to the bot token "
                                    "(xoxb-...) from OAuth & Permissions")
        try:
            response = await self.client.auth_test()
        except SlackApiError as exc:
            status = server_side(exc)
            if status is not None:  # Slack's side (or a proxy) failing: the token was not judged
                raise SlackStartupError(out_of_reach(CHECK, "auth.test", status)) from exc
            raise SlackStartupError(
                f"Slack rejected the bot token from ${env} (auth.test: {slack_error(exc)}). "
                "Copy the Bot User OAuth Token again, or reinstall the app to the workspace.") from exc
        except UNREACHABLE as exc:
            raise SlackStartupError(out_of_reach(CHECK, "auth.test", failure(exc, self.client.timeout))) from exc
        self.identity = dict(response.data) if isinstance(response.data, dict) else {}
        log.info("slack: connected to workspace %r as %r", self.identity.get("team"), self.identity.get("user"))
        return self.identity

    async def run(self, dispatch: Dispatch) -> None:
        """Receive /brief commands, story-button clicks, @mentions, messages in a DM with the bot and Home tab
        openings (published when ``home`` is set) until close() or cancellation. Once receiving, answer the mentions
        and DMs a run that stopped had claimed and not answered (adapters/slack/left_unanswered.py), alongside.
        Stopping, take no new event first, then let the answers in flight finish, for up to ``drain_seconds``."""
        self._running = True
        try:
            await self._run(dispatch)
        finally:
            self._running = False
            self._finished.set()

    async def _run(self, dispatch: Dispatch) -> None:
        mode = self.config.mode
        if mode == "http" and not self.config.signing_secret:
            raise SlackStartupError(f"slack.mode is \"http\" but ${self.config.signing_secret.env_name} is "
                                    "empty: set it to the Signing Secret from Basic Information")
        if mode == "socket" and not self.config.app_token:
            raise SlackStartupError(f"slack.mode is \"socket\" but ${self.config.app_token.env_name} is "
                                    "empty: set it to an app-level token (xapp-...) with connections:write")
        await self.check_auth()
        handler = CommandHandler(dispatch=dispatch,
                                 managers=ManagerCheck(self.client, frozenset(self.config.admins), self._clock),
                                 clock=self._clock, post_messages=self._post_reply, command=self.config.command,
                                 access=ChannelAccess(self.client, str(self.identity.get("user") or "briefbot")),
                                 sleep=self._sleep, policy=self._policy, post_instead=self._post_answer,
                                 post_privately=self._post_privately)
        answered = AnsweredOnce(self.answered_messages)  # one message, one answer: as a mention or in a DM
        in_flight = AnswersInFlight()  # the answers running, waited for at stop
        mentions = MentionHandler(dispatch=dispatch, clock=self._clock, post_in_thread=self._poster.post_in_thread,
                                  command=self.config.command, answered=answered, in_flight=in_flight)
        direct = DirectMessageHandler(dispatch=dispatch, clock=self._clock, managers=handler.managers,
                                      post_messages=self._post_answer, post_in_thread=self._poster.post_in_thread,
                                      command=self.config.command, answered=answered, in_flight=in_flight)
        home = HomeTab(self.client, self.home, command=self.config.command) if self.home is not None else None
        app = build_app(self.client, signing_secret=self.config.signing_secret.value,
                        command=self.config.command, handler=handler, verify_requests=mode == "http",
                        mentions=mentions, direct=direct, home=home)
        if mode == "http":
            server = HttpServer(app, self.config.http_host, self.config.http_port,
                                self.config.signing_secret.value)
            await server.start()
            self.http_port = server.port
            stop = server.stop
        else:
            connection = SocketModeConnection(app, self.client, self.config.app_token.value,
                                              connect_timeout=self._connect_timeout, on_change=self._socket_changed,
                                              ping_interval=self._ping_interval,
                                              handshake_timeout=self._handshake_timeout,
                                              app_token_env=self.config.app_token.env_name)
            try:
                await connection.start()
            except RuntimeError as exc:
                raise SlackStartupError(str(exc)) from exc
            stop = connection.stop
        self.ready.set()
        left = LeftUnanswered(answered, mentions, direct, self._clock)
        catching_up = asyncio.create_task(self._catch_up(left))
        try:
            await self._stopped.wait()
        finally:
            self.ready.clear()
            left.stop()  # the start-up pass takes over no further claim; the one it is answering is in flight
            try:
                await stop()  # no new event from here on
            finally:
                await self._drain(in_flight, catching_up)

    def _socket_changed(self, problem: str | None) -> None:
        """Socket Mode lost (why no event can arrive) or connected again (None): not ready meanwhile."""
        self.problem = problem
        if problem is None and not self._stopped.is_set():
            self.ready.set()
        elif problem is not None:
            self.ready.clear()

    async def _drain(self, in_flight: AnswersInFlight, catching_up: asyncio.Task[None]) -> None:
        """Let the answers in flight (and the start-up pass's) finish, for up to ``drain_seconds``; cut off the rest:
        a cut-off answer's claim is not marked done, so the next run answers it at its start."""
        self.draining.set()
        running = len(in_flight) + (not catching_up.done())
        if running:
            log.info("slack: stopped taking events; letting %d answer(s) in flight finish (up to %g s)", running,
                     self._drain_seconds)
        cut = await in_flight.finish(self._drain_seconds, also=[catching_up])
        if cut:
            log.warning("slack: %d answer(s) still running %g s after stopping were cut off; the next run answers "
                        "them at its start", cut, self._drain_seconds)

    async def _catch_up(self, left: LeftUnanswered) -> None:
        try:
            await left.answer_all(str(self.identity.get("user_id") or ""))
        finally:
            self.caught_up.set()

    async def _post_reply(self, channel: ChannelRef, messages: Sequence[SlackMessage]) -> list[str]:
        return await self._poster.post_messages(channel, messages)

    async def _post_answer(self, channel: ChannelRef, messages: Sequence[SlackMessage]) -> list[str]:
        """An answer in a DM: dropped, not handed back, when Slack keeps failing (nobody retries it)."""
        return await self._poster.post_messages(channel, messages, retried_later=False)

    async def _post_privately(self, channel: ChannelRef, messages: Sequence[SlackMessage], user: str) -> list[str]:
        """A private answer response_url did not take: chat.postEphemeral to ``user`` alone, dropped on failure."""
        return await self._poster.post_in_thread(channel, messages, "", only_to=user, reply="the command reply")

    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        """Post a briefing: first message in the channel, overflow in its thread; ts ids returned.

        A keyed post is idempotent across restarts: parts already in the channel are not posted again."""
        self._check_channel(channel)
        # no part of this delivery can predate the briefing: that bounds the history the poster reads
        return await self._poster.post_messages(channel, render_briefing(briefing), key=key,
                                                since=briefing.generated)

    async def notify(self, channel: ChannelRef, text: str) -> None:
        """A short plain notice; raises PostError like post()."""
        self._check_channel(channel)
        await self._poster.post_messages(channel, [notice_message(text)])

    async def close(self) -> None:
        """Stop: no new event, then the answers in flight get up to ``drain_seconds`` to finish; returns once run()
        has (at once when it is not running)."""
        self._stopped.set()
        if self._running:
            await self._finished.wait()

    @staticmethod
    def _check_channel(channel: ChannelRef) -> None:
        if channel.platform != "slack":
            raise PostError(channel, "permanent", f"not a Slack channel: {channel.key}")


def build_client(config: SlackConfig, *, timeout: int = REQUEST_TIMEOUT_SECONDS) -> AsyncWebClient:
    """The Web API client; retries are done by SlackPoster (so they are bounded and testable)."""
    base_url = config.api_base_url or AsyncWebClient.BASE_URL
    return AsyncWebClient(token=config.bot_token.value or None, base_url=base_url, timeout=timeout,
                          retry_handlers=[], logger=logging.getLogger("adapters.slack.web"))


def build_slack_adapter(config: SlackConfig, *, clock: Callable[[], datetime],
                        sleep: Sleep = asyncio.sleep, policy: RetryPolicy | None = None,
                        connect_timeout: float = 30.0, drain_seconds: float = DRAIN_SECONDS,
                        ping_interval: float = 10.0, handshake_timeout: float = HANDSHAKE_TIMEOUT) -> SlackAdapter:
    """The composition root's factory: a SlackAdapter for this config."""
    return SlackAdapter(config, clock=clock, client=build_client(config), sleep=sleep, policy=policy,
                        connect_timeout=connect_timeout, drain_seconds=drain_seconds, ping_interval=ping_interval,
                        handshake_timeout=handshake_timeout)
