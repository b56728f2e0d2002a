"""A source's next poll put off as a Retry-After answered to a read outside polling asks (ingest, chat's add)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime

from bot.backoff import retry_after, retry_after_cut
from bot.store.sources import SourceStore

log = logging.getLogger(__name__)


async def wait_as_asked(sources: SourceStore, key: str, headers: Mapping[str, str], now: datetime) -> None:
    """A stored source whose read was answered with a Retry-After (a 429 or 503): its next poll no earlier than
    asked (at most a day, said in the log), as a poll's answer would put it (bot/poller.py). Nothing for a source
    not stored or an answer asking no wait."""
    asked = retry_after(headers, now)
    state = await sources.get(key)
    if asked is None or state is None:
        return
    if cut := retry_after_cut(key, headers, now):
        log.warning("%s", cut)
    if state.next_poll_at is None or state.next_poll_at < now + asked:
        await sources.update(key, next_poll_at=now + asked)
