"""Aggregator feeds ("news about X" from a news search): each item's outlet is the one its RSS <source> names, not
the aggregator; a title ending in that outlet's name loses it; the feed stays the source the channel reads."""

from __future__ import annotations

from datetime import UTC, datetime

from aiohttp import web
from ingest_server import serving

from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.fetch import Fetcher
from bot.ingest.normalise import build_all
from bot.ingest.sources import read_source
from bot.models import SourceRef
from bot.outlets import outlet_count, site_key

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
CONFIG = IngestConfig()
REDIRECT = "https://news.google.com/rss/articles/CBMiQWh0dHBzOi8vZXhhbXBsZQ{n}?oc=5"


def _item(n: int, title: str, outlet: str, home: str) -> str:
    link = REDIRECT.format(n=n)
    return (f"<item><title>{title} - {outlet}</title><link>{link}</link>"
            f'<guid isPermaLink="false">CBMi{n}</guid><pubDate>Tue, 24 Nov 2026 08:0{n}:00 GMT</pubDate>'
            f'<description>&lt;a href="{link}" target="_blank"&gt;{title}&lt;/a&gt;&amp;nbsp;&amp;nbsp;'
            f'&lt;font color="#6f6f6f"&gt;{outlet}&lt;/font&gt;</description>'
            f'<source url="{home}">{outlet}</source></item>')


AGGREGATED = ("<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel>"
              "<title>\"ferry strike\" - News Search</title><link>https://news.google.com/</link>"
              + _item(1, "Ferry crews walk out over rota changes", "Lindholt Courier", "https://www.courier.example")
              + _item(2, "Island ferries stop as crews strike", "Bay Herald", "https://bayherald.example")
              + "</channel></rss>").encode()


def _articles(data: bytes, source: str = "https://news.google.com/rss/search?q=ferry") -> list[tuple[str, str]]:
    parsed = parse_feed(data, base=source)
    articles, problems = build_all(parsed.entries, source=source, input_name=source, now=NOW, config=CONFIG)
    assert not [p for p in problems if not p.kept], problems
    return [(a.title, a.outlet) for a in articles]


def test_each_item_names_the_outlet_its_source_element_gives() -> None:
    assert _articles(AGGREGATED) == [("Ferry crews walk out over rota changes", "Lindholt Courier"),
                                     ("Island ferries stop as crews strike", "Bay Herald")]


def test_a_title_ending_in_another_name_keeps_it() -> None:
    data = AGGREGATED.replace(b"rota changes - Lindholt Courier", b"rota changes - union says")
    assert _articles(data)[0] == ("Ferry crews walk out over rota changes - union says", "Lindholt Courier")


def test_the_description_repeating_title_and_outlet_is_not_stored_with_the_outlet_name() -> None:
    parsed = parse_feed(AGGREGATED, base="https://news.google.com/rss/search?q=ferry")
    articles, _ = build_all(parsed.entries, source="s", input_name="s", now=NOW, config=CONFIG)
    assert [a.text for a in articles] == ["Ferry crews walk out over rota changes",
                                          "Island ferries stop as crews strike"]


def test_a_source_element_with_only_an_address_names_its_host() -> None:
    data = AGGREGATED.replace(b'<source url="https://bayherald.example">Bay Herald</source>',
                              b'<source url="https://www.bayherald.example/"></source>')
    assert _articles(data)[1][1] == "bayherald.example"


def test_an_ordinary_feed_still_names_itself() -> None:
    data = (b"<rss version='2.0'><channel><title>Harbour Gazette</title><item><title>Quay wall repaired</title>"
            b"<link>https://gazette.example/quay</link><description>Work on the quay wall ended on Monday."
            b"</description></item></channel></rss>")
    assert _articles(data, "https://gazette.example/rss") == [("Quay wall repaired", "Harbour Gazette")]


def test_items_behind_one_aggregator_link_host_count_as_their_outlets() -> None:
    refs = [SourceRef(f"a{n}", name, REDIRECT.format(n=n), "t", NOW)
            for n, name in enumerate(["Lindholt Courier", "Bay Herald", "Lindholt Courier"])]
    assert outlet_count(refs) == 2
    assert site_key(REDIRECT.format(n=1), "Bay Herald") != site_key(REDIRECT.format(n=2), "Lindholt Courier")


def test_an_ordinary_google_page_is_still_one_site() -> None:
    assert site_key("https://news.google.com/topics/abc", "A") == site_key("https://www.google.com/x", "B")


async def test_the_feed_stays_the_source_the_channel_reads() -> None:
    async def answer(request: web.Request) -> web.Response:
        return web.Response(body=AGGREGATED, content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/rss/search", answer)
    config = IngestConfig(allow_private_networks=True)
    async with serving(app) as port, Fetcher(config) as fetcher:
        url = f"http://127.0.0.1:{port}/rss/search"
        result = await read_source(url, fetcher=fetcher, config=config, now=NOW)
    assert result.error is None, result.error
    assert {a.source for a in result.articles} == {url}
    assert [a.outlet for a in result.articles] == ["Lindholt Courier", "Bay Herald"]


def test_a_click_tracking_link_carrying_the_address_gives_the_article_its_own_link() -> None:
    data = (b"<rss version='2.0'><channel><title>Ferry - News Search</title><item><title>Crews strike</title>"
            b"<link>http://www.bing.com/news/apiclick.aspx?ref=FexRss&amp;aid=&amp;tid=X1&amp;"
            b"url=https%3a%2f%2fbayherald.example%2fnews%2fcrews-strike&amp;c=1</link>"
            b"<description>Ferry crews stopped work on Tuesday morning.</description>"
            b"<source url='https://bayherald.example'>Bay Herald</source></item></channel></rss>")
    parsed = parse_feed(data, base="https://www.bing.com/news/search?q=ferry&format=rss")
    [article], _ = build_all(parsed.entries, source="s", input_name="s", now=NOW, config=CONFIG)
    assert (article.url, article.outlet) == ("https://bayherald.example/news/crews-strike", "Bay Herald")


def test_a_google_news_cluster_description_lists_other_outlets_headlines_and_is_not_the_text() -> None:
    link = REDIRECT.format(n=7)
    cluster = (f'&lt;ol&gt;&lt;li&gt;&lt;a href="{link}"&gt;Ferry crews walk out&lt;/a&gt;&amp;nbsp;&amp;nbsp;'
               '&lt;font color="#6f6f6f"&gt;Lindholt Courier&lt;/font&gt;&lt;/li&gt;&lt;li&gt;&lt;a href="'
               f'{REDIRECT.format(n=8)}"&gt;Port says talks go on&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font '
               'color="#6f6f6f"&gt;Bay Herald&lt;/font&gt;&lt;/li&gt;&lt;li&gt;&lt;strong&gt;&lt;a href="https://'
               'news.google.com/stories/X"&gt;View Full Coverage on Google News&lt;/a&gt;&lt;/strong&gt;&lt;/li&gt;'
               '&lt;/ol&gt;')
    data = (f"<rss version='2.0'><channel><title>Top stories - News</title><item><title>Ferry crews walk out - "
            f"Lindholt Courier</title><link>{link}</link><description>{cluster}</description>"
            "<source url='https://courier.example'>Lindholt Courier</source></item></channel></rss>").encode()
    parsed = parse_feed(data, base="https://news.google.com/rss")
    [article], _ = build_all(parsed.entries, source="s", input_name="s", now=NOW, config=CONFIG)
    assert (article.title, article.text, article.outlet) == ("Ferry crews walk out", "Ferry crews walk out",
                                                             "Lindholt Courier")


def test_an_atom_entrys_source_names_its_outlet_by_title_else_by_its_links_host() -> None:
    data = (b"<feed xmlns='http://www.w3.org/2005/Atom'><title>Harbour Planet</title>"
            b"<entry><id>p1</id><title>Quay wall repaired</title><link href='https://b.example/quay'/>"
            b"<summary>Work on the quay wall ended on Monday.</summary><source><id>urn:b</id><title>Quay Blog</title>"
            b"<link rel='alternate' href='https://b.example/'/></source></entry>"
            b"<entry><id>p2</id><title>Ferry timetable</title><link href='https://www.c.example/ferry'/>"
            b"<summary>The winter ferry timetable starts next week.</summary><source>"
            b"<link rel='alternate' href='https://www.c.example/'/></source></entry></feed>")
    assert _articles(data, "https://planet.example/atom") == [("Quay wall repaired", "Quay Blog"),
                                                              ("Ferry timetable", "c.example")]
