"""One webhook that never answers among healthy ones: how long the healthy channels of the same tick wait for their
briefing, channels delivered at once (``bot.scheduler.CHANNELS_AT_ONCE``) against one at a time (as before).

Real time, real webhook adapter (``slack-webhook:``), the local Slack of the tests for the healthy channels and a
local server that accepts each POST and never answers for the hanging one (sorted first, so one channel at a time
makes every other wait for it). The adapter's request timeout is ``--timeout`` (15 s by default in production); its
retries are the production policy (3 attempts, 1 s and 2 s apart), really waited; what the first compose of a
process loads is loaded before the tick. Run:
``.venv/bin/python benchmarks/bench_hanging_channel.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "slack")]

from fake_slack import FakeSlack  # noqa: E402

from adapters.webhooks.base import webhook_targets  # noqa: E402
from adapters.webhooks.slack_hook import SlackWebhookAdapter  # noqa: E402
from bot.clock import system_clock  # noqa: E402
from bot.config import Config, parse_config  # noqa: E402
from bot.delivery import Delivery  # noqa: E402
from bot.models import ChannelRef  # noqa: E402
from bot.scheduler import CHANNELS_AT_ONCE, Scheduler  # noqa: E402
from bot.store.channels import ChannelStore  # noqa: E402
from bot.store.db import Database  # noqa: E402
from tests.channels.channel_fakes import add_story  # noqa: E402

HUNG = "slack-webhook:a-hung"  # sorts before the healthy ones


async def never_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Read the POST, answer nothing: the client's timeout ends it."""
    try:
        while await reader.read(65536):
            pass
    finally:
        writer.close()


def make_config(hung_url: str, healthy: dict[str, str]) -> Config:
    env = {"HUNG_URL": hung_url, **{f"URL_{i}": url for i, url in enumerate(healthy.values())}}
    channels = [{"id": HUNG, "webhook_url_env": "HUNG_URL", "schedule": "daily 08:00"}]
    channels += [{"id": key, "webhook_url_env": f"URL_{i}", "schedule": "daily 08:00"}
                 for i, key in enumerate(healthy)]
    raw = {"briefing": {"max_stories": 5, "timezone": "UTC", "default_since": "24h"},
           "scheduler": {"catch_up_grace": "6h"}, "channels": channels}
    return parse_config(raw, env)


async def one_run(at_once: int, healthy_count: int, timeout: float, folder: Path) -> tuple[float, list[float]]:
    """A tick with one hanging channel: (seconds the tick took, seconds until each healthy channel's post ended)."""
    fake = FakeSlack()
    await fake.start()
    server = await asyncio.start_server(never_answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    db = await Database.open(f"sqlite:///{folder / f'hang-{at_once}.db'}")
    adapter: SlackWebhookAdapter | None = None
    try:
        healthy = {f"slack-webhook:ch{n:02d}": fake.add_webhook(f"C{n:04d}") for n in range(healthy_count)}
        config = make_config(f"http://127.0.0.1:{port}/services/T0/B0/never", healthy)
        now = system_clock().replace(microsecond=0)
        slot = datetime(now.year, now.month, now.day, 8, 0, tzinfo=UTC)
        if slot > now:
            slot -= timedelta(days=1)
        await ChannelStore(db).seed(config, now=slot - timedelta(hours=8))
        await add_story(db, "s1", text="The ring road reopened after resurfacing. Buses return to their routes.",
                        title="Ring road reopens", now=slot - timedelta(hours=1))
        first = await ChannelStore(db).get(ChannelRef.parse(next(iter(healthy))))
        assert first is not None
        await Delivery(db, config, {}).preview(first, now)  # loads what the first compose loads (stemmers, ...)
        adapter = SlackWebhookAdapter(webhook_targets(config, "slack-webhook"), clock=system_clock, timeout=timeout)
        ended: dict[str, float] = {}
        posting = adapter.post_resuming
        started = time.perf_counter()

        async def timed(channel, briefing, **kwargs):  # type: ignore[no-untyped-def]
            try:
                return await posting(channel, briefing, **kwargs)
            finally:
                ended[channel.key] = time.perf_counter() - started

        adapter.post_resuming = timed  # type: ignore[method-assign]
        scheduler = Scheduler(Delivery(db, config, {adapter.name: adapter}), system_clock, channels_at_once=at_once)
        started = time.perf_counter()
        outcomes = await scheduler.tick()
        took = time.perf_counter() - started
        states = {o.channel: o.state for o in outcomes}
        assert states.pop(HUNG) == "retry", outcomes
        assert set(states.values()) == {"delivered"} and len(states) == healthy_count, outcomes
        return took, [ended[key] for key in healthy]
    finally:
        if adapter is not None:
            await adapter.close()
        await db.close()
        server.close()
        await fake.stop()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--healthy", type=int, default=7, help="healthy channels beside the hanging one")
    parser.add_argument("--timeout", type=float, default=1.0, help="the adapter's request timeout (seconds)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for label, at_once in (("one channel at a time (before)", 1), (f"{CHANNELS_AT_ONCE} at once (now)",
                                                                          CHANNELS_AT_ONCE)):
            took, waits = await one_run(at_once, args.healthy, args.timeout, Path(tmp))
            rows.append((label, took, waits))
    print(f"1 hanging webhook + {args.healthy} healthy, request timeout {args.timeout:g} s, 3 attempts 1 s and 2 s "
          "apart\n")
    print("| delivery | tick took | healthy channels' posts ended after: median | slowest |")
    print("|---|---|---|---|")
    for label, took, waits in rows:
        print(f"| {label} | {took:.2f} s | {statistics.median(waits):.2f} s | {max(waits):.2f} s |")


if __name__ == "__main__":
    asyncio.run(main())
