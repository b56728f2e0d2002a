"""The console's own channel: made by `briefbot run` only for a first try-out, when no channel exists at all."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.config import Config
from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database

log = logging.getLogger(__name__)


async def ensure_console_channel(config: Config, db: Database, ref: ChannelRef, now: datetime) -> bool:
    """Create ``ref`` (console:main) when neither the config names a channel nor the store holds one (after the
    config's channels were seeded), and say so in one INFO line; True if it was created. A store or config with
    channels of its own gets none: it would be briefed every stored story and shown by `channels` and /readyz."""
    store = ChannelStore(db)
    if config.channels or await store.all():
        return False
    defaults = ChannelDefaults.from_config(config)
    await store.ensure(ref, defaults, now=now)
    log.info("no channels configured or stored: created %s (%s, %s; no topics, so every stored story); "
             "`briefbot subscribe` and `briefbot schedule` change it", ref.key, defaults.schedule, defaults.timezone)
    return True
