"""What command handlers are given: config, database and clock, passed in by the composition root."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from bot.config import Config
from bot.ingest.discover import Probe
from bot.models import ChannelRef
from bot.store.db import Database
from bot.store.schema_watch import SchemaWatch


@dataclass(frozen=True)
class CommandDeps:
    config: Config
    db: Database
    clock: Callable[[], datetime]
    # called after a command changes a channel's schedule, so the scheduler can update its jobs live
    on_channel_change: Callable[[ChannelRef], Awaitable[None]] | None = None
    # reads a URL before `sources add` follows it (a web page is swapped for the feed it names); None: not read
    probe: Probe | None = None
    # the store's schema version, read at most once a minute before a command that writes (build_dispatcher makes
    # one when None; `briefbot run` may share the scheduler's): upgraded by a newer briefbot, nothing is written
    schema: SchemaWatch | None = None
