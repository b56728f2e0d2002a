"""The Poller against a real local feed server: conditional GET, politeness, backoff, notices, dedupe."""

from __future__ import annotations

import asyncio
from collections import deque
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import SchedulerConfig
from bot.poller import Poller, PollRound, host_key
from tests.polling.conftest import START, Harness, PollerFactory, make_feed, make_item
from tests.polling.feedserver import Feed, FeedServer, Reply

HTTP_NOON = "Fri, 20 Nov 2026 12:00:00 GMT"


async def add(h: Harness, *urls: str) -> None:
    for url in urls:
        await h.pipeline.sources.ensure(url, kind="feed", now=h.clock())


async def next_poll(h: Harness, url: str) -> timedelta:
    state = await h.pipeline.sources.get(url)
    assert state is not None and state.next_poll_at is not None
    return state.next_poll_at - h.clock()


def test_host_key_includes_the_port() -> None:
    assert host_key("http://127.0.0.1:8001/a") != host_key("http://127.0.0.1:8002/a")
    assert host_key("https://News.Example/feed") == host_key("https://news.example:443/other")
    assert host_key("http://news.example/feed") == "http://news.example:80"
    assert host_key("/tmp/some/folder") == "local"


async def test_first_poll_adds_then_conditional_get_gives_304(server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    url = server.add(0, "news.xml", make_feed("north", 3))
    await add(h, url)

    first = await h.poller.poll_due()
    assert (first.polled, first.ok, first.added, first.failed) == (1, 1, 3, 0)
    assert len(first.new_article_ids) == 3
    assert len(await h.pipeline.stories.story_ids_for_articles(list(first.new_article_ids))) == 3

    again = await h.poller.poll_due()  # nothing is due yet: no request at all
    assert again.polled == 0 and len(server.requests_to(url)) == 1

    h.clock.advance(timedelta(minutes=31))
    third = await h.poller.poll_due()
    assert (third.polled, third.ok, third.not_modified, third.added) == (1, 1, 1, 0)
    assert third.new_article_ids == ()
    etag_sent = server.requests_to(url)[-1][2]
    assert etag_sent is not None and etag_sent.startswith('"')


async def test_changed_feed_adds_only_the_new_item(server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    url = server.add(0, "news.xml", make_feed("south", 2))
    await add(h, url)
    await h.poller.poll_due()
    server.feed(url).items.insert(0, make_item("south", 9, START + timedelta(minutes=20)))
    h.clock.advance(timedelta(minutes=31))
    result = await h.poller.poll_due()
    assert (result.added, result.not_modified, len(result.new_article_ids)) == (1, 0, 1)
    article = await h.pipeline.articles.get(result.new_article_ids[0])
    assert article is not None and "ferry plan 9" in article.title


async def test_regrouped_and_redated_old_items_are_not_new(server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    url = server.add(0, "news.xml", make_feed("east", 4))
    await add(h, url)
    first = await h.poller.poll_due()
    assert first.added == 4
    stories_before = await h.pipeline.stories.story_ids_for_articles(list(first.new_article_ids))

    feed = server.feed(url)
    for item in feed.items:  # new GUIDs and fresh dates for the very same articles
        item.guid = item.guid + "-v2"
        item.published = item.published + timedelta(days=1)
    h.clock.advance(timedelta(minutes=31))
    regrouped = await h.poller.poll_due()
    assert (regrouped.ok, regrouped.added, regrouped.new_article_ids) == (1, 0, ())

    for item in feed.items:  # new GUIDs and links with tracking parameters: same text, still not new
        item.guid = item.guid + "-v3"
        item.link = item.link + "?utm_source=feed&utm_medium=rss"
    h.clock.advance(timedelta(minutes=31))
    relinked = await h.poller.poll_due()
    assert (relinked.ok, relinked.added, relinked.new_article_ids) == (1, 0, ())

    for n, item in enumerate(feed.items):  # new GUIDs and entirely new links: the text hash still knows them
        item.guid, item.link = f"moved-{n}", f"http://mirror.example/archive/{n}.html"
    h.clock.advance(timedelta(minutes=31))
    moved = await h.poller.poll_due()
    assert (moved.ok, moved.added, moved.new_article_ids) == (1, 0, ())
    assert await h.pipeline.articles.count() == 4
    assert await h.pipeline.stories.story_ids_for_articles(list(first.new_article_ids)) == stories_before


async def test_one_request_at_a_time_per_host_but_hosts_in_parallel(
        server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller(concurrency=16)
    urls = [server.add(host, f"f{n}.xml", Feed(items=make_feed(f"h{host}f{n}", 1).items, delay=0.05))
            for host in range(4) for n in range(4)]
    await add(h, *urls)
    result = await h.poller.poll_due()
    assert (result.polled, result.ok) == (16, 16)
    assert set(server.max_in_flight.values()) == {1}  # never two requests at once on one host:port
    assert server.max_total_in_flight >= 3  # ... while the four hosts were served side by side


async def test_concurrency_bounds_requests_across_hosts(make_poller: PollerFactory) -> None:
    srv = await FeedServer(hosts=6).start()
    try:
        h = await make_poller(concurrency=2)
        urls = [srv.add(host, "f.xml", Feed(items=make_feed(f"c{host}", 1).items, delay=0.05)) for host in range(6)]
        await add(h, *urls)
        result = await h.poller.poll_due()
        assert result.ok == 6
        assert srv.max_total_in_flight == 2
    finally:
        await srv.close()


async def test_retry_after_defers_the_source_and_the_rest_of_its_host(
        server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    throttled = server.add(0, "a.xml", Feed(items=make_feed("t", 1).items,
                                            script=deque([Reply(429, (("Retry-After", "7200"),))])))
    sibling = server.add(0, "b.xml", make_feed("sib", 1))
    other = server.add(1, "c.xml", make_feed("other", 1))
    await add(h, throttled, sibling, other)
    result = await h.poller.poll_due()
    assert (result.polled, result.ok, result.failed) == (2, 1, 1)  # the sibling was never asked
    assert server.requests_to(sibling) == [] and len(server.requests_to(other)) == 1
    assert await next_poll(h, throttled) == timedelta(hours=2)
    assert await next_poll(h, sibling) == timedelta(hours=2)
    assert await next_poll(h, other) == timedelta(minutes=30)

    h.clock.advance(timedelta(minutes=31))
    assert (await h.poller.poll_due()).polled == 1  # only "other": the host asked for two hours
    h.clock.advance(timedelta(hours=2))
    later = await h.poller.poll_due()
    assert later.failed == 0 and len(server.requests_to(sibling)) == 1


async def test_cache_control_max_age_delays_the_next_poll_but_never_shortens_it(
        server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    long_lived = server.add(0, "a.xml", Feed(items=make_feed("l", 1).items, headers={"Cache-Control": "max-age=7200"}))
    short_lived = server.add(1, "b.xml", Feed(items=make_feed("s", 1).items, headers={"Cache-Control": "max-age=5"}))
    expires = server.add(2, "c.xml", Feed(items=make_feed("e", 1).items, headers={
        "Date": "Fri, 20 Nov 2026 09:00:00 GMT", "Expires": "Fri, 20 Nov 2026 12:00:00 GMT"}))
    await add(h, long_lived, short_lived, expires)
    await h.poller.poll_due()
    assert await next_poll(h, long_lived) == timedelta(hours=2)
    assert await next_poll(h, short_lived) == timedelta(minutes=30)
    assert await next_poll(h, expires) == timedelta(hours=3)


async def test_jitter_comes_from_the_injected_rng(server: FeedServer, make_poller: PollerFactory) -> None:
    config = SchedulerConfig(poll_jitter_seconds=60)
    h = await make_poller(scheduler=config, seed=3)
    urls = [server.add(n % 4, f"j{n}.xml", make_feed(f"j{n}", 1)) for n in range(8)]
    await add(h, *urls)
    await h.poller.poll_due()
    delays = [await next_poll(h, u) for u in urls]
    assert all(timedelta(minutes=30) <= d <= timedelta(minutes=31) for d in delays)
    assert len(set(delays)) == 8


async def test_a_day_of_failures_gives_one_disabled_and_one_recovered_notice(
        server: FeedServer, make_poller: PollerFactory) -> None:
    config = SchedulerConfig(poll_interval="30m", poll_jitter_seconds=0, max_failures_before_disable=4,
                             max_backoff="6h")
    h = await make_poller(scheduler=config)
    broken = server.add(0, "broken.xml", make_feed("broken", 2))
    healthy = server.add(1, "fine.xml", make_feed("fine", 1))
    await add(h, broken, healthy)
    server.feed(broken).failing = Reply(500)

    rounds: list[PollRound] = []
    gaps: list[timedelta] = []
    end = START + timedelta(days=1, hours=12)
    while h.clock() < end:
        rounds.append(await h.poller.poll_due())
        if server.requests_to(broken) and len(gaps) < len(server.requests_to(broken)):
            gaps.append(await next_poll(h, broken))
        h.clock.advance(timedelta(minutes=5))  # the scheduler's interval job, every five minutes
    notices = [n for r in rounds for n in r.notices]
    assert [n.kind for n in notices] == ["disabled"]
    assert notices[0].source == broken and "500" in notices[0].text and "4 times" in notices[0].text
    # backoff: 30m, 1h, 2h, then disabled and retried at the 6 h cap while still failing
    assert gaps[:5] == [timedelta(minutes=30), timedelta(hours=1), timedelta(hours=2), timedelta(hours=6),
                        timedelta(hours=6)]
    state = await h.pipeline.sources.get(broken)
    assert state is not None and state.disabled and state.failures >= 4
    healthy_requests = len(server.requests_to(healthy))
    assert healthy_requests >= 60  # the healthy source kept its half-hour rhythm throughout

    server.feed(broken).failing = None  # the source comes back
    recovered: list[PollRound] = []
    for _ in range(12 * 7):  # seven more hours: past the 6 h retry of the disabled source
        recovered.append(await h.poller.poll_due())
        h.clock.advance(timedelta(minutes=5))
    after = [n for r in recovered for n in r.notices]
    assert [n.kind for n in after] == ["recovered"]
    assert sum(r.added for r in recovered) == 2
    state = await h.pipeline.sources.get(broken)
    assert state is not None and not state.disabled and state.failures == 0


async def test_a_hanging_source_does_not_hold_up_the_others(server: FeedServer, make_poller: PollerFactory) -> None:
    """Evidence from the server's own records, not a stopwatch: every fine source was answered while the hanging
    one was open, and the poller then hung up on it at the configured timeout (the error names the limit)."""
    h = await make_poller(timeout=1.0)
    hanging = server.add(0, "hang.xml", Feed(items=make_feed("h", 1).items, failing=Reply(hang=True)))
    # the fine feeds answer only once the hang has begun: a poller that read the sources one after another would
    # time out on them (fine ones first) or answer them after hanging up (the hanging one first)
    fine = [server.add(host, f"ok{host}.xml", Feed(items=make_feed(f"ok{host}", 1).items, after=server.hanging))
            for host in (1, 2, 3)]
    await add(h, hanging, *fine)
    result = await h.poller.poll_due()
    assert (result.polled, result.ok, result.failed, result.added) == (4, 3, 1, 3)
    async with asyncio.timeout(60):  # a hang guard only: the server sees the hang-up within a few loop turns
        await server.idle.wait()
    assert [(path, how) for _, path, how in server.ended][-1] == ("hang.xml", "hung up")
    assert sorted((path, how) for _, path, how in server.ended[:-1]) == [
        ("ok1.xml", "answered"), ("ok2.xml", "answered"), ("ok3.xml", "answered")]
    state = await h.pipeline.sources.get(hanging)
    assert state is not None and state.last_error is not None
    assert "timed out: no complete response within 1 s" in state.last_error


async def test_retry_after_on_503_is_honoured_and_counts_as_a_failure(
        server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    url = server.add(0, "busy.xml", Feed(items=make_feed("busy", 1).items,
                                         script=deque([Reply(503, (("Retry-After", HTTP_NOON),))])))
    await add(h, url)
    result = await h.poller.poll_due()
    assert result.failed == 1
    assert await next_poll(h, url) == timedelta(hours=3)
    h.clock.advance(timedelta(hours=3))
    assert (await h.poller.poll_due()).added == 1


async def test_overlapping_rounds_poll_each_source_once_and_keep_hosts_polite(
        server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    urls = [server.add(host, f"o{n}.xml", Feed(items=make_feed(f"o{host}{n}", 1).items, delay=0.03))
            for host in range(2) for n in range(3)]
    await add(h, *urls)
    first, second = await asyncio.gather(h.poller.poll_due(), h.poller.poll_due())
    assert first.polled + second.polled == 6
    assert all(len(server.requests_to(u)) == 1 for u in urls)
    assert set(server.max_in_flight.values()) == {1}


async def test_files_and_folders_are_not_polled_unless_asked(
        server: FeedServer, make_poller: PollerFactory, tmp_path: Path) -> None:
    h = await make_poller()
    note = tmp_path / "note.txt"
    note.write_text("Ferry plan approved\n\n" + make_item("file", 1, START).text, encoding="utf-8")
    await h.pipeline.sources.ensure(str(note), kind="file", now=h.clock())
    url = server.add(0, "feed.xml", make_feed("f", 1))
    await add(h, url)
    assert (await h.poller.poll_due()).polled == 1
    state = await h.pipeline.sources.get(str(note))
    assert state is not None and state.last_fetch_at is None

    everything = Poller(h.pipeline, h.poller.fetcher, h.pipeline.sources, h.poller.config, h.clock,
                        kinds=("feed", "page", "file"))
    result = await everything.poll_due()
    assert (result.polled, result.added) == (1, 1)


async def test_bad_scheduler_durations_fail_at_start_with_the_key(make_poller: PollerFactory) -> None:
    with pytest.raises(ValueError, match=r"scheduler\.max_backoff"):
        await make_poller(scheduler=SchedulerConfig(max_backoff="six hours"))


async def test_default_settings_over_a_two_day_outage(server: FeedServer, make_poller: PollerFactory) -> None:
    """Defaults (30m, 6 failures, 6h cap, 60 s jitter): disabled within the day, one notice each way."""
    h = await make_poller(scheduler=SchedulerConfig())
    url = server.add(0, "down.xml", make_feed("down", 1))
    await add(h, url)
    server.feed(url).failing = Reply(503)
    kinds: list[str] = []
    disabled_at = None
    while h.clock() < START + timedelta(days=2):
        kinds += [n.kind for n in (await h.poller.poll_due()).notices]
        if kinds and disabled_at is None:
            disabled_at = h.clock()
        state = await h.pipeline.sources.get(url)
        assert state is not None and state.next_poll_at is not None
        h.clock.set(state.next_poll_at)  # jump straight to the next due poll
    assert kinds == ["disabled"]
    # 30m + 1h + 2h + 4h + 6h (+ jitter): the 6th failure comes 13.5 h in
    assert disabled_at is not None and timedelta(hours=13.5) <= disabled_at - START <= timedelta(hours=13.7)
    server.feed(url).failing = None
    for _ in range(3):
        state = await h.pipeline.sources.get(url)
        assert state is not None and state.next_poll_at is not None
        h.clock.set(state.next_poll_at)
        kinds += [n.kind for n in (await h.poller.poll_due()).notices]
    assert kinds == ["disabled", "recovered"]
