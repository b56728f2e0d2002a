"""Source bookkeeping: a finished config move starts the new address with no failures (they were the old
address's), and a source removed while its failed poll was being recorded counts no failure and tells no one."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.app import App
from bot.cli_run_bot import _seed
from bot.config import SchedulerConfig
from tests.polling.config_moves import config_naming, moved_then_broken
from tests.polling.conftest import PollerFactory
from tests.polling.feedserver import Feed, FeedServer, Reply


async def test_a_finished_config_move_starts_with_no_failures(server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    old, new = await moved_then_broken(h, server)
    for _ in range(3):
        h.clock.advance(timedelta(hours=6))
        assert (await h.poller.poll_due()).failed == 1
    state = await h.pipeline.sources.get(old)
    assert state is not None and state.failures == 3 and state.moved_to == new

    h.pipeline.config = config_naming(h, new)  # the operator follows the note, and restarts
    await _seed(App(config=h.pipeline.config, clock=h.clock), h.pipeline.db)
    [moved] = await h.pipeline.sources.list()
    assert (moved.key, moved.articles, moved.moved_to) == (new, 2, None)
    assert moved.failures == 0  # the old address's failures are not the new one's
    h.clock.advance(timedelta(hours=6))
    assert (await h.poller.poll_due()).ok == 1


async def test_a_source_removed_while_its_failure_is_recorded_counts_none(server: FeedServer,
                                                                          make_poller: PollerFactory) -> None:
    h = await make_poller(scheduler=SchedulerConfig(poll_jitter_seconds=0, max_failures_before_disable=2))
    url = server.add(0, "gone.xml", Feed(failing=Reply(500)))
    await h.pipeline.sources.ensure(url, kind="feed", now=h.clock())
    assert (await h.poller.poll_due()).failed == 1  # one failure: the next one would pause it, with a notice
    record_failure = h.pipeline.sources.record_failure

    async def removed_then_recorded(key: str, **kwargs: Any) -> int:
        assert await h.pipeline.sources.remove(key)  # chat's `sources remove` lands while the poll records
        return await record_failure(key, **kwargs)

    h.pipeline.sources.record_failure = removed_then_recorded  # type: ignore[method-assign]
    h.clock.advance(timedelta(days=1))
    done = await h.poller.poll_due()
    assert done.polled == 1 and (done.failed, done.notices) == (0, ())  # no failure counted, no pause told
    assert await h.pipeline.sources.get(url) is None
