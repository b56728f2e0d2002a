"""`briefbot run`'s chat adapters as tasks: one whose run raises (its token unset, its platform not answering at start)
stops the bot with its reason, rather than leave it polling and posting with no chat, and one its platform refused
(PlatformLost: a token reset) does so only when no other adapter is left running; and the polling job that tells them
each source failing or recovering."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from bot.adapter import Adapter, PlatformLost, PostError
from bot.app import App
from bot.commands.base import Dispatch
from bot.ingest.credentials import SourceCredentials
from bot.models import ChannelRef
from bot.plurals import counted
from bot.scheduler import PollDue
from bot.store.channels import ChannelStore
from bot.store.db import Database
from bot.store.sources import SourceStore
from bot.token_refusals import TokenRefusals, headline

if TYPE_CHECKING:
    from bot.poller import SourceNotice

log = logging.getLogger(__name__)


class AdapterTasks:
    """Each adapter's ``run`` as a task; the first to raise sets ``stop`` and is kept as ``failure``, except one whose
    platform refused it (PlatformLost) while another adapter still runs: logged, and the others go on (Discord's
    token reset leaves Slack answering and delivering; the health report shows the lost one "closed" and is not ready,
    with its reason; ``tokens``, the delivery's refusals: the reason is an ERROR line once). One that returns (the
    console at the end of its input) or is cancelled (at stop) stops nothing."""

    def __init__(self, adapters: Sequence[Adapter], dispatch: Dispatch, stop: asyncio.Event, *,
                 tokens: TokenRefusals | None = None) -> None:
        self.failure = ""  # "slack: <why>" once an adapter raised
        self._stop = stop
        self._tokens = tokens if tokens is not None else TokenRefusals()  # the delivery's: a reason is ERROR once
        self.tasks: list[asyncio.Task[None]] = []
        for adapter in adapters:
            task = asyncio.create_task(adapter.run(dispatch), name=f"adapter {adapter.name}")
            task.add_done_callback(functools.partial(self._ended, adapter.name))
            self.tasks.append(task)

    def _ended(self, name: str, task: asyncio.Task[None]) -> None:
        if task.cancelled() or task.exception() is None:
            return
        exc = task.exception()
        reason = str(exc) or type(exc).__name__
        others = [t.get_name().removeprefix("adapter ") for t in self.tasks if not t.done()]
        if isinstance(exc, PlatformLost) and others:  # INFO when the delivery told the reason first (a post)
            log.log(logging.ERROR if self._tokens.first_telling(reason) else logging.INFO,
                    "the %s adapter stopped: %s; briefbot goes on with %s", name, reason, ", ".join(others))
            log.debug("the %s adapter's error", name, exc_info=exc)
            return
        # logged, not printed: the redacting formatter masks a token even if an error message carried one
        log.error("the %s adapter stopped: %s; briefbot stops", name, reason)
        log.debug("the %s adapter's error", name, exc_info=exc)
        if not self.failure:
            self.failure = f"{name}: {reason}"
        self._stop.set()

    async def cancel(self) -> None:
        """Cancel the adapters still running and wait for them (their errors were logged when they ended)."""
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


def poll_with_notices(app: App, db: Database, pipeline: Any, fetcher: Any, adapters: Mapping[str, Adapter],
                      credentials: SourceCredentials, *, tokens: TokenRefusals | None = None) -> PollDue:
    """Poll due sources with the Poller; tell the channels following a source when it fails or recovers, also
    when the round ends on a store outage (the flips it stored would not be told again). ``tokens``: the platforms
    whose bot token is refused (the delivery's): a notice through one is logged instead of sent."""
    from bot.poller import Poller

    poller = Poller(pipeline, fetcher, SourceStore(db), app.config.scheduler, app.clock, credentials=credentials)
    channels = ChannelStore(db)
    refusals = tokens if tokens is not None else TokenRefusals()

    async def tell(notices: Sequence[SourceNotice]) -> None:
        for notice in notices:
            for ref in await channels.followers(notice.source):
                adapter = adapters.get(ref.platform)
                if adapter is not None:
                    await _tell_one(adapter, ref, notice.source, notice.text)

    async def _tell_one(adapter: Adapter, ref: ChannelRef, source: str, text: str) -> None:
        refused = refusals.reason(ref.platform)
        if refused is not None:  # refused the same way: the log keeps what it said
            log.info("%s: source notice not sent (%s): %s", ref.key, headline(refused), text)
            return
        try:
            await adapter.notify(ref, text)
        except PostError as exc:
            if exc.token_refused:  # bot-wide: told once, and the next notices through it are held back
                refusals.refuse(ref.platform, exc.reason, app.clock())
            else:  # one channel's refusal must not keep the notice from the others; the log says it
                _not_sent(ref, source, exc)
        except Exception as exc:  # the channel may be unreachable; the source's state is in `briefbot sources`
            _not_sent(ref, source, exc)

    def _not_sent(ref: ChannelRef, source: str, exc: Exception) -> None:
        log.warning("channel %s: the notice about source %s could not be sent: %s: %s", ref.key, source,
                    type(exc).__name__, (str(exc).splitlines() or [""])[0])

    async def poll(now: Any) -> object:
        try:
            done = await poller.poll_due(now)
        except Exception:  # told if the store answers the followers' reading; the round's error is raised as it is
            notices = poller.round_notices
            try:
                await tell(notices)
            except Exception as exc:  # the store is likely gone too: the lost notices are said, not dropped
                log.warning("%s of the failed polling round could not be told to the channels following them: "
                            "%s: %s", counted(len(notices), "source notice"), type(exc).__name__,
                            (str(exc).splitlines() or [""])[0])
            raise
        await tell(done.notices)
        return done

    return poll
