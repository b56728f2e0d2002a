"""Teaser feed items get their page's main text against a local site: robots.txt, bad pages, no refetch."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp import web
from local_site import LocalSite, serving_site

from bot.app import App, make_pipeline
from bot.clock import ManualClock
from bot.config import Config, IngestConfig
from bot.ingest.fetch import Fetcher, FetchError
from bot.ingest.full_text import FullText, is_teaser, passing_failure, same_article
from bot.ingest.normalise import RawArticle, build_article
from bot.ingest.retries import PageRetry
from bot.ingest.robots import RobotsRules, agent_token
from bot.ingest.sources import read_source
from bot.models import Article
from bot.pipeline import Pipeline
from bot.poller import Poller
from bot.store.db import Database
from bot.store.page_retries import PageRetryStore
from tests import pg
from tests.first_sentence import FirstSentence

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CONFIG = IngestConfig(allow_private_networks=True, timeout_seconds=3.0, connect_timeout_seconds=2.0)

BRIDGE_PAGE = """<html><head><title>Kelvar bridge reopens after repairs - Harbour Daily</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Kelvar bridge reopens after repairs</h1>
<p>The Kelvar bridge reopened to traffic on Monday morning after eleven weeks of repairs to its cables,
the city's transport office said.</p>
<p>Engineers replaced forty-two steel cables and resurfaced both lanes, according to the office, which put
the cost at 3.2 million marks, slightly under the budget approved in the autumn.</p>
<p>"We asked drivers for patience and they gave it to us," said Ilse Varga, who runs the office. She said
cyclists would get a protected lane from April.</p>
<p>Ferry operators, who carried extra passengers during the closure, said they would return to the winter
timetable from next week.</p>
<p>Also read: Ten things to do in the harbour this spring</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""

CONSENT_WALL = """<html><head><title>Before you continue</title></head><body><main>
<p>We and our partners use cookies and similar technologies to store and access information on your device.
Select accept to agree, or manage your choices at any time in the privacy centre of this website.</p>
<p>Your choices will apply to all the websites and apps operated by this company and its partners.</p>
</main></body></html>"""

TUNNEL_PAGE = """<html><head><title>Tunnel plan goes to a vote</title></head><body><article>
<h1>Tunnel plan goes to a vote</h1><p>The council will vote on the harbour tunnel plan in May, the mayor's office
said on Monday, after a consultation that drew more than four thousand replies.</p>
<p>Supporters say the tunnel would take lorries off the old town's streets; opponents point to the cost.</p>
</article></body></html>"""

COAST_BRIDGE_PAGE = """<html><head><title>Drivers return to Kelvar bridge - Coastal Times</title></head><body>
<article><h1>Drivers return to Kelvar bridge as repairs end</h1>
<p>Drivers returned to the Kelvar bridge on Monday after eleven weeks of cable repairs, with queues forming at
both ends before the barriers were lifted.</p>
<p>The city's transport office said forty-two cables had been replaced and the deck resurfaced, for about
3.2 million marks.</p>
<p>Ilse Varga, head of the office, thanked drivers for their patience and promised a protected cycle lane in
April.</p></article></body></html>"""

LONG_BODY = " ".join(["The library board met on Sunday and agreed the summer opening hours for every branch."] * 20)


def _rss(base: str, now: datetime) -> str:
    recent = format_datetime(now - timedelta(hours=3))
    old = format_datetime(now - timedelta(days=30))

    def item(guid: str, title: str, path: str, body: str, date: str = recent) -> str:
        return (f"<item><title>{title}</title><link>{base}{path}</link><guid>{guid}</guid>"
                f"<pubDate>{date}</pubDate><description>{body}</description></item>")

    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Harbour Daily</title>"
            + item("hd-1", "Kelvar bridge reopens after repairs", "/news/bridge",
                   "The Kelvar bridge reopened on Monday after eleven weeks of repairs.")
            + item("hd-2", "Tunnel plan goes to a vote", "/news/tunnel",
                   "The council will vote on the harbour tunnel plan in May.")
            + item("hd-3", "Night buses extended", "/private/buses",
                   "Night buses will run until three in the morning at weekends.")
            + item("hd-4", "Fish market prices", "/news/gone", "Prices at the fish market rose again this week.")
            + item("hd-5", "Library hours agreed", "/news/library", LONG_BODY)
            + item("hd-6", "Old pier repainted", "/news/pier", "The old pier was repainted in blue and white.", old)
            + "</channel></rss>")


def _second_outlet(base: str, now: datetime) -> str:
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Coastal Times</title>"
            f"<item><title>Drivers return to Kelvar bridge as repairs end</title><link>{base}/coast/bridge</link>"
            f"<guid>ct-1</guid><pubDate>{format_datetime(now - timedelta(hours=2))}</pubDate>"
            "<description>The Kelvar bridge is open again.</description></item></channel></rss>")


@dataclass
class Site(LocalSite):
    """A local news site: a feed, article pages, a consent wall, robots.txt; it counts every request."""

    robots: str = "User-agent: *\nDisallow: /private\n"
    robots_status: int = 200
    tunnel_page: str = CONSENT_WALL
    now: datetime = NOW
    redirects: dict[str, str] = field(default_factory=dict)  # path -> where it sends the client (302)


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    state = Site()

    async def answer(request: web.Request) -> web.StreamResponse | None:
        if request.path in state.redirects:
            raise web.HTTPFound(state.redirects[request.path])
        if request.path == "/news/huge":  # a page that never seems to end: 64 MB of markup
            resp = web.StreamResponse(headers={"Content-Type": "text/html"})
            await resp.prepare(request)
            try:
                for _ in range(1024):
                    await resp.write(b"<p>" + b"x" * 65536 + b"</p>")
            except (ConnectionError, RuntimeError):  # the client hung up, as it should
                pass
            return resp
        if request.path == "/feed.xml":
            return web.Response(text=_rss(state.base, state.now), content_type="application/rss+xml")
        if request.path == "/coast.xml":  # a second outlet's teaser for the same event
            return web.Response(text=_second_outlet(state.base, state.now), content_type="application/rss+xml")
        if request.path == "/robots.txt":
            return web.Response(text=state.robots, status=state.robots_status, content_type="text/plain")
        pages = {"/news/bridge": BRIDGE_PAGE, "/coast/bridge": COAST_BRIDGE_PAGE, "/news/tunnel": state.tunnel_page,
                 "/private/buses": BRIDGE_PAGE,
                 "/news/library": BRIDGE_PAGE, "/news/pier": BRIDGE_PAGE}
        if request.path in pages:
            return web.Response(text=pages[request.path], content_type="text/html")
        return None

    async with serving_site(state, answer):
        yield state


@dataclass
class Sleeps:
    """The sleep collaborator: records what it was asked to wait, waits for nothing."""

    asked: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)


def _full_text(clock: ManualClock, sleeps: Sleeps | None = None, *, robots: bool = True,
               config: IngestConfig = CONFIG) -> FullText:
    rules = RobotsRules(clock, user_agent=config.user_agent) if robots else None
    return FullText(config, max_age=timedelta(days=9), robots=rules, sleep=sleeps or Sleeps())


async def _nothing_stored(ids: object) -> set[str]:
    return set()


async def test_teasers_get_their_page_text_and_every_refusal_is_one_line(site: Site) -> None:
    clock = ManualClock(NOW)
    async with Fetcher(CONFIG) as fetcher:
        read = await read_source(f"{site.base}/feed.xml", fetcher=fetcher, config=CONFIG, now=NOW)
        done = await _full_text(clock).complete(read, fetcher=fetcher, stored=_nothing_stored, now=NOW)
    by_guid = {a.guid: a for a in done.articles}
    assert len(done.articles) == 6  # nothing is lost
    bridge = by_guid["hd-1"]
    assert "forty-two steel cables" in bridge.text and "Ilse Varga" in bridge.text
    assert "Also read" not in bridge.text and "Subscribe" not in bridge.text and "Home" not in bridge.text
    assert bridge.title == "Kelvar bridge reopens after repairs"  # the feed's fields stay
    assert bridge.id == next(a.id for a in read.articles if a.guid == "hd-1")
    assert bridge.published == NOW - timedelta(hours=3)
    assert len(bridge.sentences) > 3
    teasers = {g: next(a for a in read.articles if a.guid == g) for g in ("hd-2", "hd-3", "hd-4", "hd-5", "hd-6")}
    for guid, original in teasers.items():
        assert by_guid[guid] == original, guid  # kept exactly as the feed gave it
    lines = {p.input.rsplit("/", 1)[-1]: p.reason for p in done.problems}
    assert "does not look like the item" in lines["tunnel"]  # a consent wall never replaces a teaser
    assert "robots.txt disallows it for briefbot" in lines["buses"]
    assert "HTTP 404" in lines["gone"]
    assert set(lines) == {"tunnel", "buses", "gone"}
    # never asked: the page robots.txt forbids, a full item's page, an item too old to be news
    assert site.hits("/private/buses") == 0 and site.hits("/news/library") == 0 and site.hits("/news/pier") == 0
    assert site.hits("/robots.txt") == 1  # once for the site, not once per page


async def test_stored_items_are_not_fetched_again_and_keep_their_full_text(site: Site, tmp_path: Path) -> None:
    clock = ManualClock(NOW)
    db = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    pipeline = Pipeline(db, Config(ingest=CONFIG), clock, FirstSentence(), full_text=_full_text(clock))
    try:
        async with Fetcher(CONFIG) as fetcher:
            first = await pipeline.ingest([f"{site.base}/feed.xml"], fetcher)
            assert first.added == 6
            site.tunnel_page = TUNNEL_PAGE  # the consent wall is gone now, but the item is stored
            clock.advance(timedelta(minutes=30))
            second = await pipeline.ingest([f"{site.base}/feed.xml"], fetcher)
        assert second.added == second.updated == 0
        assert site.hits("/news/bridge") == 1 and site.hits("/news/tunnel") == 1
        stored = {a.guid: a for a in await pipeline.articles.get_many(first.new_ids)}
        assert "forty-two steel cables" in stored["hd-1"].text  # not overwritten by the teaser
        assert stored["hd-2"].text == "The council will vote on the harbour tunnel plan in May."
        assert any(line.startswith("note ") and "does not look like the item" in line for line in first.lines)
        assert first.problems == [] and len(first.notes) == 3  # the items were stored: notes, not errors
        story_ids = await pipeline.stories.story_ids_for_articles([stored["hd-1"].id])
        assert story_ids  # completed items are clustered and summarised like any other
    finally:
        await db.close()


async def test_polling_completes_teasers_too(site: Site, tmp_path: Path) -> None:
    clock = ManualClock(NOW)
    db = await Database.open(f"sqlite:///{tmp_path / 'poll.db'}")
    config = Config(ingest=CONFIG)
    pipeline = Pipeline(db, config, clock, FirstSentence(), full_text=_full_text(clock))
    try:
        await pipeline.sources.ensure(f"{site.base}/feed.xml", kind="", now=NOW, interval_seconds=1800)
        async with Fetcher(CONFIG) as fetcher:
            done = await Poller(pipeline, fetcher, pipeline.sources, config.scheduler, clock).poll_due()
        assert done.added == 6 and done.failed == 0
        texts = [a.text for a in await pipeline.articles.get_many(list(done.new_article_ids))]
        assert any("forty-two steel cables" in t for t in texts)
    finally:
        await db.close()


async def test_robots_txt_is_read_once_a_day_and_a_broken_one_stops_the_site(site: Site) -> None:
    clock = ManualClock(NOW)
    sleeps = Sleeps()
    site.robots = "User-agent: briefbot\nCrawl-delay: 4\nDisallow: /private\n\nUser-agent: *\nDisallow: /\n"
    full = _full_text(clock, sleeps)
    async with Fetcher(CONFIG) as fetcher:
        read = await read_source(f"{site.base}/feed.xml", fetcher=fetcher, config=CONFIG, now=NOW)
        done = await full.complete(read, fetcher=fetcher, stored=_nothing_stored, now=NOW)
        assert "forty-two" in next(a.text for a in done.articles if a.guid == "hd-1")  # our group allows /news
        assert sleeps.asked == [4.0, 4.0, 4.0]  # Crawl-delay after each of the three pages asked for
        clock.advance(timedelta(hours=23))
        await full.complete(read, fetcher=fetcher, stored=_nothing_stored, now=clock())
        assert site.hits("/robots.txt") == 1
        clock.advance(timedelta(hours=2))  # a day old: read again, and now the server fails
        site.robots_status = 503
        before = site.hits("/news/bridge")
        again = await full.complete(read, fetcher=fetcher, stored=_nothing_stored, now=clock())
        assert site.hits("/robots.txt") == 2 and site.hits("/news/bridge") == before
        assert all("robots.txt could not be read" in p.reason for p in again.problems)
        assert next(a for a in again.articles if a.guid == "hd-1").text.startswith("The Kelvar bridge reopened on")


async def test_missing_robots_txt_means_no_rules_and_robots_can_be_turned_off(site: Site) -> None:
    site.robots_status = 404
    clock = ManualClock(NOW)
    async with Fetcher(CONFIG) as fetcher:
        read = await read_source(f"{site.base}/feed.xml", fetcher=fetcher, config=CONFIG, now=NOW)
        done = await _full_text(clock).complete(read, fetcher=fetcher, stored=_nothing_stored, now=NOW)
        assert site.hits("/private/buses") == 1  # no rules: /private is asked for (its page is another story)
        assert "forty-two" in next(a.text for a in done.articles if a.guid == "hd-1")
        site.robots_status = 200
        site.requests.clear()
        ignoring = _full_text(clock, robots=False)
        await ignoring.complete(read, fetcher=fetcher, stored=_nothing_stored, now=NOW)
    assert site.hits("/robots.txt") == 0 and site.hits("/private/buses") == 1
    assert not any("robots" in p.reason for p in done.problems)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_a_dead_site_is_given_up_after_two_failures_and_the_budget_caps_pages(site: Site) -> None:
    dead = f"http://127.0.0.1:{_closed_port()}"
    feed = site.base + "/feed.xml"
    clock = ManualClock(NOW)
    raws = [RawArticle(title=f"Item {n} about the harbour", text="A short teaser about the harbour works.",
                       url=f"{dead}/news/{n}", guid=f"d-{n}", published=NOW) for n in range(4)]
    articles = tuple(build_article(r, source=feed, now=NOW, config=CONFIG) for r in raws)
    async with Fetcher(CONFIG) as fetcher:
        read = await read_source(feed, fetcher=fetcher, config=CONFIG, now=NOW)
        mixed = type(read)(read.source, "feed", read.name, articles + read.articles, ())
        capped = IngestConfig(allow_private_networks=True, timeout_seconds=3.0, connect_timeout_seconds=2.0,
                              full_text_max_per_source=4)
        done = await _full_text(clock, robots=False, config=capped).complete(
            mixed, fetcher=fetcher, stored=_nothing_stored, now=NOW)
    reasons = [p.reason for p in done.problems]
    assert sum("could not connect" in r for r in reasons) == 2
    assert sum("failed 2 times in this read" in r for r in reasons) == 2
    assert done.articles[:4] == articles  # teasers kept
    # the budget (4) went on the dead site's first two items and on two of the live site's teasers
    assert sum(site.hits(p) for p in ("/news/bridge", "/news/tunnel", "/news/gone", "/private/buses")) == 2


def test_teaser_and_same_article_rules() -> None:
    def article(title: str, text: str, url: str = "https://harbour.example/a") -> Article:
        return build_article(RawArticle(title=title, text=text, url=url), source="s", now=NOW, config=CONFIG)

    short = article("Kelvar bridge reopens", "The bridge reopened on Monday.")
    assert is_teaser(short, 150) and not is_teaser(short, 5)
    assert not is_teaser(article("Kelvar bridge reopens", "The bridge reopened on Monday.", url=""), 150)
    assert same_article(short, "Kelvar bridge reopens after repairs", "Traffic crossed again.")
    assert same_article(short, "Harbour Daily", "The Kelvar bridge reopened to traffic on Monday morning.")
    assert not same_article(short, "Before you continue", "We and our partners use cookies on your device.")
    assert agent_token("briefbot/0.1 (+https://github.com/briefbot/briefbot)") == "briefbot"
    assert agent_token("NewsDesk Bot/2") == "newsdesk"


async def test_run_once_polls_completes_teasers_clusters_and_sends_the_breaking_alert(
        site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import _run, parse_args

    site.now = datetime.now(UTC)  # `briefbot run` reads the system clock
    config = tmp_path / "briefbot.toml"
    config.write_text(f"""[ingest]
allow_private_networks = true
timeout_seconds = 3.0
connect_timeout_seconds = 2.0

[[sources]]
url = "{site.base}/feed.xml"

[[sources]]
url = "{site.base}/coast.xml"

[[channels]]
id = "console:desk"
schedule = "daily 08:00"
alerts = 2
""", encoding="utf-8")
    store = tmp_path / "run.db"
    assert await _run(parse_args(["run", "--once", "--config", str(config), "--db", str(store)])) == 0
    out = capsys.readouterr().out
    assert "===== console:desk =====" in out and "Breaking: now reported by 2 or more outlets" in out
    assert "Kelvar bridge" in out and "Sources: Harbour Daily, Coastal Times" in out
    assert out.count("Breaking: now reported") == 1  # the one two-outlet story; the rest wait for 08:00
    assert "console:desk: alert delivered 1 story" in out
    assert site.hits("/news/bridge") == 1 and site.hits("/coast/bridge") == 1 and site.hits("/robots.txt") == 1
    db = await Database.open(f"sqlite:///{store}")
    try:
        async with db.connect() as conn:
            texts = dict((await conn.execute(sa.text("SELECT guid, text FROM articles"))).all())
    finally:
        await db.close()
    assert "forty-two steel cables" in texts["hd-1"] and "protected cycle lane" in texts["ct-1"]
    assert await _run(parse_args(["run", "--once", "--config", str(config), "--db", str(store)])) == 0
    assert "Breaking" not in capsys.readouterr().out  # nothing alerted twice, no page fetched twice
    assert site.hits("/news/bridge") == 1 and site.hits("/coast/bridge") == 1


async def test_a_page_that_failed_for_a_passing_reason_is_asked_again_later_and_completes_the_stored_teaser(
        site: Site, tmp_path: Path) -> None:
    clock = ManualClock(NOW)
    db = await Database.open(f"sqlite:///{tmp_path / 'retry.db'}")
    pipeline = Pipeline(db, Config(ingest=CONFIG), clock, FirstSentence(), full_text=_full_text(clock))
    site.down = {"/news/bridge"}
    feed = f"{site.base}/feed.xml"
    try:
        async with Fetcher(CONFIG) as fetcher:
            first = await pipeline.ingest([feed], fetcher)
            assert any("HTTP 503" in line and "asked for again later" in line for line in first.lines)
            assert any("HTTP 404" in line and "again" not in line for line in first.lines)  # /news/gone: for good
            bridge = next(a for a in await pipeline.articles.get_many(first.new_ids) if a.guid == "hd-1")
            assert bridge.text == "The Kelvar bridge reopened on Monday after eleven weeks of repairs."
            site.down.clear()
            clock.advance(timedelta(minutes=20))  # not yet: the first wait is 30 minutes
            await pipeline.ingest([feed], fetcher)
            assert site.hits("/news/bridge") == 1 and site.hits("/news/gone") == 1
            clock.advance(timedelta(minutes=15))
            third = await pipeline.ingest([feed], fetcher)
            assert third.updated == 1 and third.added == 0
            assert site.hits("/news/bridge") == 2 and site.hits("/news/gone") == 1  # a 404 is not asked again
            assert "forty-two steel cables" in (await pipeline.articles.get(bridge.id)).text  # type: ignore[union-attr]
            clock.advance(timedelta(hours=10))
            await pipeline.ingest([feed], fetcher)
            assert site.hits("/news/bridge") == 2  # completed: never again
    finally:
        await db.close()


async def test_retries_stop_after_the_last_wait(site: Site) -> None:
    clock = ManualClock(NOW)
    full = _full_text(clock)
    site.down = {"/news/bridge"}
    stored: set[str] = set()

    async def known(ids: object) -> set[str]:
        return stored

    async with Fetcher(CONFIG) as fetcher:
        read = await read_source(f"{site.base}/feed.xml", fetcher=fetcher, config=CONFIG, now=NOW)
        stored.update(a.id for a in read.articles)
        await full.complete(read, fetcher=fetcher, stored=_nothing_stored, now=clock())
        for hours in (1, 3, 12, 24, 48):  # each wait has passed: 30 min, 2 h, 8 h, then no more
            clock.set(NOW + timedelta(hours=hours))
            await full.complete(read, fetcher=fetcher, stored=known, now=clock())
    assert site.hits("/news/bridge") == 4  # the first try and three retries


def test_only_failures_that_may_pass_are_retried() -> None:
    def failure(reason: str, status: int | None = None) -> FetchError:
        return FetchError("https://harbour.example/a", reason, status=status)

    assert passing_failure(failure("HTTP 503 Service Unavailable", 503))
    assert passing_failure(failure("HTTP 429 Too Many Requests", 429))
    assert passing_failure(failure("timed out: no complete response within 20 s"))
    assert passing_failure(failure("could not connect to harbour.example:443 (Connection refused)"))
    assert not passing_failure(failure("HTTP 404 Not Found", 404))
    assert not passing_failure(failure("refused: 10.0.0.7 is a private address"))
    assert not passing_failure(failure("too large: more than 10000000 bytes"))
    assert not passing_failure(failure("redirect loop: a -> b -> a"))


async def test_a_tracking_link_is_followed_only_where_the_article_sites_robots_txt_allows(site: Site) -> None:
    article_site = Site(robots="User-agent: *\nDisallow: /\n")  # the site the tracker leads to refuses robots
    hits = article_site.requests

    async def answer(request: web.Request) -> web.StreamResponse:
        if request.path == "/robots.txt":
            return web.Response(text=article_site.robots, status=article_site.robots_status,
                                content_type="text/plain")
        return web.Response(text=BRIDGE_PAGE, content_type="text/html")

    async with serving_site(article_site, answer), Fetcher(CONFIG) as fetcher:
        target = f"{article_site.base}/news/bridge"
        site.redirects["/go/bridge"] = target
        feed = f"{site.base}/feed.xml"
        item = build_article(RawArticle(title="Kelvar bridge reopens after repairs", url=f"{site.base}/go/bridge",
                                        text="The Kelvar bridge reopened on Monday.", guid="t-1", published=NOW),
                             source=feed, now=NOW, config=CONFIG)
        read = await read_source(feed, fetcher=fetcher, config=CONFIG, now=NOW)
        tracked = type(read)(read.source, "feed", read.name, (item,), ())
        done = await _full_text(ManualClock(NOW)).complete(tracked, fetcher=fetcher, stored=_nothing_stored,
                                                           now=NOW)
        assert hits == ["/robots.txt"]  # asked before the hop: the article page itself was never requested
        assert site.hits("/go/bridge") == 1
        article_site.robots_status = 503  # unreadable now: a reason that may pass
        unreadable = await _full_text(ManualClock(NOW)).complete(tracked, fetcher=fetcher, stored=_nothing_stored,
                                                                 now=NOW)
        assert hits == ["/robots.txt", "/robots.txt"]
        allowed = await _full_text(ManualClock(NOW), robots=False).complete(
            tracked, fetcher=fetcher, stored=_nothing_stored, now=NOW)
        article_site.robots, article_site.robots_status = "User-agent: *\nDisallow: /private\n", 200
        welcome = await _full_text(ManualClock(NOW)).complete(tracked, fetcher=fetcher, stored=_nothing_stored,
                                                              now=NOW)
    assert done.articles == unreadable.articles == (item,)  # the teaser stays
    [note] = done.problems
    assert note.kept and note.reason == (f"full text not fetched: redirect to {target} not followed: "
                                         f"{article_site.base}/robots.txt disallows it for briefbot; "
                                         "the feed's teaser is kept")  # for good: not asked for again
    [later] = unreadable.problems
    assert "robots.txt could not be read" in later.reason and later.reason.endswith("asked for again later")
    assert "forty-two steel cables" in allowed.articles[0].text  # without robots rules the page is used
    assert "forty-two steel cables" in welcome.articles[0].text  # and where the article site allows it
    assert hits == ["/robots.txt"] * 2 + ["/news/bridge", "/robots.txt", "/news/bridge"]


async def test_an_oversized_page_keeps_the_teaser_and_is_not_asked_for_again(site: Site) -> None:
    feed = f"{site.base}/feed.xml"
    item = build_article(RawArticle(title="Harbour works begin", url=f"{site.base}/news/huge", guid="h-1",
                                    text="Work on the harbour wall began on Monday.", published=NOW),
                         source=feed, now=NOW, config=CONFIG)
    clock = ManualClock(NOW)
    full = _full_text(clock, robots=False)
    async with Fetcher(CONFIG) as fetcher:
        read = await read_source(feed, fetcher=fetcher, config=CONFIG, now=NOW)
        one = type(read)(read.source, "feed", read.name, (item,), ())
        done = await full.complete(one, fetcher=fetcher, stored=_nothing_stored, now=NOW)
        clock.advance(timedelta(hours=12))

        async def stored(ids: object) -> set[str]:
            return {item.id}

        await full.complete(one, fetcher=fetcher, stored=stored, now=clock())
    assert done.articles == (item,)
    [note] = done.problems
    assert note.kept and "too large" in note.reason and "asked for again" not in note.reason
    assert site.hits("/news/huge") == 1


@pytest.fixture(params=["sqlite", "postgresql"])
async def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'restart.db'}"
    return await pg.fresh_database("briefbot_test_full_text")


async def test_a_restart_between_a_passing_failure_and_its_retry_loses_nothing(site: Site, store_url: str) -> None:
    """The page answers 503; the process ends; a new one, over the same store, asks again when the first
    wait is over, and the page's text replaces the stored teaser. Built as `briefbot run` builds it."""
    clock = ManualClock(NOW)
    config = Config(ingest=CONFIG)
    feed = f"{site.base}/feed.xml"
    site.down = {"/news/bridge"}
    before = App(config, db_url=store_url, clock=clock)
    try:
        async with Fetcher(CONFIG) as fetcher:
            first = await (await make_pipeline(before, with_quotes=False)).ingest([feed], fetcher)
    finally:
        await before.close()  # the process ends here
    assert any("HTTP 503" in line and "asked for again later" in line for line in first.lines)
    site.down.clear()
    after = App(config, db_url=store_url, clock=clock)
    try:
        pipeline = await make_pipeline(after, with_quotes=False)
        bridge = next(a for a in await pipeline.articles.get_many(first.new_ids) if a.guid == "hd-1")
        assert bridge.text == "The Kelvar bridge reopened on Monday after eleven weeks of repairs."
        retries = PageRetryStore(pipeline.db)
        assert await retries.get(first.new_ids) == {bridge.id: PageRetry(1, NOW + timedelta(minutes=30))}
        async with Fetcher(CONFIG) as fetcher:
            clock.advance(timedelta(minutes=20))  # not yet
            early = await pipeline.ingest([feed], fetcher)
            assert early.updated == 0 and site.hits("/news/bridge") == 1
            clock.advance(timedelta(minutes=15))
            due = await pipeline.ingest([feed], fetcher)
        assert due.updated == 1 and due.added == 0 and site.hits("/news/bridge") == 2
        assert "forty-two steel cables" in (await pipeline.articles.get(bridge.id)).text  # type: ignore[union-attr]
        assert await retries.count() == 0  # completed: off the list
    finally:
        await after.close()
