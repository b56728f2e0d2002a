"""The Discord adapter: a discord.py Client and CommandTree around the one ``dispatch`` of the command layer."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

import aiohttp
import discord
import yarl
from discord import app_commands

from adapters.discord.catch_up import MissedMentions
from adapters.discord.gateway_watch import HANDSHAKE_TIMEOUT, GatewayWatch, gateway_bot_failed, login_failed
from adapters.discord.interaction_answer import InteractionAnswers
from adapters.discord.interaction_answer import reply_messages as reply_messages  # re-exported for callers
from adapters.discord.left_unanswered import LeftUnanswered
from adapters.discord.mention import MentionHandler
from adapters.discord.post import send_messages
from adapters.discord.refused import gateway_refused, token_refused
from adapters.discord.sent_parts import SentParts
from adapters.discord.server_errors import server_error_trace
from adapters.discord.slow_answer import NOTE_AFTER
from adapters.discord.translate import action_invocation, choices, to_invocation
from adapters.discord.tree import build_group
from adapters.discord.typing_indicator import LAST_CALL_WAIT
from adapters.discord.unknown_command import answer_tree_error
from adapters.discord.where import RawChannels, bot_post_problem, bot_thread_problem, member_permissions
from bot.adapter import PartPosted, PlatformLost, PostError, parse_retry_after
from bot.answered import AnsweredMessages
from bot.commands.base import Command, Dispatch
from bot.config import DiscordConfig
from bot.models import Briefing, ChannelRef
from bot.talked_in import ChannelsTalkedIn
from digests.render_discord import render_discord, render_text_messages
from digests.story_actions import parse_action_id

log = logging.getLogger(__name__)

# (kind "topics"/"sources", channel key "discord:123", what the user has typed) -> suggestions
AutocompleteSource = Callable[[str, str, str], Awaitable[list[str]]]
DEFER_AFTER_SECONDS = 2.0  # Discord drops an interaction not answered within 3 s
DRAIN_SECONDS = 10.0  # how long a normal stop lets the mention and DM answers in flight finish (as Slack's)
# The longest 429 Retry-After discord.py waits out in-process (its minimum; unbounded by default). A longer one raises
# RateLimited at once: a post hands it to the delivery ledger, which retries from Discord's answer, instead of holding
# the channel's delivery. Interaction answers go through discord.py's webhook client, which always waits.
MAX_RATELIMIT_WAIT = 30.0
STALE_BUTTON = ("This button no longer works. Type `/brief story <n>` with the story's number, id or headline "
                "words instead (`/brief track <n>` or `/brief mute <n>` for the other buttons).")


async def no_suggestions(kind: str, channel_key: str, current: str) -> list[str]:
    return []


def make_client(config: DiscordConfig, **options: Any) -> discord.Client:
    """The discord.py client: no allowed mentions on anything it sends. Intents: guilds (its roles and threads
    too), and guild and DM messages for ``@briefbot ...`` (not the privileged Message Content: a message that
    mentions the bot, and a DM, carries its content anyway). No message cache: the start-up catch-up reads past
    messages over REST. A Retry-After past ``MAX_RATELIMIT_WAIT`` is raised, not waited out."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    options.setdefault("max_messages", None)
    options.setdefault("max_ratelimit_timeout", MAX_RATELIMIT_WAIT)
    options.setdefault("http_trace", server_error_trace())  # a WARNING per 5xx discord.py retries on its own
    cls = discord.AutoShardedClient if config.sharded else discord.Client
    return cls(intents=intents, allowed_mentions=discord.AllowedMentions.none(),
               chunk_guilds_at_startup=False, **options)


def point_at(config: DiscordConfig) -> None:
    """Use a local/alternative Discord when configured (tests, proxies). discord.py keeps these on its
    classes, so they are process-wide; only one Discord adapter runs per process."""
    if config.api_base_url:
        discord.http.Route.BASE = config.api_base_url.rstrip("/")
    if config.gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(config.gateway_url)


class DiscordAdapter(InteractionAnswers):
    """Slash commands and @mentions in, briefings out; holds no business rules."""

    name = "discord"

    def __init__(self, config: DiscordConfig, *, clock: Callable[[], datetime],
                 autocomplete: AutocompleteSource = no_suggestions,
                 defer_after: float = DEFER_AFTER_SECONDS, typing_wait: float = LAST_CALL_WAIT,
                 drain_seconds: float = DRAIN_SECONDS, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                 token_note_after: float = NOTE_AFTER, handshake_timeout: float = HANDSHAKE_TIMEOUT,
                 **client_options: Any) -> None:
        self._config = config
        self._drain_seconds = drain_seconds
        self._sleep = sleep  # run()'s wait for a long rate limit on its way to the gateway; between gateway tries
        self._clock = clock
        self._autocomplete = autocomplete
        self._defer_after = defer_after
        self._token_note_after = token_note_after  # a deferred answer not ready by then: a note while the token works
        self.client = make_client(config, **client_options)
        # the gateway out of reach after the bot was connected: not_ready, told once (adapters/discord/gateway_watch.py)
        self._gateway = GatewayWatch(self.client, handshake_timeout=handshake_timeout, sleep=sleep)
        self._raw_channels = RawChannels()  # an interaction's channel as sent, of a type discord.py may not know
        self._raw_channels.watch(self.client)
        self.tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(self.client)
        self.tree.error(self._on_tree_error)  # a command it cannot run: answered, not left to "did not respond"
        self._login_lock = asyncio.Lock()
        self._logged_in = False
        self._lost: PlatformLost | None = None  # Discord refused the bot's token or intents: see _lose
        self._sent = SentParts()  # the parts of recent deliveries this process posted (a retried ``post``)
        self._dispatch: Dispatch | None = None
        self._commands: dict[str, Command] = {}
        # the claims that make a mention or DM answered once across replays and restarts (the store's); set by the
        # composition root before run()
        self.answered_messages: AnsweredMessages | None = None
        # the channels where people talk to the bot, whose last hour is read at start for the mentions sent while no
        # run was connected (adapters/discord/catch_up.py; off with discord.catch_up = false); set like the above
        self.talked_in: ChannelsTalkedIn | None = None
        # set once the messages a run that stopped left unanswered are answered (or found too old): see _catch_up
        self.caught_up = asyncio.Event()
        self._catching_up: asyncio.Task[None] | None = None
        self._left: LeftUnanswered | None = None
        self._missed: MissedMentions | None = None
        self.draining = asyncio.Event()  # set once close() stopped taking messages and waits for the answers running

        async def on_interaction(interaction: discord.Interaction) -> None:
            await self._on_interaction(interaction)

        self.client.event(on_interaction)  # slash commands go through the tree; this sees button clicks
        self.mentions = MentionHandler(self.client, clock=clock, render=reply_messages, typing_wait=typing_wait,
                                       admins=config.admins, token_env=config.token.env_name)

        async def on_message(message: discord.Message) -> None:
            await self.mentions(message)

        self.client.event(on_message)  # "@briefbot who said what about X": answered with a reply

        async def on_connect() -> None:
            self._gateway.connected()

        async def on_resumed() -> None:
            self._gateway.connected()

        async def on_shard_connect(shard_id: int) -> None:
            self._gateway.connected(shard_id)

        async def on_shard_resumed(shard_id: int) -> None:
            self._gateway.connected(shard_id)

        # a session began (READY; RESUMED): its connection's bound is lifted, an outage told is over; a sharded
        # client's per shard (it dispatches both; only the shard's says which connection)
        if isinstance(self.client, discord.AutoShardedClient):
            self.client.event(on_shard_connect)
            self.client.event(on_shard_resumed)
        else:
            self.client.event(on_connect)
            self.client.event(on_resumed)

    async def _login(self) -> None:
        async with self._login_lock:
            if self._logged_in:
                return
            if not self._config.token:
                raise PostError(ChannelRef("discord", "-"), "permanent",
                                f"no Discord token: set the environment variable {self._config.token.env_name}")
            point_at(self._config)
            await self.client.login(self._config.token.value)
            self._logged_in = True

    async def run(self, dispatch: Dispatch) -> None:
        """Register ``/brief`` from the dispatcher's commands, sync it, then serve the gateway."""
        commands: Sequence[Command] = tuple(getattr(dispatch, "commands", ()))
        if not commands:
            log.warning("discord: the dispatcher lists no commands; /brief will be empty")
        self._dispatch = dispatch
        self.mentions.dispatch = dispatch
        self.mentions.answered.claims = self.answered_messages
        self._commands = {c.name: c for c in commands}
        self.tree.add_command(build_group(commands, self._run_command, self._complete))
        try:
            await self._after_rate_limits(self._login, "logging in")
        except discord.LoginFailure as exc:  # 401: no retry mends it; the other adapters may go on (cli_adapters)
            raise await self._lose(token_refused(self._config.token.env_name, "at log-in (HTTP 401)")) from exc
        except (discord.DiscordServerError, aiohttp.ClientError, OSError, TimeoutError) as exc:  # an outage
            raise login_failed(exc) from exc
        await self._sync()
        if self._catching_up is None:
            self._left = LeftUnanswered(self.mentions, self._clock)
            if self._config.catch_up and self.talked_in is not None:
                self._missed = MissedMentions(self.client, self.mentions, self.talked_in, self._clock)
            self._catching_up = asyncio.create_task(self._catch_up(self._left, self._missed))
        try:
            await self._after_rate_limits(self._connect, "connecting to the gateway")
        finally:
            # cancelled, as `briefbot run` does at stop, the gateway is no longer read: no new message comes in. The
            # start-up pass takes over no further claim; the one it is answering is in flight, for close() to drain
            self._stop_start_up_passes()
            if self._catching_up not in self.mentions.in_flight:
                await self._stop_catching_up()

    async def _connect(self) -> None:
        """Serve the gateway; a close no reconnect mends (token reset 4004, intents 4013/4014): PlatformLost. The
        gateway out of reach at start: GatewayUnreachable (adapters/discord/gateway_watch.py)."""
        try:
            await self.client.connect(reconnect=True)
        except (discord.GatewayNotFound, aiohttp.ClientError, OSError) as exc:  # only GET /gateway/bot raises these
            raise gateway_bot_failed(exc) from exc
        except (discord.ConnectionClosed, discord.PrivilegedIntentsRequired) as exc:
            lost = gateway_refused(exc, self._config.token.env_name)
            if lost is None:
                raise
            raise await self._lose(lost) from exc

    @property
    def problem(self) -> str | None:
        """Why Discord refused the bot (PlatformLost), or why its gateway cannot be reached now, for the health check:
        not ready with this reason."""
        return self._gateway.problem if self._lost is None else str(self._lost)

    async def _lose(self, lost: PlatformLost) -> PlatformLost:
        """Discord refused the bot: the client closes, and each post from now on fails with the reason."""
        self._lost = lost
        await self._close_client()
        return lost

    async def _after_rate_limits(self, step: Callable[[], Awaitable[None]], what: str) -> None:
        """Run ``step``, waiting out each Retry-After past discord.py's bound (``MAX_RATELIMIT_WAIT``) and trying
        again: nothing else waits on the gateway session, and giving up would leave the run without commands."""
        while True:
            try:
                return await step()
            except discord.RateLimited as exc:
                log.warning("discord: rate limited for %.0f s %s; trying again then", exc.retry_after, what)
                await self._sleep(exc.retry_after)

    async def _catch_up(self, left: LeftUnanswered, missed: MissedMentions | None) -> None:
        """Once READY (every shard's: the bot's identity is known), answer the mentions and DMs a run that stopped
        had claimed and not answered (adapters/discord/left_unanswered.py), then those sent while no run was connected
        (adapters/discord/catch_up.py), alongside live ones; once per run."""
        try:
            await self.client.wait_until_ready()
            await left.answer_all()
        except Exception:  # answer_all logs its own failures; a bug here must not go unseen
            log.exception("discord: answering the messages a run that stopped left unanswered failed")
        try:
            if missed is not None:
                await missed.answer_all()
        except Exception:  # the same
            log.exception("discord: answering the messages sent while no run was connected failed")
        finally:
            self.caught_up.set()

    def _stop_start_up_passes(self) -> None:
        """The start-up passes take up no further message; the one being answered is in flight, for close() to drain."""
        if self._left is not None:
            self._left.stop()
        if self._missed is not None:
            self._missed.stop()

    async def _stop_catching_up(self) -> None:
        """One cut short stays undone in the store: the next run answers it."""
        task = self._catching_up
        if task is not None and not task.done():
            task.cancel()
            await asyncio.wait([task])

    async def _sync(self) -> None:
        try:
            if self._config.guild_ids:
                for guild_id in self._config.guild_ids:
                    guild = discord.Object(int(guild_id))
                    self.tree.copy_global_to(guild=guild)
                    await self.tree.sync(guild=guild)
                log.info("discord: commands synced to %d guild(s)", len(self._config.guild_ids))
            else:
                await self.tree.sync()
                log.info("discord: commands synced globally (may take a while to appear)")
        except discord.HTTPException as exc:  # commands stay as they were; posting still works
            log.error("discord: could not sync /brief (HTTP %s: %s); was the bot invited with the "
                      "applications.commands scope?", exc.status, exc.text[:200])
        except discord.RateLimited as exc:  # the same; the next start syncs them
            log.error("discord: could not sync /brief: rate limited for %.0f s; the commands stay as last synced",
                      exc.retry_after)

    async def _complete(self, interaction: discord.Interaction, kind: str,
                        current: str) -> list[app_commands.Choice[str]]:
        try:
            found = await self._autocomplete(kind, f"discord:{self._channel_id(interaction)}", current)
        except Exception:  # suggestions are a nicety; never break typing
            log.exception("discord: autocomplete for %s failed", kind)
            return []
        return [app_commands.Choice(name=c, value=c) for c in choices(found)]

    async def _run_command(self, interaction: discord.Interaction, command: Command,
                           values: Mapping[str, object]) -> None:
        """``/brief <command> ...``: the chosen subcommand's options as an Invocation, answered in the channel."""
        kind = self._raw_channels.kind(interaction)
        invocation = to_invocation(command, values, user_id=str(interaction.user.id),
                                   channel_id=self._channel_id(interaction),
                                   permissions=member_permissions(interaction),
                                   admins=self._config.admins, now=self._clock(),
                                   post_problem=bot_post_problem(interaction),
                                   post_note=bot_thread_problem(interaction, kind,
                                                                threads=self._config.thread_per_briefing))
        await self._answer(interaction, invocation, slow=command.slow, what=f"/brief {command.name}",
                           private=command.private)

    async def _on_tree_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await answer_tree_error(interaction, error, tuple(self._commands.values()), self._channel_id(interaction))

    async def _on_interaction(self, interaction: discord.Interaction) -> None:
        """A click on a story's button runs ``/brief <verb> <story id>`` for the clicker, who alone sees the
        answer. Slash commands are the CommandTree's, and a component a discord.py View listens to is that
        View's (briefbot registers none: its buttons are stateless). Any other component is on a message of
        ours (Discord sends clicks only to the app that posted it) but of a format this version does not
        know: nothing runs, and the clicker alone is told what to type instead."""
        if interaction.type is not discord.InteractionType.component:
            return
        data: Mapping[str, object] = interaction.data or {}
        custom_id = str(data.get("custom_id", ""))
        action = parse_action_id(custom_id)
        if action is None:
            if self._view_owns(custom_id):
                return
            log.info("discord: ignored a click on a component briefbot did not make (custom_id %r)", custom_id[:100])
            await self._answer_stale_click(interaction)
            return
        verb, story_id = action
        command = self._commands.get(verb)
        invocation = action_invocation(verb, story_id, command.options if command else (),
                                       user_id=str(interaction.user.id), channel_id=self._channel_id(interaction),
                                       permissions=member_permissions(interaction), admins=self._config.admins,
                                       now=self._clock())
        await self._answer(interaction, invocation, slow=command.slow if command else False,
                           what=f"the {verb} button", private=True)

    def _view_owns(self, custom_id: str) -> bool:
        """Whether a persistent discord.py View has this custom_id: its own callback answers the click."""
        return any(getattr(item, "custom_id", None) == custom_id
                   for view in self.client.persistent_views for item in view.children)

    async def _answer_stale_click(self, interaction: discord.Interaction) -> None:
        try:
            await interaction.response.send_message(STALE_BUTTON, ephemeral=True)
        except discord.HTTPException as exc:  # the click's token gone (404, code 10062), Discord failing (5xx)
            log.error("discord: could not answer a click on an unknown button (HTTP %s, code %s: %s); the clicker sees "
                      "Discord's \"This interaction failed\"", exc.status, exc.code, exc.text[:200])
        except discord.InteractionResponded:  # answered already (another process on the token): nothing missing
            log.warning("discord: a click on an unknown button was answered already; not answered again")

    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        """Post a briefing as embeds split across messages; a retry with the same ``key`` in this process posts
        only the parts not out yet (``post_resuming`` for those a delivery ledger recorded)."""
        return await self.post_resuming(channel, briefing, key=key, posted=(), on_part=None)

    async def post_resuming(self, channel: ChannelRef, briefing: Briefing, *, key: str, posted: Sequence[str],
                            on_part: PartPosted | None) -> list[str]:
        """As ``post``, the first ``len(posted)`` parts being out already (their ids, in order, as the delivery
        ledger recorded them; in thread mode the first one's id is the thread's): only the rest are sent, into the
        same thread or forum post. ``on_part`` is awaited with each new part's id before the next is sent.
        (``bot.adapter.ResumablePost``: Discord honours a nonce for a few minutes only, and a forum post takes
        none, so a retry after that must not rely on it.)"""
        await self._login_for(channel)
        thread = briefing.title if self._config.thread_per_briefing else ""
        messages = render_discord(briefing)
        out = self._sent.out_already(key, len(messages), posted)

        async def sent(message_id: str) -> None:
            self._sent.add(key, message_id)
            if on_part is not None:
                await on_part(message_id)

        return await send_messages(self.client, channel, messages, key=key, thread_name=thread, posted=out,
                                   on_part=sent, token_env=self._config.token.env_name)

    async def notify(self, channel: ChannelRef, text: str) -> None:
        """A short plain notice; to a user's ref (``is_user``), a direct message. Raises PostError."""
        await self._login_for(channel)
        await send_messages(self.client, channel, [{"content": c, "embeds": []} for c in render_text_messages(text)],
                            token_env=self._config.token.env_name)

    async def _login_for(self, channel: ChannelRef) -> None:
        if self._lost is not None:  # Discord refused the bot itself: bot-wide, as a refused token (no notice)
            raise PostError(channel, "permanent", str(self._lost), token_refused=True)
        try:
            await self._login()
        except discord.LoginFailure as exc:  # bot-wide: the delivery tells it once, naming the variable
            reason = str(token_refused(self._config.token.env_name, "at log-in (HTTP 401)"))
            log.info("discord: cannot post to %s: the token from $%s was refused", channel.key,
                     self._config.token.env_name)
            raise PostError(channel, "permanent", reason, token_refused=True) from exc
        except discord.RateLimited as exc:
            raise PostError(channel, "retryable", f"cannot log in to Discord: rate limited for {exc.retry_after:.0f}s",
                            retry_after=parse_retry_after(exc.retry_after)) from exc
        except (discord.HTTPException, OSError) as exc:
            raise PostError(channel, "retryable", f"cannot log in to Discord: {type(exc).__name__}") from exc

    async def close(self) -> None:
        """Stop: new messages are left for the next run, the answers in flight get up to ``drain_seconds`` to finish
        (one still running then is cut off, its claim left undone: the next run answers it), then the client closes."""
        self.mentions.stopping = True
        self._stop_start_up_passes()
        await self._drain()
        await self._stop_catching_up()
        await self._close_client()

    async def _close_client(self) -> None:
        """Close the client, and its gateway connection even when its socket is closed already: discord.py's close
        skips such a connection (the gateway watch closed it: no READY at start), and with it the connection's
        heartbeat thread, which went on beating into the event loop after it closed. A sharded client's shards each
        close their connection whatever its state."""
        await self.client.close()
        ws = getattr(self.client, "ws", None)
        if isinstance(ws, discord.gateway.DiscordWebSocket):
            await ws.close(code=1000)  # stops its heartbeat thread; the socket's close is a no-op now

    async def _drain(self) -> None:
        self.draining.set()
        running = len(self.mentions.in_flight)
        if running:
            log.info("discord: stopped taking messages; letting %d answer(s) in flight finish (up to %g s)", running,
                     self._drain_seconds)
        cut = await self.mentions.in_flight.finish(self._drain_seconds)
        if cut:
            log.warning("discord: %d answer(s) still running %g s after stopping were cut off; the next run answers "
                        "them at its start", cut, self._drain_seconds)


def build_discord_adapter(config: DiscordConfig, *, clock: Callable[[], datetime],
                          autocomplete: AutocompleteSource = no_suggestions) -> DiscordAdapter:
    """The adapter the composition root registers when ``[discord] enabled = true``."""
    return DiscordAdapter(config, clock=clock, autocomplete=autocomplete)
